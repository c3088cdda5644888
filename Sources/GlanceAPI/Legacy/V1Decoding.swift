import Foundation

/// Turns v1 images (registry/v1 JSON, or `x-image-meta-*` headers) into GlanceAPI's `Image`:
/// `is_public` becomes `visibility` ("public"/"private"), `properties` become extra properties,
/// sizes are integers, v1 times without a zone are read as UTC ("Z" added).
public enum V1Decoding {
    /// The fields v1 defines outside `properties`.
    public static let coreKeys: Set<String> = [
        "id", "name", "status", "size", "checksum", "disk_format", "container_format", "is_public", "protected",
        "owner", "min_disk", "min_ram", "created_at", "updated_at", "deleted", "deleted_at",
    ]
    static let intKeys: Set<String> = ["size", "min_disk", "min_ram"]
    static let boolKeys: Set<String> = ["is_public", "protected", "deleted"]
    static let timeKeys: Set<String> = ["created_at", "updated_at", "deleted_at"]

    /// A v1 JSON image object as the v2-shaped JSON `Image(json:)` reads.
    public static func v2JSON(_ v1: [String: JSONValue]) -> JSONValue {
        var out: [String: JSONValue] = [:]
        // Properties first, so a property never overwrites a core field of the same name.
        if case .object(let props)? = v1["properties"] {
            for (key, value) in props { out[key] = value }
        }
        for (key, value) in v1 where key != "properties" {
            out[key] = normalise(key, value)
        }
        if let isPublic = out.removeValue(forKey: "is_public") {
            out["visibility"] = .string(isPublic.looseBool == true ? "public" : "private")
        }
        return .object(out)
    }

    static func normalise(_ key: String, _ value: JSONValue) -> JSONValue {
        if case .string(let s) = value, s == "None" { return .null }
        if intKeys.contains(key), let n = value.looseInt { return .number(Double(n)) }
        if boolKeys.contains(key), let b = value.looseBool { return .bool(b) }
        if timeKeys.contains(key), case .string(let s) = value { return .string(withZone(s)) }
        return value
    }

    /// "2024-01-02T03:04:05" (v1's UTC without a zone) gets a "Z".
    static func withZone(_ s: String) -> String {
        guard s.count >= 19 else { return s }
        let tail = s.dropFirst(19)
        if tail.contains("Z") || tail.contains("z") || tail.contains("+") || tail.contains("-") { return s }
        return s + "Z"
    }

    public static func image(json: JSONValue) throws(Image.DecodingError) -> Image {
        guard let object = json.objectValue else { throw .notAnObject }
        return try Image(json: v2JSON(object))
    }

    /// From HEAD/GET headers (names lower-cased, as `HTTPResponse` keeps them). Unknown
    /// `x-image-meta-*` headers are kept as properties.
    public static func image(headers: [String: String]) throws(Image.DecodingError) -> Image {
        var v1: [String: JSONValue] = [:]
        var properties: [String: JSONValue] = [:]
        for (name, value) in headers {
            let lower = name.lowercased()
            if lower.hasPrefix("x-image-meta-property-") {
                properties[String(lower.dropFirst("x-image-meta-property-".count))] = .string(value)
            } else if lower.hasPrefix("x-image-meta-") {
                let key = String(lower.dropFirst("x-image-meta-".count))
                if coreKeys.contains(key) { v1[key] = .string(value) } else { properties[key] = .string(value) }
            }
        }
        v1["properties"] = .object(properties)
        return try Image(json: v2JSON(v1))
    }

    /// Only the `x-image-meta-property-*` headers: what a purging PUT must send back.
    public static func properties(headers: [String: String]) -> [String: String] {
        var out: [String: String] = [:]
        for (name, value) in headers where name.lowercased().hasPrefix("x-image-meta-property-") {
            out[String(name.lowercased().dropFirst("x-image-meta-property-".count))] = value
        }
        return out
    }

    /// `{"images": [...]}`; entries without an id are counted, not fatal.
    public static func decodeList(_ body: Data, url: String) throws(APIError) -> (images: [Image], skipped: Int) {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: body),
              let list = json.objectValue?["images"]?.arrayValue else {
            throw .malformedResponse("the v1 image list is not {\"images\": [...]}", url: url)
        }
        var images: [Image] = []
        var skipped = 0
        for entry in list {
            if let image = try? image(json: entry) { images.append(image) } else { skipped += 1 }
        }
        return (images, skipped)
    }

    /// `{"image": {...}}`, as create, update and the registry's show answer.
    public static func decodeImage(_ body: Data, url: String) throws(APIError) -> Image {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: body),
              let inner = json.objectValue?["image"] else {
            throw .malformedResponse("the v1 image is not {\"image\": {...}}", url: url)
        }
        do { return try image(json: inner) } catch {
            throw .malformedResponse(error == .missingID ? "the image has no id" : "the image is not a JSON object", url: url)
        }
    }

    /// The raw v1 properties of a `{"image": {...}}` body (registry show).
    public static func properties(imageBody body: Data) -> [String: String] {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: body),
              let props = json.objectValue?["image"]?.objectValue?["properties"]?.objectValue else { return [:] }
        return props.mapValues(\.displayText)
    }
}
