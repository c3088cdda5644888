import Foundation
import Testing
@testable import GlanceAPI

/// The backends over a scripted transport: what each sends for what it owns, and what it keeps
/// per session (the API signed in with, v2's sort spelling).
@Suite struct BackendTests {
    static let compute = ImageAPIDiscoveryTests.compute
    static let image = ImageAPIDiscoveryTests.image

    func client(_ transport: FakeTransport) -> ImageClient {
        ImageClient(profile: CloudProfile(name: "c", authURL: "http://k:5000/v3", auth: .token(Secret("t0"), scope: .unscoped)),
                    transport: transport)
    }

    static let emptyNovaList = Canned.status(200, text: #"{"images": []}"#, contentType: "application/json")
    static let unauthorized = Canned.status(401, text: #"{"error": {"code": 401, "message": "The request you have made requires authentication."}}"#,
                                            contentType: "application/json")

    @Test func aComputeOnlySessionSignsInAgainAfterA401AndKeepsTheProxy() throws {
        let catalog = "[\(Self.compute)]"
        let transport = FakeTransport(keystone: [try Canned.tokenWithCatalog("t1", catalog: catalog),
                                                 try Canned.tokenWithCatalog("t2", catalog: catalog)],
                                      other: [Self.unauthorized, Self.emptyNovaList])
        let client = client(transport)
        let session = try client.signIn(api: nil)
        #expect(session.api == .compute)
        let backend = Backends.make(session.api, client: client)
        let page = try backend.listImages(.first(query: ImageQuery(), limit: 5))
        #expect(page.images.isEmpty)
        let lines = transport.requests.map { "\($0.method.rawValue) \($0.url) \($0.header("X-Auth-Token") ?? "-")" }
        #expect(lines == ["POST http://k:5000/v3/auth/tokens -",
                          "GET http://n:8774/v2.1/images/detail?limit=5 t1",
                          "POST http://k:5000/v3/auth/tokens -",
                          "GET http://n:8774/v2.1/images/detail?limit=5 t2"])
    }

    @Test func aFirstCallBeforeAnySignInUsesTheAPIChosenLater() throws {
        // After a sign-in chose the proxy, a client that lost its token signs in for the proxy again.
        let catalog = "[\(Self.compute)]"
        let transport = FakeTransport(keystone: [try Canned.tokenWithCatalog("t1", catalog: catalog),
                                                 try Canned.tokenWithCatalog("t2", catalog: catalog)])
        let client = client(transport)
        _ = try client.signIn(api: nil)
        #expect(try client.signInAgain().api == .compute)
    }

    @Test func v2LearnsTheSortSpellingOnceAndKeepsItForTheSession() throws {
        let rejected = Canned.status(400, text: "<html><body>Invalid sort key: name:asc</body></html>", contentType: "text/html")
        let ok = Canned.status(200, text: #"{"images": []}"#, contentType: "application/json")
        let transport = FakeTransport(keystone: [try Canned.tokenWithCatalog("t1", catalog: "[\(Self.image)]")],
                                      other: [rejected, rejected, ok, ok])
        let backend = ImageV2Backend(client: client(transport))
        var query = ImageQuery()
        query.sort = [.init(.name, .asc)]
        let first = try backend.listImages(.first(query: query, limit: 5))
        #expect(first.notice == "This server wants sort-key/sort-dir; sorting with those")
        let second = try backend.listImages(.after(query: query, marker: "m", limit: 5))
        #expect(second.notice == nil)
        let urls = transport.requests.dropFirst().map(\.url)
        #expect(urls == ["http://g:9292/v2/images?sort=name:asc&limit=5",
                         "http://g:9292/v2/images?sort_key=name&sort_dir=asc&limit=5",
                         "http://g:9292/v2/images?sort-key=name&sort-dir=asc&limit=5",
                         "http://g:9292/v2/images?sort-key=name&sort-dir=asc&marker=m&limit=5"])
    }

    @Test func aThird400IsTheServersAnswer() throws {
        let rejected = Canned.status(400, text: "Invalid sort key", contentType: "text/plain")
        let transport = FakeTransport(keystone: [try Canned.tokenWithCatalog("t1", catalog: "[\(Self.image)]")],
                                      other: [rejected, rejected, rejected])
        var query = ImageQuery()
        query.sort = [.init(.size, .desc)]
        #expect(throws: APIError.self) { try ImageV2Backend(client: client(transport)).listImages(.first(query: query, limit: 5)) }
        #expect(transport.requests.count == 4)
    }

    @Test func anUnsortedListIsNotRetriedOnA400() throws {
        let transport = FakeTransport(keystone: [try Canned.tokenWithCatalog("t1", catalog: "[\(Self.image)]")],
                                      other: [Canned.status(400, text: "bad filter")])
        var query = ImageQuery()
        query.status = "nonsense"
        #expect(throws: APIError.self) { try ImageV2Backend(client: client(transport)).listImages(.first(query: query, limit: 5)) }
        #expect(transport.requests.count == 2)
    }

    @Test func eachBackendConformsToWhatItsAPIServes() {
        let c = client(FakeTransport())
        #expect(ImageCapability.of(Backends.make(.v2, client: c)) == Set(ImageCapability.allCases))
        #expect(ImageCapability.of(Backends.make(.compute, client: c)) == [.edit, .delete])
        #expect(c.requestsMade == 0)
    }
}

extension ImageClient {
    fileprivate var requestsMade: Int { (transport as? FakeTransport)?.requests.count ?? -1 }
}
