import Foundation

/// The cloud's metadata definitions (Glance "metadefs") for images, as property rules.
///
/// GET /v2/metadefs/namespaces?resource_types=OS::Glance::Image lists the namespaces that apply
/// to images; GET /v2/metadefs/namespaces/{ns}?resource_type=OS::Glance::Image returns one with
/// its `properties` (and `objects`, each with more properties). A resource-type association can
/// carry a `prefix` ("hw_" for OS::Compute::Libvirt): the property `boot_menu` is then the image
/// property `hw_boot_menu`. Glance prepends it itself when the request names the resource type
/// (glance/api/v2/metadef_namespaces.py `_prefix_property_name`), which the request builders
/// always do; `prefixApplied: false` is for documents fetched without it.
///
/// Extra properties are strings in Image API v2 whatever the definition's type, so every rule
/// here has `isCore: false`; an `array` definition (e.g. CIM_PASD_InstructionSetExtensionName)
/// becomes a free string rule whose description lists the allowed items.
public enum Metadefs {
    public static let imageResourceType = "OS::Glance::Image"

    /// One entry of the namespace list.
    public struct NamespaceSummary: Sendable, Equatable {
        public var name: String
        public var displayName: String?
        public var description: String?
        /// The prefix of the OS::Glance::Image association, if any.
        public var prefix: String?

        public init(name: String, displayName: String? = nil, description: String? = nil, prefix: String? = nil) {
            self.name = name
            self.displayName = displayName
            self.description = description
            self.prefix = prefix
        }
    }

    public struct NamespaceList: Sendable, Equatable {
        public var namespaces: [NamespaceSummary]
        /// The server's link to the next page, when the list was cut.
        public var next: String?
    }

    /// One namespace with its rules.
    public struct Namespace: Sendable, Equatable {
        public var name: String
        public var displayName: String?
        public var description: String?
        public var prefix: String?
        /// Sorted by key; object properties included (a top-level property wins over an object's).
        public var rules: [PropertyRule]
        /// Property definitions that were not objects and were left out.
        public var skipped: [String]
    }

    public static func source(_ namespace: String) -> String { "metadefs " + namespace }

    public static func decodeNamespaceList(_ body: Data, url: String) throws(APIError) -> NamespaceList {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: body), let object = json.objectValue else {
            throw .malformedResponse("the metadata definition namespace list is not a JSON object", url: url)
        }
        guard let list = object["namespaces"]?.arrayValue else {
            throw .malformedResponse("the metadata definition namespace list has no \"namespaces\" array", url: url)
        }
        let namespaces = list.compactMap { entry -> NamespaceSummary? in
            guard let o = entry.objectValue, let name = o["namespace"]?.stringValue, !name.isEmpty else { return nil }
            return NamespaceSummary(name: name, displayName: o["display_name"]?.stringValue,
                                    description: o["description"]?.stringValue,
                                    prefix: imagePrefix(o["resource_type_associations"]))
        }
        return NamespaceList(namespaces: namespaces, next: object["next"]?.stringValue)
    }

    /// Decodes GET /v2/metadefs/namespaces/{ns}; `prefixApplied` says whether the request named
    /// the resource type (so the names already carry the prefix).
    public static func decodeNamespace(_ body: Data, url: String, prefixApplied: Bool = true) throws(APIError) -> Namespace {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: body), json.objectValue != nil else {
            throw .malformedResponse("the metadata definition namespace is not a JSON object", url: url)
        }
        return namespace(json: json, prefixApplied: prefixApplied)
    }

    public static func namespace(json: JSONValue, prefixApplied: Bool = true) -> Namespace {
        let o = json.objectValue ?? [:]
        let name = o["namespace"]?.stringValue ?? ""
        let prefix = imagePrefix(o["resource_type_associations"])
        let addPrefix = prefixApplied ? "" : (prefix ?? "")
        var rules: [String: PropertyRule] = [:]
        var skipped: [String] = []

        func take(_ properties: JSONValue?, object objectName: String?) {
            for (key, definition) in properties?.objectValue ?? [:] {
                guard let d = definition.objectValue else {
                    skipped.append(key)
                    continue
                }
                let fullKey = addPrefix + key
                if rules[fullKey] != nil { continue }
                rules[fullKey] = rule(key: fullKey, d, namespace: name, object: objectName)
            }
        }
        take(o["properties"], object: nil)
        for object in o["objects"]?.arrayValue ?? [] {
            guard let obj = object.objectValue else { continue }
            take(obj["properties"], object: obj["name"]?.stringValue)
        }
        return Namespace(name: name, displayName: o["display_name"]?.stringValue, description: o["description"]?.stringValue,
                         prefix: prefix, rules: rules.values.sorted { $0.key < $1.key }, skipped: skipped.sorted())
    }

    /// The prefix of the OS::Glance::Image association; nil when absent or empty.
    static func imagePrefix(_ associations: JSONValue?) -> String? {
        for a in associations?.arrayValue ?? [] {
            guard let o = a.objectValue, o["name"]?.stringValue == imageResourceType else { continue }
            if let p = o["prefix"]?.stringValue, !p.isEmpty { return p }
            return nil
        }
        return nil
    }

    /// One property definition: {type, title, description, enum, minimum, maximum, minLength,
    /// maxLength, items, readonly, default, operators}. Unknown types read as strings.
    static func rule(key: String, _ d: [String: JSONValue], namespace: String, object: String?) -> PropertyRule {
        let type = d["type"]?.stringValue ?? "string"
        var rule = PropertyRule(key: key, source: source(namespace))
        var notes: [String] = []
        switch type {
        case "integer", "number":
            rule.kind = type == "integer" ? .integer : .number
            let low = ImageSchema.double(d["minimum"])
            let high = ImageSchema.double(d["maximum"])
            if low != nil || high != nil { rule.ranges = [(low ?? -.infinity)...(high ?? .infinity)] }
            rule.choices = ImageSchema.choices(d["enum"])
        case "boolean":
            rule.kind = .boolean
        case "array":
            // Stored on an image as one string; the items' values are listed for the user.
            rule.kind = .string
            let items = d["items"]?.objectValue ?? [:]
            if let values = ImageSchema.choices(items["enum"]) {
                notes.append("a list of: " + values.joined(separator: ", "))
            }
        default:
            rule.kind = .string
            rule.choices = ImageSchema.choices(d["enum"])
            rule.maxLength = ImageSchema.int(d["maxLength"])
        }
        if let operators = d["operators"]?.arrayValue?.compactMap(\.stringValue), !operators.isEmpty {
            notes.append("operators " + operators.joined(separator: " "))
        }
        if let value = d["default"], value != .null {
            notes.append("default " + value.displayText)
        }
        if d["readonly"] == .bool(true) {
            rule.readOnlyReason = "marked read-only in the cloud's metadata definitions (\(namespace))"
        }
        let title = d["title"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let text = d["description"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        var description = [object, title].compactMap { $0 }.joined(separator: ": ")
        if let text { description += description.isEmpty ? text : " — " + text }
        if !notes.isEmpty { description += (description.isEmpty ? "" : " ") + "(" + notes.joined(separator: "; ") + ")" }
        rule.description = description.isEmpty ? nil : description
        return rule
    }
}
