import Foundation

/// Metadata to send to the Image API v1: core fields (`name`, `disk_format`, `is_public`, …,
/// values as v1 spells them) and extra properties. `removedProperties` is what the client drops
/// before a purging PUT; v1 has no other way to remove a property.
public struct V1ImageMetadata: Sendable, Equatable {
    public var fields: [String: String]
    public var properties: [String: String]
    public var removedProperties: Set<String>

    public init(fields: [String: String] = [:], properties: [String: String] = [:], removedProperties: Set<String> = []) {
        self.fields = fields
        self.properties = properties
        self.removedProperties = removedProperties
    }

    public var isEmpty: Bool { fields.isEmpty && properties.isEmpty && removedProperties.isEmpty }

    /// `x-image-meta-*` and `x-image-meta-property-*` headers, sorted for stable requests.
    public var headers: [(name: String, value: String)] {
        fields.keys.sorted().map { ("x-image-meta-" + $0, fields[$0]!) }
            + properties.keys.sorted().map { ("x-image-meta-property-" + $0, properties[$0]!) }
    }

    /// The registry's JSON form: typed core fields and a `properties` object.
    public var registryJSON: JSONValue {
        var o: [String: JSONValue] = [:]
        for (key, value) in fields {
            switch key {
            case "size", "min_disk", "min_ram":
                o[key] = Int64(value).map { .number(Double($0)) } ?? .string(value)
            case "is_public", "protected":
                o[key] = ["true", "false"].contains(value.lowercased()) ? .bool(value.lowercased() == "true") : .string(value)
            default: o[key] = .string(value)
            }
        }
        o["properties"] = .object(properties.mapValues(JSONValue.string))
        return .object(o)
    }
}

/// The v1 list parameters: filters, one sort key, paging.
public struct V1ListQuery: Sendable, Equatable {
    public var name: String?
    public var status: String?
    public var diskFormat: String?
    public var containerFormat: String?
    public var sizeMin: Int64?
    public var sizeMax: Int64?
    /// ISO 8601; v1 then also lists deleted images changed since.
    public var changesSince: String?
    public var isPublic: Bool?
    /// Sent as `property-<key>=<value>`.
    public var properties: [String: String] = [:]
    public var sortKey: String?
    public var sortDir: String?
    public var limit: Int?
    public var marker: String?

    public init(name: String? = nil, status: String? = nil, diskFormat: String? = nil, containerFormat: String? = nil,
                sizeMin: Int64? = nil, sizeMax: Int64? = nil, changesSince: String? = nil, isPublic: Bool? = nil,
                properties: [String: String] = [:], sortKey: String? = nil, sortDir: String? = nil,
                limit: Int? = nil, marker: String? = nil) {
        self.name = name
        self.status = status
        self.diskFormat = diskFormat
        self.containerFormat = containerFormat
        self.sizeMin = sizeMin
        self.sizeMax = sizeMax
        self.changesSince = changesSince
        self.isPublic = isPublic
        self.properties = properties
        self.sortKey = sortKey
        self.sortDir = sortDir
        self.limit = limit
        self.marker = marker
    }

    public var queryItems: [(String, String)] {
        var items: [(String, String)] = []
        if let name { items.append(("name", name)) }
        if let status { items.append(("status", status)) }
        if let diskFormat { items.append(("disk_format", diskFormat)) }
        if let containerFormat { items.append(("container_format", containerFormat)) }
        if let sizeMin { items.append(("size_min", String(sizeMin))) }
        if let sizeMax { items.append(("size_max", String(sizeMax))) }
        if let changesSince { items.append(("changes-since", changesSince)) }
        if let isPublic { items.append(("is_public", V1Requests.flag(isPublic))) }
        for key in properties.keys.sorted() { items.append(("property-" + key, properties[key]!)) }
        if let sortKey { items.append(("sort_key", sortKey)) }
        if let sortDir { items.append(("sort_dir", sortDir)) }
        if let limit { items.append(("limit", String(limit))) }
        if let marker { items.append(("marker", marker)) }
        return items
    }
}

/// Pure builders for the Image API v1 (`base` is the v1 URL, "…:9292/v1") and the v1 registry
/// API (`registry` is its root, "…:9191"). Authentication is added by the sender.
public enum V1Requests {
    static func imageURL(_ base: String, _ id: String) -> String {
        trimmed(base) + "/images/" + QueryString.escapePathSegment(id)
    }

