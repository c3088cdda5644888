import GlanceAPI
@testable import GlanceCore
import Testing

/// Fixes merged into one write per image, conflicts kept out, and the guard of that write.
@Suite struct LintFixTests {
    @Test func severalFixesOfOneImageBecomeOneWrite() {
        let image = LintFixture.image("img-1", ["hypervisor_type": "QEMU", "hw_vif_multiqueue_enabled": "True",
                                                "hw_disk_bus": nil, "hw_dsik_bus": "scsi", "os_glance_custom": "1"])
        let findings = LintFixture.linter().findings(for: image)
        let fixes = LintFixes.merge(findings)
        #expect(fixes.count == 1)
        #expect(fixes.first?.write == .properties(
            set: ["hypervisor_type": "qemu", "hw_vif_multiqueue_enabled": "true", "hw_disk_bus": "scsi"], unset: ["hw_dsik_bus"]))
        #expect(fixes.first?.applied.map(\.key) == ["hw_dsik_bus", "hw_vif_multiqueue_enabled", "hypervisor_type"])
        #expect(fixes.first?.dropped == [])
    }

    @Test func ofTwoFixesForOneKeyTheFirstIsKeptAndTheOtherSaidToBeDropped() {
        let image = LintFixture.image("img-1", ["hw_disk_bus": nil, "hw_dsik_bus": "scsi", "hw_disk_bsu": "virtio"])
        let findings = LintFixture.linter([.unknownKeys]).findings(for: image)
        #expect(findings.map(\.key) == ["hw_disk_bsu", "hw_dsik_bus"])
        let fix = LintFixes.merge(findings).first
        #expect(fix?.write == .properties(set: ["hw_disk_bus": "virtio"], unset: ["hw_disk_bsu"]))
        #expect(fix?.dropped.map(\.finding.key) == ["hw_dsik_bus"])
        #expect(fix?.dropped.first?.reason == "hw_dsik_bus: \"set hw_disk_bus=scsi, unset hw_dsik_bus\" was left out: it conflicts with \"set hw_disk_bus=virtio, unset hw_disk_bsu\" for hw_disk_bsu, which comes first")
    }

    @Test func theSameChangeFromTwoRuleSetsIsNoConflict() {
        // license_included is typed by a profile and by the standard: both propose "true".
        let findings = LintFixture.findings(["license_included": "True"])
        #expect(findings.map(\.ruleSet) == [.profiles, .scs])
        let fix = LintFixes.merge(findings).first
        #expect(fix?.write == .properties(set: ["license_included": "true"], unset: []))
        #expect(fix?.applied.count == 2)
        #expect(fix?.dropped == [])
    }

    @Test func theCloudsOwnRuleComesBeforeTheStandardWhenTheyDisagree() {
        // A cloud whose metadefs spell os_distro in capitals: its rule wins over scs-0102's lower case.
        let rules = RuleBook(metadefs: [PropertyRule(key: "os_distro", choices: ["Ubuntu", "Debian"], source: "metadefs Custom::OS")])
        let findings = Linter(rules: rules, sets: [.definitions, .scs]).findings(for: LintFixture.image("img-1", ["os_distro": "ubuntu"]))
        #expect(findings.map(\.ruleSet) == [.definitions])
        #expect(findings.first?.kind == .wrongForm)
        #expect(findings.first?.fix == LintFix(set: ["os_distro": "Ubuntu"]))
        let both = Linter(rules: rules, sets: [.definitions, .scs]).findings(for: LintFixture.image("img-1", ["os_distro": "UBUNTU"]))
        #expect(both.map(\.ruleSet) == [.definitions, .scs])
        let fix = LintFixes.merge(both).first
        #expect(fix?.write == .properties(set: ["os_distro": "Ubuntu"], unset: []))
        #expect(fix?.dropped.map(\.finding.ruleSet) == [.scs])
    }

    @Test func eachImageGetsItsOwnWriteInTheOrderFound() {
        let images = [LintFixture.image("a", ["os_distro": "Debian"]), LintFixture.image("b"),
                      LintFixture.image("c", ["replace_frequency": "Weekly"])]
        let fixes = LintFixes.merge(LintFixture.linter().findings(for: images))
        #expect(fixes.map(\.imageID) == ["a", "c"])
        #expect(fixes.map(\.write) == [.properties(set: ["os_distro": "debian"], unset: []),
                                       .properties(set: ["replace_frequency": "weekly"], unset: [])])
    }

    @Test func findingsWithoutAFixGiveNoWrite() {
        #expect(LintFixes.merge(LintFixture.findings(["hw_disk_bus": "nvme", "os_glance_custom": "1"])) == [])
    }

    @Test func theWritesGuardCoversExactlyTheKeysTheFixesTouch() {
        let image = LintFixture.image("img-1", ["hw_disk_bus": nil, "hw_dsik_bus": "scsi", "os_distro": "Ubuntu"])
        let item = LintFixes.merge(LintFixture.linter().findings(for: image)).first?.batchItem(seen: image)
        #expect(item?.guarded == WriteGuard(checks: [.field("hw_disk_bus", nil), .field("hw_dsik_bus", .string("scsi")),
                                                     .field("os_distro", .string("Ubuntu"))]))
        var meanwhile = image
        meanwhile.fields["hw_disk_bus"] = .string("virtio")
        #expect(item?.guarded.conflicts(with: meanwhile) == ["hw_disk_bus is now virtio (was unset)"])
    }
}
