import Foundation

/// An image as the Image API v2 returns it. Core fields are typed for sorting and display;
/// `fields` keeps every key exactly as sent, so extra properties and vendor fields are never lost.
public struct Image: Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String?
    public var status: ImageStatus
    public var visibility: ImageVisibility?
    public var owner: String?
    public var isProtected: Bool?
    public var isHidden: Bool?
    public var size: Int64?
    public var virtualSize: Int64?
    public var minDisk: Int64?
    public var minRAM: Int64?
    public var diskFormat: String?
    public var containerFormat: String?
    public var createdAt: String?
    public var updatedAt: String?
    /// `updatedAt` parsed once at decode time, so sorting and "3h ago" cost nothing per frame.
    public var updated: Date?
    public var checksum: String?
    public var hashAlgorithm: String?
    public var hashValue: String?
    public var tags: [String]
    public var fields: [String: JSONValue]
    /// Fields whose type differed from the reference (a vendor sending "400" for min_ram):
    /// shown to the user rather than silently coerced or dropped.
    public var typeMismatches: [String]
    /// A compact copy as the list keeps it (typed core fields only, `fields` empty): 100,000 of
    /// these fit in well under 100 MB, where full ones take several times that.
    public var isSummary = false

    /// The keys the Image API v2 schema defines; everything else is an extra property.
    public static let coreKeys: Set<String> = [
        "id", "name", "status", "visibility", "owner", "protected", "os_hidden", "size", "virtual_size",
        "min_disk", "min_ram", "disk_format", "container_format", "created_at", "updated_at", "checksum",
        "os_hash_algo", "os_hash_value", "tags", "stores", "locations", "direct_url", "self", "file", "schema",
    ]

    public var displayName: String { name ?? "" }

    /// The stores that hold the image's data, as Glance lists them ("fast,cheap"); empty on a
    /// cloud with one store, where Glance sends no `stores`.
    public var storeIDs: [String] {
        guard let text = fields["stores"]?.displayText else { return [] }
        return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Extra properties, sorted by key.
    public var extraProperties: [(key: String, value: JSONValue)] {
        fields.filter { !Self.coreKeys.contains($0.key) }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// `keeping` names extra properties worth their memory in the list (the ones lineages group
    /// and date builds by); everything else is read again when the image is opened.
    public func summary(keeping: Set<String> = []) -> Image {
        var s = self
        s.fields = keeping.isEmpty ? [:] : fields.filter { keeping.contains($0.key) }
        s.checksum = nil
        s.hashAlgorithm = nil
        s.hashValue = nil
        s.typeMismatches = []
        s.isSummary = true
        return s
    }

    /// The core fields as JSON, from the typed ones: what a summary can still show.
    public var coreFields: [String: JSONValue] {
        var f: [String: JSONValue] = ["id": .string(id), "status": .string(status.rawValue), "tags": .array(tags.map(JSONValue.string))]
        func put(_ key: String, _ value: String?) { if let value { f[key] = .string(value) } }
        func put(_ key: String, _ value: Int64?) { if let value { f[key] = .number(Double(value)) } }
        func put(_ key: String, _ value: Bool?) { if let value { f[key] = .bool(value) } }
        put("name", name); put("visibility", visibility?.rawValue); put("owner", owner)
        put("protected", isProtected); put("os_hidden", isHidden)
        put("size", size); put("virtual_size", virtualSize); put("min_disk", minDisk); put("min_ram", minRAM)
        put("disk_format", diskFormat); put("container_format", containerFormat)
        put("created_at", createdAt); put("updated_at", updatedAt)
        put("checksum", checksum); put("os_hash_algo", hashAlgorithm); put("os_hash_value", hashValue)
        return f
    }

    public init(id: String, name: String? = nil, status: ImageStatus = .queued, fields: [String: JSONValue] = [:]) {
        var all = fields
        all["id"] = .string(id)
        if let name { all["name"] = .string(name) }
        all["status"] = .string(status.rawValue)
        self = Image(decoding: all, id: id)
    }
}
