import Foundation
import Testing
@testable import GlanceAPI

/// Glance's image cache API: requests, the two drivers' bodies, and the "not supported" answer.
@Suite("Desk: image cache")
struct DeskCacheTests {
    static let endpoint = DeskTasksTests.endpoint
    static let html = "text/html; charset=UTF-8"

    @Test("requests: state, queue, remove, and clear with the target header only when one is chosen")
    func requests() {
        #expect(CacheRequests.state(Self.endpoint)
                == HTTPRequest(method: .get, url: "http://127.0.0.1:9292/v2/cache", headers: [("Accept", "application/json")]))
        #expect(CacheRequests.queue(Self.endpoint, imageID: "a/b") == HTTPRequest(method: .put, url: "http://127.0.0.1:9292/v2/cache/a%2Fb"))
        #expect(CacheRequests.remove(Self.endpoint, imageID: "i") == HTTPRequest(method: .delete, url: "http://127.0.0.1:9292/v2/cache/i"))
        #expect(CacheRequests.clear(Self.endpoint, target: .both) == HTTPRequest(method: .delete, url: "http://127.0.0.1:9292/v2/cache"))
        #expect(CacheRequests.clear(Self.endpoint, target: .cache).header("x-image-cache-clear-target") == "cache")
        #expect(CacheRequests.clear(Self.endpoint, target: .queue).header("x-image-cache-clear-target") == "queue")
    }

    @Test("the captured centralized_db state: epoch seconds, size, a null checksum")
    func decodeCaptured() throws {
        let state = try CacheRequests.decodeState(try DeskTasksTests.fixture("glance-cache-cached.json"), url: "u")
        #expect(state.queued.isEmpty)
        #expect(state.cached == [CachedImage(imageID: "227b2083-057a-40fe-ba3c-b5d564043e62", hits: 0,
                                             lastAccessed: Date(timeIntervalSince1970: 1796307256.148841),
                                             lastModified: Date(timeIntervalSince1970: 1796307256.148866), size: 3145728)])
        #expect(state.isCached("227b2083-057a-40fe-ba3c-b5d564043e62") && !state.isCached("other"))
        #expect(try CacheRequests.decodeState(try DeskTasksTests.fixture("glance-cache-empty.json"), url: "u") == ImageCacheState())
    }

    @Test("the sqlite driver's shape: no id or checksum, 0.0 for never, queued ids in order; entries without image_id dropped")
    func decodeSqlite() throws {
        let state = try CacheRequests.decodeState(try DeskTasksTests.fixture("synthetic-cache-sqlite-queued.json"), url: "u")
        #expect(state.cached == [CachedImage(imageID: "8e802862-4c36-470d-9b61-531ebbb8585d", hits: 4,
                                             lastAccessed: Date(timeIntervalSince1970: 1796300000.5), lastModified: nil, size: 21692416)])
        #expect(state.queued == ["227b2083-057a-40fe-ba3c-b5d564043e62", "fdf2e6a3-de19-4996-acbd-5b59d545941f"])
        #expect(throws: APIError.self) { try CacheRequests.decodeState(Data(#"{"cached_images": []}"#.utf8), url: "u") }
    }

    @Test("a cloud without the cache: the 404 keeps Glance's sentence and is told from other 404s and 403s")
    func notSupported() throws {
        let (client, _) = try DeskTasksTests.client([
            try Canned.status(404, fixture: "desk/synthetic-glance-404-cache-not-supported.html", contentType: Self.html),
            try Canned.status(403, fixture: "desk/glance-403-cache.html", contentType: Self.html),
        ])
        let backend: any CacheReader = ImageV2Backend(client: client)
        let missing = try #require(LocalError.of { _ = try backend.cacheState() })
        #expect(missing.userMessage.contains("Caching via API is not supported at this site."))
        #expect(CacheRequests.isNotSupported(missing))
        let refused = try #require(LocalError.of { _ = try backend.cacheState() })
        #expect(refused == .http(status: 403, message: "You are not authorized to complete cache_list action.",
                                 url: "http://127.0.0.1:9292/v2/cache"))
        #expect(!CacheRequests.isNotSupported(refused))
        #expect(!CacheRequests.isNotSupported(.http(status: 404, message: "Image x not found.", url: "u")))
    }

    @Test("the client's writes: 202 on queue, 204 on remove and clear, 400 for an image that is not active")
    func writes() throws {
        let (client, transport) = try DeskTasksTests.client([
            .success(HTTPResponse(status: 202, headers: [:], body: Data())),
            .success(HTTPResponse(status: 204, headers: [:], body: Data())),
            .success(HTTPResponse(status: 204, headers: [:], body: Data())),
            try Canned.status(400, fixture: "desk/glance-400-cache-queue-inactive.html", contentType: Self.html),
        ])
        let backend: any CacheManager = ImageV2Backend(client: client)
        try backend.queueForCache(imageID: "i")
        try backend.removeFromCache(imageID: "i")
        try backend.clearCache(.queue)
        #expect(throws: APIError.http(status: 400, message: "Only images with status active can be targeted for queueing",
                                      url: "http://127.0.0.1:9292/v2/cache/q")) { try backend.queueForCache(imageID: "q") }
        let sent = transport.requests.dropFirst().map { "\($0.method.rawValue) \($0.url)" }
        #expect(sent == ["PUT http://127.0.0.1:9292/v2/cache/i", "DELETE http://127.0.0.1:9292/v2/cache/i",
                         "DELETE http://127.0.0.1:9292/v2/cache", "PUT http://127.0.0.1:9292/v2/cache/q"])
        #expect(transport.requests[3].header("x-image-cache-clear-target") == "queue")
    }
}
