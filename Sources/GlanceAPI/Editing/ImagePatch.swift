import Foundation

/// One JSON-patch operation of the kinds Glance accepts (add, remove, replace: no `test`).
public enum PatchOperation: Sendable, Equatable {
    case add(key: String, value: JSONValue)
    case replace(key: String, value: JSONValue)
    case remove(key: String)

    public var key: String {
        switch self {
        case .add(let k, _), .replace(let k, _), .remove(let k): k
        }
    }

    var json: JSONValue {
        switch self {
        case .add(let key, let value): .object(["op": .string("add"), "path": .string(JSONPointer.path(key)), "value": value])
        case .replace(let key, let value): .object(["op": .string("replace"), "path": .string(JSONPointer.path(key)), "value": value])
        case .remove(let key): .object(["op": .string("remove"), "path": .string(JSONPointer.path(key))])
        }
    }
}

/// RFC 6901: "~" is written "~0" and "/" is written "~1" inside a path segment.
public enum JSONPointer {
    public static func escape(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    public static func path(_ key: String) -> String { "/" + escape(key) }
}

extension ImagesRequests {
    public static let patchMediaType = "application/openstack-images-v2.1-json-patch"

    public static func patch(_ endpoint: ImageEndpoint, id: String, operations: [PatchOperation]) -> HTTPRequest {
        let body = JSONValue.array(operations.map(\.json))
        return HTTPRequest(method: .patch, url: endpoint.v2 + "/images/" + QueryString.escapePathSegment(id),
                           headers: [("Content-Type", patchMediaType), ("Accept", "application/json")],
                           body: try? JSONEncoder().encode(body))
    }

    /// POST /v2/images: the new image's fields (core ones typed, extra properties as strings).
    public static func create(_ endpoint: ImageEndpoint, fields: [String: JSONValue]) -> HTTPRequest {
        HTTPRequest(method: .post, url: endpoint.v2 + "/images",
                    headers: [("Content-Type", "application/json"), ("Accept", "application/json")],
                    body: try? JSONEncoder().encode(JSONValue.object(fields)))
    }

    public static func delete(_ endpoint: ImageEndpoint, id: String) -> HTTPRequest {
        HTTPRequest(method: .delete, url: endpoint.v2 + "/images/" + QueryString.escapePathSegment(id))
    }

    /// PUT or DELETE /v2/images/{id}/tags/{tag}.
    public static func tag(_ endpoint: ImageEndpoint, id: String, tag: String, add: Bool) -> HTTPRequest {
        HTTPRequest(method: add ? .put : .delete,
                    url: endpoint.v2 + "/images/" + QueryString.escapePathSegment(id) + "/tags/" + QueryString.escapePathSegment(tag))
    }

    /// POST /v2/images/{id}/actions/deactivate or …/reactivate (Glance 33's default policy: an
    /// admin, or a member of the owning project).
    public static func setActive(_ endpoint: ImageEndpoint, id: String, active: Bool) -> HTTPRequest {
        HTTPRequest(method: .post,
                    url: endpoint.v2 + "/images/" + QueryString.escapePathSegment(id) + "/actions/" + (active ? "reactivate" : "deactivate"))
    }

    public static func schema(_ endpoint: ImageEndpoint) -> HTTPRequest {
        HTTPRequest(method: .get, url: endpoint.v2 + "/schemas/image", headers: [("Accept", "application/json")])
    }

    /// The metadata definition namespaces that apply to images, with their properties.
    public static func metadefNamespaces(_ endpoint: ImageEndpoint) -> HTTPRequest {
        HTTPRequest(method: .get, url: endpoint.v2 + "/metadefs/namespaces" + QueryString.encode([("resource_types", "OS::Glance::Image"), ("limit", "1000")]),
                    headers: [("Accept", "application/json")])
    }

    public static func metadefNamespace(_ endpoint: ImageEndpoint, namespace: String) -> HTTPRequest {
        HTTPRequest(method: .get, url: endpoint.v2 + "/metadefs/namespaces/" + QueryString.escapePathSegment(namespace)
                    + QueryString.encode([("resource_type", "OS::Glance::Image")]),
                    headers: [("Accept", "application/json")])
    }
}
