import GlanceAPI
import TerminalKit

/// Writes that are not property edits: delete, tags, deactivate/reactivate. Each asks first
/// where it cannot be undone, and afterwards the image is read again rather than guessed.
extension Update {
    static func askToDelete(_ state: inout AppState) -> [Effect] {
        guard let image = state.screen == .detail ? state.detail?.image : state.selectedImage else { return [] }
        let name = image.name ?? image.id
        let question = image.isProtected == true
            ? Confirmation(question: "u lifts the protection and deletes it, any other key keeps it: \(name) is protected, "
                               + "and protection must be lifted before an image can be deleted",
                           action: .unprotectAndDelete(imageID: image.id, name: name), confirmKey: "u")
            : Confirmation(question: "y deletes it, any other key keeps it: delete \(name) (\(image.id.prefix(8)))? It cannot be undone",
                           action: .delete(imageID: image.id, name: name))
        return askAfterCheckingUse(&state, [image], .confirmation(question))
    }

    static func askToToggleActive(_ state: inout AppState) -> [Effect] {
        guard let image = state.screen == .detail ? state.detail?.image : state.selectedImage else { return [] }
        let name = image.name ?? image.id
        switch image.status {
        case "active":
            return askAfterCheckingUse(&state, [image], .confirmation(Confirmation(
                question: "y deactivates it, any other key keeps it: deactivate \(name)? Its data cannot be downloaded until reactivated",
                action: .setActive(imageID: image.id, name: name, active: false))))
        case "deactivated":
            state.confirmation = Confirmation(question: "y reactivates it, any other key keeps it: reactivate \(name)?",
                                              action: .setActive(imageID: image.id, name: name, active: true))
        default:
            state.notice = "Only active images can be deactivated, and only deactivated ones reactivated (\(name) is \(image.status))"
        }
        return []
    }

    static func confirmationKey(_ state: inout AppState, _ confirmation: Confirmation, _ key: Key) -> [Effect] {
        state.confirmation = nil
        guard key == .char(confirmation.confirmKey) else {
            state.notice = "Nothing was changed"
            return []
        }
        switch confirmation {
        case .transfer(let step, _, _): return confirmedTransferStep(&state, step)
        case .batch(let plan): return startBatch(&state, plan)
        case .undo(let undo): return confirmedUndo(&state, undo)
        case .clearCache(let target, _): return confirmedClearCache(&state, target)
        case .overwriteExport(let path, _): return export(&state, to: path, overwrite: true)
        case .prepared(let batch, _):
            _ = state.batches.makeID()
            return launch(&state, batch)
        case .image(let action, _, _): return perform(&state, action)
        }
    }

    static func perform(_ state: inout AppState, _ action: ImageAction) -> [Effect] {
        let id = state.makeRequestID()
        state.requestsInFlight.insert(id)
        return [.performAction(id, action, seen: seenImage(state, action.imageID))]
    }

    /// The freshest copy of an image the user is looking at: the open pane's, else the list's.
    static func seenImage(_ state: AppState, _ id: String) -> Image? {
        if let image = state.detail?.image, image.id == id { return image }
        if let image = state.members?.image, image.id == id { return image }
        if let image = state.editor?.plan?.loaded, image.id == id { return image }
        return state.catalog.images.first { $0.id == id }
    }

    static func actionDone(_ state: inout AppState, _ id: RequestID, _ action: ImageAction) -> [Effect] {
        state.requestsInFlight.remove(id)
        // The status bar shows an error before a notice: an earlier failure must not hide that
        // this write worked.
        state.lastError = nil
        switch action {
        case .delete(let imageID, let name), .unprotectAndDelete(let imageID, let name):
            state.notice = "Deleted \(name)"
            if state.detail?.imageID == imageID { state.detail = nil; state.screen = .list }
            if state.editor?.imageID == imageID { state.editor = nil; state.screen = .list }
            if let i = state.catalog.images.firstIndex(where: { $0.id == imageID }) {
                state.catalog.images.remove(at: i)
                state.catalog.searchKeys.remove(at: i)
                // The old rows index the old array (the last of them is now past its end): the
                // cursor stays where it was, on the image that moved up into the gap.
                rebuildRows(&state, keeping: nil)
            }
            return []
        case .setTag(let imageID, let tag, let present):
            state.notice = present ? "Tag \(tag) added" : "Tag \(tag) removed"
            if state.editor?.imageID == imageID {
                state.editor?.message = state.notice
                state.editor?.messageIsError = false
            }
            return refreshAfterWrite(&state, imageID)
        case .setActive(let imageID, let name, let active):
            state.notice = active ? "Reactivated \(name)" : "Deactivated \(name)"
            return refreshAfterWrite(&state, imageID)
        case .addMember(let imageID, let name, let project, let makeShared):
            state.notice = (makeShared ? "\(name) is shared now; " : "") + "added \(project): it sees the image as pending until it accepts"
            if makeShared {
                state.members?.image.fields["visibility"] = .string("shared")
                state.members?.image.visibility = "shared"
            }
            return afterMembersChange(&state, imageID)
        case .removeMember(let imageID, let name, let member):
            state.notice = "Removed \(member) from \(name)"
            return afterMembersChange(&state, imageID)
        case .setVisibility(let imageID, let name, let visibility):
            state.notice = "\(name) is \(visibility) now"
            state.members?.image.fields["visibility"] = .string(visibility)
            state.members?.image.visibility = ImageVisibility(raw: visibility)
            return afterMembersChange(&state, imageID)
        case .setMemberStatus(let imageID, let name, _, let status):
            state.notice = switch status {
            case "accepted": "Accepted \(name): it is in your project's default list now"
            case "rejected": "Rejected \(name): it is left out of your lists"
            default: "\(name) is pending again"
            }
            return refreshAfterWrite(&state, imageID) + recountShared(&state)
        }
    }