    /// python-glanceclient sent str(bool) and glance-api echoes the same; the server reads any case.
    public static func flag(_ value: Bool) -> String { value ? "True" : "False" }

    static func trimmed(_ url: String) -> String {
        var u = url
        while u.hasSuffix("/") { u.removeLast() }
        return u
    }

    /// GET /v1/images (brief) or /v1/images/detail.
    public static func list(_ base: String, detail: Bool = false, query: V1ListQuery = V1ListQuery()) -> HTTPRequest {
        HTTPRequest(method: .get, url: trimmed(base) + (detail ? "/images/detail" : "/images") + QueryString.encode(query.queryItems),
                    headers: [("Accept", "application/json")])
    }

    /// HEAD /v1/images/{id}: metadata only, in headers.
    public static func head(_ base: String, id: String) -> HTTPRequest {
        HTTPRequest(method: .head, url: imageURL(base, id))
    }

    /// GET /v1/images/{id}: the same headers, and the image data as the body.
    public static func show(_ base: String, id: String) -> HTTPRequest {
        HTTPRequest(method: .get, url: imageURL(base, id))
    }

    public static func create(_ base: String, metadata: V1ImageMetadata, data: Data? = nil) -> HTTPRequest {
        var headers = metadata.headers
        if data != nil { headers.append(("Content-Type", "application/octet-stream")) }
        headers.append(("Accept", "application/json"))
        return HTTPRequest(method: .post, url: trimmed(base) + "/images", headers: headers, body: data)
    }

    /// PUT /v1/images/{id}; with `purgeProperties` the properties sent replace all the image has.
    public static func update(_ base: String, id: String, metadata: V1ImageMetadata, purgeProperties: Bool = false,
                              data: Data? = nil) -> HTTPRequest {
        var headers = metadata.headers
        // Without the header glance-api v1 purges every property the PUT does not name.
        headers.append(("x-glance-registry-purge-props", purgeProperties ? "true" : "false"))
        if data != nil { headers.append(("Content-Type", "application/octet-stream")) }
        headers.append(("Accept", "application/json"))
        return HTTPRequest(method: .put, url: imageURL(base, id), headers: headers, body: data)
    }

    /// A PUT of is_public alone; the image's properties stay.
    public static func setPublic(_ base: String, id: String, _ isPublic: Bool) -> HTTPRequest {
        update(base, id: id, metadata: V1ImageMetadata(fields: ["is_public": flag(isPublic)]))
    }

    /// A PUT of protected alone; a protected image refuses DELETE (403).
    public static func setProtected(_ base: String, id: String, _ isProtected: Bool) -> HTTPRequest {
        update(base, id: id, metadata: V1ImageMetadata(fields: ["protected": flag(isProtected)]))
    }

    public static func delete(_ base: String, id: String) -> HTTPRequest {
        HTTPRequest(method: .delete, url: imageURL(base, id))
    }

    // MARK: Registry API (JSON)

    public static func registryList(_ registry: String, detail: Bool = false, query: V1ListQuery = V1ListQuery()) -> HTTPRequest {
        list(registry, detail: detail, query: query)
    }

    public static func registryShow(_ registry: String, id: String) -> HTTPRequest {
        HTTPRequest(method: .get, url: imageURL(registry, id), headers: [("Accept", "application/json")])
    }

    public static func registryCreate(_ registry: String, metadata: V1ImageMetadata) -> HTTPRequest {
        HTTPRequest(method: .post, url: trimmed(registry) + "/images",
                    headers: [("Content-Type", "application/json"), ("Accept", "application/json")],
                    body: try? JSONEncoder().encode(JSONValue.object(["image": metadata.registryJSON])))
    }

    public static func registryUpdate(_ registry: String, id: String, metadata: V1ImageMetadata,
                                      purgeProperties: Bool = false) -> HTTPRequest {
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json"), ("Accept", "application/json")]
        if purgeProperties { headers.append(("X-Glance-Registry-Purge-Props", "true")) }
        return HTTPRequest(method: .put, url: imageURL(registry, id), headers: headers,
                           body: try? JSONEncoder().encode(JSONValue.object(["image": metadata.registryJSON])))
    }

    public static func registryDelete(_ registry: String, id: String) -> HTTPRequest {
        HTTPRequest(method: .delete, url: imageURL(registry, id), headers: [("Accept", "application/json")])
    }
}
