import GlanceAPI

/// The groups of checks the user can switch on or off one by one in the settings.
public enum LintRuleSet: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Types, enums and ranges the cloud publishes: its image schema and metadata definitions.
    case definitions = "schema+metadefs"
    /// Vendor property profiles (StarlingX, an operator's own files).
    case profiles
    /// The SCS Image Metadata standard, scs-0102 (ScsImageMetadata).
    case scs
    /// Keys nothing knows, with the nearest known key when it looks like a typo.
    case unknownKeys = "unknown-keys"
    /// `os_glance_*` keys, which only Glance may write.
    case reservedKeys = "reserved-keys"
    /// The number of properties against the cloud's `image_property_quota`.
    case quota

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One problem with one property of one image.
public struct LintFinding: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// A value outside the allowed ones or out of range.
        case notAllowed
        /// The right value written the wrong way: `True` for `true`, `2024-05-01T10:00:00Z` for a date.
        case wrongForm
        /// Upper-case where the allowed values are lower-case.
        case wrongCase
        case missingRequired
        case unknownKey
        case reservedKey
        case overQuota
    }

    public var imageID: String
    public var key: String
    public var kind: Kind
    /// The whole finding in plain words, starting with the key.
    public var message: String
    public var ruleSet: LintRuleSet
    /// What would put it right, or nil when nothing can be done safely (then `noFix` says why).
    public var fix: LintFix?
    public var noFix: String?

    public init(imageID: String, key: String, kind: Kind, message: String, ruleSet: LintRuleSet,
                fix: LintFix? = nil, noFix: String? = nil) {
        self.imageID = imageID
        self.key = key
        self.kind = kind
        self.message = message
        self.ruleSet = ruleSet
        self.fix = fix
        self.noFix = fix == nil ? noFix : nil
    }
}

/// The extra properties to set and remove to put a finding right. It names only the keys it
/// touches, so the write's guard (WriteGuard) refuses it when another client changed one of them.
public struct LintFix: Sendable, Hashable {
    public var set: [String: String]
    public var unset: [String]

    public init(set: [String: String] = [:], unset: [String] = []) {
        self.set = set
        self.unset = unset.sorted()
    }

    public static func value(_ key: String, _ value: String) -> LintFix { LintFix(set: [key: value]) }

    /// Unset the old key and set the new one to the old key's value.
    public static func rename(_ old: String, to new: String, value: String) -> LintFix {
        LintFix(set: [new: value], unset: [old])
    }

    public var keys: Set<String> { Set(set.keys).union(unset) }

    public var write: ImageWrite { .properties(set: set, unset: unset) }

    /// "set hw_disk_bus=scsi", "unset hw_disk_buss, set hw_disk_bus=scsi".
    public var summary: String { write.summary }
}
