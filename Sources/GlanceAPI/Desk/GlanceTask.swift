import Foundation

/// Where a Glance task is in its life. Glance 33 knows four; anything else a server sends is kept
/// as sent (`other`) rather than dropped.
public enum TaskStatus: Sendable, Equatable, Hashable, CustomStringConvertible {
    case pending, processing, success, failure
    case other(String)

    /// The values Glance's `status` filter accepts (any other is a 400 "Invalid status value").
    public static let known: [TaskStatus] = [.pending, .processing, .success, .failure]

    public init(raw: String) {
        switch raw {
        case "pending": self = .pending
        case "processing": self = .processing
        case "success": self = .success
        case "failure": self = .failure
        default: self = .other(raw)
        }
    }

    public var rawValue: String {
        switch self {
        case .pending: "pending"
        case .processing: "processing"
        case .success: "success"
        case .failure: "failure"
        case .other(let s): s
        }
    }

    /// Whether Glance is done with it, either way.
    public var isFinished: Bool { self == .success || self == .failure }

    public var description: String { rawValue }
}

/// One Glance task: an import, copy or conversion Glance runs in the background.
///
/// GET /v2/tasks lists stubs (no input, result or message: `isStub`), GET /v2/tasks/{id} and
/// GET /v2/images/{id}/tasks give the whole task.
public struct GlanceTask: Sendable, Equatable {
    public var id: String
    /// "api_image_import" for interoperable imports, "import" for the old tasks API.
    public var type: String
    public var status: TaskStatus
    public var owner: String?
    /// Timestamps as sent, and parsed once at decode time (nil when absent or unreadable).
    /// GET /v2/images/{id}/tasks sends them without a zone ("2026-12-03T10:36:50.641946"): UTC.
    public var createdAt: String?
    public var updatedAt: String?
    public var expiresAt: String?
    public var created: Date?
    public var updated: Date?
    public var expires: Date?
    /// The progress or failure sentence ("Copied 1 MiB").
    public var message: String?
    /// What the task was asked to do, as sent; `.null` for a stub.
    public var input: JSONValue
    public var result: JSONValue?
    /// The image the task works on: its `image_id`, or the input's where the task has none.
    public var imageID: String?
    public var requestID: String?
    public var userID: String?
    public var isStub: Bool

    public init(id: String, type: String, status: TaskStatus, owner: String? = nil,
                createdAt: String? = nil, updatedAt: String? = nil, expiresAt: String? = nil,
                message: String? = nil, input: JSONValue = .null, result: JSONValue? = nil,
                imageID: String? = nil, requestID: String? = nil, userID: String? = nil, isStub: Bool = false) {
        self.id = id
        self.type = type
        self.status = status
        self.owner = owner
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.expiresAt = expiresAt
        created = createdAt.flatMap(ISOTime.parse)
        updated = updatedAt.flatMap(ISOTime.parse)
        expires = expiresAt.flatMap(ISOTime.parse)
        self.message = message
        self.input = input
        self.result = result
        self.imageID = imageID
        self.requestID = requestID
        self.userID = userID
        self.isStub = isStub
    }

    public enum DecodingError: Error, Equatable { case notAnObject, missingID }

    /// Tolerant decoding: only `id` is required; a non-string value is shown as its JSON text.
    public init(json: JSONValue) throws(DecodingError) {
        guard let o = json.objectValue else { throw .notAnObject }
        func string(_ key: String) -> String? {
            switch o[key] {
            case nil, .null?: nil
            case .string(let s)?: s
            case let other?: other.displayText
            }
        }
        guard let id = string("id"), !id.isEmpty else { throw .missingID }
        let input = o["input"] ?? .null
        let result: JSONValue? = switch o["result"] { case nil, .null?: nil; case let r?: r }
        self.init(id: id, type: string("type") ?? "", status: TaskStatus(raw: string("status") ?? "unknown"),
                  owner: string("owner"), createdAt: string("created_at"), updatedAt: string("updated_at"),
                  expiresAt: string("expires_at"), message: string("message"), input: input, result: result,
                  imageID: string("image_id") ?? input.objectValue?["image_id"]?.stringValue,
                  requestID: string("request_id"), userID: string("user_id"), isStub: o["input"] == nil)
    }
}

/// One page of GET /v2/tasks.
public struct TaskPage: Sendable, Equatable {
    public var tasks: [GlanceTask]
    /// The server's link to the next page; absent on the last one.
    public var next: String?
    public var skippedEntries: Int

    public init(tasks: [GlanceTask], next: String? = nil, skippedEntries: Int = 0) {
        self.tasks = tasks
        self.next = next
        self.skippedEntries = skippedEntries
    }
}
