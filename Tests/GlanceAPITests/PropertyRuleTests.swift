import Foundation
import Testing
@testable import GlanceAPI

/// `PropertyRule.value(for:)` for every kind of rule, with the StarlingX profile's rules written
/// out as profiles/starlingx.yaml gives them (CloudConfigTests checks the file yields exactly these).
@Suite("PropertyRule validation")
struct PropertyRuleTests {
    static let profile = "profile starlingx"
    static let cacheRaw = PropertyRule(key: "cache_raw", kind: .boolean, source: profile)
    static let timeout = PropertyRule(key: "hw_wrs_live_migration_timeout", kind: .integer, ranges: [0...0, 120...800],
                                      source: profile, unit: "seconds")
    static let downtime = PropertyRule(key: "hw_wrs_live_migration_max_downtime", kind: .integer,
                                       ranges: [100...Double.infinity], source: profile, unit: "ms")
    static let cacheURL = PropertyRule(key: "cache_raw_url", readOnlyReason: "set by StarlingX's image cache", source: profile)

    static func accepted(_ rule: PropertyRule, _ text: String) -> JSONValue? {
        try? rule.value(for: text).get()
    }

    static func refusal(_ rule: PropertyRule, _ text: String) -> String? {
        if case .failure(let v) = rule.value(for: text) { return v.message }
        return nil
    }

    // MARK: booleans

    @Test("an extra boolean accepts true/false in any case and is sent as the string typed")
    func extraBoolean() {
        #expect(Self.accepted(Self.cacheRaw, "True") == .string("True"))
        #expect(Self.accepted(Self.cacheRaw, "false") == .string("false"))
        #expect(Self.accepted(Self.cacheRaw, " TRUE ") == .string("TRUE"))
        #expect(Self.accepted(Self.cacheRaw, "yes") == nil)
        #expect(Self.accepted(Self.cacheRaw, "1") == nil)
        #expect(Self.accepted(Self.cacheRaw, "") == nil)
        #expect(Self.refusal(Self.cacheRaw, "yes") == "cache_raw: \"yes\" is not true or false (boolean; from profile starlingx)")
    }

    @Test("a core boolean is sent as JSON true/false")
    func coreBoolean() {
        let rule = PropertyRule(key: "protected", kind: .boolean, source: "schema", isCore: true)
        #expect(Self.accepted(rule, "True") == .bool(true))
        #expect(Self.accepted(rule, "false") == .bool(false))
        #expect(Self.accepted(rule, "on") == nil)
    }

    // MARK: integers and numbers

