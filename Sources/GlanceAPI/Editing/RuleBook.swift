import Foundation

/// Every rule the editor knows, merged from the image schema, the cloud's metadata definitions
/// and the property profiles, answering "what may `key` hold?".
///
/// Precedence, highest first:
/// 1. the schema, for every key it defines: Glance validates those against it, so nothing else
///    may loosen or change them (core attributes, and an operator's schema-image.json extras);
/// 2. keys Glance reserves (`location`, `deleted`, `deleted_at`, anything starting `os_glance`):
///    read-only, since Glance refuses them with 403 whatever a profile says;
/// 3. a profile rule: the operator's file is more specific than the generic definitions;
/// 4. a metadefs rule; a key defined by several namespaces (hw_vif_model by both
///    OS::Compute::LibvirtImage and OS::Compute::VMware) accepts what any of them accepts;
/// 5. otherwise `defaultRule(for:)`: free text.
/// Within the profile rules, and within the metadefs rules for everything but choices, the first
/// rule given for a key wins.
public struct RuleBook: Sendable, Equatable {
    public struct KnownKey: Sendable, Equatable {
        public var key: String
        public var description: String?
        /// The rule in words ("integer, at least 100 ms").
        public var summary: String
        public var source: String
        public var isReadOnly: Bool
    }

    /// Glance keeps extra property values in a TEXT column with no limit of its own in the API
    /// (glance/db/sqlalchemy/models.py `ImageProperty.value = Column(Text)`; the schema's
    /// additionalProperties is a bare string). MySQL's TEXT holds 65,535 bytes, the tightest of
    /// the databases Glance supports; SQLite took 70,000 characters on the local cloud.
    public static let maxValueLength = 65_535
    /// Property names are `String(255)`; Glance checks the length on create only
    /// ("Custom property should not be greater than 255 characters.").
    public static let maxKeyLength = 255
    /// glance/api/v2/images.py `_reserved_properties` and `GLANCE_RESERVED_NS`.
    public static let reservedKeys: Set<String> = ["location", "deleted", "deleted_at"]
    public static let reservedPrefix = "os_glance"

    public private(set) var schema: [String: PropertyRule]
    public private(set) var profiles: [String: PropertyRule]
    public private(set) var metadefs: [String: PropertyRule]

    public init(schema: [PropertyRule] = ImageSchema.standard.rules, metadefs: [PropertyRule] = [],
                profiles: [PropertyRule] = []) {
        self.schema = Dictionary(schema.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        self.profiles = Dictionary(profiles.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var merged: [String: PropertyRule] = [:]
        for rule in metadefs {
            merged[rule.key] = merged[rule.key].map { Self.union($0, rule) } ?? rule
        }
        self.metadefs = merged
    }

    /// The rule that applies to `key`, or nil when nothing describes it (then `defaultRule`).
    public func rule(for key: String) -> PropertyRule? {
        if let rule = schema[key] { return rule }
        if Self.isReserved(key) { return Self.reservedRule(for: key) }
        return profiles[key] ?? metadefs[key]
    }

    /// The rule as it applies to `image` now (formats only while queued, owner only for an
    /// administrator), falling back to `defaultRule(for:)`.
    public func rule(for key: String, on image: Image, isAdmin: Bool = false) -> PropertyRule {
        if let rule = schema[key] { return ImageSchema.adjust(rule, for: image, isAdmin: isAdmin) }
        return rule(for: key) ?? Self.defaultRule(for: key)
    }

    /// Extra-property keys some rule describes (profiles and metadefs, not the schema's core
    /// attributes, not reserved ones), sorted by key, for offering keys in the editor.
    public var knownExtraKeys: [KnownKey] {
        let keys = Set(profiles.keys).union(metadefs.keys).filter { schema[$0] == nil && !Self.isReserved($0) }
        return keys.sorted().compactMap { key in
            rule(for: key).map { KnownKey(key: key, description: $0.description, summary: $0.summary,
                                          source: $0.source, isReadOnly: $0.isReadOnly) }
        }
    }

    /// For a key no rule describes: any text up to `maxValueLength` characters.
    public static func defaultRule(for key: String) -> PropertyRule {
        PropertyRule(key: key, kind: .string, maxLength: maxValueLength,
                     description: "Not described by the image schema, the cloud's metadata definitions or a profile.",
                     source: "default")
    }

    public static func isReserved(_ key: String) -> Bool {
        reservedKeys.contains(key) || key.hasPrefix(reservedPrefix)
    }

    static func reservedRule(for key: String) -> PropertyRule {
        PropertyRule(key: key, readOnlyReason: "reserved by Glance, which refuses to store it", source: "glance")
    }

    /// Why `key` cannot be used as a new extra property, or nil when it can.
    public func keyProblem(_ key: String) -> String? {
        if key.isEmpty { return "a property needs a name" }
        if key.unicodeScalars.count > Self.maxKeyLength { return "a property name may have at most \(Self.maxKeyLength) characters" }
        if key.first?.isWhitespace == true || key.last?.isWhitespace == true {
            return "Glance drops spaces at the start and end of a property name"
        }
        if Self.isReserved(key) { return "\"\(key)\" is reserved by Glance" }
        if schema[key] != nil { return "\"\(key)\" is an image attribute, not an extra property" }
        return nil
    }

    /// Two metadefs rules for one key: a value either accepts is accepted.
    static func union(_ a: PropertyRule, _ b: PropertyRule) -> PropertyRule {
        var r = a
        if a.kind != b.kind { r.kind = .string }
        r.choices = a.choices.flatMap { ca in b.choices.map { cb in ca + cb.filter { !ca.contains($0) } } }
        r.ranges = a.ranges.isEmpty || b.ranges.isEmpty || r.kind == .string ? [] : a.ranges + b.ranges
        r.maxLength = a.maxLength.flatMap { la in b.maxLength.map { max(la, $0) } }
        r.readOnlyReason = b.readOnlyReason == nil ? nil : a.readOnlyReason
        if a.unit != b.unit { r.unit = a.unit ?? b.unit }
        r.description = a.description ?? b.description
        let namespaces = [a.source, b.source].map { $0.hasPrefix("metadefs ") ? String($0.dropFirst(9)) : $0 }
        r.source = "metadefs " + namespaces.joined(separator: ", ")
        return r
    }
}
