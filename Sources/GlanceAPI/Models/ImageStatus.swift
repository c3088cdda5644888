/// A value the API documents a few of and servers invent more of: the documented ones are
/// cases, anything else is `other`, kept as sent. `init(raw:)` never puts a documented value in
/// `other`, so two values compare equal exactly when their texts do; a string literal reads as
/// `init(raw:)`.
public protocol DocumentedValue: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    static var documented: [Self] { get }
    static func other(_ raw: String) -> Self
    var rawValue: String { get }
}

extension DocumentedValue {
    public init(raw: String) { self = Self.documented.first { $0.rawValue == raw } ?? .other(raw) }
    public init(stringLiteral value: String) { self.init(raw: value) }
    public var description: String { rawValue }
}

/// An image's status.
public enum ImageStatus: DocumentedValue {
    case queued, saving, uploading, importing, active, deactivated, killed, deleted, pendingDelete
    case other(String)

    public static let documented: [ImageStatus] = [.queued, .saving, .uploading, .importing, .active, .deactivated,
                                                   .killed, .deleted, .pendingDelete]

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
}

/// Who may see an image.
public enum ImageVisibility: DocumentedValue {
    case `private`, shared, community, `public`
    case other(String)

    public static let documented: [ImageVisibility] = [.private, .shared, .community, .public]

    public var rawValue: String {
        switch self {
        case .private: "private"
        case .shared: "shared"
        case .community: "community"
        case .public: "public"
        case .other(let s): s
        }
    }
}
