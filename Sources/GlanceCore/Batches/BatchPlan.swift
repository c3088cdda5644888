import GlanceAPI

/// What a batch will do before it does anything: the images it writes, those it leaves out
/// and why, and what confirms it — a key, or for a delete (which nothing undoes) the count
/// typed out.
public struct BatchPlan: Equatable, Sendable {
    public struct Skip: Equatable, Sendable {
        public var imageID: String
        public var name: String
        public var reason: String
    }

    public enum Confirm: Equatable, Sendable {
        case key(Character)
        case typedCount(Int)
    }

    public var write: ImageWrite
    public var items: [BatchItem]
    public var skipped: [Skip]
    public var confirm: Confirm
    /// Said before the question: servers boot from some of the images.
    public var warning: String?
    /// Said after it: what could not be checked.
    public var note: String?

    /// The plan for `write` over `targets` (in the order the list shows them), or why nothing
    /// can be done at all — said before anything is sent.
    public static func make(_ write: ImageWrite, targets: [Image], session: SessionInfo) -> Result<BatchPlan, CommandError> {
        if let refusal = session.refusal(write.capability) { return .failure(CommandError(refusal)) }
        // A write to a field the API does not expose (os_hidden through Compute's proxy) is
        // refused here, once, rather than failing on every image.
        if case .hidden = write, let why = session.unavailableFields["os_hidden"] {
            return .failure(CommandError("hiding images: os_hidden is \(why)"))
        }
        if case .visibility(let v) = write, !session.visibilities.contains(v) {
            return .failure(CommandError("\(session.api.longName) can make images only "
                                         + session.visibilities.joined(separator: " or ") + ", not \(v)"))
        }
        guard !targets.isEmpty else { return .failure(CommandError("Nothing marked or selected: Space marks images")) }
        let writer = ImageWrite.Writer(session)
        var items: [BatchItem] = [], skipped: [Skip] = []
        for image in targets {
            if let reason = write.skipReason(for: image, by: writer) {
                skipped.append(Skip(imageID: image.id, name: image.displayName, reason: reason))
            } else {
                items.append(BatchItem(write, on: image))
            }
        }
        guard !items.isEmpty else {
            return .failure(CommandError("Nothing to \(write.summary): " + describe(skipped, limit: 3)))
        }
        return .success(BatchPlan(write: write, items: items, skipped: skipped,
                                  confirm: write == .delete ? .typedCount(items.count) : .key("y")))
    }

    /// The confirmation's question: the count, the first images by name, what is left out.
    public var question: String {
        let names = items.prefix(3).map { $0.name.isEmpty ? $0.imageID : $0.name }
        var text = (warning.map { "⚠ " + $0 + " — " } ?? "") + "\(write.summary) on \(items.count) image\(items.count == 1 ? "" : "s") (" + names.joined(separator: ", ")
            + (items.count > 3 ? " and \(items.count - 3) more" : "") + ")"
        if !skipped.isEmpty { text += "; \(skipped.count) left out: " + Self.describe(skipped, limit: 2) }
        switch confirm {
        case .key(let key): text += " — \(key) runs it, any other key cancels"
        case .typedCount(let n): text += " — cannot be undone: type \(n) and Enter to delete, Esc cancels"
        }
        if let note { text += " (" + note + ")" }
        return text
    }

    static func describe(_ skipped: [Skip], limit: Int) -> String {
        skipped.prefix(limit).map { "\($0.name.isEmpty ? $0.imageID : $0.name) (\($0.reason))" }.joined(separator: ", ")
            + (skipped.count > limit ? " and \(skipped.count - limit) more" : "")
    }
}
