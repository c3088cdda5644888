import Foundation
import GlanceAPI
@testable import GlanceCore
import Testing

/// Lineages and what a retention rule retires — every reason to keep an image.
@Suite struct RetentionPlanTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000) // 2026-11-30

    static func build(_ id: String, _ distro: String?, _ version: String?, _ date: String, protected: Bool = false) -> Image {
        var fields: [String: JSONValue] = ["image_build_date": .string(date), "protected": .bool(protected),
                                           "created_at": .string("2020-01-01T00:00:00Z")]
        if let distro { fields["os_distro"] = .string(distro) }
        if let version { fields["os_version"] = .string(version) }
        return Image(id: id, name: id, status: .active, fields: fields)
    }

    static let catalog = [
        build("u1", "ubuntu", "22.04", "2026-11-20"), build("u2", "ubuntu", "22.04", "2026-10-01"),
        build("u3", "Ubuntu", "22.04", "2026-08-01", protected: true), build("u4", "ubuntu", "22.04", "2026-07-01"),
        build("u5", "ubuntu", "22.04", "2026-11-10"),
        build("d1", "debian", "12", "2026-06-01"), build("d2", "debian", "12", "2026-05-01"),
        build("x", nil, nil, "2025-01-01"),
    ]

    @Test func buildsGroupByDistroAndVersionNewestFirstWhateverTheCase() {
        let lineages = Lineage.group(Self.catalog)
        #expect(lineages.map(\.key) == ["debian 12", "ubuntu 22.04", ""])
        #expect(lineages[1].images.map(\.id) == ["u1", "u5", "u2", "u3", "u4"])
        #expect(lineages[1].current?.id == "u1")
    }

    @Test func everyReasonToKeepAnImageIsGiven() {
        let plan = RetentionPlan.make(Self.catalog, policy: RetentionPolicy(keep: 2, olderThanDays: 30), now: Self.now,
                                      check: .checked(counts: ["u4": 3], unknown: [], scope: "all projects"))
        let reasons = Dictionary(uniqueKeysWithValues: plan.decisions.map { ($0.image.id, ($0.goes, $0.reason)) })
        #expect(reasons["u1"]! == (false, "newest: the current build"))
        #expect(reasons["u5"]! == (false, "2nd newest: within keep=2"))
        #expect(reasons["u2"]! == (true, "3rd newest, 60 days old"))
        #expect(reasons["u3"]! == (false, "protected"))
        #expect(reasons["u4"]! == (false, "in use by 3 servers"))
        #expect(reasons["d2"]! == (false, "2nd newest: within keep=2"))
        #expect(reasons["x"]! == (false, "no lineage (no os_distro): never retired by rule"))
        #expect(plan.going.map(\.image.id) == ["u2"])
        #expect(!plan.usageUnknown)
    }

    @Test func anAgeLimitKeepsTheYoungAndUnknownUsageIsSaid() {
        let plan = RetentionPlan.make(Self.catalog, policy: RetentionPolicy(keep: 1, olderThanDays: 90, lineage: "Ubuntu 22.04"),
                                      now: Self.now, check: .unavailable("no Compute endpoint in the catalog"))
        #expect(plan.decisions.allSatisfy { $0.lineage == "ubuntu 22.04" })
        #expect(plan.decisions.first { $0.image.id == "u2" }?.reason == "3rd newest, 60 days old: younger than 90 days")
        // u4 would go, but nobody could say whether servers boot from it: kept until forced.
        #expect(plan.going.isEmpty)
        #expect(plan.unchecked.map(\.image.id) == ["u4"])
        #expect(plan.decisions.first { $0.image.id == "u4" }?.reason == "5th newest, 152 days old: kept, use by servers unchecked")
        #expect(plan.usageUnknown)
        let forced = RetentionPlan.make(Self.catalog, policy: RetentionPolicy(keep: 1, olderThanDays: 90, lineage: "Ubuntu 22.04", force: true),
                                        now: Self.now, check: .unavailable("no Compute endpoint in the catalog"))
        #expect(forced.going.map(\.image.id) == ["u4"])
        #expect(forced.going.first?.reason == "5th newest, 152 days old, use unchecked (force)")
    }

    /// What the batch would skip is kept in the plan already, with the batch's own reason.
    @Test func whatTheWriteCannotDoIsKeptWithTheBatchsReason() {
        var queued = Self.build("q", "ubuntu", "22.04", "2026-01-01")
        queued.status = .queued
        let images = [Self.build("n", "ubuntu", "22.04", "2026-11-01"), queued, Self.build("o", "ubuntu", "22.04", "2025-01-01")]
        let plan = RetentionPlan.make(images, policy: RetentionPolicy(keep: 1, action: .deactivate), now: Self.now,
                                      check: .checked(counts: [:], unknown: [], scope: "all projects"),
                                      writer: ImageWrite.Writer(projectID: nil, isAdmin: true))
        #expect(plan.going.map(\.image.id) == ["o"])
        #expect(plan.decisions.first { $0.image.id == "q" }?.reason == "2nd newest: queued: only active images can be deactivated")
    }

    @Test func aProjectUserSeesOnlyItsServersSoOnlyItsPrivateImagesAreKnown() {
        let check = UsageCheck.checked(counts: ["u2": 1], unknown: ["u4"], scope: "project demo")
        let plan = RetentionPlan.make(Self.catalog, policy: RetentionPolicy(keep: 1, lineage: "ubuntu 22.04"), now: Self.now, check: check)
        #expect(plan.going.map(\.image.id) == ["u5"])
        #expect(plan.decisions.first { $0.image.id == "u2" }?.reason == "in use by 1 server")
        #expect(plan.unchecked.map(\.image.id) == ["u4"])
        #expect(plan.usageNote == "server use checked in project demo; images others may boot could not be checked")
        // A server this project sees makes an image used, even one whose other users it cannot see, and force does not change that.
        let seen = UsageCheck.checked(counts: ["u4": 2], unknown: ["u4", "u2"], scope: "project demo")
        let forced = RetentionPlan.make(Self.catalog, policy: RetentionPolicy(keep: 1, lineage: "ubuntu 22.04", force: true), now: Self.now, check: seen)
        #expect(forced.decisions.first { $0.image.id == "u4" }?.reason == "in use by 2 servers")
        #expect(Set(forced.going.map(\.image.id)) == ["u5", "u2"])
    }

    @Test func theRuleIsReadAsTheCommandTakesIt() throws {
        #expect(try RetentionPolicy.parse(["keep=2", "older-than=30d", "action=deactivate"])
                == RetentionPolicy(keep: 2, olderThanDays: 30, action: .deactivate))
        #expect(throws: CommandError("Say how many builds of each lineage to keep: keep=N")) { try RetentionPolicy.parse(["older-than=3d"]) }
        #expect(throws: CommandError("action is hide, deactivate or delete")) { try RetentionPolicy.parse(["keep=1", "action=burn"]) }
        #expect(throws: CommandError("keep is how many builds to keep: 1 or more")) { try RetentionPolicy.parse(["keep=0"]) }
    }
}

