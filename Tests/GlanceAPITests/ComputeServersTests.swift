import Foundation
import Testing
@testable import GlanceAPI

/// Compute's server listing for image usage: requests, decoding (a real nova-api page and the
/// volume-booted and down-cell shapes of the api-ref), paging, scope and the known/unknown rule.
struct ComputeServersTests {
    static let endpoint = ComputeEndpoint(catalogURL: "http://nova:8774/v2.1")

    static func client(_ other: [FakeTransport.Answer], roles: [String]) -> (ComputeServerClient, FakeTransport) {
        let roleJSON = roles.enumerated().map { #"{"id": "r\#($0.offset)", "name": "\#($0.element)"}"# }.joined(separator: ", ")
        let body = """
        {"token": {"methods": ["password"], "expires_at": "2026-11-22T20:57:36.000000Z",
          "user": {"id": "u1", "name": "demo"}, "project": {"id": "p1", "name": "demo"},
          "roles": [\(roleJSON)], "catalog": \(ComputeImagesClientTests.catalog)}}
        """
        let token = FakeTransport.Answer.success(HTTPResponse(status: 201, headers: ["X-Subject-Token": "tok"], body: Data(body.utf8)))
        let transport = FakeTransport(keystone: [token], other: other)
        let profile = CloudProfile(name: "t", authURL: "http://127.0.0.1:5000/v3",
                                   auth: .password(user: .name("demo", domain: .name("Default")), password: Secret("pw"),
                                                   scope: .project(.name("demo", domain: .name("Default")))),
                                   regionName: "RegionOne")
        return (ComputeServerClient(client: ImageClient(profile: profile, transport: transport), pageSize: 2), transport)
    }

    static func ok(_ body: String) -> FakeTransport.Answer { ComputeImagesClientTests.ok(body) }

    static func sent(_ transport: FakeTransport) -> [HTTPRequest] { transport.requests.filter { !$0.url.hasSuffix("/auth/tokens") } }

    static func server(_ id: String, image: String) -> String {
        #"{"id": "\#(id)", "name": "n-\#(id)", "status": "ACTIVE", "tenant_id": "p9", "image": {"id": "\#(image)", "links": []}}"#
    }

    @Test("requests: filters in a fixed order, all_tenants only when asked, microversion 2.1, JSON")
    func requests() {
        let r = ComputeServersRequests.listDetail(Self.endpoint, query: .init(image: "i 1", allTenants: true, limit: 50, marker: "m"))
        #expect(r.url == "http://nova:8774/v2.1/servers/detail?image=i%201&all_tenants=1&limit=50&marker=m")
        #expect(r.method == .get)
        #expect(r.header("X-OpenStack-Nova-API-Version") == "2.1" && r.header("Accept") == "application/json")
        #expect(ComputeServersRequests.listDetail(Self.endpoint, query: .init()).url == "http://nova:8774/v2.1/servers/detail")
        // A next link naming another host is sent to the catalog's endpoint, query kept.
        let next = ComputeServersRequests.nextPage(Self.endpoint, link: "http://internal:8774/v2.1/servers/detail?all_tenants=1&limit=1&marker=x")
        #expect(next.url == "http://nova:8774/v2.1/servers/detail?all_tenants=1&limit=1&marker=x")
    }

    @Test("a real nova-api page: id, name, BUILD status, tenant, image id and the next link")
    func decodesRealPage() throws {
        let page = try ComputeServersRequests.decodePage(try Fixture.data("nova-servers-detail-page.json"), url: "u")
        #expect(page.servers == [ServerSummary(id: "aca9cd3e-d40e-4cf6-936f-aea2ade543c2", name: "fixture-b", status: "BUILD",
                                               projectID: "ea70e9b1dc2048e5bbf9389fcf4983d1", imageID: "fdf2e6a3-de19-4996-acbd-5b59d545941f")])
        #expect(page.next == "http://127.0.0.1:8774/v2.1/servers/detail?all_tenants=1&limit=1&marker=aca9cd3e-d40e-4cf6-936f-aea2ade543c2")
    }

    @Test("volume-booted (image \"\") has no image; a down cell's record (no image key) is unknown")
    func decodesShapes() throws {
        let body = #"{"servers": [{"id": "v", "name": "vol", "status": "ACTIVE", "tenant_id": "p", "image": ""},"#
            + #" {"id": "d", "status": "UNKNOWN", "tenant_id": "p"}]}"#
        let page = try ComputeServersRequests.decodePage(Data(body.utf8), url: "u")
        #expect(page.servers.map(\.imageID) == [nil, nil])
        #expect(page.servers.map(\.imageUnknown) == [false, true])
        #expect(page.next == nil)
        #expect(throws: APIError.malformedResponse("1 of the servers listed have no id", url: "u")) {
            try ComputeServersRequests.decodePage(Data(#"{"servers": [{"name": "x"}]}"#.utf8), url: "u")
        }
        #expect(throws: APIError.self) { try ComputeServersRequests.decodePage(Data(#"{"images": []}"#.utf8), url: "u") }
    }

    @Test("the known rule: all projects always; one project only for its own private images")
    func knownRule() {
        #expect(ServerUsage.isKnown(scope: .allProjects, visibility: "public", owner: "x"))
        #expect(ServerUsage.isKnown(scope: .project("p1"), visibility: "private", owner: "p1"))
        #expect(!ServerUsage.isKnown(scope: .project("p1"), visibility: "private", owner: "p2"))
        for v in ["public", "shared", "community", nil] as [String?] {
            #expect(!ServerUsage.isKnown(scope: .project("p1"), visibility: v, owner: "p1"))
        }
        let downCell = ServerUsage(scope: .allProjects, servers: [ServerSummary(id: "d", name: "", status: "UNKNOWN", projectID: nil, imageID: nil, imageUnknown: true)])
        #expect(!downCell.isKnown(visibility: "private", owner: "p1"))
    }

    @Test("counts per image: unused known images are 0, unknown ones absent, and the plan's form is nil unless all are known")
    func counts() {
        let servers = [ServerSummary(id: "s1", name: "a", status: "ACTIVE", projectID: "p1", imageID: "i1"),
                       ServerSummary(id: "s2", name: "b", status: "BUILD", projectID: "p1", imageID: "i1"),
                       ServerSummary(id: "s3", name: "c", status: "ACTIVE", projectID: "p1", imageID: nil)]
        let mine = ServerUsage(scope: .project("p1"), servers: servers)
        let images: [(id: String, visibility: String?, owner: String?)] = [("i1", "private", "p1"), ("i2", "private", "p1"), ("i3", "public", "p1")]
        #expect(mine.knownCounts(for: images) == ["i1": 2, "i2": 0])
        #expect(mine.retentionUsage(for: images) == nil)
        #expect(mine.retentionUsage(for: Array(images.prefix(2))) == ["i1": 2, "i2": 0])
        #expect(ServerUsage(scope: .allProjects, servers: servers).retentionUsage(for: images) == ["i1": 2, "i2": 0, "i3": 0])
        #expect(mine.servers(using: "i1").map(\.id) == ["s1", "s2"])
    }

    @Test("an admin lists all projects and follows next links until a page has none")
    func adminPages() throws {
        let (client, transport) = Self.client([
            Self.ok(#"{"servers": [\#(Self.server("s1", image: "i1")), \#(Self.server("s2", image: "i2"))], "servers_links": [{"rel": "next", "href": "http://x/v2.1/servers/detail?all_tenants=1&limit=2&marker=s2"}]}"#),
            Self.ok(#"{"servers": [\#(Self.server("s3", image: "i1"))]}"#),
        ], roles: ["reader", "admin"])
        let usage = try client.allServers()
        #expect(usage.scope == .allProjects)
        #expect(usage.servers.map(\.id) == ["s1", "s2", "s3"])
        #expect(Self.sent(transport).map(\.url) == ["http://127.0.0.1:8774/v2.1/servers/detail?all_tenants=1&limit=2",
                                                    "http://127.0.0.1:8774/v2.1/servers/detail?all_tenants=1&limit=2&marker=s2"])
        #expect(Self.sent(transport).allSatisfy { $0.header("X-Auth-Token") == "tok" })
    }

    @Test("a member never sends all_tenants and gets its project's scope; a link back to seen servers ends paging")
    func memberScope() throws {
        let (client, transport) = Self.client([
            Self.ok(#"{"servers": [\#(Self.server("s1", image: "i1"))], "servers_links": [{"rel": "next", "href": "/v2.1/servers/detail?image=i1&limit=2&marker=s1"}]}"#),
            Self.ok(#"{"servers": [\#(Self.server("s1", image: "i1"))], "servers_links": [{"rel": "next", "href": "/v2.1/servers/detail?image=i1&limit=2&marker=s1"}]}"#),
        ], roles: ["member", "reader"])
        let usage = try client.servers(usingImage: "i1")
        #expect(usage.scope == .project("p1"))
        #expect(usage.servers.map(\.id) == ["s1"])
        #expect(Self.sent(transport).map(\.url) == ["http://127.0.0.1:8774/v2.1/servers/detail?image=i1&limit=2",
                                                    "http://127.0.0.1:8774/v2.1/servers/detail?image=i1&limit=2&marker=s1"])
    }

    @Test("an admin role the policy refuses (403) is asked again for its own project; other errors go up")
    func forbiddenFallsBack() throws {
        let forbidden = FakeTransport.Answer.success(HTTPResponse(status: 403, headers: ["Content-Type": "application/json"],
            body: Data(#"{"forbidden": {"code": 403, "message": "Policy doesn't allow os_compute_api:servers:detail:get_all_tenants to be performed."}}"#.utf8)))
        let (client, transport) = Self.client([forbidden, Self.ok(#"{"servers": []}"#)], roles: ["admin"])
        let usage = try client.servers(usingImage: "i1")
        #expect(usage == ServerUsage(scope: .project("p1"), servers: []))
        #expect(Self.sent(transport).map(\.url).last == "http://127.0.0.1:8774/v2.1/servers/detail?image=i1&limit=2")

        let (failing, _) = Self.client([.success(HTTPResponse(status: 500, body: Data("{}".utf8)))], roles: ["admin"])
        #expect(throws: APIError.self) { try failing.allServers() }
    }

    @Test("2.69 is asked first, so a down cell's server shows (without its image); a Nova without it (406) is asked at 2.1")
    func downCellsAreAskedFor() throws {
        let (client, transport) = Self.client([Self.ok(#"{"servers": [{"id": "s9", "status": "UNKNOWN", "tenant_id": "p2"}]}"#)],
                                              roles: ["admin"])
        let usage = try client.allServers()
        #expect(Self.sent(transport).map { $0.header("X-OpenStack-Nova-API-Version") } == ["2.69"])
        #expect(usage.hasUnknownImages)
        #expect(!usage.isKnown(visibility: "private", owner: "p1"))

        let tooNew = FakeTransport.Answer.success(HTTPResponse(status: 406, headers: ["Content-Type": "application/json"],
            body: Data(#"{"computeFault": {"code": 406, "message": "Version 2.69 is not supported by the API."}}"#.utf8)))
        let (old, oldTransport) = Self.client([tooNew, Self.ok(#"{"servers": []}"#)], roles: ["admin"])
        #expect(try old.allServers() == ServerUsage(scope: .allProjects, servers: []))
        #expect(Self.sent(oldTransport).map { $0.header("X-OpenStack-Nova-API-Version") } == ["2.69", "2.1"])
    }

    @Test("a catalog without compute gives the sentence, not a client")
    func noCompute() throws {
        let catalog = #"[{"type": "image", "endpoints": [{"interface": "public", "region": "RegionOne", "region_id": "RegionOne", "url": "http://127.0.0.1:9292", "id": "e1"}]}]"#
        let transport = FakeTransport(keystone: [try Canned.tokenWithCatalog("tok", catalog: catalog)], other: [])
        let profile = CloudProfile(name: "t", authURL: "http://127.0.0.1:5000/v3",
                                   auth: .password(user: .name("demo", domain: .name("Default")), password: Secret("pw"),
                                                   scope: .project(.name("demo", domain: .name("Default")))),
                                   regionName: "RegionOne")
        do {
            _ = try ImageClient(profile: profile, transport: transport).serverUsage()
            Issue.record("expected serviceNotFound")
        } catch {
            guard case .serviceNotFound(let message) = error else { Issue.record("\(error)"); return }
            #expect(message.hasPrefix(ImageClient.noComputeMessage))
            #expect(message.contains("The catalog has no 'compute' service"))
        }
    }
}
