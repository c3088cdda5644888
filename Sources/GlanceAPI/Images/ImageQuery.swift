/// A server-side image listing query: every list parameter of the Image API v2.
/// Built and validated by the command line, turned into query items here.
public struct ImageQuery: Sendable, Equatable, Hashable {
    public enum Visibility: String, Sendable, CaseIterable { case `public`, `private`, shared, community, all }
    public enum MemberStatus: String, Sendable, CaseIterable { case accepted, pending, rejected, all }
    public enum Comparison: String, Sendable, CaseIterable { case gt, gte, lt, lte, eq, neq }
    public enum SortDirection: String, Sendable, CaseIterable { case asc, desc }
    /// The keys Glance sorts by (glance/api/v2/images.py `_available_sort_keys`); any other is a 400.
    public enum SortKey: String, Sendable, CaseIterable {
        case name, status, container_format, disk_format, size, id, created_at, updated_at
    }
    /// How the server wants sorting spelled: `sort=k:d,...` or the older repeated `sort_key`/`sort_dir`.
    /// How the server wants sorting asked: `sort=k:d` (v2.3 on), `sort_key`/`sort_dir` (older
    /// Glance), or `sort-key`/`sort-dir` (some vendors' v2, after the v1 spelling).
    public enum SortSyntax: Sendable { case modern, legacy, hyphenated }

    public struct TimeFilter: Sendable, Equatable, Hashable {
        public var comparison: Comparison
        /// ISO 8601 with a time zone, as Glance parses it.
        public var time: String
        public init(_ comparison: Comparison, _ time: String) {
            self.comparison = comparison
            self.time = time
        }
    }

    public struct Sort: Sendable, Equatable, Hashable {
        public var key: SortKey
        public var direction: SortDirection
        public init(_ key: SortKey, _ direction: SortDirection) {
            self.key = key
            self.direction = direction
        }
    }

    public var name: String?
    public var status: String?
    public var visibility: Visibility?
    public var memberStatus: MemberStatus?
    public var owner: String?
    /// Conjunctive: an image must carry every tag.
    public var tags: [String] = []
    public var sizeMin: Int64?
    public var sizeMax: Int64?
    public var createdAt: [TimeFilter] = []
    public var updatedAt: [TimeFilter] = []
    /// Hidden images are left out unless this is true (then only hidden ones are listed).
    public var hidden: Bool?
    public var isProtected: Bool?
    public var ids: [String] = []
    public var diskFormat: String?
    public var containerFormat: String?
    /// `changes-since=TIME`: images changed since then (Image v1 and some vendors' v2).
    public var changesSince: String?
    /// Extra properties, matched exactly (Glance compares their string values).
    public var properties: [String: String] = [:]
    public var sort: [Sort] = []

    public init() {}

    public var isEmpty: Bool { self == ImageQuery() }
    /// Whether anything narrows the listing (sorting alone does not).
    public var hasFilters: Bool {
        var unsorted = self
        unsorted.sort = []
        return !unsorted.isEmpty
    }

    public func queryItems(sortSyntax: SortSyntax = .modern) -> [QueryItem] {
        var items: [QueryItem] = []
        if let name { items.append(QueryItem("name", Self.equality(name))) }
        if let status { items.append(QueryItem("status", status)) }
        if let visibility { items.append(QueryItem("visibility", visibility.rawValue)) }
        if let memberStatus { items.append(QueryItem("member_status", memberStatus.rawValue)) }
        if let owner { items.append(QueryItem("owner", owner)) }
        for tag in tags { items.append(QueryItem("tag", tag)) }
        if let sizeMin { items.append(QueryItem("size_min", String(sizeMin))) }
        if let sizeMax { items.append(QueryItem("size_max", String(sizeMax))) }
        for f in createdAt { items.append(QueryItem("created_at", "\(f.comparison.rawValue):\(f.time)")) }
        for f in updatedAt { items.append(QueryItem("updated_at", "\(f.comparison.rawValue):\(f.time)")) }
        if let hidden { items.append(QueryItem("os_hidden", hidden ? "true" : "false")) }
        if let isProtected { items.append(QueryItem("protected", isProtected ? "true" : "false")) }
        if !ids.isEmpty { items.append(QueryItem("id", "in:" + ids.map(Self.quotedListItem).joined(separator: ","))) }
        if let diskFormat { items.append(QueryItem("disk_format", diskFormat)) }
        if let containerFormat { items.append(QueryItem("container_format", containerFormat)) }
        if let changesSince { items.append(QueryItem("changes-since", changesSince)) }
        for key in properties.keys.sorted() { items.append(QueryItem(key, properties[key]!)) }
        switch (sortSyntax, sort.isEmpty) {
        case (_, true): break
        case (.modern, false):
            items.append(QueryItem("sort", sort.map { "\($0.key.rawValue):\($0.direction.rawValue)" }.joined(separator: ",")))
        case (.legacy, false):
            for s in sort { items.append(QueryItem("sort_key", s.key.rawValue)) }
            for s in sort { items.append(QueryItem("sort_dir", s.direction.rawValue)) }
        case (.hyphenated, false):
            for s in sort { items.append(QueryItem("sort-key", s.key.rawValue)) }
            for s in sort { items.append(QueryItem("sort-dir", s.direction.rawValue)) }
        }
        return items
    }

    /// Glance reads "op:value" in name filters, so a name with a colon ("ubuntu:22.04") would be
    /// taken for an operator; "eq:" makes the rest literal.
    static func equality(_ value: String) -> String {
        value.contains(":") ? "eq:" + value : value
    }

    /// Items of an `in:` list are split at commas unless double-quoted.
    static func quotedListItem(_ value: String) -> String {
        guard value.contains(",") || value.contains("\"") else { return value }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
