import Foundation
import Testing
@testable import CloudConfig
import GlanceAPI

@Suite("Property profiles (YAML)")
struct PropertyProfilesTests {
    /// The repository's profiles/ directory.
    static let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("profiles").path

    static func parse(_ text: String, file: String = "/p/test.yaml") throws -> PropertyProfile {
        try PropertyProfiles.parse(text, file: file)
    }

    static func error(_ text: String, file: String = "/p/bad.yaml") -> PropertyProfileError? {
        do {
            let p = try PropertyProfiles.parse(text, file: file)
            Issue.record("expected an error, got \(p.rules.count) rules")
            return nil
        } catch {
            return error
        }
    }

    // MARK: the shipped StarlingX profile

    @Test("profiles/starlingx.yaml loads with exactly the StarlingX rules")
    func starlingx() throws {
        let path = Self.shipped + "/starlingx.yaml"
        let profile = try PropertyProfiles.parse(try String(contentsOfFile: path, encoding: .utf8), file: path)
        #expect(profile.name == "starlingx")
        let source = "profile starlingx"
        let reason = "set by StarlingX's image cache"
        // Descriptions are checked for presence below; everything else exactly.
        let expected: [PropertyRule] = [
            PropertyRule(key: "cache_raw", kind: .boolean, source: source),
            PropertyRule(key: "sw_wrs_auto_recovery", kind: .boolean, source: source),
            PropertyRule(key: "hw_wrs_live_migration_timeout", kind: .integer, ranges: [0...0, 120...800], source: source, unit: "seconds"),
            PropertyRule(key: "hw_wrs_live_migration_max_downtime", kind: .integer, ranges: [100...Double.infinity], source: source, unit: "ms"),
            PropertyRule(key: "store", readOnlyReason: reason, source: source),
            PropertyRule(key: "cache_raw_url", readOnlyReason: reason, source: source),
            PropertyRule(key: "cache_raw_size", readOnlyReason: reason, source: source),
            PropertyRule(key: "cache_raw_status", readOnlyReason: reason, source: source),
        ]
        // Every rule is listed under the profile's heading in the detail pane.
        #expect(profile.rules.allSatisfy { $0.group == "StarlingX" })
        #expect(profile.rules.map { var r = $0; r.description = nil; r.group = nil; return r } == expected)
        for rule in profile.rules {
            let description = try #require(rule.description, "\(rule.key) has a description")
            #expect(!description.isEmpty && description.count < 120, "\(rule.key): short")
            #expect(!rule.isCore)
        }
        #expect(profile.rules.first { $0.key == "hw_wrs_live_migration_timeout" }?.summary == "integer, 0 or 120–800 seconds")
        #expect(profile.rules.first { $0.key == "hw_wrs_live_migration_max_downtime" }?.summary == "integer, at least 100 ms")
    }

    @Test("the shipped rules validate as the StarlingX documentation says")
    func starlingxValues() throws {
        let path = Self.shipped + "/starlingx.yaml"
        let rules = Dictionary(uniqueKeysWithValues: try PropertyProfiles.parse(try String(contentsOfFile: path, encoding: .utf8), file: path)
            .rules.map { ($0.key, $0) })
        func ok(_ key: String, _ text: String) -> Bool { (try? rules[key]?.value(for: text).get()) != nil }
        #expect(ok("cache_raw", "True") && ok("cache_raw", "false") && !ok("cache_raw", "yes"))
        #expect(ok("hw_wrs_live_migration_timeout", "0") && !ok("hw_wrs_live_migration_timeout", "100"))
        #expect(ok("hw_wrs_live_migration_timeout", "120") && ok("hw_wrs_live_migration_timeout", "800"))
        #expect(!ok("hw_wrs_live_migration_timeout", "801"))
        #expect(!ok("hw_wrs_live_migration_max_downtime", "99") && ok("hw_wrs_live_migration_max_downtime", "100"))
        #expect(!ok("cache_raw_status", "Cached"))
    }

    @Test("every shipped profile loads without errors")
    func shippedDirectoryLoads() {
        let loaded = PropertyProfiles.load(directories: [Self.shipped])
        #expect(loaded.errors.isEmpty, "\(loaded.errors.map(\.message))")
        #expect(loaded.profiles.map(\.name).contains("starlingx"))
    }

    // MARK: the format