    @Test("live-migration timeout: 0 (disabled) or 120 to 800 seconds")
    func timeoutRanges() {
        #expect(Self.accepted(Self.timeout, "0") == .string("0"))
        #expect(Self.accepted(Self.timeout, "100") == nil)
        #expect(Self.accepted(Self.timeout, "119") == nil)
        #expect(Self.accepted(Self.timeout, "120") == .string("120"))
        #expect(Self.accepted(Self.timeout, "800") == .string("800"))
        #expect(Self.accepted(Self.timeout, "801") == nil)
        #expect(Self.accepted(Self.timeout, "-1") == nil)
        #expect(Self.accepted(Self.timeout, "300.5") == nil, "an integer rule refuses fractions")
        #expect(Self.accepted(Self.timeout, "abc") == nil)
        #expect(Self.timeout.summary == "integer, 0 or 120–800 seconds")
        #expect(Self.refusal(Self.timeout, "100")
                == "hw_wrs_live_migration_timeout: 100 is out of range (integer, 0 or 120–800 seconds; from profile starlingx)")
    }

    @Test("live-migration max downtime: at least 100 ms")
    func downtimeMinimum() {
        #expect(Self.accepted(Self.downtime, "99") == nil)
        #expect(Self.accepted(Self.downtime, "100") == .string("100"))
        #expect(Self.accepted(Self.downtime, " 5000 ") == .string("5000"), "surrounding spaces are trimmed")
        #expect(Self.downtime.summary == "integer, at least 100 ms")
    }

    @Test("a core integer (min_ram) is sent as a JSON number, an extra hw_* integer as a string")
    func coreVersusExtraInteger() {
        let minRAM = PropertyRule(key: "min_ram", kind: .integer, ranges: [0...Double.infinity], source: "schema",
                                  unit: "MB", isCore: true)
        #expect(Self.accepted(minRAM, "512") == .number(512))
        #expect(Self.accepted(minRAM, "-1") == nil)
        let ports = PropertyRule(key: "hw_serial_port_count", kind: .integer, ranges: [0...Double.infinity],
                                 source: "metadefs OS::Compute::Libvirt")
        #expect(Self.accepted(ports, "2") == .string("2"))
    }

    @Test("a number accepts fractions but not NaN or infinity; at most N reads as such")
    func numbers() {
        let rule = PropertyRule(key: "ratio", kind: .number, ranges: [-Double.infinity...1.5], source: "profile x")
        #expect(Self.accepted(rule, "1.25") == .string("1.25"))
        #expect(Self.accepted(rule, "1.6") == nil)
        #expect(Self.accepted(rule, "nan") == nil)
        #expect(Self.accepted(rule, "inf") == nil)
        #expect(rule.summary == "number, at most 1.5")
    }

    @Test("integer choices are compared as written")
    func integerChoices() {
        let rule = PropertyRule(key: "hw_cpu_threads", kind: .integer, choices: ["1", "2", "4"], source: "profile x")
        #expect(Self.accepted(rule, "2") == .string("2"))
        #expect(Self.accepted(rule, "3") == nil)
    }

    // MARK: strings

    @Test("string choices and length")
    func strings() {
        let vis = PropertyRule(key: "visibility", choices: ["community", "public", "private", "shared"], source: "schema", isCore: true)
        #expect(Self.accepted(vis, "shared") == .string("shared"))
        #expect(Self.accepted(vis, "Shared") == nil, "choices are case-sensitive as in Glance")
        let name = PropertyRule(key: "name", maxLength: 255, source: "schema", isCore: true)
        #expect(Self.accepted(name, String(repeating: "n", count: 255)) == .string(String(repeating: "n", count: 255)))
        #expect(Self.refusal(name, String(repeating: "n", count: 256))
                == "name: 256 characters is too long (string, at most 255 characters; from schema)")
        #expect(Self.accepted(name, "  spaced  ") == .string("  spaced  "), "strings are sent as typed")
    }

    @Test("read-only keys are refused with their reason, whatever the value")
    func readOnly() {
        for key in ["store", "cache_raw_url", "cache_raw_size", "cache_raw_status"] {
            var rule = Self.cacheURL
            rule.key = key
            #expect(Self.refusal(rule, "anything") == "\(key): read-only: set by StarlingX's image cache (string; from profile starlingx)")
        }
        let size = PropertyRule(key: "size", kind: .integer, readOnlyReason: "set by Glance when data is uploaded",
                                source: "schema", isCore: true)
        #expect(Self.refusal(size, "5")?.contains("read-only: set by Glance when data is uploaded") == true)
    }

    // MARK: arrays

    @Test("tags: comma-separated, each at most 255 characters")
    func tags() {
        let tags = PropertyRule(key: "tags", kind: .array, maxLength: 255, source: "schema", isCore: true)
        #expect(Self.accepted(tags, "a, b ,,c") == .array([.string("a"), .string("b"), .string("c")]))
        #expect(Self.accepted(tags, "") == .array([]))
        let ok = String(repeating: "t", count: 255)
        #expect(Self.accepted(tags, "x," + ok) == .array([.string("x"), .string(ok)]))
        let long = String(repeating: "t", count: 256)
        #expect(Self.accepted(tags, "x," + long) == nil)
        #expect(Self.refusal(tags, long)?.contains("is longer than 255 characters") == true)
    }

    // MARK: Glance's own counting and types

    @Test("lengths are counted in code points, as Glance (Python len) counts them")
    func lengthCountsCodePoints() {
        // 200 × "e" + COMBINING ACUTE ACCENT: 200 characters to Swift, 400 code points to Glance,
        // which refuses it as a tag (EditingIntegrationTests.tagLengthIsCountedInCodePoints).
        let decomposed = String(repeating: "e\u{301}", count: 200)
        let tags = PropertyRule(key: "tags", kind: .array, maxLength: 255, source: "schema", isCore: true)
        #expect(Self.accepted(tags, decomposed) == nil)
    }

    @Test("an extra property with a list rule is sent as one comma-separated string (Glance refuses arrays)")
    func extraArrayIsAString() {
        let rule = PropertyRule(key: "CIM_PASD_InstructionSetExtensionName", kind: .array, source: "profile x")
        #expect(Self.accepted(rule, "x86:AES, x86:AVX") == .string("x86:AES,x86:AVX"))
    }
}
