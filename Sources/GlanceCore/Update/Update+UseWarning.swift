import Foundation
import GlanceAPI

/// Deleting or deactivating an image that servers boot from breaks their rebuilds and
/// evacuations: before such a question is asked, Compute is asked which of the images servers
/// use, and the question starts with the count.
extension Update {
    /// The question waiting for Compute's answer.
    public enum PendingQuestion: Equatable, Sendable {
        case confirmation(Confirmation)
        case typedCount(BatchPlan)
    }

    static func askAfterCheckingUse(_ state: inout AppState, _ images: [Image], _ pending: PendingQuestion) -> [Effect] {
        if let old = state.useCheck?.id { state.requestsInFlight.remove(old) }
        let id = state.makeRequestID()
        state.requestsInFlight.insert(id)
        state.useCheck = UseCheck(id: id, pending: pending)
        state.notice = "Asking Compute whether servers use \(images.count == 1 ? "it" : "them")…"
        return [.countServers(id, images)]
    }

    static func serversCounted(_ state: inout AppState, _ id: RequestID, _ check: UsageCheck, of ids: [String]) -> [Effect] {
        state.requestsInFlight.remove(id)
        guard let gate = state.useCheck, gate.id == id else { return [] }
        state.useCheck = nil
        state.notice = nil
        let (warning, note) = useWarning(check, ids)
        switch gate.pending {
        case .confirmation(let confirmation):
            state.confirmation = confirmation.warned(warning, note: note)
        case .typedCount(var plan):
            plan.warning = warning
            plan.note = note
            state.prompt.input = .typedConfirmation(plan, LineEditor())
        }
        return []
    }

    /// The warning said before the question ("IN USE: 2 servers boot from it"), and what could
    /// not be seen, said after it, so the question itself is never pushed off a narrow screen.
    static func useWarning(_ check: UsageCheck, _ ids: [String]) -> (warning: String?, note: String?) {
        if case .unavailable(let why) = check { return (nil, "whether servers use \(ids.count == 1 ? "it" : "them") is not known: \(why)") }
        let counts = ids.map { check.servers(using: $0) }
        let used = counts.compactMap { $0 }.filter { $0 > 0 }
        let unknown = counts.filter { $0 == nil }.count
        var warning: String?, note: String?
        if !used.isEmpty {
            let servers = used.reduce(0, +)
            warning = ids.count == 1 ? "IN USE: \(servers) server\(servers == 1 ? " boots" : "s boot") from it"
                : "IN USE: \(used.count) of \(ids.count) boot \(servers) server\(servers == 1 ? "" : "s")"
        }
        if unknown > 0 {
            let whose = unknown == ids.count ? (ids.count == 1 ? "its" : "their") : "\(unknown) image\(unknown == 1 ? "'s" : "s'")"
            note = whose + " use by other projects' servers cannot be seen"
        }
        return (warning, note)
    }
}

/// A question held back until Compute says which of its images servers use.
public struct UseCheck: Equatable, Sendable {
    public var id: RequestID
    public var pending: Update.PendingQuestion
}

extension Confirmation {
    /// The same question with the warning in front of it and the note after it.
    func warned(_ warning: String?, note: String? = nil) -> Confirmation {
        switch self {
        case .image(let action, let question, let key):
            return .image(action, question: (warning.map { "⚠ " + $0 + " — " } ?? "") + question + (note.map { " (" + $0 + ")" } ?? ""),
                          key: key)
        case .batch(var plan):
            plan.warning = warning
            plan.note = note
            return .batch(plan)
        default:
            return self
        }
    }
}
