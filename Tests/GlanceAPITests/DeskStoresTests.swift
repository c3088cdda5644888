import Foundation
import Testing
@testable import GlanceAPI

/// Stores: the detailed list with its fallback, and deleting an image's data from one store.
@Suite("Desk: stores")
struct DeskStoresTests {
    static let endpoint = DeskTasksTests.endpoint
    static let html = "text/html; charset=UTF-8"

    @Test("requests: detail, and the delete with both ids escaped")
    func requests() {
        #expect(StoresRequests.detail(Self.endpoint)
                == HTTPRequest(method: .get, url: "http://127.0.0.1:9292/v2/info/stores/detail", headers: [("Accept", "application/json")]))
        #expect(StoresRequests.deleteFromStore(Self.endpoint, store: "cheap", imageID: "i-1")
                == HTTPRequest(method: .delete, url: "http://127.0.0.1:9292/v2/stores/cheap/i-1"))
        #expect(StoresRequests.deleteFromStore(ImageEndpoint(catalogURL: "https://c.example/image/v2"), store: "a b", imageID: "x/y").url
                == "https://c.example/image/v2/stores/a%20b/x%2Fy")
    }

    @Test("the captured detail: type, properties and weight; \"default\" sent as a string")
    func decodeDetail() throws {
        let stores = DataRequests.decodeStores(try DeskTasksTests.fixture("glance-stores-detail.json"))
        #expect(stores.map(\.id) == ["fast", "cheap"])
        #expect(stores.map(\.isDefault) == [true, false])
        #expect(stores.map(\.type) == ["file", "file"])
        #expect(stores[1].properties == ["data_dir": .string("/work/main/.devcloud/glance/cheap"),
                                         "chunk_size": .number(65536), "thin_provisioning": .bool(false)])
        #expect(stores[0].weight == 0)
        let plain = DataRequests.decodeStores(try DeskTasksTests.fixture("glance-stores.json"))
        #expect(plain == [ImageStore(id: "fast", description: "Fast local store", isDefault: true),
                          ImageStore(id: "cheap", description: "Cheap local store")])
    }

    @Test("an admin gets the detail in one request")
    func detailed() throws {
        let (client, transport) = try DeskTasksTests.client([try DeskTasksTests.ok("glance-stores-detail.json")])
        let listing = try ImageV2Backend(client: client).storeListing()
        #expect(listing.isDetailed && listing.detailRefusal == nil)
        #expect(listing.stores.compactMap(\.type) == ["file", "file"])
        #expect(transport.requests.count == 2)
    }

    @Test("a member's 403 on the detail falls back to the plain list and keeps Glance's sentence")
    func fallback() throws {
        let (client, transport) = try DeskTasksTests.client([
            try Canned.status(403, fixture: "desk/glance-403-stores-detail.html", contentType: Self.html),
            try DeskTasksTests.ok("glance-stores.json"),
        ])
        let listing = try ImageV2Backend(client: client).storeListing()
        #expect(!listing.isDetailed)
        #expect(listing.detailRefusal == "You are not authorized to complete stores_info_detail action.")
        #expect(listing.stores.map(\.id) == ["fast", "cheap"] && listing.stores.allSatisfy { $0.type == nil })
        #expect(transport.requests.dropFirst().map(\.url) == ["http://127.0.0.1:9292/v2/info/stores/detail",
                                                              "http://127.0.0.1:9292/v2/info/stores"])
    }

    @Test("any other failure of the detail is thrown, not hidden by the fallback")
    func otherFailure() throws {
        let (client, transport) = try DeskTasksTests.client([Canned.status(404, text: "Multi backend is not supported at this site.")])
        #expect(throws: APIError.http(status: 404, message: "Multi backend is not supported at this site.",
                                      url: "http://127.0.0.1:9292/v2/info/stores/detail")) {
            try ImageV2Backend(client: client).storeListing()
        }
        #expect(transport.requests.count == 2)
    }

    @Test("deleting from a store: 204, and Glance's refusals with their sentences")
    func deleteData() throws {
        let (client, transport) = try DeskTasksTests.client([
            .success(HTTPResponse(status: 204, headers: [:], body: Data())),
            try Canned.status(403, fixture: "desk/glance-403-last-store.html", contentType: Self.html),
            try Canned.status(409, fixture: "desk/glance-409-unknown-store.html", contentType: Self.html),
            try Canned.status(403, fixture: "desk/glance-403-tasks.html", contentType: Self.html),
        ])
        let backend: any StoreDataDeleter = ImageV2Backend(client: client)
        try backend.deleteData(imageID: "i", fromStore: "cheap")
        #expect(transport.requests.last?.method == .delete)

        let last = LocalError.of { try backend.deleteData(imageID: "i", fromStore: "fast") }
        #expect(last == .http(status: 403, message: "Cannot delete image data from the only store containing it. Consider deleting the image instead.",
                              url: "http://127.0.0.1:9292/v2/stores/fast/i"))
        #expect(last.map(StoresRequests.isLastStoreRefusal) == true)

        let unknown = LocalError.of { try backend.deleteData(imageID: "i", fromStore: "nowhere") }
        #expect(unknown == .http(status: 409, message: "The selected store nowhere is not available on this node.",
                                 url: "http://127.0.0.1:9292/v2/stores/nowhere/i"))
        let policy = LocalError.of { try backend.deleteData(imageID: "i", fromStore: "fast") }
        #expect(policy?.status == 403)
        #expect(policy.map(StoresRequests.isLastStoreRefusal) == false)
    }
}

/// The APIError a call throws, nil (and an issue) when it throws none.
enum LocalError {
    static func of(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> APIError? {
        do {
            try body()
            Issue.record("expected an APIError", sourceLocation: sourceLocation)
        } catch let error as APIError {
            return error
        } catch {
            Issue.record("expected an APIError, got \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }
}
