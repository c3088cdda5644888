import GlanceAPI

public struct BatchID: Hashable, Sendable, CustomStringConvertible {
    public let value: Int
    public init(_ value: Int) { self.value = value }
    public var description: String { "batch \(value)" }
}

/// One write over a set of images, as the batch pane shows it: a row per image, from waiting
/// to done, skipped (why), conflict (what changed) or failed (the server's sentence).
public struct Batch: Equatable, Sendable, Identifiable {
    public struct Row: Equatable, Sendable {
        public var imageID: String
        public var name: String
        /// Nil while waiting or running.
        public var outcome: BatchOutcome?
        public init(imageID: String, name: String, outcome: BatchOutcome? = nil) {
            self.imageID = imageID
            self.name = name
            self.outcome = outcome
        }
    }

    public var id: BatchID
    /// "tag +release", "undo hide".
    public var title: String
    /// What was sent for each row, in order: a retry sends a row's item again.
    public var items: [BatchItem]
    public var rows: [Row]
    /// The batch this one undoes, if it is an undo.
    public var undoing: BatchID?
    public var cancelRequested = false
    public var finished = false

    public init(id: BatchID, title: String, items: [BatchItem], undoing: BatchID? = nil) {
        self.id = id
        self.title = title
        self.items = items
        rows = items.map { Row(imageID: $0.imageID, name: $0.name) }
        self.undoing = undoing
    }

    public var done: Int { rows.filter { if case .done? = $0.outcome { true } else { false } }.count }
    public var ended: Int { rows.filter { $0.outcome != nil }.count }
    public var failures: [Row] { rows.filter { $0.outcome?.isFailure == true } }
    public var isRunning: Bool { !finished }

    /// "tag +release: 37 of 40 done, 2 skipped, 1 conflict" — the status bar and the pane's heading.
    public var summary: String {
        var counts: [String: Int] = [:]
        for row in rows {
            let word = switch row.outcome {
            case nil: "waiting"
            case .done?: "done"
            case .skipped?: "skipped"
            case .conflict?: "conflict"
            case .failed?: "failed"
            case .cancelled?: "cancelled"
            }
            counts[word, default: 0] += 1
        }
        let parts = ["done", "skipped", "conflict", "failed", "cancelled", "waiting"].compactMap { word in
            counts[word].map { "\($0) \(word)" }
        }
        return "\(title): " + parts.joined(separator: ", ") + (finished ? "" : " (running)")
    }

    /// The undo of this batch: the inverse of each write that was made, each guarded by what
    /// our write left, so a change made since is a conflict. Nil when nothing can be undone.
    public func undo(id newID: BatchID) -> Batch? {
        var items: [BatchItem] = []
        for (item, row) in zip(self.items, rows) {
            guard case .done(let before)? = row.outcome, let inverse = item.write.inverse(restoring: before) else { continue }
            var state = item.write.applied(to: before)
            for step in inverse where !step.changesNothing {
                items.append(BatchItem(step, on: state))
                state = step.applied(to: state)
            }
        }
        guard !items.isEmpty else { return nil }
        return Batch(id: newID, title: "undo " + title, items: items, undoing: id)
    }

    /// A new batch of the rows that failed or conflicted, guarded by `current` (the images as
    /// listed now: the user has seen the conflict and asks again).
    public func retry(id newID: BatchID, current: [String: Image]) -> Batch? {
        let items = zip(self.items, rows).compactMap { item, row -> BatchItem? in
            guard row.outcome?.isFailure == true else { return nil }
            return current[item.imageID].map { BatchItem(item.write, on: $0) } ?? item
        }
        return items.isEmpty ? nil : Batch(id: newID, title: "retry " + title, items: items)
    }
}

extension ImageWrite {
    /// An inverse with nothing left in it (tags neither added nor removed).
    var changesNothing: Bool {
        switch self {
        case .tags(let add, let remove): add.isEmpty && remove.isEmpty
        case .properties(let set, let unset): set.isEmpty && unset.isEmpty
        default: false
        }
    }
}
