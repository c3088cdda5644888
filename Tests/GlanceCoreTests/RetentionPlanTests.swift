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
                                      usage: ["u4": 3])
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
                                      now: Self.now, usage: nil)
        #expect(plan.decisions.allSatisfy { $0.lineage == "ubuntu 22.04" })
        #expect(plan.going.map(\.image.id) == ["u4"])
        #expect(plan.decisions.first { $0.image.id == "u2" }?.reason == "3rd newest, 60 days old: younger than 90 days")
        #expect(plan.usageUnknown)
    }

    @Test func theRuleIsReadAsTheCommandTakesIt() throws {
        #expect(try RetentionPolicy.parse(["keep=2", "older-than=30d", "action=deactivate"])
                == RetentionPolicy(keep: 2, olderThanDays: 30, action: .deactivate))
        #expect(throws: CommandError("Say how many builds of each lineage to keep: keep=N")) { try RetentionPolicy.parse(["older-than=3d"]) }
        #expect(throws: CommandError("action is hide, deactivate or delete")) { try RetentionPolicy.parse(["keep=1", "action=burn"]) }
        #expect(throws: CommandError("keep is how many builds to keep: 1 or more")) { try RetentionPolicy.parse(["keep=0"]) }
    }
}
