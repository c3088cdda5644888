/// An image's status as the Image API documents it, and whatever else a server invents
/// (`other`), kept as sent. `init(raw:)` never puts a documented value in `other`, so two
/// statuses compare equal exactly when their texts do; a string literal reads as `init(raw:)`.
public enum ImageStatus: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    case queued, saving, uploading, importing, active, deactivated, killed, deleted, pendingDelete
    case other(String)

    public static let documented: [ImageStatus] = [.queued, .saving, .uploading, .importing, .active, .deactivated,
                                                   .killed, .deleted, .pendingDelete]

    public init(raw: String) {
        self = Self.documented.first { $0.rawValue == raw } ?? .other(raw)
    }

    public init(stringLiteral value: String) { self.init(raw: value) }

    public var rawValue: String {
        switch self {
        case .queued: "queued"
        case .saving: "saving"
        case .uploading: "uploading"
        case .importing: "importing"
        case .active: "active"
        case .deactivated: "deactivated"
        case .killed: "killed"
        case .deleted: "deleted"
        case .pendingDelete: "pending_delete"
        case .other(let s): s
        }
    }

    public var description: String { rawValue }
}

/// Who may see an image, as documented, or what a server sends instead (kept as sent).
public enum ImageVisibility: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    case `private`, shared, community, `public`
    case other(String)

    public static let documented: [ImageVisibility] = [.private, .shared, .community, .public]

    public init(raw: String) {
        self = Self.documented.first { $0.rawValue == raw } ?? .other(raw)
    }

    public init(stringLiteral value: String) { self.init(raw: value) }

    public var rawValue: String {
        switch self {
        case .private: "private"
        case .shared: "shared"
        case .community: "community"
        case .public: "public"
        case .other(let s): s
        }
    }

    public var description: String { rawValue }
}
