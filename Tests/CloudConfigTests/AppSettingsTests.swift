import CloudConfig
import Testing

/// glance-tui's own settings file: views, limits, and what it says per cloud.
@Suite struct AppSettingsTests {
    @Test func perCloudReadOnlyAndThemeAndTheBatchSize() throws {
        let settings = try AppSettings.parse("""
            batch_concurrency: 6
            clouds:
              production:
                read_only: true
                theme: alert
              lab:
                read_only: false
            """, source: "config.yaml")
        #expect(settings.batchConcurrency == 6)
        #expect(settings.clouds["production"] == AppSettings.Cloud(readOnly: true, theme: "alert"))
        #expect(settings.clouds["lab"] == AppSettings.Cloud(readOnly: false))
        #expect(settings.clouds["other"] == nil)
    }

    /// `keys:` is kept as written, in order; the key table checks names and keys at start.
    @Test func keyRemapsAreKeptInTheFilesOrder() throws {
        let settings = try AppSettings.parse("keys: {download: [D], delete: ctrl-d, nosuch: [x, \"?\"]}\n", source: "config.yaml")
        #expect(settings.mouse == nil)
        #expect(try AppSettings.parse("mouse: true\n", source: "c").mouse == true)
        #expect(settings.keys == [AppSettings.KeyEntry(action: "download", keys: ["D"]),
                                  AppSettings.KeyEntry(action: "delete", keys: ["ctrl-d"]),
                                  AppSettings.KeyEntry(action: "nosuch", keys: ["x", "?"])])
    }

    @Test func lineageKeyAndLintRuleSets() throws {
        let settings = try AppSettings.parse("lineage_by: name\nlint:\n  scs: false\n  metadefs: true\n  property_quota: 128\n",
                                             source: "config.yaml")
        #expect(settings.lineageBy == "name")
        #expect(settings.lint == ["scs": false, "metadefs": true])
        #expect(settings.lintPropertyQuota == 128)
        #expect(throws: ConfigError.invalidFile(file: "c", reason: "lint: each rule set is true or false")) {
            try AppSettings.parse("lint:\n  scs: sometimes\n", source: "c")
        }
    }

    @Test(arguments: [
        ("batch_concurrency: 0", "batch_concurrency is a number from 1 to 32"),
        ("clouds: [a]", "clouds: is a mapping of cloud names"),
        ("clouds:\n  p:\n    read_only: maybe", "cloud p: read_only is true or false"),
        ("clouds:\n  p:\n    readonly: true", "cloud p: unknown key readonly (read_only, theme)"),

        ("mouse: sometimes", "mouse is true or false"),
        ("keys: [D]", "keys: is a mapping of actions to keys"),
        ("keys:\n  download: {a: b}", "keys: download: a key or a list of keys ([D, ctrl-d])"),
        ("low_bandwidth: sometimes", "low_bandwidth is true or false"),
        ("colour: red", "unknown setting colour (views, eager_limit, batch_concurrency, lineage_by, lint, clipboard, mouse, keys, low_bandwidth, clouds)"),
    ])
    func mistakesAreNamed(text: String, reason: String) {
        #expect(throws: ConfigError.invalidFile(file: "config.yaml", reason: reason)) {
            try AppSettings.parse(text, source: "config.yaml")
        }
    }

    @Test func lowBandwidthIsOffUnlessSaid() throws {
        #expect(try AppSettings.parse("low_bandwidth: true", source: "config.yaml").lowBandwidth == true)
        #expect(try AppSettings.parse("low_bandwidth: false", source: "config.yaml").lowBandwidth == false)
        #expect(try AppSettings.parse("clipboard: true", source: "config.yaml").lowBandwidth == nil)
    }
}
