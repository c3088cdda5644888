import GlanceAPI
@testable import GlanceCore
import Testing

/// The SCS Image Metadata standard (scs-0102 v1): required properties and their forms.
@Suite struct LintScsTests {
    static func scs(_ changes: [String: String?]) -> [LintFinding] {
        LintFixture.findings(changes, sets: [.scs])
    }

    static func only(_ changes: [String: String?]) -> LintFinding? {
        let findings = scs(changes)
        #expect(findings.count == 1, "\(findings.map(\.message))")
        return findings.first
    }

    @Test func everyMandatoryPropertyMissingIsReportedWithoutAGuessedValue() {
        let bare = Image(id: "bare", name: "bare", status: .active, fields: [:])
        let findings = LintFixture.linter([.scs]).findings(for: bare)
        #expect(findings.map(\.key) == [
            "architecture", "hw_disk_bus", "image_build_date", "image_description", "image_original_user", "image_source",
            "min_disk", "min_ram", "os_distro", "os_version", "provided_until", "replace_frequency", "uuid_validity",
        ])
        #expect(findings.allSatisfy { $0.kind == .missingRequired && $0.fix == nil && $0.noFix != nil && $0.ruleSet == .scs })
        #expect(findings.first?.message == "architecture: missing, but mandatory (scs-0102 Technical requirements and features)")
        #expect(findings.first { $0.key == "min_ram" }?.message == "min_ram: not given (0), but mandatory (scs-0102 Technical requirements and features)")
    }

    @Test func anEmptyValueCountsAsMissingAndRecommendedOnesAreNotRequired() {
        #expect(Self.only(["image_original_user": " "])?.kind == .missingRequired)
        #expect(Self.scs(["hypervisor_type": nil, "hw_scsi_model": nil, "hotfix_hours": nil]) == [])
    }

    @Test func replaceFrequencyIsPutRightInCaseAndForACloseTypo() {
        let upper = Self.only(["replace_frequency": "Monthly"])
        #expect(upper?.kind == .wrongCase)
        #expect(upper?.message == "replace_frequency: \"Monthly\" should be lower-case \"monthly\" (one of: yearly, quarterly, monthly, weekly, daily, critical_bug, never; scs-0102 Image updating)")
        #expect(upper?.fix == LintFix(set: ["replace_frequency": "monthly"]))
        #expect(Self.only(["replace_frequency": "montly"])?.fix == LintFix(set: ["replace_frequency": "monthly"]))
        #expect(Self.only(["replace_frequency": "sometimes"])?.fix == nil)
    }

    @Test func aBuildDateInIsoUtcIsRewrittenAndOtherFormsAreNotGuessed() {
        let iso = Self.only(["image_build_date": "2026-11-20T08:00:00Z"])
        #expect(iso?.kind == .wrongForm)
        #expect(iso?.message == "image_build_date: \"2026-11-20T08:00:00Z\" should be written \"2026-11-20 08:00:00\" (YYYY-MM-DD or YYYY-MM-DD hh:mm[:ss], UTC; scs-0102 Image build info)")
        #expect(iso?.fix == LintFix(set: ["image_build_date": "2026-11-20 08:00:00"]))
        for bad in ["20/11/2026", "2026-02-30", "2026-11-20 25:00", "2026-11-20T08:00:00+02:00"] {
            let finding = Self.only(["image_build_date": bad])
            #expect(finding?.kind == .wrongForm && finding?.fix == nil, "\(bad)")
        }
        #expect(Self.scs(["image_build_date": "2026-11-20"]) == [])
        #expect(Self.scs(["image_build_date": "2026-11-20 08:00:59"]) == [])
    }

    @Test func uuidValidityAndProvidedUntilTakeTheirOwnWords() {
        for ok in ["none", "notice", "forever", "last-3", "2027-01-01"] { #expect(Self.scs(["uuid_validity": ok]) == [], "\(ok)") }
        #expect(Self.only(["uuid_validity": "Forever"])?.fix == LintFix(set: ["uuid_validity": "forever"]))
        #expect(Self.only(["uuid_validity": "Last-3"])?.fix == LintFix(set: ["uuid_validity": "last-3"]))
        #expect(Self.only(["uuid_validity": "last-n"])?.fix == nil)
        #expect(Self.only(["provided_until": "None"])?.fix == LintFix(set: ["provided_until": "none"]))
        // "forever and last-N don't make any sense" for provided_until.
        let forever = Self.only(["provided_until": "forever"])
        #expect(forever?.kind == .wrongForm && forever?.fix == nil)
    }

    @Test func imageSourceIsAUrlOrPrivate() {
        #expect(Self.scs(["image_source": "private"]) == [])
        #expect(Self.scs(["image_source": "ftp://mirror.example.org/img.qcow2"]) == [])
        #expect(Self.only(["image_source": "Private"])?.fix == LintFix(set: ["image_source": "private"]))
        let text = Self.only(["image_source": "see our website"])
        #expect(text?.message == "image_source: \"see our website\" is neither a URL nor \"private\" (scs-0102 Image Origin)")
        #expect(text?.fix == nil)
    }

    @Test func distroAndArchitectureAreLowerCase() {
        #expect(Self.only(["os_distro": "Ubuntu"])?.fix == LintFix(set: ["os_distro": "ubuntu"]))
        let arch = Self.only(["architecture": "X86_64"])
        #expect(arch?.kind == .wrongCase)
        #expect(arch?.fix == LintFix(set: ["architecture": "x86_64"]))
    }

    @Test func optionalPropertiesAreCheckedOnlyWhenSet() {
        #expect(Self.only(["hotfix_hours": "048"])?.fix == LintFix(set: ["hotfix_hours": "48"]))
        #expect(Self.only(["hotfix_hours": "-1"])?.fix == nil)
        #expect(Self.only(["maintained_until": "2030"])?.kind == .wrongForm)
        #expect(Self.only(["subscription_included": "Yes"])?.fix == LintFix(set: ["subscription_included": "true"]))
        #expect(Self.scs(["l1_support_contact": "mailto:support@example.org"]) == [])
        #expect(Self.only(["l1_support_contact": "call us"])?.fix == nil)
    }

    @Test func aLicenseCannotBeIncludedAndRequiredAtOnce() {
        let both = Self.only(["license_included": "true", "license_required": "true"])
        #expect(both?.key == "license_required")
        #expect(both?.kind == .notAllowed)
        #expect(both?.fix == nil)
    }

    @Test func withTheStandardSwitchedOffNothingIsRequired() {
        let bare = Image(id: "bare", name: "bare", status: .active, fields: [:])
        var sets = Set(LintRuleSet.allCases)
        sets.remove(.scs)
        #expect(LintFixture.linter(sets).findings(for: bare) == [])
    }
}
