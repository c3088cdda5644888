/// One write to an image that is not a property editor's save: what a key or a `:` command
/// asks for, the same for one image or for every image of a marked set. Data, so that a batch,
/// its undo and the command log all speak of the same thing.
public enum ImageWrite: Sendable, Hashable {
    case tags(add: [String], remove: [String])
    /// Extra properties (strings, as Glance stores them) set and removed in one PATCH.
    case properties(set: [String: String], unset: [String])
    case hidden(Bool)
    case protected(Bool)
    /// Reactivate (true) or deactivate (false).
    case active(Bool)
    case visibility(String)
    /// The owner adds a project as a member (making the image shared first when it is not).
    case share(project: String)
    case unshare(project: String)
    /// The consumer's answer to an image shared with its project.
    case answer(MemberStatus)
    case delete
    /// Remove the image's data from one store, keeping it in the others (admin): the inverse of
    /// copying it there.
    case deleteFrom(store: String)
    /// Queue the image for Glance's image cache (true) or drop it from the cache and the queue.
    case cache(Bool)

    /// What the backend must conform to for this write.
    public var capability: ImageCapability {
        switch self {
        case .tags: .tags
        case .properties, .hidden: .edit
        case .protected: .protection
        case .active: .deactivate
        case .visibility: .visibility
        case .share, .unshare, .answer: .members
        case .delete: .delete
        case .deleteFrom: .deleteFromStore
        case .cache: .manageCache
        }
    }

    /// Whether the write can go ahead when its image is gone: a cache entry can outlive its
    /// image, and dropping it needs no image to guard (see `guardFrom`).
    public var appliesWithoutImage: Bool { self == .cache(false) }

    /// Whether the write is the owner's (or an admin's) to make, rather than the consumer's.
    public var isOwners: Bool {
        if case .answer = self { false } else { true }
    }

    /// A few words for confirmations, rows and the log: "tag +linux -old", "hide".
    public var summary: String {
        switch self {
        case .tags(let add, let remove):
            "tag " + (add.map { "+" + $0 } + remove.map { "-" + $0 }).joined(separator: " ")
        case .properties(let set, let unset):
            (set.keys.sorted().map { "set \($0)=\(set[$0]!)" } + unset.sorted().map { "unset \($0)" }).joined(separator: ", ")
        case .hidden(let hide): hide ? "hide" : "unhide"
        case .protected(let on): on ? "protect" : "unprotect"
        case .active(let on): on ? "reactivate" : "deactivate"
        case .visibility(let v): "visibility \(v)"
        case .share(let p): "share with \(p)"
        case .unshare(let p): "unshare from \(p)"
        case .answer(let status): status == .accepted ? "accept" : status == .rejected ? "reject" : "set back to \(status)"
        case .delete: "delete"
        case .deleteFrom(let store): "delete data from \(store)"
        case .cache(let on): on ? "cache" : "uncache"
        }
    }
}
