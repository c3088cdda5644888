import Foundation
import GlanceAPI
import Testing

/// Stores (ImageClient+Desk.swift) against the devcloud's two file stores, "fast" (default)
/// and "cheap": the detail for admins, the plain list for members, and deleting an image's
/// data from one store while the other still serves it.
@Suite(.enabled(if: LocalCloud.isConfigured, "needs the local cloud: run scripts/test"), .serialized)
struct DeskStoresIntegrationTests {
    @Test func adminSeesTheStoresTypesAndSettings() throws {
        let admin = try TestImages.signIn("devcloud-admin")
        let listing = try ImageV2Backend(client: admin.client).storeListing()
        #expect(listing.isDetailed && listing.detailRefusal == nil)
        #expect(Set(listing.stores.map(\.id)) == ["fast", "cheap"])
        #expect(listing.stores.allSatisfy { $0.type == "file" && $0.properties["data_dir"]?.stringValue != nil })
        #expect(listing.stores.first(where: \.isDefault)?.id == "fast")
    }

    @Test func aMemberGetsThePlainListAndTheReason() throws {
        let demo = try TestImages.signIn("devcloud-demo")
        let listing = try ImageV2Backend(client: demo.client).storeListing()
        #expect(!listing.isDetailed)
        #expect(listing.detailRefusal == "You are not authorized to complete stores_info_detail action.")
        #expect(Set(listing.stores.map(\.id)) == ["fast", "cheap"])
        #expect(listing.stores.allSatisfy { $0.type == nil && $0.properties.isEmpty })
    }

    @Test func dataDeletedFromOneStoreIsServedFromTheOtherAndTheLastIsRefused() throws {
        let images = try TestImages("desk-stores")
        defer { images.deleteAll() }
        let admin = try images.account("devcloud-admin")
        let backend = ImageV2Backend(client: admin.client)
        let data = Desk.bytes(96 * 1024)
        let image = try images.create("two-stores", data: data, as: admin)
        #expect(Desk.stores(image) == ["fast"])
        try admin.client.startImport(imageID: image.id, method: .copyImage, stores: ["cheap"])
        _ = try Desk.waitFor("the copy to cheap") { () throws -> Image? in
            let now = try admin.client.image(id: image.id)
            return Desk.stores(now) == ["fast", "cheap"] ? now : nil
        }

        // A member may not remove locations, even of its own image.
        let own = try images.create("own", data: Desk.bytes(1024))
        let demoRefusal = LocalCloud.apiError { try images.demo.client.deleteData(imageID: own.id, fromStore: "fast") }
        #expect(demoRefusal?.status == 403)
        #expect(Desk.message(demoRefusal) == "You are not authorized to complete delete_image_location action.")
        #expect(demoRefusal.map(StoresRequests.isLastStoreRefusal) == false)

        try backend.deleteData(imageID: image.id, fromStore: "fast")
        let after = try admin.client.image(id: image.id)
        #expect(Desk.stores(after) == ["cheap"])
        #expect(after.status.rawValue == "active")
        #expect(try Desk.download(admin, image.id) == data)

        let notThere = LocalCloud.apiError { try backend.deleteData(imageID: image.id, fromStore: "nowhere") }
        #expect(notThere?.status == 409 && Desk.message(notThere) == "The selected store nowhere is not available on this node.")

        let last = LocalCloud.apiError { try backend.deleteData(imageID: image.id, fromStore: "cheap") }
        #expect(last?.status == 403)
        #expect(Desk.message(last) == "Cannot delete image data from the only store containing it. Consider deleting the image instead.")
        #expect(last.map(StoresRequests.isLastStoreRefusal) == true)
        #expect(try Desk.download(admin, image.id) == data)
    }
}
