import GlanceAPI
@testable import GlanceCore
import Testing

/// Generic checks: unknown keys and the key a typo meant, reserved keys, the property quota.
@Suite struct LintKeyTests {
    @Test func aMisspeltKeyIsRenamedToTheKnownKeyItMeant() {
        let findings = LintFixture.findings(["hw_disk_bus": nil, "hw_dsik_bus": "scsi"])
        let typo = findings.first { $0.kind == .unknownKey }
        #expect(typo == LintFinding(
            imageID: "img-1", key: "hw_dsik_bus", kind: .unknownKey,
            message: "hw_dsik_bus: no image schema, metadata definition, profile or standard knows this key; did you mean hw_disk_bus?",
            ruleSet: .unknownKeys, fix: LintFix(set: ["hw_disk_bus": "scsi"], unset: ["hw_dsik_bus"])))
    }

    @Test func aKeyInTheWrongCaseIsRenamedToo() {
        let findings = LintFixture.findings(["os_distro": nil, "OS_Distro": "ubuntu"], sets: [.unknownKeys])
        #expect(findings.map(\.fix) == [LintFix(set: ["os_distro": "ubuntu"], unset: ["OS_Distro"])])
    }

    @Test func noRenameWhenTheMeantKeyIsAlreadySet() {
        let findings = LintFixture.findings(["hw_disk_buss": "virtio"], sets: [.unknownKeys])
        #expect(findings.map(\.message) == ["hw_disk_buss: no image schema, metadata definition, profile or standard knows this key; it looks like hw_disk_bus, which is set as well"])
        #expect(findings.first?.fix == nil)
        #expect(findings.first?.noFix == "renaming it would overwrite hw_disk_bus")
    }

    @Test func aKeyFarFromEveryKnownOneIsReportedWithoutASuggestion() {
        let findings = LintFixture.findings(["build_pipeline": "nightly-42", "hw_bus": "scsi"], sets: [.unknownKeys])
        #expect(findings.map(\.key) == ["build_pipeline", "hw_bus"])
        #expect(findings.allSatisfy { $0.fix == nil && !$0.message.contains("did you mean") })
    }

    @Test func aTypoIsNeverRenamedToAReadOnlyKey() {
        let findings = LintFixture.findings(["cache_raw_status": nil, "cache_raw_statsu": "Cached"], sets: [.unknownKeys])
        #expect(findings.map(\.key) == ["cache_raw_statsu"])
        #expect(findings.first?.fix == nil)
    }

    @Test func keysOtherServicesWriteAndKeysTheStandardNamesAreKnown() {
        let findings = LintFixture.findings(["owner_specified.openstack.sha256": "ab12", "base_image_ref": "x", "patchlevel": "p3"],
                                            sets: [.unknownKeys])
        #expect(findings == [])
    }

    @Test func suggestionsNeedFewEditsAndFewerForShortWords() {
        #expect(NearestMatch.distance("hw_dsik_bus", "hw_disk_bus") == 1)
        #expect(NearestMatch.distance("scsii", "scsi") == 1)
        #expect(NearestMatch.nearest(to: "ide", in: ["usb"]).best == nil)
        #expect(NearestMatch.nearest(to: "hw_disk_bux", in: ["hw_disk_bus", "hw_disk_buz"]) == (nil, ["hw_disk_bus", "hw_disk_buz"]))
    }

    @Test func aReservedKeySetByHandIsReportedButNotTouched() {
        let findings = LintFixture.findings(["os_glance_custom": "1"])
        #expect(findings == [LintFinding(
            imageID: "img-1", key: "os_glance_custom", kind: .reservedKey,
            message: "os_glance_custom: os_glance_* keys are reserved for Glance, which did not set this one",
            ruleSet: .reservedKeys,
            noFix: "Glance refuses to change or remove os_glance_* keys through its API; a cloud administrator has to remove it")])
        // The compliant image carries os_glance_import_task, which Glance's import writes itself.
        #expect(LintFixture.compliant["os_glance_import_task"] != nil)
    }

    @Test func morePropertiesThanTheQuotaIsReportedOnlyAboveIt() {
        let image = LintFixture.image()
        let count = image.extraProperties.count
        #expect(LintFixture.linter(quota: count).findings(for: image) == [])
        #expect(LintFixture.linter(quota: nil).findings(for: image) == [])
        let over = LintFixture.linter(quota: count - 1).findings(for: image)
        #expect(over.map(\.kind) == [.overQuota])
        #expect(over.first?.message.hasPrefix("image_property_quota: \(count) extra properties, more than the cloud's limit of \(count - 1);") == true)
        #expect(over.first?.fix == nil)
    }

    @Test func genericChecksCanBeSwitchedOffOneByOne() {
        let image = LintFixture.image("img-1", ["os_glance_custom": "1", "hw_dsik_bus": "scsi"])
        let all = LintFixture.linter(quota: 1).findings(for: image)
        #expect(Set(all.map(\.ruleSet)) == [.unknownKeys, .reservedKeys, .quota])
        for set in [LintRuleSet.unknownKeys, .reservedKeys, .quota] {
            var sets = Set(LintRuleSet.allCases)
            sets.remove(set)
            let some = LintFixture.linter(sets, quota: 1).findings(for: image)
            #expect(!some.contains { $0.ruleSet == set } && some.count == all.count - 1, "\(set)")
        }
    }

    @Test func aListRowsSummaryCopyGivesNoFindings() {
        #expect(LintFixture.linter().findings(for: LintFixture.image("img-1", ["hw_disk_bus": "scsii"]).summary()) == [])
    }
}
