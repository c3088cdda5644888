import GlanceAPI
@testable import GlanceCore
import Testing

/// Values against the rules the cloud publishes (metadefs) and the vendor profiles.
@Suite struct LintRuleTests {
    @Test func anImageThatMeetsEveryRuleGivesNoFinding() {
        #expect(LintFixture.linter(quota: 128).findings(for: LintFixture.image()) == [])
    }

    @Test func aTypoInAnEnumIsPutRightWithTheNearestAllowedValue() {
        let findings = LintFixture.findings(["hw_disk_bus": "scsii"])
        #expect(findings == [LintFinding(
            imageID: "img-1", key: "hw_disk_bus", kind: .notAllowed,
            message: "hw_disk_bus: \"scsii\" is not allowed (one of: scsi, virtio, uml, xen, ide, usb, lxc; from metadefs OS::Compute::LibvirtImage)",
            ruleSet: .definitions, fix: LintFix(set: ["hw_disk_bus": "scsi"]))])
    }

    @Test func upperCaseWhereTheAllowedValuesAreLowerCaseIsLowered() {
        let findings = LintFixture.findings(["hypervisor_type": "QEMU"])
        #expect(findings.map(\.kind) == [.wrongCase])
        #expect(findings.first?.message == "hypervisor_type: \"QEMU\" should be lower-case \"qemu\" (one of: hyperv, ironic, lxc, qemu, uml, vmware, xen; from metadefs OS::Compute::Hypervisor)")
        #expect(findings.first?.fix == LintFix(set: ["hypervisor_type": "qemu"]))
    }

    @Test func aValueFarFromEveryAllowedOneHasNoFix() {
        let findings = LintFixture.findings(["hw_disk_bus": "nvme"])
        #expect(findings.map(\.kind) == [.notAllowed])
        #expect(findings.first?.fix == nil)
        #expect(findings.first?.noFix == "no allowed value is close to it")
    }

    @Test(arguments: [("True", "true"), ("yes", "true"), ("1", "true"), ("on", "true"), ("FALSE", "false"), ("no", "false"), ("0", "false")])
    func booleansSpelledOtherwiseBecomeTheCanonicalString(spelled: String, canonical: String) {
        let findings = LintFixture.findings(["hw_vif_multiqueue_enabled": spelled])
        #expect(findings == [LintFinding(
            imageID: "img-1", key: "hw_vif_multiqueue_enabled", kind: .wrongForm,
            message: "hw_vif_multiqueue_enabled: \"\(spelled)\" should be written \"\(canonical)\" (boolean; from metadefs OS::Compute::LibvirtImage)",
            ruleSet: .definitions, fix: LintFix(set: ["hw_vif_multiqueue_enabled": canonical]))])
    }

    /// metadefs spell hw_qemu_guest_agent yes/no; a boolean written there means the same.
    @Test(arguments: [("True", "yes"), ("1", "yes"), ("false", "no"), ("OFF", "no")])
    func aBooleanWhereTheDefinitionSaysYesOrNoBecomesYesOrNo(spelled: String, meant: String) {
        let findings = LintFixture.findings(["hw_qemu_guest_agent": spelled])
        #expect(findings == [LintFinding(
            imageID: "img-1", key: "hw_qemu_guest_agent", kind: .wrongForm,
            message: "hw_qemu_guest_agent: \"\(spelled)\" should be written \"\(meant)\" (one of: yes, no; from metadefs OS::Compute::LibvirtImage)",
            ruleSet: .definitions, fix: LintFix(set: ["hw_qemu_guest_agent": meant]))])
    }

    @Test func aBooleanThatIsNeitherHasNoFix() {
        let findings = LintFixture.findings(["sw_wrs_auto_recovery": "maybe"])
        #expect(findings.map(\.kind) == [.notAllowed])
        #expect(findings.first?.ruleSet == .profiles)
        #expect(findings.first?.message == "sw_wrs_auto_recovery: \"maybe\" is not true or false (boolean; from profile starlingx)")
        #expect(findings.first?.fix == nil)
    }

    @Test func aProfileRangeIsCheckedButAnOutOfRangeValueIsNotGuessed() {
        let findings = LintFixture.findings(["hw_wrs_live_migration_timeout": "60"])
        #expect(findings == [LintFinding(
            imageID: "img-1", key: "hw_wrs_live_migration_timeout", kind: .notAllowed,
            message: "hw_wrs_live_migration_timeout: 60 is out of range (integer, 0 or 120–800 seconds; from profile starlingx)",
            ruleSet: .profiles, noFix: "which value in range was meant cannot be told")])
    }

    @Test func aWholeNumberWrittenAsADecimalIsRewrittenAndTextIsNot() {
        let decimal = LintFixture.findings(["hw_wrs_live_migration_timeout": "120.0"])
        #expect(decimal.map(\.kind) == [.wrongForm])
        #expect(decimal.first?.fix == LintFix(set: ["hw_wrs_live_migration_timeout": "120"]))
        let text = LintFixture.findings(["hw_wrs_live_migration_timeout": "two minutes"])
        #expect(text.map(\.kind) == [.wrongForm])
        #expect(text.first?.fix == nil)
        #expect(LintFixture.findings(["hw_wrs_live_migration_timeout": "12.5"]).first?.fix == nil)
    }

    @Test func aReadOnlyProfileKeyIsTheVendorsAndNeverLinted() {
        #expect(LintFixture.findings(["cache_raw_status": "whatever the cache says"]) == [])
    }

    @Test func switchingARuleSetOffSilencesItAlone() {
        let changes: [String: String?] = ["hw_disk_bus": "scsii", "sw_wrs_auto_recovery": "yes"]
        #expect(LintFixture.findings(changes).map(\.ruleSet) == [.definitions, .profiles])
        #expect(LintFixture.findings(changes, sets: [.profiles, .scs]).map(\.key) == ["sw_wrs_auto_recovery"])
        #expect(LintFixture.findings(changes, sets: [.definitions, .scs]).map(\.key) == ["hw_disk_bus"])
    }
}
