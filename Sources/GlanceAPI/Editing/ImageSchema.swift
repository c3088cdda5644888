import Foundation

/// The cloud's image schema (GET /v2/schemas/image) as property rules for the editor.
///
/// Every attribute the schema defines becomes a rule with `source: "schema"` and `isCore: true`
/// (sent typed, as the schema says, because Glance validates it against the schema). Attributes
/// Glance sets itself are read-only with a reason a support person can repeat to a user; that
/// covers the schema's `readOnly` ones and those Glance refuses to change although the schema
/// does not say so (`id`, `owner` for non-administrators, `locations`).
///
/// Decoding is tolerant: an attribute of an unknown shape becomes a free string rule (or is
/// skipped when it is not even an object), and nothing in the document can make it crash.
public struct ImageSchema: Sendable, Equatable {
    /// One rule per attribute the schema defines, sorted by key.
    public var rules: [PropertyRule]
    /// What the schema says about other keys: Glance answers `{"type": "string"}`, so extra
    /// properties are strings. `false` when the schema forbids other keys.
    public var allowsExtraProperties: Bool

    public init(rules: [PropertyRule], allowsExtraProperties: Bool = true) {
        self.rules = rules.sorted { $0.key < $1.key }
        self.allowsExtraProperties = allowsExtraProperties
    }

    public static let source = "schema"

    /// Glance refuses to change these however the schema marks them
    /// (glance/api/v2/images.py `_readonly_properties`, `_disallowed_properties`).
    static let readOnlyReasons: [String: String] = [
        "id": "chosen when the image is created; it never changes",
        "status": "set by Glance as the image is uploaded, imported, deactivated or deleted",
        "size": "set by Glance when data is uploaded",
        "virtual_size": "set by Glance when data is uploaded (read from the disk image)",
        "checksum": "set by Glance when data is uploaded (MD5 of the data)",
        "os_hash_algo": "set by Glance when data is uploaded (the hash algorithm the cloud uses)",
        "os_hash_value": "set by Glance when data is uploaded (hash of the data)",
        "created_at": "set by Glance when the image is created",
        "updated_at": "set by Glance whenever the image changes",
        "locations": "managed by Glance and its storage back ends, not edited as a property",
        "direct_url": "set by Glance from the storage back end that holds the data",
        "self": "the image's own address in the Image API, set by Glance",
        "file": "the address of the image's data, set by Glance",
        "schema": "the address of the image schema, set by Glance",
        "stores": "set by Glance: the stores that hold the data; import or copy the image to change it",
    ]

    static let ownerReason = "the project that owns the image; only a cloud administrator can change it"
    static let queuedOnlyReason = "can only be changed while the image is queued, before data is uploaded"
    static let genericReadOnlyReason = "set by Glance (read-only in the image schema)"

