import Foundation
import GlanceAPI
import Testing

/// Which servers use an image, against the real nova-api of scripts/devcloud (`up-nova`). Nothing
/// boots there: POST /servers leaves a BuildRequest that nova-api lists in BUILD status, which is
/// exactly what the listing has to find. Servers made here are deleted again before the images.
@Suite(.enabled(if: LocalCloud.isConfigured, "needs the local cloud: run scripts/test"), .serialized)
struct ServerUsageIntegrationTests {
    static let flavorName = "devcloud.tiny"

    static func compute(_ account: TestImages.Account, _ method: HTTPMethod, _ path: String,
                        body: JSONValue? = nil, microversion: String = "2.37") throws -> HTTPResponse {
        let base = ComputeEndpoint(catalogURL: try account.client.serviceEndpoint(type: "compute")).base
        var request = HTTPRequest(method: method, url: base + path,
                                  headers: [("Accept", "application/json"), ("Content-Type", "application/json"),
                                            ("X-OpenStack-Nova-API-Version", microversion)])
        if let body { request.body = try JSONEncoder().encode(body) }
        return try account.client.sendAuthorized(request)
    }

    static func flavorID(_ account: TestImages.Account) throws -> String {
        let json = try JSONDecoder().decode(JSONValue.self, from: try compute(account, .get, "/flavors").body)
        let flavor = json.objectValue?["flavors"]?.arrayValue?.compactMap(\.objectValue).first { $0["name"]?.stringValue == flavorName }
        return try #require(flavor?["id"]?.stringValue, "no flavor \(flavorName): run scripts/devcloud up-nova")
    }

    /// POST /servers with no network (2.37+), as `account`; the server's id.
    static func boot(_ account: TestImages.Account, name: String, image: String) throws -> String {
        let body: JSONValue = .object(["server": .object([
            "name": .string(name), "imageRef": .string(image), "flavorRef": .string(try flavorID(account)), "networks": .string("none"),
        ])])
        let json = try JSONDecoder().decode(JSONValue.self, from: try compute(account, .post, "/servers", body: body).body)
        return try #require(json.objectValue?["server"]?.objectValue?["id"]?.stringValue)
    }

    /// DELETE /servers/{id}. nova-api deletes the BuildRequest and then fails (500) creating the
    /// Placement client it would clean allocations with, since none is configured here; what
    /// counts is that the server is gone from the listing, which is checked.
    static func delete(_ account: TestImages.Account, _ id: String) {
        do { _ = try compute(account, .delete, "/servers/" + id) } catch let error as APIError where error.status == 500 {} catch {
            Issue.record("deleting server \(id): \(error)")
        }
    }

    @Test("a server made by POST /servers is found by image (admin: all projects; its project: own scope), an unused image has none")
    func usage() throws {
        let images = try TestImages("nova-usage")
        defer { images.deleteAll() }
        let admin = try images.account("devcloud-admin")
        let alt = try images.account("devcloud-alt")
        let payload = Data("not really a disk".utf8)
        let used = try images.create("used", ["visibility": .string("private")], data: payload)
        let unused = try images.create("unused", ["visibility": .string("private")], data: payload)
        #expect(used.status == .active)
        let serverName = images.fullName("server")
        let serverID = try Self.boot(images.demo, name: serverName, image: used.id)
        defer {
            Self.delete(images.demo, serverID)
            let left = (try? ComputeServerClient(client: admin.client).servers(usingImage: used.id).servers) ?? []
            #expect(left.isEmpty, "the server was not deleted: \(left)")
        }
        let both: [(id: String, visibility: String?, owner: String?)] =
            [used, unused].map { ($0.id, $0.visibility?.rawValue, $0.owner) }

        // The project that made it: its own scope, and its private images' usage is known.
        let mine = try images.demo.client.serverUsage()
        let demoView = try mine.servers(usingImage: used.id)
        #expect(demoView.scope == .project(images.demo.projectID))
        #expect(demoView.servers == [ServerSummary(id: serverID, name: serverName, status: "BUILD",
                                                   projectID: images.demo.projectID, imageID: used.id)])
        #expect(try mine.servers(usingImage: unused.id).servers.isEmpty)
        #expect(demoView.retentionUsage(for: both) == [used.id: 1, unused.id: 0])

        // Admin: every project, by image and counted from one listing of all servers.
        let all = try admin.client.serverUsage()
        let adminView = try all.servers(usingImage: used.id)
        #expect(adminView.scope == .allProjects)
        #expect(adminView.servers.map(\.id) == [serverID])
        #expect(adminView.servers.first?.projectID == images.demo.projectID)
        #expect(try all.servers(usingImage: unused.id).servers.isEmpty)
        let everything = try all.allServers()
        #expect(everything.scope == .allProjects)
        #expect(everything.retentionUsage(for: both) == [used.id: 1, unused.id: 0])

        // Another member project sees only itself, so demo's images are unknown to it, never 0.
        let altView = try alt.client.serverUsage().servers(usingImage: used.id)
        #expect(altView.scope == .project(alt.projectID))
        #expect(altView.servers.isEmpty)
        #expect(altView.retentionUsage(for: both) == nil)
    }

    @Test("a member's all_tenants is refused by Nova's policy, which is why it is never sent")
    func memberAllTenantsForbidden() throws {
        let demo = try TestImages.signIn("devcloud-demo")
        let error = LocalCloud.apiError { _ = try Self.compute(demo, .get, "/servers/detail?all_tenants=1", microversion: "2.1") }
        #expect(error?.status == 403)
        #expect(!ComputeServerClient.asksAllProjects(roles: demo.session.roles))
    }
}
