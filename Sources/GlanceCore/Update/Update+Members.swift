import Foundation
import GlanceAPI
import TerminalKit

/// The owner's members pane: list, add (by project name or id), remove, and visibility.
extension Update {
    static func openMembers(_ state: inout AppState) -> [Effect] {
        guard let image = state.screen == .detail ? state.detail?.image : state.selectedImage else { return [] }
        if let project = state.session?.projectID, let owner = image.owner, owner != project {
            state.notice = "\(image.name ?? image.id) belongs to another project: only its owner manages members (A/R/P answer an offer)"
            return []
        }
        let id = state.makeRequestID()
        state.members = MembersState(image: image, loading: id)
        state.screen = .members
        guard image.visibility == "shared" else {
            // Glance answers 403 to listing members of anything but a shared image.
            state.members?.phase = .ready
            state.members?.message = "\(image.name ?? image.id) is \(image.visibility ?? "not shared"): only shared images have members. "
                + "a adds a project (making it shared first) · v changes the visibility"
            return []
        }
        state.requestsInFlight.insert(id)
        return [.loadMembers(id, imageID: image.id)]
    }

    static func membersLoaded(_ state: inout AppState, _ id: RequestID, _ entries: [MemberEntry]) -> [Effect] {
        state.requestsInFlight.remove(id)
        guard var pane = state.members, pane.phase == .loading(id) else { return [] }
        pane.members = entries.sorted { ($0.projectName ?? $0.member.memberID) < ($1.projectName ?? $1.member.memberID) }
        pane.phase = .ready
        pane.cursor.clamp(count: pane.members.count, height: ScreenLayout.editorRows(state.size))
        state.members = pane
        return []
    }

    static func membersLoadFailed(_ state: inout AppState, _ id: RequestID, _ error: APIError) -> [Effect] {
        state.requestsInFlight.remove(id)
        guard state.members?.phase == .loading(id) else { return [] }
        state.members?.phase = .failed(error.userMessage)
        return []
    }

    static func reloadMembers(_ state: inout AppState) -> [Effect] {
        guard let imageID = state.members?.image.id, state.members?.image.visibility == "shared" else {
            state.members?.members = []
            return []
        }
        let id = state.makeRequestID()
        state.requestsInFlight.insert(id)
        state.members?.phase = .loading(id)
        return [.loadMembers(id, imageID: imageID)]
    }

    static func closeMembers(_ state: inout AppState) -> [Effect] {
        if case .loading(let id)? = state.members?.phase { state.requestsInFlight.remove(id) }
        state.members = nil
        state.screen = state.detail == nil ? .list : .detail
        return []
    }

    /// nil when the pane does not take the key itself.
    static func membersKey(_ state: inout AppState, _ key: Key) -> [Effect]? {
        guard var pane = state.members else { return nil }
        let name = pane.image.name ?? pane.image.id
        switch pane.prompt {
        case .addMember(var line)?:
            switch line.handle(key) {
            case .cancel: pane.prompt = nil
            case .submit:
                let project = line.text.trimmingCharacters(in: .whitespaces)
                if let problem = memberInputProblem(project, pane: pane, state: state) {
                    pane.message = problem
                    pane.messageIsError = true
                } else if pane.image.visibility != "shared" {
                    pane.prompt = .confirmShare(project: project)
                } else {
                    pane.prompt = nil
                    state.members = pane
                    return perform(&state, .addMember(imageID: pane.image.id, name: name, project: project, makeShared: false))
                }
            default: pane.prompt = .addMember(line)
            }
        case .visibility(var line)?:
            switch line.handle(key) {
            case .cancel: pane.prompt = nil
            case .submit:
                let v = line.text.trimmingCharacters(in: .whitespaces).lowercased()
                guard Visibility.meanings.contains(where: { $0.0 == v }) else {
                    pane.message = "Visibility is one of " + Visibility.meanings.map(\.0).joined(separator: ", ")
                    pane.messageIsError = true
                    break
                }
                pane.prompt = nil
                state.members = pane
                return perform(&state, .setVisibility(imageID: pane.image.id, name: name, visibility: v))
            default: pane.prompt = .visibility(line)
            }
        case .confirmShare(let project)?:
            pane.prompt = nil
            if key == .char("y") {
                state.members = pane
                return perform(&state, .addMember(imageID: pane.image.id, name: name, project: project, makeShared: true))
            }
            pane.message = "Nothing was changed"
            pane.messageIsError = false
        case .confirmRemove(let entry)?:
            pane.prompt = nil
            if key == .char("y") {
                state.members = pane
                return perform(&state, .removeMember(imageID: pane.image.id, name: name, member: entry.member.memberID))
            }
            pane.message = "Nothing was changed"
            pane.messageIsError = false
        case nil:
            return nil
        }
        state.members = pane
        return []
    }

    static func membersAction(_ state: inout AppState, _ action: Action) -> [Effect] {
        guard var pane = state.members else { return [] }
        pane.message = nil
        switch action {
        case .addProperty:
            pane.prompt = .addMember(LineEditor())
            pane.message = "A project's name (when Keystone lets you list projects) or its id"
        case .removeProperty:
            guard pane.members.indices.contains(pane.cursor.cursor) else { return [] }
            pane.prompt = .confirmRemove(pane.members[pane.cursor.cursor])
        case .changeVisibility:
            pane.prompt = .visibility(LineEditor(pane.image.visibility?.rawValue ?? ""))
            pane.message = Visibility.meanings.map { "\($0.0): \($0.1)" }.joined(separator: " · ")
        case .leaveEditor:
            return closeMembers(&state)
        default:
            break
        }
        state.members = pane
        return []
    }

    /// Refused before sending: empty, a malformed id, or a project that is a member already.
    static func memberInputProblem(_ text: String, pane: MembersState, state: AppState) -> String? {
        if text.isEmpty { return "Give a project's name or id" }
        if text == state.session?.projectID || text == state.session?.projectName {
            return "That is the image's own project"
        }
        if pane.members.contains(where: { $0.member.memberID == text || $0.projectName == text }) {
            return "\(text) is a member already"
        }
        // Something that looks like an id must be a well-formed one; anything else is a name.
        let idLike = text.count >= 20 && text.allSatisfy { $0.isHexDigit || $0 == "-" }
        if idLike, !ProjectID.isWellFormed(text) { return "\(text) is not a project id (32 hexadecimal digits)" }
        return nil
    }
}
