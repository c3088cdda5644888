import Foundation
import GlanceAPI
import GlanceApp
import GlanceCore
import Synchronization
import Testing

/// Retention against the real Glance: three lineages with several builds each (dates through
/// image_build_date), a protected old build; keep=2 retires exactly the right ones, hiding them
/// is a batch, and undo brings them back.
@Suite(.enabled(if: LocalCloud.isConfigured, "needs the local cloud: run scripts/test"), .serialized)
struct RetentionIntegrationTests {
    @Test func keepTwoHidesTheOldBuildsButNeverTheProtectedOneAndUndoBringsThemBack() throws {
        let t = try TestImages("retire")
        defer { t.deleteAll() }
        func build(_ name: String, _ distro: String, _ version: String, _ date: String, protected: Bool = false) throws -> Image {
            try t.create(name, ["os_distro": .string(distro), "os_version": .string(version), "image_build_date": .string(date),
                                "protected": .bool(protected), "visibility": .string("private")])
        }
        for (i, date) in ["2026-11-01", "2026-10-01", "2026-09-01", "2026-08-01"].enumerated() {
            _ = try build("ubuntu-\(i)", "ubuntu", "24.04", date, protected: i == 3)
        }
        for (i, date) in ["2026-11-02", "2026-10-02", "2026-09-02"].enumerated() { _ = try build("debian-\(i)", "debian", "12", date) }
        for (i, date) in ["2026-11-03", "2026-06-03"].enumerated() { _ = try build("fedora-\(i)", "fedora", "41", date) }
        let listed = try t.list(ImageQuery())
        // Compute is asked as the browser asks it: the demo project sees its own servers, which
        // is enough for its private images.
        let check = LiveCloud(client: t.demo.client, api: .v2, readOnly: false).serverUsage(of: listed)
        guard case .checked(_, let unknown, let scope) = check else { Issue.record("usage not checked: \(check)"); return }
        #expect(unknown.isEmpty)
        #expect(scope.hasPrefix("project "))
        let plan = RetentionPlan.make(listed, policy: RetentionPolicy(keep: 2), now: Date(timeIntervalSince1970: 1_796_000_000),
                                      check: check)
        #expect(Set(plan.going.map { t.shortName($0.image) }) == ["ubuntu-2", "debian-2"])
        #expect(plan.decisions.first { t.shortName($0.image) == "ubuntu-3" }?.reason == "protected")

        let writer = ImageWrite.Writer(projectID: t.demo.projectID, isAdmin: false)
        let done = Mutex<[String: BatchOutcome]>([:])
        let runner = BatchRunner(backend: ImageV2Backend(client: t.demo.client), writer: writer)
        runner.run(plan.going.map { BatchItem(plan.policy.write, on: $0.image) }, cancel: CancellationFlag()) { id, outcome, _ in
            done.withLock { $0[id] = outcome }
        }
        for decision in plan.going { #expect(try t.demo.client.image(id: decision.image.id).isHidden == true) }

        var batch = Batch(id: BatchID(1), title: "hide", items: plan.going.map { BatchItem(plan.policy.write, on: $0.image) })
        for (i, row) in batch.rows.enumerated() { batch.rows[i].outcome = done.withLock { $0[row.imageID] } }
        let undo = try #require(batch.undo(id: BatchID(2)))
        runner.run(undo.items, cancel: CancellationFlag()) { _, _, _ in }
        for decision in plan.going { #expect(try t.demo.client.image(id: decision.image.id).isHidden == false) }
    }

    /// An old build a server boots from stays, with the count; a shared build's use cannot be
    /// seen by a project user, so it stays too unless forced.
    @Test func aBuildAServerBootsFromIsKeptAndAnUnseeableOneNeedsForce() throws {
        let t = try TestImages("retire-used")
        defer { t.deleteAll() }
        let payload = Data(repeating: 0, count: 4096)
        var ids: [String: String] = [:]
        for (i, date) in ["2026-11-01", "2026-10-01", "2026-09-01", "2026-08-01"].enumerated() {
            let visibility = i == 3 ? "shared" : "private"
            ids["b\(i)"] = try t.create("b\(i)", ["os_distro": .string("alma"), "os_version": .string("9"), "image_build_date": .string(date),
                                                 "visibility": .string(visibility)], data: i == 2 ? payload : nil).id
        }
        let server = try ServerUsageIntegrationTests.boot(t.demo, name: t.fullName("server"), image: try #require(ids["b2"]))
        defer { ServerUsageIntegrationTests.delete(t.demo, server) }
        let listed = try t.list(ImageQuery())
        let check = LiveCloud(client: t.demo.client, api: .v2, readOnly: false).serverUsage(of: listed)
        let plan = RetentionPlan.make(listed, policy: RetentionPolicy(keep: 1), now: Date(timeIntervalSince1970: 1_796_000_000), check: check)
        let reasons = Dictionary(uniqueKeysWithValues: plan.decisions.map { (t.shortName($0.image), $0.reason) })
        #expect(reasons["b2"] == "in use by 1 server")
        #expect(reasons["b3"]?.hasSuffix("kept, use by servers unchecked") == true)
        #expect(plan.going.map { t.shortName($0.image) } == ["b1"])
        let forced = RetentionPlan.make(listed, policy: RetentionPolicy(keep: 1, force: true), now: Date(timeIntervalSince1970: 1_796_000_000),
                                        check: check)
        #expect(Set(forced.going.map { t.shortName($0.image) }) == ["b1", "b3"])
        // The admin sees every project: the shared build's use is known, and it is unused.
        let admin = try t.account("devcloud-admin")
        let all = LiveCloud(client: admin.client, api: .v2, readOnly: false).serverUsage(of: listed)
        let adminPlan = RetentionPlan.make(listed, policy: RetentionPolicy(keep: 1), now: Date(timeIntervalSince1970: 1_796_000_000), check: all)
        #expect(Set(adminPlan.going.map { t.shortName($0.image) }) == ["b1", "b3"])
        #expect(adminPlan.decisions.first { t.shortName($0.image) == "b2" }?.reason == "in use by 1 server")
    }
}
