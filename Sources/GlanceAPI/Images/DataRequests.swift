import Foundation

/// Pure builders for moving image data (Image API v2 "image data" and "interoperable import").
public enum DataRequests {
    /// GET /file, from `offset` on when resuming.
    public static func download(_ endpoint: ImageEndpoint, id: String, offset: Int64 = 0) -> HTTPRequest {
        var request = HTTPRequest(method: .get, url: fileURL(endpoint, id, "file"))
        if offset > 0 { request.setHeader("Range", "bytes=\(offset)-") }
        return request
    }

    /// PUT /file: the body streams from disk. `store` picks a store when the cloud has several.
    public static func upload(_ endpoint: ImageEndpoint, id: String, store: String? = nil) -> HTTPRequest {
        var request = HTTPRequest(method: .put, url: fileURL(endpoint, id, "file"),
                                  headers: [("Content-Type", "application/octet-stream")])
        if let store { request.setHeader("X-Image-Meta-Store", store) }
        return request
    }

    /// PUT /stage: the first half of glance-direct.
    public static func stage(_ endpoint: ImageEndpoint, id: String) -> HTTPRequest {
        HTTPRequest(method: .put, url: fileURL(endpoint, id, "stage"),
                    headers: [("Content-Type", "application/octet-stream")])
    }

    /// POST /import with the method's body. `stores` nil means the default store.
    public static func importImage(_ endpoint: ImageEndpoint, id: String, method: ImportMethod,
                                   stores: [String]? = nil, allStoresMustSucceed: Bool = true) -> HTTPRequest {
        var methodBody: [String: JSONValue] = ["name": .string(method.name)]
        if case .webDownload(let uri) = method { methodBody["uri"] = .string(uri) }
        var body: [String: JSONValue] = ["method": .object(methodBody)]
        if let stores {
            body["stores"] = .array(stores.map(JSONValue.string))
            body["all_stores_must_succeed"] = .bool(allStoresMustSucceed)
        }
        return HTTPRequest(method: .post, url: fileURL(endpoint, id, "import"),
                           headers: [("Content-Type", "application/json"), ("Accept", "application/json")],
                           body: try? JSONEncoder().encode(JSONValue.object(body)))
    }

    public static func importInfo(_ endpoint: ImageEndpoint) -> HTTPRequest {
        HTTPRequest(method: .get, url: endpoint.v2 + "/info/import", headers: [("Accept", "application/json")])
    }

    public static func storesInfo(_ endpoint: ImageEndpoint) -> HTTPRequest {
        HTTPRequest(method: .get, url: endpoint.v2 + "/info/stores", headers: [("Accept", "application/json")])
    }

    /// `{"import-methods": {"value": [...]}}`.
    public static func decodeImportMethods(_ body: Data) -> [String] {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: body) else { return [] }
        return json.objectValue?["import-methods"]?.objectValue?["value"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// `{"stores": [{"id", "description", "default", "read-only"}]}`, and from /detail also
    /// `type`, `properties` and `weight`. Glance sends the flags as strings ("true").
    public static func decodeStores(_ body: Data) -> [ImageStore] {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: body),
              let list = json.objectValue?["stores"]?.arrayValue else { return [] }
        return list.compactMap { entry in
            guard let o = entry.objectValue, let id = o["id"]?.stringValue else { return nil }
            let isDefault = o["default"]?.looseBool ?? false
            return ImageStore(id: id, description: o["description"]?.stringValue, isDefault: isDefault,
                              isReadOnly: o["read-only"]?.looseBool ?? false, type: o["type"]?.stringValue,
                              properties: o["properties"]?.objectValue ?? [:], weight: o["weight"]?.looseInt)
        }
    }

    private static func fileURL(_ endpoint: ImageEndpoint, _ id: String, _ leaf: String) -> String {
        endpoint.v2 + "/images/" + QueryString.escapePathSegment(id) + "/" + leaf
    }
}

public enum ImportMethod: Sendable, Equatable {
    case glanceDirect
    case webDownload(uri: String)
    case copyImage

    public var name: String {
        switch self {
        case .glanceDirect: "glance-direct"
        case .webDownload: "web-download"
        case .copyImage: "copy-image"
        }
    }
}

/// A backend store from /v2/info/stores.
public struct ImageStore: Sendable, Equatable {
    public var id: String
    public var description: String?
    public var isDefault: Bool
    public var isReadOnly: Bool
    /// The driver ("file", "rbd", "swift", …): only /v2/info/stores/detail, for admins, tells it.
    public var type: String?
    /// The driver's settings as /detail lists them (a file store's data_dir, an rbd pool, …).
    public var properties: [String: JSONValue]
    /// Where Glance prefers to read from when an image is in several stores (higher first).
    public var weight: Int64?

    public init(id: String, description: String? = nil, isDefault: Bool = false, isReadOnly: Bool = false,
                type: String? = nil, properties: [String: JSONValue] = [:], weight: Int64? = nil) {
        self.id = id
        self.description = description
        self.isDefault = isDefault
        self.isReadOnly = isReadOnly
        self.type = type
        self.properties = properties
        self.weight = weight
    }
}

/// What the cloud offers for getting data in: import methods and stores (empty when it has
/// only one unnamed store or hides the information).
public struct ImportOptions: Sendable, Equatable {
    public var methods: [String]
    public var stores: [ImageStore]

    public init(methods: [String], stores: [ImageStore]) {
        self.methods = methods
        self.stores = stores
    }

    public var defaultStore: ImageStore? { stores.first(where: \.isDefault) }
}
