import Foundation

/// A Nova image-proxy object (nova/api/openstack/compute/views/images.py) as GlanceAPI's `Image`,
/// built as Glance-shaped JSON and decoded by the same tolerant `Image(json:)`.
///
/// Nova shows id, name, minRam, minDisk, metadata (Glance's extra properties), created, updated,
/// status (upper case, folded: queued → SAVING, killed → ERROR, pending_delete → DELETED,
/// anything else → UNKNOWN), progress, OS-EXT-IMG-SIZE:size, links, and, when the image has an
/// `instance_uuid` property, `server`. Progress, links and OS-DCF:diskConfig (derived from the
/// `auto_disk_config` property, which is kept) are dropped.
public enum ComputeImage {
    public static let unavailableReason = "not exposed by Compute's image proxy"

    /// The Image API v2 fields the proxy never shows: absent from every `Image` made here, so the
    /// UI can say "unavailable" rather than show an empty value.
    public static let unavailableFields: [String: String] = Dictionary(uniqueKeysWithValues: [
        "visibility", "owner", "checksum", "disk_format", "container_format", "tags", "members", "data",
        "protected", "os_hidden", "virtual_size", "os_hash_algo", "os_hash_value", "stores", "locations", "direct_url",
    ].map { ($0, unavailableReason) })

    /// Nova's upper-case status as Glance names it. Nova folds several Glance states into one, so
    /// "saving" also stands for queued, "deleted" for pending_delete, and "killed" is what Nova
    /// calls ERROR; "UNKNOWN" (importing, uploading, deactivated…) stays "unknown".
    public static func glanceStatus(_ novaStatus: String) -> String {
        switch novaStatus.uppercased() {
        case "ACTIVE": "active"
        case "SAVING": "saving"
        case "QUEUED": "queued"
        case "DELETED": "deleted"
        case "ERROR": "killed"
        default: novaStatus.lowercased()
        }
    }

    /// The Glance-shaped JSON object of one Nova image object.
    public static func glanceJSON(_ nova: [String: JSONValue]) -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        // Extra properties first, so a core key can never be overwritten by one.
        if let metadata = nova["metadata"]?.objectValue {
            for (key, value) in metadata where !Image.coreKeys.contains(key) { out[key] = .string(string(value)) }
        }
        if let server = nova["server"]?.objectValue?["id"]?.stringValue { out["server_id"] = .string(server) }
        func copy(_ from: String, _ to: String) {
            if let v = nova[from], v != .null { out[to] = v }
        }
        copy("id", "id")
        copy("name", "name")
        copy("minRam", "min_ram")
        copy("minDisk", "min_disk")
        copy("OS-EXT-IMG-SIZE:size", "size")
        copy("created", "created_at")
        copy("updated", "updated_at")
        if let status = nova["status"]?.stringValue { out["status"] = .string(glanceStatus(status)) }
        return out
    }

    /// One entry of a Nova list or show as an `Image`. Brief list entries (GET /images) carry only
    /// id and name, so their status is "unknown".
    public static func image(_ nova: JSONValue) throws(Image.DecodingError) -> Image {
        guard let o = nova.objectValue else { throw .notAnObject }
        return try Image(json: .object(glanceJSON(o)))
    }

    static func string(_ value: JSONValue) -> String {
        // Nova decodes the `block_device_mapping` and `mappings` properties from JSON; Glance
        // holds them as JSON text.
        switch value {
        case .string(let s): s
        case .null: ""
        default: value.compactJSON
        }
    }

    static func strings(_ object: [String: JSONValue]) -> [String: String] { object.mapValues(string) }
}
