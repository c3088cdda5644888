import Foundation
import GlanceAPI
import Testing

/// Glance tasks (ImageClient+Desk.swift) against the devcloud's Glance 33: admin lists and reads
/// them, a member is refused by `tasks_api_access`, and an image's own tasks are readable by
/// its owner after a glance-direct import.
@Suite(.enabled(if: LocalCloud.isConfigured, "needs the local cloud: run scripts/test"), .serialized)
struct DeskTasksIntegrationTests {
    static let refusal = "You are not authorized to complete tasks_api_access action."

    @Test func anImportsTaskIsTheImagesAndAdminReadsItWhole() throws {
        let images = try TestImages("desk-tasks")
        defer { images.deleteAll() }
        let demo = images.demo
        let admin = try TestImages.signIn("devcloud-admin")
        let data = Desk.bytes(64 * 1024)
        let image = try images.create("direct")
        try Desk.stage(demo, image.id, data)
        try demo.client.startImport(imageID: image.id, method: .glanceDirect, stores: nil)

        // The owner reads the image's tasks without the tasks API (only get_image is checked).
        let task = try Desk.waitFor("the import's task to succeed") { () throws -> GlanceTask? in
            try demo.client.tasks(ofImage: image.id).first { $0.status == .success }
        }
        #expect(task.imageID == image.id)
        #expect(task.type == "api_image_import")
        #expect(!task.isStub)
        #expect(task.input.objectValue?["import_req"]?.objectValue?["method"]?.objectValue?["name"] == .string("glance-direct"))
        #expect(task.created != nil && task.expires != nil)
        #expect(try demo.client.image(id: image.id).status.rawValue == "active")
        #expect(try Desk.download(demo, image.id) == data)

        let whole = try ImageV2Backend(client: admin.client).task(id: task.id)
        #expect(whole.id == task.id && whole.owner == demo.projectID && whole.imageID == image.id && !whole.isStub)
        #expect(whole.userID != nil && whole.requestID?.hasPrefix("req-") == true)

        // The newest tasks come first by default: this one is on the first page.
        let page = try admin.client.listTasks(.first(query: TaskQuery(status: .success), limit: 50))
        let listed = try #require(page.tasks.first { $0.id == task.id }, "ids: \(page.tasks.map(\.id))")
        #expect(listed.isStub && listed.status == .success)

        let refused = LocalCloud.apiError { _ = try demo.client.task(id: task.id) }
        #expect(refused?.status == 403 && Desk.message(refused) == Self.refusal)
    }

    @Test func adminPagesByMarkerAndByLinkAlike() throws {
        let admin = try TestImages.signIn("devcloud-admin")
        let first = try admin.client.listTasks(.first(query: TaskQuery(sortKey: .createdAt), limit: 1))
        try #require(first.tasks.count == 1, "the devcloud has no tasks yet")
        guard let link = first.next else { return }
        let byLink = try admin.client.listTasks(.next(link: link))
        let byMarker = try admin.client.listTasks(.after(query: TaskQuery(sortKey: .createdAt), marker: first.tasks[0].id, limit: 1))
        #expect(byLink.tasks.map(\.id) == byMarker.tasks.map(\.id))
        #expect(!byLink.tasks.map(\.id).contains(first.tasks[0].id))
    }

    @Test func aMemberIsRefusedTheTasksAPIWithGlancesSentence() throws {
        let demo = try TestImages.signIn("devcloud-demo")
        let error = LocalCloud.apiError { _ = try ImageV2Backend(client: demo.client).listTasks(.first(query: TaskQuery(), limit: 5)) }
        #expect(error?.status == 403)
        #expect(Desk.message(error) == Self.refusal)
    }

    /// Glance's type filter knows only the old "import" tasks: interoperable imports' tasks
    /// ("api_image_import") cannot be filtered by type, which a UI must not offer.
    @Test func theTypeFilterRefusesTheInteroperableImportsType() throws {
        let admin = try TestImages.signIn("devcloud-admin")
        let error = LocalCloud.apiError { _ = try admin.client.listTasks(.first(query: TaskQuery(type: "api_image_import"), limit: 1)) }
        #expect(error?.status == 400 && Desk.message(error) == "Invalid type value: api_image_import")
        let statusError = LocalCloud.apiError { _ = try admin.client.listTasks(.first(query: TaskQuery(status: .other("bogus")), limit: 1)) }
        #expect(Desk.message(statusError) == "Invalid status value: bogus")
    }

    @Test func anImageNobodyHasAnsweredWith404() throws {
        let admin = try TestImages.signIn("devcloud-admin")
        let error = LocalCloud.apiError { _ = try admin.client.tasks(ofImage: UUID().uuidString.lowercased()) }
        #expect(error?.status == 404)
    }
}
