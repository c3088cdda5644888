import Foundation

/// What GET /v2/tasks filters and sorts on. Glance checks each value before listing: a status
/// outside `TaskStatus.known`, a type other than "import" (so the "api_image_import" tasks of
/// interoperable import cannot be filtered by type), a sort key it does not know or a marker
/// that is not a UUID are all 400s.
public struct TaskQuery: Sendable, Equatable {
    public enum SortKey: String, Sendable, CaseIterable {
        case createdAt = "created_at", updatedAt = "updated_at", expiresAt = "expires_at"
        case id, type, status, owner
    }

    public var status: TaskStatus?
    public var type: String?
    /// Nil leaves Glance's default, created_at descending.
    public var sortKey: SortKey?
    public var ascending = false

    public init(status: TaskStatus? = nil, type: String? = nil, sortKey: SortKey? = nil, ascending: Bool = false) {
        self.status = status
        self.type = type
        self.sortKey = sortKey
        self.ascending = ascending
    }

    public var queryItems: [QueryItem] {
        var items: [QueryItem] = []
        if let status { items.append(QueryItem("status", status.rawValue)) }
        if let type { items.append(QueryItem("type", type)) }
        if let sortKey {
            items.append(QueryItem("sort_key", sortKey.rawValue))
            items.append(QueryItem("sort_dir", ascending ? "asc" : "desc"))
        }
        return items
    }
}

/// A page of tasks to ask for, as `PageRequest` is for images.
public enum TaskPageRequest: Sendable, Equatable {
    case first(query: TaskQuery, limit: Int?)
    case after(query: TaskQuery, marker: String, limit: Int?)
    /// The server's `next` link as sent (Glance keeps every parameter in it).
    case next(link: String)
}

/// Pure builders and decoders for Glance's tasks (admin only under the default policy).
public enum TasksRequests {
    public static func list(_ endpoint: ImageEndpoint, _ page: TaskPageRequest) -> HTTPRequest {
        let url: String
        switch page {
        case .first(let query, let limit):
            url = endpoint.v2 + "/tasks" + QueryString.encode(items(query.queryItems, limit: limit))
        case .after(let query, let marker, let limit):
            url = endpoint.v2 + "/tasks" + QueryString.encode(items(query.queryItems + [QueryItem("marker", marker)], limit: limit))
        case .next(let link):
            url = endpoint.resolve(link: link)
        }
        return HTTPRequest(method: .get, url: url, headers: [("Accept", "application/json")])
    }

    public static func show(_ endpoint: ImageEndpoint, id: String) -> HTTPRequest {
        HTTPRequest(method: .get, url: endpoint.v2 + "/tasks/" + QueryString.escapePathSegment(id),
                    headers: [("Accept", "application/json")])
    }

    /// GET /v2/images/{id}/tasks: Glance ≥ 21 (Wallaby). Older ones, and an image the user
    /// cannot see, answer 404.
    public static func ofImage(_ endpoint: ImageEndpoint, imageID: String) -> HTTPRequest {
        HTTPRequest(method: .get, url: endpoint.v2 + "/images/" + QueryString.escapePathSegment(imageID) + "/tasks",
                    headers: [("Accept", "application/json")])
    }

    /// `{"tasks": [...], "next": "/v2/tasks?…&marker=…", "first", "schema"}`.
    public static func decodePage(_ body: Data, url: String) throws(APIError) -> TaskPage {
        let list = try tasksArray(body, url: url)
        var page = TaskPage(tasks: [])
        for entry in list.entries {
            if let task = try? GlanceTask(json: entry) { page.tasks.append(task) } else { page.skippedEntries += 1 }
        }
        page.next = list.object["next"]?.stringValue
        return page
    }

    /// `{"tasks": [...]}`, entries that are not tasks left out.
    public static func decodeImageTasks(_ body: Data, url: String) throws(APIError) -> [GlanceTask] {
        try tasksArray(body, url: url).entries.compactMap { try? GlanceTask(json: $0) }
    }

    public static func decodeTask(_ body: Data, url: String) throws(APIError) -> GlanceTask {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: body) else {
            throw .malformedResponse("the task is not JSON", url: url)
        }
        do { return try GlanceTask(json: json) } catch {
            throw .malformedResponse(error == .missingID ? "the task has no id" : "the task is not a JSON object", url: url)
        }
    }

    private static func tasksArray(_ body: Data, url: String) throws(APIError) -> (object: [String: JSONValue], entries: [JSONValue]) {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: body), let o = json.objectValue else {
            throw .malformedResponse("the task list is not JSON", url: url)
        }
        guard let entries = o["tasks"]?.arrayValue else {
            throw .malformedResponse("the task list has no \"tasks\" array", url: url)
        }
        return (o, entries)
    }

    private static func items(_ items: [QueryItem], limit: Int?) -> [(String, String)] {
        items.map { ($0.name, $0.value) } + (limit.map { [("limit", String($0))] } ?? [])
    }
}
