/// The images marked for a batch, by id, so marks survive scrolling, sorting, refreshes and
/// filters: a row that scrolls away or is filtered out stays marked.
public struct Marks: Equatable, Sendable {
    public private(set) var ids: Set<String> = []

    public init(_ ids: Set<String> = []) { self.ids = ids }

    public var count: Int { ids.count }
    public var isEmpty: Bool { ids.isEmpty }
    public func contains(_ id: String) -> Bool { ids.contains(id) }

    public mutating func toggle(_ id: String) {
        if ids.remove(id) == nil { ids.insert(id) }
    }

    public mutating func mark<S: Sequence<String>>(_ more: S) { ids.formUnion(more) }
    public mutating func unmark<S: Sequence<String>>(_ some: S) { ids.subtract(some) }
    public mutating func clear() { ids = [] }

    /// Within the rows shown: the marked ones unmarked, the others marked. Marks on rows not
    /// shown (filtered away) stay as they are.
    public mutating func invert<S: Sequence<String>>(within shown: S) {
        for id in shown { toggle(id) }
    }

    /// Drops the marks of images known to be gone from the server; how many went.
    @discardableResult
    public mutating func drop<S: Sequence<String>>(gone: S) -> Int {
        let before = ids.count
        ids.subtract(gone)
        return before - ids.count
    }
}