    /// Decodes the schema document; throws only when the body is not a JSON object.
    public static func decode(_ body: Data, url: String) throws(APIError) -> ImageSchema {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: body), json.objectValue != nil else {
            throw .malformedResponse("the image schema is not a JSON object", url: url)
        }
        return ImageSchema(json: json)
    }

    /// Tolerant: whatever is not understood is left out or read as a free string.
    public init(json: JSONValue) {
        let object = json.objectValue ?? [:]
        var rules: [PropertyRule] = []
        for (key, value) in object["properties"]?.objectValue ?? [:] {
            guard let attribute = value.objectValue else { continue }
            rules.append(Self.rule(key: key, attribute))
        }
        switch object["additionalProperties"] {
        case .bool(false)?: allowsExtraProperties = false
        default: allowsExtraProperties = true
        }
        self.rules = rules.sorted { $0.key < $1.key }
    }

    static func rule(key: String, _ attribute: [String: JSONValue]) -> PropertyRule {
        let kind = Self.kind(attribute["type"])
        var rule = PropertyRule(key: key, kind: kind, source: source, isCore: true)
        rule.description = attribute["description"]?.stringValue
        if attribute["is_base"] == .bool(false) {
            // schema-image.json of the operator, merged into the schema by Glance.
            rule.description = [rule.description, "defined by this cloud's schema-image.json"]
                .compactMap { $0 }.joined(separator: "; ")
        }
        switch kind {
        case .array:
            // tags: the items' limit is what a value may not exceed.
            let items = attribute["items"]?.objectValue ?? [:]
            rule.maxLength = Self.int(items["maxLength"])
            rule.choices = Self.choices(items["enum"])
        case .integer, .number:
            let low = Self.double(attribute["minimum"])
            let high = Self.double(attribute["maximum"])
            if low != nil || high != nil { rule.ranges = [(low ?? -.infinity)...(high ?? .infinity)] }
            rule.choices = Self.choices(attribute["enum"])
        case .string, .boolean:
            rule.maxLength = Self.int(attribute["maxLength"])
            rule.choices = Self.choices(attribute["enum"])
        }
        // Glance's domain refuses negative values (glance/domain/__init__.py min_ram setter).
        if key == "min_ram" || key == "min_disk", rule.ranges.isEmpty { rule.ranges = [0...Double.infinity] }
        if key == "min_ram" { rule.unit = rule.unit ?? "MB" }
        if key == "min_disk" { rule.unit = rule.unit ?? "GB" }
        if let reason = readOnlyReasons[key] {
            rule.readOnlyReason = reason
        } else if key == "owner" {
            rule.readOnlyReason = ownerReason
        } else if attribute["readOnly"] == .bool(true) {
            rule.readOnlyReason = genericReadOnlyReason
        }
        return rule
    }

    /// The first non-null type; an unknown or missing type is a string.
    static func kind(_ type: JSONValue?) -> PropertyRule.Kind {
        let names: [String]
        switch type {
        case .string(let s)?: names = [s]
        case .array(let a)?: names = a.compactMap(\.stringValue)
        default: names = []
        }
        for name in names where name != "null" {
            switch name {
            case "string": return .string
            case "integer": return .integer
            case "number": return .number
            case "boolean": return .boolean
            case "array": return .array
            default: continue
            }
        }
        return .string
    }

    /// Enumerated values, without JSON null (the schema lists null for "may be unset").
    static func choices(_ value: JSONValue?) -> [String]? {
        guard let list = value?.arrayValue else { return nil }
        let values = list.compactMap { v -> String? in
            switch v {
            case .null, .array, .object: nil
            default: v.displayText
            }
        }
        return values.isEmpty ? nil : values
    }

    static func int(_ value: JSONValue?) -> Int? {
        guard let n = value?.looseInt, n >= 0, n <= Int64(Int32.max) else { return nil }
        return Int(n)
    }

    static func double(_ value: JSONValue?) -> Double? {
        switch value {
        case .number(let d)? where d.isFinite: d
        case .string(let s)?: Double(s.trimmingCharacters(in: .whitespaces)).flatMap { $0.isFinite ? $0 : nil }
        default: nil
        }
    }

    public func rule(for key: String) -> PropertyRule? { rules.first { $0.key == key } }

    /// The rules as they apply to `image` now, by key: disk and container format only while the
    /// image is queued (Glance also allows it while importing), the owner only for an
    /// administrator.
    public func rules(for image: Image, isAdmin: Bool = false) -> [String: PropertyRule] {
        Dictionary(rules.map { ($0.key, Self.adjust($0, for: image, isAdmin: isAdmin)) }, uniquingKeysWith: { a, _ in a })
    }

    /// One schema rule as it applies to `image` (see `rules(for:isAdmin:)`).
    public static func adjust(_ rule: PropertyRule, for image: Image, isAdmin: Bool = false) -> PropertyRule {
        var rule = rule
        switch rule.key {
        case "disk_format", "container_format":
            // glance/domain/__init__.py: "Attribute disk_format can be only replaced for a queued image."
            if rule.readOnlyReason == nil, image.status != "queued", image.status != "importing" {
                rule.readOnlyReason = queuedOnlyReason
            }
        case "owner":
            if isAdmin, rule.readOnlyReason == ownerReason {
                rule.readOnlyReason = nil
            }
        default:
            break
        }
        return rule
    }

    /// Glance 33's schema, for when the cloud's cannot be fetched: the same rules the editor
    /// would get from a stock Glance.
    public static let standard: ImageSchema = {
        func p(_ type: String, _ extra: String = "") -> String { "{\"type\": \(type)\(extra.isEmpty ? "" : ", " + extra)}" }
        let text = """
        {"properties": {
          "id": \(p("\"string\"")), "name": \(p("[\"null\", \"string\"]", "\"maxLength\": 255")),
          "status": \(p("\"string\"", "\"readOnly\": true, \"enum\": [\"queued\", \"saving\", \"active\", \"killed\", \"deleted\", \"uploading\", \"importing\", \"pending_delete\", \"deactivated\"]")),
          "visibility": \(p("\"string\"", "\"enum\": [\"community\", \"public\", \"private\", \"shared\"]")),
          "protected": \(p("\"boolean\"")), "os_hidden": \(p("\"boolean\"")),
          "checksum": \(p("[\"null\", \"string\"]", "\"readOnly\": true, \"maxLength\": 32")),
          "os_hash_algo": \(p("[\"null\", \"string\"]", "\"readOnly\": true, \"maxLength\": 64")),
          "os_hash_value": \(p("[\"null\", \"string\"]", "\"readOnly\": true, \"maxLength\": 128")),
          "owner": \(p("[\"null\", \"string\"]", "\"maxLength\": 255")),
          "size": \(p("[\"null\", \"integer\"]", "\"readOnly\": true")),
          "virtual_size": \(p("[\"null\", \"integer\"]", "\"readOnly\": true")),
          "container_format": \(p("[\"null\", \"string\"]", "\"enum\": [null, \"ami\", \"ari\", \"aki\", \"bare\", \"ovf\", \"ova\", \"docker\", \"compressed\"]")),
          "disk_format": \(p("[\"null\", \"string\"]", "\"enum\": [null, \"ami\", \"ari\", \"aki\", \"vhd\", \"vhdx\", \"vmdk\", \"raw\", \"qcow2\", \"vdi\", \"iso\", \"ploop\"]")),
          "created_at": \(p("\"string\"", "\"readOnly\": true")), "updated_at": \(p("\"string\"", "\"readOnly\": true")),
          "tags": \(p("\"array\"", "\"items\": {\"type\": \"string\", \"maxLength\": 255}")),
          "direct_url": \(p("\"string\"", "\"readOnly\": true")),
          "min_ram": \(p("\"integer\"")), "min_disk": \(p("\"integer\"")),
          "self": \(p("\"string\"", "\"readOnly\": true")), "file": \(p("\"string\"", "\"readOnly\": true")),
          "stores": \(p("\"string\"", "\"readOnly\": true")), "schema": \(p("\"string\"", "\"readOnly\": true")),
          "locations": \(p("\"array\"", "\"items\": {\"type\": \"object\"}"))
        }, "additionalProperties": {"type": "string"}}
        """
        let json = (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) ?? .object([:])
        return ImageSchema(json: json)
    }()
}
