import GlanceAPI

/// Checks each image's extra properties against what the cloud publishes (schema, metadefs),
/// the vendor profiles, the SCS image metadata standard and a few generic checks, each group
/// switched on or off by `sets`. Pure: the caller fetches the rules and the quota, and applies
/// the fixes as a batch (LintFixes).
public struct Linter: Sendable {
    /// Fixed at init: the keys a typo may have meant are worked out from it once.
    public let rules: RuleBook
    public var sets: Set<LintRuleSet>
    /// The cloud's `image_property_quota`, when it publishes it.
    public var propertyQuota: Int?
    /// Extra-property keys a typo may have meant: what the rules describe and the standard names,
    /// except read-only ones, which the vendor's software sets and a rename must not write.
    let suggestible: Set<String>

    public init(rules: RuleBook, sets: Set<LintRuleSet> = Set(LintRuleSet.allCases), propertyQuota: Int? = nil) {
        self.rules = rules
        self.sets = sets
        self.propertyQuota = propertyQuota
        let schemaExtras = rules.schema.keys.filter { !Image.coreKeys.contains($0) }
        suggestible = Set(rules.knownExtraKeys.map(\.key)).union(schemaExtras).union(ScsImageMetadata.extraKeys)
            .filter { rules.rule(for: $0)?.isReadOnly != true }
    }

    /// Whether `key` is an extra property something here knows, checks switched off or not: a
    /// key the standard names is no typo even when the SCS checks are off.
    public func isKnown(_ key: String) -> Bool {
        suggestible.contains(key) || ServiceKeys.keys.contains(key) || rules.rule(for: key) != nil
    }

    public func findings(for images: [Image]) -> [LintFinding] { images.flatMap(findings(for:)) }

    /// Sorted by key, then by rule set, so that when two fixes touch one key the cloud's own rule
    /// comes before a profile's and a profile's before the standard's (LintFixes keeps the first).
    /// A list row's summary copy holds no extra properties: it gives no findings at all, rather
    /// than every property "missing".
    public func findings(for image: Image) -> [LintFinding] {
        guard !image.isSummary else { return [] }
        var out: [LintFinding] = []
        func add(_ key: String, _ set: LintRuleSet, _ p: ValueProblem) {
            out.append(LintFinding(imageID: image.id, key: key, kind: p.kind, message: key + ": " + p.why, ruleSet: set,
                                   fix: p.fixed.map { LintFix.value(key, $0) }, noFix: p.noFix))
        }
        for (key, value) in image.extraProperties {
            let text = value.stringValue ?? value.displayText
            if RuleBook.isReserved(key) {
                if sets.contains(.reservedKeys), !ServiceKeys.glanceOwn.contains(key) { out.append(reserved(key, image)) }
            } else if let rule = rules.rule(for: key) {
                let set: LintRuleSet = rules.schema[key] == nil && rules.profiles[key] != nil ? .profiles : .definitions
                if sets.contains(set), let problem = RuleCheck.problem(text, rule) { add(key, set, problem) }
            } else if !isKnown(key), sets.contains(.unknownKeys) {
                out.append(unknown(key, text, image))
            }
        }
        if sets.contains(.scs) {
            for (key, problem) in ScsCheck.problems(image) { add(key, .scs, problem) }
        }
        if sets.contains(.quota), let quota = propertyQuota, image.extraProperties.count > quota {
            out.append(LintFinding(imageID: image.id, key: "image_property_quota", kind: .overQuota,
                                   message: "image_property_quota: \(image.extraProperties.count) extra properties, more than the cloud's limit of \(quota); Glance refuses new keys on this image (a rename included) until some are removed",
                                   ruleSet: .quota, noFix: "which properties can go is for the image's owner to decide"))
        }
        return out.enumerated().sorted { a, b in
            (a.element.key, a.element.ruleSet, a.offset) < (b.element.key, b.element.ruleSet, b.offset)
        }.map(\.element)
    }

    func reserved(_ key: String, _ image: Image) -> LintFinding {
        // glance/api/v2/images.py `_validate_change` refuses a reserved namespace before it lets
        // a `remove` through, so not even unsetting the key is possible (403).
        LintFinding(imageID: image.id, key: key, kind: .reservedKey,
                    message: "\(key): os_glance_* keys are reserved for Glance, which did not set this one",
                    ruleSet: .reservedKeys,
                    noFix: "Glance refuses to change or remove os_glance_* keys through its API; a cloud administrator has to remove it")
    }

    func unknown(_ key: String, _ text: String, _ image: Image) -> LintFinding {
        let unknown = "\(key): no image schema, metadata definition, profile or standard knows this key"
        var finding = LintFinding(imageID: image.id, key: key, kind: .unknownKey, message: unknown, ruleSet: .unknownKeys)
        let (best, tied) = NearestMatch.nearest(to: key, in: suggestible)
        if let best, image.fields[best] == nil {
            finding.message += "; did you mean \(best)?"
            finding.fix = .rename(key, to: best, value: text)
        } else if let best {
            finding.message += "; it looks like \(best), which is set as well"
            finding.noFix = "renaming it would overwrite \(best)"
        } else if !tied.isEmpty {
            finding.message += "; it is as close to " + tied.joined(separator: " as to ")
            finding.noFix = "which key was meant is unclear"
        } else {
            finding.noFix = "it is close to no known key: it may be the cloud's or a tool's own"
        }
        return finding
    }
}
