/// The lost-update guard for writes other than the editor's save: what a write touches, as it
/// was when the user saw the image. Glance has no If-Match, so the image is read again just
/// before writing, and any difference is a conflict: nothing is sent, the other client's value
/// stays. The editor's `EditPlan.conflicts(with:)` does the same for a PATCH.
public struct WriteGuard: Sendable, Equatable {
    public enum Check: Sendable, Equatable {
        case tag(String, present: Bool)
        case field(String, JSONValue?)
        /// The copy seen holds no value for a touched key (a list row keeps no extra
        /// properties): then the image must not have changed at all since.
        case unchangedSince(String?)
    }

    public var checks: [Check]

    public init(checks: [Check]) { self.checks = checks }

    /// What changed of what the write touches, in words; empty when it may go ahead.
    public func conflicts(with current: Image) -> [String] {
        checks.compactMap { check in
            switch check {
            case .tag(let tag, let present):
                guard current.tags.contains(tag) != present else { return nil }
                return present ? "tag \(tag) was removed meanwhile" : "tag \(tag) was added meanwhile"
            case .field(let key, let seen):
                let now = Self.value(key, of: current)
                guard now != seen else { return nil }
                return "\(key) is now \(now?.displayText ?? "unset") (was \(seen?.displayText ?? "unset"))"
            case .unchangedSince(let seen):
                guard current.updatedAt != seen else { return nil }
                return "changed since you loaded it (updated \(current.updatedAt ?? "?"), was \(seen ?? "?"))"
            }
        }
    }

    static func value(_ key: String, of image: Image) -> JSONValue? {
        // `stores` is a core key without a typed field: it stays in `fields`, summaries included.
        if key == "stores" { return image.fields[key] }
        return image.isSummary || Image.coreKeys.contains(key) ? image.coreFields[key] : image.fields[key]
    }
}

extension ImageWrite {
    /// The guard for this write, from the copy of the image the user saw.
    public func guardFrom(_ seen: Image) -> WriteGuard {
        func field(_ key: String) -> WriteGuard.Check { .field(key, WriteGuard.value(key, of: seen)) }
        switch self {
        case .tags(let add, let remove):
            return WriteGuard(checks: (add + remove).map { .tag($0, present: seen.tags.contains($0)) })
        case .properties(let set, let unset):
            guard !seen.isSummary else { return WriteGuard(checks: [.unchangedSince(seen.updatedAt)]) }
            return WriteGuard(checks: Set(set.keys).union(unset).sorted().map(field))
        case .hidden: return WriteGuard(checks: [field("os_hidden")])
        case .protected: return WriteGuard(checks: [field("protected")])
        case .active: return WriteGuard(checks: [field("status")])
        case .visibility, .share, .unshare, .answer: return WriteGuard(checks: [field("visibility")])
        case .delete: return WriteGuard(checks: [.unchangedSince(seen.updatedAt)])
        // Where the data is: a store added or dropped meanwhile changes what "the others" are.
        case .deleteFrom: return WriteGuard(checks: [field("stores")])
        // Only an active image's data can be cached; the cache itself is no property of it.
        case .cache(true): return WriteGuard(checks: [field("status")])
        case .cache(false): return WriteGuard(checks: [])
        }
    }
}
