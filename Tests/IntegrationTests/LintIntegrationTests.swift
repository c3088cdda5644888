import Foundation
import GlanceAPI
import GlanceApp
import GlanceCore
import Synchronization
import Testing

/// The linter against the real Glance: the cloud's own schema and metadata definitions find the
/// seeded mistakes, the fixes go out as one batch through the guard, an image someone changed
/// meanwhile is left as they left it, and linting again finds only what has no fix.
@Suite(.enabled(if: LocalCloud.isConfigured, "needs the local cloud: run scripts/test"), .serialized)
struct LintIntegrationTests {
    static let sets: Set<LintRuleSet> = [.definitions, .unknownKeys, .reservedKeys]

    @Test func theCloudsRulesFindTheMistakesAndOneBatchFixesThemThroughTheGuard() throws {
        let t = try TestImages("lint")
        defer { t.deleteAll() }
        let typo = try t.create("typo", ["hw_disk_bus": .string("scsii"), "hw_qemu_guest_agent": .string("True"),
                                         "hw_vif_modle": .string("virtio"), "os_distro": .string("ubuntu")])
        let upper = try t.create("upper", ["hypervisor_type": .string("QEMU"), "os_distro": .string("debian")])
        let raced = try t.create("raced", ["hw_disk_bus": .string("virtoi")])
        let clean = try t.create("clean", ["hw_disk_bus": .string("virtio")])
        let backend = ImageV2Backend(client: t.demo.client)
        let query = try FilterParser.parse("prop.\(TestImages.marker)=\(t.run)")
        let settings = LintSettings(sets: Self.sets)
        let report = try LintRun.run(backend: backend, query: query, ids: nil, settings: settings, profiles: [])
        #expect(report.notes.isEmpty, "the local cloud publishes its metadata definitions")
        #expect(Set(report.linted) == [typo.id, upper.id, raced.id, clean.id])
        func fixes(_ id: String) -> [String: String] {
            report.fixable.first { $0.imageID == id }?.fix.set ?? [:]
        }
        #expect(fixes(typo.id) == ["hw_disk_bus": "scsi", "hw_qemu_guest_agent": "yes", "hw_vif_model": "virtio"])
        #expect(report.fixable.first { $0.imageID == typo.id }?.fix.unset == ["hw_vif_modle"])
        #expect(fixes(upper.id) == ["hypervisor_type": "qemu"])
        #expect(fixes(raced.id) == ["hw_disk_bus": "virtio"])
        // The test marker is a key nothing knows, close to none: reported, no fix.
        #expect(report.findings.filter { $0.imageID == clean.id }.map(\.key) == [TestImages.marker])

        // Someone else puts a different value in before the fixes run: theirs is kept.
        _ = try t.patch(raced.id, [("replace", "/hw_disk_bus", .string("ide"))])
        let images = Dictionary(report.images.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let items = report.fixable.compactMap { fix in images[fix.imageID].map(fix.batchItem(seen:)) }
        let writer = ImageWrite.Writer(projectID: t.demo.projectID, isAdmin: false)
        let outcomes = Mutex<[String: BatchOutcome]>([:])
        BatchRunner(backend: backend, writer: writer).run(items, cancel: CancellationFlag()) { id, outcome, _ in
            outcomes.withLock { $0[id] = outcome }
        }
        let ended = outcomes.withLock { $0 }
        if case .done? = ended[typo.id] {} else { Issue.record("typo: \(String(describing: ended[typo.id]))") }
        if case .done? = ended[upper.id] {} else { Issue.record("upper: \(String(describing: ended[upper.id]))") }
        if case .conflict? = ended[raced.id] {} else { Issue.record("raced was not a conflict: \(String(describing: ended[raced.id]))") }
        #expect(try t.demo.client.image(id: raced.id).fields["hw_disk_bus"] == .string("ide"))
        let fixed = try t.demo.client.image(id: typo.id)
        #expect(fixed.fields["hw_disk_bus"] == .string("scsi"))
        #expect(fixed.fields["hw_vif_model"] == .string("virtio"))
        #expect(fixed.fields["hw_vif_modle"] == nil)

        let again = try LintRun.run(backend: backend, query: query, ids: nil, settings: settings, profiles: [])
        #expect(again.fixable.isEmpty)
        #expect(Set(again.findings.map(\.key)) == [TestImages.marker])
    }
}