    static func actionFailed(_ state: inout AppState, _ id: RequestID, _ action: ImageAction, _ error: APIError) -> [Effect] {
        state.requestsInFlight.remove(id)
        let what: String = switch action {
        case .delete(_, let name), .unprotectAndDelete(_, let name): "Could not delete \(name)"
        case .setTag(_, let tag, let present): present ? "Could not add tag \(tag)" : "Could not remove tag \(tag)"
        case .setActive(_, let name, let active): (active ? "Could not reactivate " : "Could not deactivate ") + name
        case .setMemberStatus(_, let name, _, let status): "Could not mark \(name) \(status)"
        case .addMember(_, let name, let project, _): "Could not add \(project) to \(name)"
        case .removeMember(_, let name, let member): "Could not remove \(member) from \(name)"
        case .setVisibility(_, let name, let visibility): "Could not make \(name) \(visibility)"
        }
        var hint = ""
        if case .setActive = action, error.status == 403 {
            hint = " — deactivating and reactivating are for admins under Glance's default policy"
        }
        state.lastError = "\(what): \(error.userMessage)\(hint)"
        if state.members?.image.id == action.imageID {
            state.members?.message = state.lastError
            state.members?.messageIsError = true
            return reloadMembers(&state) + refreshAfterWrite(&state, action.imageID)
        }
        if state.editor != nil, case .setTag = action {
            state.editor?.message = state.lastError
            state.editor?.messageIsError = true
        }
        return refreshAfterWrite(&state, action.imageID)
    }

    /// A/R/P: answer an offer another project made to mine. Only for images shared with me.
    static func answerShare(_ state: inout AppState, _ status: String) -> [Effect] {
        guard let image = state.screen == .detail ? state.detail?.image : state.selectedImage,
              let project = state.session?.projectID else { return [] }
        let name = image.name ?? image.id
        guard image.visibility == "shared", image.owner != project else {
            state.notice = image.owner == project
                ? "\(name) is your project's own image: members answer offers, owners add members (m)"
                : "\(name) is not shared (it is \(image.visibility ?? "of unknown visibility")): there is no offer to answer"
            return []
        }
        return perform(&state, .setMemberStatus(imageID: image.id, name: name, member: project, status: status))
    }

    static func recountShared(_ state: inout AppState) -> [Effect] {
        guard state.catalog.sharedWithMe, let project = state.session?.projectID else { return [] }
        return [.countSharedImages(state.makeRequestID(), projectID: project)]
    }

    static func afterMembersChange(_ state: inout AppState, _ imageID: String) -> [Effect] {
        if state.members?.image.id == imageID {
            state.members?.message = state.notice
            state.members?.messageIsError = false
            return reloadMembers(&state) + refreshAfterWrite(&state, imageID)
        }
        return refreshAfterWrite(&state, imageID)
    }

    /// Reads the image again after a write (or a refused one) so every pane shows what the server has.
    static func refreshAfterWrite(_ state: inout AppState, _ imageID: String) -> [Effect] {
        var effects: [Effect] = []
        if var editor = state.editor, editor.imageID == imageID, editor.phase == .editing {
            let id = state.makeRequestID()
            state.requestsInFlight.insert(id)
            editor.phase = .refreshing(id)
            state.editor = editor
            effects.append(.loadImage(id, imageID: imageID))
        }
        if state.detail?.imageID == imageID { effects += refreshDetail(&state) }
        if state.session != nil { effects += startListing(&state) }
        return effects
    }
}
