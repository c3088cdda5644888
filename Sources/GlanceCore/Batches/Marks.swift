import GlanceAPI

/// The images marked for a batch, by id, so marks survive scrolling, sorting, refreshes and
/// filters: a row that scrolls away or is filtered out stays marked. The copy of each image
/// last loaded is kept too, since a batch plans, and guards, from what the user saw.
public struct Marks: Equatable, Sendable {
    public private(set) var seen: [String: Image] = [:]

    public init() {}

    public var ids: Set<String> { Set(seen.keys) }
    public var count: Int { seen.count }
    public var isEmpty: Bool { seen.isEmpty }
    public func contains(_ id: String) -> Bool { seen[id] != nil }

    public mutating func toggle(_ image: Image) {
        if seen.removeValue(forKey: image.id) == nil { seen[image.id] = image }
    }

    public mutating func mark<S: Sequence<Image>>(_ images: S) {
        for image in images { seen[image.id] = image }
    }

    public mutating func clear() { seen = [:] }

    /// Within the rows shown: the marked ones unmarked, the others marked. Marks on rows not
    /// shown (filtered away) stay as they are.
    public mutating func invert<S: Sequence<Image>>(within shown: S) {
        for image in shown { toggle(image) }
    }

    /// Newer copies of marked images, as a listing brings them.
    public mutating func refresh<S: Sequence<Image>>(_ loaded: S) {
        for image in loaded where seen[image.id] != nil { seen[image.id] = image }
    }

    /// Drops the marks of images known to be gone from the server; how many went.
    @discardableResult
    public mutating func drop<S: Sequence<String>>(gone: S) -> Int {
        var dropped = 0
        for id in gone where seen.removeValue(forKey: id) != nil { dropped += 1 }
        return dropped
    }

    /// The marked images, those in `order` first and in its order (the list as shown), then
    /// the rest (filtered away) by name.
    public func images(inOrderOf order: [Image]) -> [Image] {
        let shown = order.filter { seen[$0.id] != nil }.map { seen[$0.id] ?? $0 }
        let shownIDs = Set(shown.map(\.id))
        let rest = seen.values.filter { !shownIDs.contains($0.id) }.sorted { ($0.displayName, $0.id) < ($1.displayName, $1.id) }
        return shown + rest
    }
}
