import Foundation
import Testing
@testable import GlanceAPI

/// ComputeImageClient over a FakeTransport: query mapping, the proxy-404 message, and the
/// translation of v2 JSON-patch lists into metadata calls.
struct ComputeImagesClientTests {
    static let catalog = #"""
    [{"type": "image", "endpoints": [{"interface": "public", "region": "RegionOne", "region_id": "RegionOne", "url": "http://127.0.0.1:9292", "id": "e1"}]},
     {"type": "compute", "endpoints": [{"interface": "public", "region": "RegionOne", "region_id": "RegionOne", "url": "http://127.0.0.1:8774/v2.1", "id": "e2"}]}]
    """#

    static func client(_ other: [FakeTransport.Answer], microversion: String = "2.35") throws -> (ComputeImageClient, FakeTransport) {
        let transport = FakeTransport(keystone: [try Canned.tokenWithCatalog("tok", catalog: catalog)], other: other)
        let profile = CloudProfile(name: "t", authURL: "http://127.0.0.1:5000/v3",
                                   auth: .password(user: .name("demo", domain: .name("Default")), password: Secret("pw"),
                                                   scope: .project(.name("demo", domain: .name("Default")))),
                                   regionName: "RegionOne")
        let image = ImageClient(profile: profile, transport: transport)
        return (try ComputeImageClient(client: image, microversion: microversion), transport)
    }

    static func ok(_ body: String) -> FakeTransport.Answer {
        .success(HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: Data(body.utf8)))
    }

    static let noContent: FakeTransport.Answer = .success(HTTPResponse(status: 204))
    static let imageBody = #"{"image": {"id": "i1", "name": "n", "status": "ACTIVE", "metadata": {"a": "1"}}}"#

    @Test("the client refuses microversions above 2.35")
    func refusesNewMicroversion() {
        #expect(throws: APIError.self) { try Self.client([], microversion: "2.36") }
    }

    @Test("list maps name and status, and refuses what the proxy cannot send before sending")
    func listQuery() throws {
        let (client, transport) = try Self.client([Self.ok(#"{"images": []}"#), Self.ok(#"{"images": []}"#), Self.ok(#"{"images": []}"#)])
        var query = ImageQuery()
        query.name = "cirros"
        query.status = "active"
        _ = try client.listImages(.first(query: query, limit: 20))
        _ = try client.listImages(.after(query: query, marker: "m1", limit: 20), detail: false)
        _ = try client.listImages(.next(link: "http://elsewhere/v2.1/images/detail?limit=2&marker=m2", limit: 100))
        let urls = transport.requests.filter { !$0.url.hasSuffix("/auth/tokens") }.map(\.url)
        #expect(urls == ["http://127.0.0.1:8774/v2.1/images/detail?name=cirros&status=active&limit=20",
                         "http://127.0.0.1:8774/v2.1/images?name=cirros&status=active&limit=20&marker=m1",
                         "http://127.0.0.1:8774/v2.1/images/detail?limit=100&marker=m2"])
        for r in transport.requests where !r.url.hasSuffix("/auth/tokens") {
            #expect(r.header("X-OpenStack-Nova-API-Version") == "2.35")
            #expect(r.header("X-Auth-Token") == "tok")
        }
        var unsendable = query
        unsendable.visibility = .public
        unsendable.tags = ["x"]
        let sent = transport.requests.count
        #expect(throws: APIError.configuration("Compute's image proxy cannot filter by visibility, tag")) {
            try client.listImages(.first(query: unsendable, limit: 20))
        }
        #expect(transport.requests.count == sent)
    }

    @Test("a 404 on the list says the cloud does not proxy images")
    func proxy404() throws {
        let notFound = Canned.status(404, text: #"{"itemNotFound": {"code": 404, "message": "The resource could not be found."}}"#,
                                     contentType: "application/json")
        let (client, _) = try Self.client([notFound, notFound])
        do {
            _ = try client.listImages(.first(query: ImageQuery(), limit: 5))
            Issue.record("no error")
        } catch {
            guard case .serviceNotFound(let m) = error else { Issue.record("\(error)"); return }
            #expect(m.hasPrefix("This cloud's Compute API does not proxy images ("))
            #expect(m.contains("microversion 2.35"))
        }
        // Elsewhere a 404 stays the server's own answer.
        #expect(throws: APIError.http(status: 404, message: "The resource could not be found.", url: "http://127.0.0.1:8774/v2.1/images/x")) {
            try client.image(id: "x")
        }
    }

    @Test("other list errors pass through unchanged")
    func otherErrors() {
        let e = APIError.http(status: 400, message: "bad", url: "u")
        #expect(ComputeImageClient.proxyError(e, microversion: .maxProxy) == e)
    }

    @Test("patch translation: adds and replaces merge, removes delete, last wins")
    func plan() throws {
        let plan = try ComputeImageClient.plan([
            .add(key: "a", value: .string("1")), .replace(key: "b", value: .number(2)), .remove(key: "c"),
            .add(key: "c", value: .bool(true)), .remove(key: "d"), .remove(key: "a"), .remove(key: "d"),
        ])
        #expect(plan.merge == ["b": "2", "c": "true"])
        #expect(plan.remove == ["d", "a"])
    }

    @Test("core fields, bad keys and non-text values are refused with a sentence", arguments: [
        PatchOperation.replace(key: "name", value: .string("x")), .replace(key: "min_ram", value: .number(1)),
        .replace(key: "min_disk", value: .number(1)), .replace(key: "visibility", value: .string("public")),
        .remove(key: "owner"), .add(key: "tags", value: .array([])), .replace(key: "protected", value: .bool(true)),
        .add(key: "a/b", value: .string("x")), .add(key: "k", value: .null), .add(key: "k", value: .object([:])),
        .add(key: "k", value: .string(String(repeating: "v", count: 256))),
    ])
    func refused(_ op: PatchOperation) {
        do {
            _ = try ComputeImageClient.plan([op])
            Issue.record("accepted \(op)")
        } catch {
            guard case .configuration(let m) = error else { Issue.record("\(error)"); return }
            #expect(m.hasPrefix("Compute's image proxy"))
        }
    }

    @Test("apply sends one set for one key, one merge for several, then deletes, then shows")
    func apply() throws {
        let (client, transport) = try Self.client([
            Self.ok(#"{"meta": {"a": "1"}}"#), Self.noContent, Self.ok(Self.imageBody),
            Self.ok(#"{"metadata": {"a": "1", "b": "2"}}"#), Self.ok(Self.imageBody),
        ])
        let image = try client.apply(id: "i1", operations: [.add(key: "a", value: .string("1")), .remove(key: "z")])
        #expect(image.fields["a"] == .string("1"))
        _ = try client.apply(id: "i1", operations: [.add(key: "a", value: .string("1")), .replace(key: "b", value: .string("2"))])
        let sent = transport.requests.filter { !$0.url.hasSuffix("/auth/tokens") }
        #expect(sent.map { "\($0.method.rawValue) \($0.url)" } == [
            "PUT http://127.0.0.1:8774/v2.1/images/i1/metadata/a",
            "DELETE http://127.0.0.1:8774/v2.1/images/i1/metadata/z",
            "GET http://127.0.0.1:8774/v2.1/images/i1",
            "POST http://127.0.0.1:8774/v2.1/images/i1/metadata",
            "GET http://127.0.0.1:8774/v2.1/images/i1",
        ])
        #expect(try JSONDecoder().decode(JSONValue.self, from: #require(sent[3].body)) == json(#"{"metadata": {"a": "1", "b": "2"}}"#))
    }

    @Test("a refused patch sends nothing")
    func refusedSendsNothing() throws {
        let (client, transport) = try Self.client([])
        #expect(throws: APIError.self) { try client.apply(id: "i1", operations: [.add(key: "a", value: .string("1")), .replace(key: "name", value: .string("x"))]) }
        #expect(transport.requests.isEmpty)
    }
}
