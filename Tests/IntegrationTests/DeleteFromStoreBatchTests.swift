import Foundation
import GlanceAPI
import GlanceApp
import GlanceCore
import Synchronization
import Testing

/// `:delete-from STORE` as the browser runs it: planned (the last store refused in words before
/// anything is sent), guarded by where the data was when the user saw it, and recorded.
@Suite(.enabled(if: LocalCloud.isConfigured, "needs the local cloud: run scripts/test"), .serialized)
struct DeleteFromStoreBatchTests {
    @Test func theBatchRemovesOneCopyGuardedAndTheLastStoreIsLeftOutInWords() throws {
        let images = try TestImages("delete-from")
        defer { images.deleteAll() }
        let admin = try images.account("devcloud-admin")
        let data = Desk.bytes(64 * 1024)
        let twice = try images.create("twice", data: data, as: admin)
        let once = try images.create("once", data: data, as: admin)
        try admin.client.startImport(imageID: twice.id, method: .copyImage, stores: ["cheap"])
        let seen = try Desk.waitFor("the copy to cheap") { () throws -> Image? in
            let now = try admin.client.image(id: twice.id)
            return Desk.stores(now) == ["fast", "cheap"] ? now : nil
        }
        let write = ImageWrite.deleteFrom(store: "fast")
        let session = try LiveCloud(client: admin.client, api: .v2, readOnly: false).signIn()
        let plan = try BatchPlan.make(write, targets: [seen, try admin.client.image(id: once.id)], session: session).get()
        #expect(plan.items.map(\.imageID) == [twice.id])
        #expect(plan.skipped.map(\.reason) == ["fast is its only store: delete the image instead"])

        let writer = ImageWrite.Writer(projectID: admin.projectID, isAdmin: true)
        let outcome = Mutex<BatchOutcome?>(nil)
        let requests = Mutex<[String]>([])
        BatchRunner(backend: ImageV2Backend(client: admin.client), writer: writer).run(plan.items, cancel: CancellationFlag()) { _, o, r in
            outcome.withLock { $0 = o }
            requests.withLock { $0 = r }
        }
        if case .done? = outcome.withLock({ $0 }) {} else { Issue.record("not done: \(String(describing: outcome.withLock { $0 }))") }
        #expect(requests.withLock { $0 }.contains { $0.hasPrefix("DELETE /v2/stores/fast/") })
        #expect(Desk.stores(try admin.client.image(id: twice.id)) == ["cheap"])
        #expect(try Desk.download(admin, twice.id) == data, "still served, from the other store")

        // Planned against the copy seen before: the guard sees the stores changed, and sends nothing.
        let again = BatchItem(.deleteFrom(store: "cheap"), on: seen)
        let second = Mutex<BatchOutcome?>(nil)
        BatchRunner(backend: ImageV2Backend(client: admin.client), writer: writer).run([again], cancel: CancellationFlag()) { _, o, _ in
            second.withLock { $0 = o }
        }
        if case .conflict(let what)? = second.withLock({ $0 }) {
            #expect(what == ["stores is now cheap (was fast,cheap)"])
        } else {
            Issue.record("not a conflict: \(String(describing: second.withLock { $0 }))")
        }
        #expect(Desk.stores(try admin.client.image(id: twice.id)) == ["cheap"])
    }
}
