import Foundation
import GlanceAPI
@testable import GlanceCore
@testable import GlanceViews
import TerminalKit
import Testing

/// Golden screens of image lifecycle: lineages folded and one unfolded, the retirement plan with
/// every reason, and the linter's findings with their fixes — in colour and in mono.
@Suite struct LifecycleGoldenTests {
    init() { DisplayWidth.ensureUTF8Locale() }

    static let sizes = [TerminalSize(width: 80, height: 24), TerminalSize(width: 120, height: 40)]
    static let themes: [(String, Theme)] = [("", .builtinDefault), ("-mono", .builtinMonochrome)]

    static func build(_ name: String, _ distro: String?, _ version: String, daysOld: Int, size: Int64 = 2_147_483_648,
                      protected: Bool = false, extras: [String: String] = [:]) -> Image {
        let date = ScreenFixtures.now.addingTimeInterval(-Double(daysOld) * 86_400)
        var fields: [String: JSONValue] = ["image_build_date": .string(String(ISO8601DateFormatter().string(from: date).prefix(10))),
                                           "visibility": .string("private"), "owner": .string(ScreenFixtures.session.projectID ?? ""),
                                           "protected": .bool(protected), "os_hidden": .bool(false), "size": .number(Double(size)),
                                           "updated_at": .string("2026-11-20T10:00:00Z"), "disk_format": .string("qcow2")]
        if let distro { fields["os_distro"] = .string(distro); fields["os_version"] = .string(version) }
        for (k, v) in extras { fields[k] = .string(v) }
        return Image(id: "\(name)-0000-4000-8000-000000000000", name: name, status: .active, fields: fields)
    }

    static let catalog: [Image] = [
        build("ubuntu-22.04-20261119", "ubuntu", "22.04", daysOld: 3), build("ubuntu-22.04-20261020", "ubuntu", "22.04", daysOld: 33),
        build("ubuntu-22.04-20260919", "ubuntu", "22.04", daysOld: 64), build("ubuntu-22.04-20260819", "Ubuntu", "22.04", daysOld: 95),
        build("ubuntu-22.04-20260719", "ubuntu", "22.04", daysOld: 126, protected: true),
        build("debian-12-20261112", "debian", "12", daysOld: 10, extras: ["hw_disk_bus": "scsii"]),
        build("debian-12-20260713", "debian", "12", daysOld: 132, extras: ["hw_qemu_guest_agent": "True"]),
        build("windows-2022-golden", nil, "", daysOld: 300, size: 21_474_836_480),
    ]

    func render(_ state: AppState, _ theme: Theme) -> ScreenBuffer { RootView.render(state, theme: theme, now: ScreenFixtures.now) }

    func command(_ state: inout AppState, _ text: String) {
        _ = Update.update(&state, .keyPressed(.char(":")))
        for ch in text { _ = Update.update(&state, .keyPressed(.char(ch))) }
        _ = Update.update(&state, .keyPressed(.enter))
    }

    @Test(arguments: sizes)
    func lineagesFoldedWithOneUnfolded(size: TerminalSize) {
        var state = ScreenFixtures.state(size: size, images: Self.catalog)
        command(&state, "lineage")
        _ = Update.update(&state, .keyPressed(.down))
        _ = Update.update(&state, .keyPressed(.enter))
        #expect(state.lineages.rows.count == 8)
        for (suffix, theme) in Self.themes {
            Golden.assert(render(state, theme), named: "lineages-\(size.width)x\(size.height)\(suffix)")
        }
    }

    @Test(arguments: sizes)
    func theRetirementPlanWithEveryReason(size: TerminalSize) {
        var state = ScreenFixtures.state(size: size, images: Self.catalog)
        command(&state, "retire keep=2 older-than=30d")
        guard case .checking(let id, _)? = state.retire?.phase else {
            Issue.record("no plan asked for: \(String(describing: state.retire))")
            return
        }
        let used = Self.catalog[2].id
        let facts = RetireState.Facts(images: Self.catalog, usage: .checked(counts: [used: 3], unknown: [], scope: "all projects"))
        _ = Update.update(&state, .retirementChecked(id, .success(facts), at: ScreenFixtures.now))
        #expect(state.retire?.plan?.going.count == 1)
        for (suffix, theme) in Self.themes {
            Golden.assert(render(state, theme), named: "retire-plan-\(size.width)x\(size.height)\(suffix)")
        }
    }

    @Test(arguments: sizes)
    func theLintFindingsWithTheirFixes(size: TerminalSize) {
        var state = ScreenFixtures.state(size: size, images: Self.catalog)
        state.lintSettings = LintSettings(sets: [.definitions, .unknownKeys])
        command(&state, "lint")
        guard case .running(let id, _)? = state.lint?.phase else {
            Issue.record("no lint asked for")
            return
        }
        let book = RuleBook(metadefs: [
            PropertyRule(key: "hw_disk_bus", choices: ["scsi", "virtio", "ide"], source: "metadefs OS::Compute::LibvirtImage"),
            PropertyRule(key: "hw_qemu_guest_agent", choices: ["yes", "no"], source: "metadefs OS::Compute::LibvirtImage"),
        ])
        let linter = Linter(rules: book, sets: state.lintSettings.sets)
        let findings = linter.findings(for: Self.catalog)
        let flagged = Set(findings.map(\.imageID))
        let report = LintReport(images: Self.catalog.filter { flagged.contains($0.id) }, findings: findings, linted: Self.catalog.map(\.id))
        _ = Update.update(&state, .lintFinished(id, .success(report)))
        _ = Update.update(&state, .keyPressed(.down))
        for (suffix, theme) in Self.themes {
            Golden.assert(render(state, theme), named: "lint-\(size.width)x\(size.height)\(suffix)")
        }
    }
}