/// What makes two images builds of one thing, when it is not os_distro/os_version.
@Suite struct LineageKeyTests {
    @Test func aNameWithoutItsDateAndBuildStampIsTheLineage() {
        let names = ["ubuntu-22.04-server-cloudimg-amd64-20261120", "Ubuntu-22.04-server-cloudimg-amd64-20261001.1",
                     "ubuntu-22.04-server-cloudimg-amd64 (2026-09-30)", "ubuntu-22.04-server-cloudimg-amd64-20260830T0412Z"]
        #expect(Set(names.map { LineageKey.stripStamps($0) }) == ["ubuntu-22.04-server-cloudimg-amd64"])
        // Versions are not dates: 22.04 and 24.04 stay apart, as do 12 and 13.
        #expect(LineageKey.stripStamps("Debian 12 2026.11.20") == "debian 12")
        #expect(LineageKey.stripStamps("ubuntu-24.04-20261120") != LineageKey.stripStamps("ubuntu-22.04-20261120"))
        // Eight digits that are no date stay: two customers' images are not one lineage.
        #expect(LineageKey.stripStamps("cust-10004567-base") != LineageKey.stripStamps("cust-10009999-base"))
    }

    @Test func propertyKeysNeedTheFirstSetAndAreParsedFromText() throws {
        let key = try LineageKey.parse("image_original_user+architecture")
        #expect(key == .properties(["image_original_user", "architecture"]))
        let image = Image(id: "a", fields: ["image_original_user": .string("Ubuntu"), "architecture": .string("aarch64")])
        #expect(key.key(of: image) == "ubuntu aarch64")
        #expect(key.key(of: Image(id: "b", fields: ["architecture": .string("x86_64")])) == "")
        #expect(try LineageKey.parse("name") == .name)
        #expect(throws: CommandError.self) { try LineageKey.parse("os distro") }
        #expect(key.keptProperties == ["image_original_user", "architecture", "image_build_date"])
    }
}
