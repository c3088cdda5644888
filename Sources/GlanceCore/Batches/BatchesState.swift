import GlanceAPI

/// The batches of this session and the command log: what `:batches` and `:log` show, and what
/// `z` undoes.
public struct BatchesState: Equatable, Sendable {
    /// Oldest first; the pane shows the selected one (the newest unless chosen).
    public var batches: [Batch] = []
    public var selection: Int?
    public var rows = ListViewport()
    /// Every write of the session, oldest first.
    public var log: [WriteRecord] = []
    public var logCursor = ListViewport()
    /// Batches already undone, so `z` goes further back each time.
    public var undone: Set<BatchID> = []
    public var nextBatch = 1
    /// Images written at once (the settings' batch_concurrency).
    public var concurrency = 4

    public init() {}

    public var running: [Batch] { batches.filter(\.isRunning) }

    public var shown: Batch? {
        guard !batches.isEmpty else { return nil }
        return batches[min(selection ?? batches.count - 1, batches.count - 1)]
    }

    /// The newest finished batch with something to undo that is not undone yet (an undo is
    /// not itself undone by `z`: pressing it again goes further back).
    public var undoable: Batch? {
        batches.last { $0.finished && $0.undoing == nil && !undone.contains($0.id) && $0.done > 0
            && $0.items.contains { $0.write.isUndoable } }
    }

    public mutating func makeID() -> BatchID {
        defer { nextBatch += 1 }
        return BatchID(nextBatch)
    }

    public func index(of id: BatchID) -> Int? { batches.firstIndex { $0.id == id } }
}