    @Test("every field of the format")
    func allFields() throws {
        let profile = try Self.parse("""
        description: Test profile
        properties:
          a_string:
            choices: [small, large]
            max_length: 8
            description: A string
          a_number:
            type: number
            minimum: 0.5
            maximum: 2.5
            unit: GiB
          an_int:
            type: integer
            ranges: [0, "10-20", "30..40", "-5--3", 100]
            choices: [0, 10, 15]
          a_bool:
            type: boolean
          locked:
            readonly: true
          unlocked:
            readonly: false
          empty_rule: {}
        """)
        #expect(profile.name == "test", "from the file name")
        #expect(profile.description == "Test profile")
        #expect(profile.rules.map(\.key) == ["a_string", "a_number", "an_int", "a_bool", "locked", "unlocked", "empty_rule"])
        let r = Dictionary(uniqueKeysWithValues: profile.rules.map { ($0.key, $0) })
        #expect(r["a_string"] == PropertyRule(key: "a_string", choices: ["small", "large"], maxLength: 8, description: "A string",
                                              source: "profile test"))
        #expect(r["a_number"]?.ranges == [0.5...2.5])
        #expect(r["a_number"]?.unit == "GiB")
        #expect(r["an_int"]?.ranges == [0...0, 10...20, 30...40, -5...(-3), 100...100])
        #expect(r["an_int"]?.choices == ["0", "10", "15"])
        #expect(r["a_bool"]?.kind == .boolean)
        #expect(r["locked"]?.readOnlyReason == "read-only in profile test")
        #expect(r["unlocked"]?.isReadOnly == false)
        #expect(r["empty_rule"] == PropertyRule(key: "empty_rule", source: "profile test"))
    }

    @Test("minimum or maximum alone")
    func openRanges() throws {
        let profile = try Self.parse("""
        name: open
        properties:
          low: {type: integer, minimum: 100}
          high: {type: integer, maximum: -1}
        """)
        #expect(profile.rules.map(\.ranges) == [[100...Double.infinity], [-Double.infinity...(-1)]])
        #expect(profile.rules.map(\.source) == ["profile open", "profile open"])
    }

    // MARK: errors name the file and the key

    @Test("mistakes are errors naming the file, line and key", arguments: [
        ("properties:\n  k:\n    type: bool\n", "k", 3, "type \"bool\" is not one of boolean, integer, number, string"),
        ("properties:\n  k:\n    type: array\n", "k", 3, "type \"array\" is not one of boolean, integer, number, string"),
        ("properties:\n  k:\n    maxlength: 5\n", "k", 3,
         "unknown field \"maxlength\"; use choices, description, max_length, maximum, minimum, ranges, readonly, type, unit"),
        ("properties:\n  k:\n    minimum: 5\n", "k", 3, "minimum applies only to type integer or number"),
        ("properties:\n  k:\n    type: integer\n    minimum: 1.5\n", "k", 4, "minimum must be an integer"),
        ("properties:\n  k:\n    type: integer\n    minimum: 9\n    maximum: 1\n", "k", 5, "minimum is greater than maximum"),
        ("properties:\n  k:\n    type: integer\n    ranges: [\"800-120\"]\n", "k", 4,
         "range \"800-120\" is not a number or \"LOW-HIGH\" with LOW ≤ HIGH"),
        ("properties:\n  k:\n    type: integer\n    ranges: \"0-5\"\n", "k", 4, "ranges must be a list such as [\"0\", \"120-800\"]"),
        ("properties:\n  k:\n    type: integer\n    ranges: [\"1\"]\n    minimum: 0\n", "k", 4, "use either ranges or minimum/maximum, not both"),
        ("properties:\n  k:\n    type: boolean\n    choices: [\"yes\"]\n", "k", 4, "choices do not apply to a boolean (it is true or false)"),
        ("properties:\n  k:\n    type: integer\n    choices: [a]\n", "k", 4, "choice \"a\" is not an integer"),
        ("properties:\n  k:\n    type: integer\n    max_length: 3\n", "k", 4, "max_length applies only to type string"),
        ("properties:\n  k:\n    max_length: -3\n", "k", 3, "max_length must be a positive integer"),
        ("properties:\n  k:\n    readonly: \"\"\n", "k", 3, "readonly must be the reason shown to the user (or true)"),
        ("properties:\n  k: integer\n", "k", 2,
         "must be a mapping of type, choices, minimum, maximum, ranges, unit, max_length, readonly, description"),
        ("properties:\n  k: {}\n  k: {}\n", "k", 3, "is described twice"),
        ("name: x\nproperty:\n  k: {}\n", "property", 2, "unknown top-level key; use name, description, heading and properties"),
        ("heading: \"  \"\nproperties:\n  k: {}\n", "heading", 1, "the heading must be a non-empty text"),
        ("properties: [a, b]\n", "properties", 1, "must be a mapping of property keys to rules"),
        ("name: \"\"\nproperties: {}\n", "name", 1, "the name must be a non-empty text"),
    ] as [(String, String, Int, String)])
    func errors(_ c: (text: String, key: String, line: Int, problem: String)) throws {
        let (text, key, line, problem) = c
        let error = try #require(Self.error(text))
        #expect(error == PropertyProfileError(file: "/p/bad.yaml", key: key, line: line, problem: problem))
        #expect(error.message == "/p/bad.yaml:\(line): \"\(key)\": \(problem)")
    }

    @Test("whole-file problems name the file")
    func fileErrors() throws {
        let missing = try #require(Self.error("name: x\n"))
        #expect(missing.message == "/p/bad.yaml:1: has no \"properties:\" mapping")
        let list = try #require(Self.error("- a\n- b\n"))
        #expect(list.message.hasPrefix("/p/bad.yaml:1: a profile is a mapping"))
        let empty = try #require(Self.error(""))
        #expect(empty.file == "/p/bad.yaml")
        let broken = try #require(Self.error("properties:\n  k: [unclosed\n"))
        #expect(broken.message.hasPrefix("/p/bad.yaml:"))
        #expect(broken.problem.hasPrefix("not valid YAML"))
    }

    // MARK: finding and loading

    @Test("search directories: $XDG_CONFIG_HOME/glance-tui/profiles, else ~/.config, then shipped")
    func searchDirectories() {
        #expect(PropertyProfiles.searchDirectories(environment: ["XDG_CONFIG_HOME": "/x"], homeDirectory: "/h", shipped: ["/s"])
                == ["/x/glance-tui/profiles", "/s"])
        #expect(PropertyProfiles.searchDirectories(environment: ["XDG_CONFIG_HOME": "rel"], homeDirectory: "/h", shipped: ["/s"])
                == ["/h/.config/glance-tui/profiles", "/s"], "a relative XDG_CONFIG_HOME is ignored")
        let shipped = PropertyProfiles.shippedDirectories(executablePath: "/opt/gt/bin/glance-tui")
        #expect(shipped.first == "/opt/gt/share/glance-tui/profiles")
        #expect(shipped.contains("/opt/gt/bin/profiles"))
        #expect(shipped.contains("/opt/gt/profiles"))
    }

    @Test("the user's files come first, replace a shipped profile of the same name, and a broken file does not stop the rest")
    func loadOrder() throws {
        let sandbox = try Sandbox()
        let user = sandbox.root + "/config/glance-tui/profiles"
        let shipped = sandbox.root + "/shipped"
        try sandbox.write("config/glance-tui/profiles/b.yaml", "name: starlingx\nproperties:\n  cache_raw: {type: string}\n")
        try sandbox.write("config/glance-tui/profiles/a.yaml", "name: mine\nproperties:\n  cache_raw: {type: integer}\n  mine_only: {}\n")
        try sandbox.write("config/glance-tui/profiles/broken.yaml", "properties:\n  k:\n    type: bool\n")
        try sandbox.write("config/glance-tui/profiles/notes.txt", "not a profile")
        try sandbox.write("shipped/starlingx.yaml", "properties:\n  cache_raw: {type: boolean}\n  store: {readonly: x}\n")
        try sandbox.write("shipped/other.yml", "properties:\n  other_key: {type: boolean}\n")

        let dirs = PropertyProfiles.searchDirectories(environment: ["XDG_CONFIG_HOME": sandbox.root + "/config"],
                                                      homeDirectory: sandbox.home, shipped: [shipped, sandbox.root + "/absent"])
        #expect(dirs == [user, shipped, sandbox.root + "/absent"])
        let loaded = PropertyProfiles.load(directories: dirs, readFile: sandbox.reader)
        #expect(loaded.profiles.map(\.name) == ["mine", "starlingx", "other"])
        #expect(loaded.profiles.map(\.file) == [user + "/a.yaml", user + "/b.yaml", shipped + "/other.yml"])
        #expect(loaded.errors.map(\.message) == [user + "/broken.yaml:3: \"k\": type \"bool\" is not one of boolean, integer, number, string"])
        let rules = Dictionary(uniqueKeysWithValues: loaded.rules.map { ($0.key, $0) })
        #expect(rules["cache_raw"]?.source == "profile mine", "first profile in search order wins")
        #expect(rules["cache_raw"]?.kind == .integer)
        #expect(rules["store"] == nil, "the shipped starlingx profile was replaced as a whole")
        #expect(rules["other_key"]?.source == "profile other")
        #expect(loaded.rules.count == 3)
    }
}
