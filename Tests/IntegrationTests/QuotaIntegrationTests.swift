import Foundation
import GlanceAPI
@testable import GlanceCore
import Testing

/// Glance's quotas as Keystone unified limits enforce them on the local cloud: a project limit
/// set low for the test makes the next create a 413 whose sentence names the limit, the usage
/// view's numbers come from the same server, and the app refuses an upload past the size limit
/// before sending. The limit is removed again, whatever happens.
@Suite(.enabled(if: LocalCloud.isConfigured, "needs the local cloud: run scripts/test"), .serialized)
struct QuotaIntegrationTests {
    static let keystone = "http://127.0.0.1:" + (ProcessInfo.processInfo.environment["DEVCLOUD_KEYSTONE_PORT"] ?? "5000") + "/v3"

    static func json(_ account: TestImages.Account, _ method: HTTPMethod, _ path: String, _ body: JSONValue? = nil) throws -> JSONValue {
        var request = HTTPRequest(method: method, url: keystone + path, headers: [("Accept", "application/json"), ("Content-Type", "application/json")])
        if let body { request.body = try JSONEncoder().encode(body) }
        let response = try account.client.sendAuthorized(request)
        return response.body.isEmpty ? .null : try JSONDecoder().decode(JSONValue.self, from: response.body)
    }

    /// A project limit on `resource` for `project`; its id, for removing it.
    static func setLimit(_ admin: TestImages.Account, project: String, _ resource: QuotaResource, _ value: Int64) throws -> String {
        let services = try json(admin, .get, "/services?type=image")
        let service = try #require(services.objectValue?["services"]?.arrayValue?.first?.objectValue?["id"]?.stringValue)
        let body: JSONValue = .object(["limits": .array([.object([
            "service_id": .string(service), "project_id": .string(project), "region_id": .string("RegionOne"),
            "resource_name": .string(resource.rawValue), "resource_limit": .number(Double(value)),
        ])])])
        let made = try json(admin, .post, "/limits", body)
        return try #require(made.objectValue?["limits"]?.arrayValue?.first?.objectValue?["id"]?.stringValue)
    }

    @Test func aProjectLimitSetLowRefusesTheNextImageInWordsAndTheUsageSaysSo() throws {
        let images = try TestImages("quota")
        defer { images.deleteAll() }
        let admin = try images.account("devcloud-admin")
        let alt = try images.account("devcloud-alt")
        let before = try ImageV2Backend(client: alt.client).usage()
        let count = try #require(before[.imageCountTotal])
        let limit = try Self.setLimit(admin, project: alt.projectID, .imageCountTotal, count.usage + 1)
        defer { _ = try? Self.json(admin, .delete, "/limits/\(limit)") }

        let usage = try ImageV2Backend(client: alt.client).usage()
        #expect(usage[.imageCountTotal] == QuotaUsage(usage: count.usage, limit: count.usage + 1))
        _ = try images.create("first", as: alt)
        let refused = LocalCloud.apiError { _ = try images.create("second", as: alt) }
        #expect(refused?.status == 413)
        #expect(refused?.userMessage.contains("image_count_total is over limit of \(count.usage + 1)") == true,
                "\(refused?.userMessage ?? "no error")")

        // The browser's state from the same answer: the title warns, and an upload is refused before sending.
        var state = AppState(cloudName: "devcloud-alt", size: .init(width: 100, height: 24))
        _ = Update.update(&state, .usageLoaded(.success(try ImageV2Backend(client: alt.client).usage())))
        #expect(Update.quotaWarnings(state) == ["image_count_total 100 %"])
        #expect(Update.quotaRefusal(state, uploading: 1)?.hasPrefix("The project has \(count.usage + 1) images of its limit") == true)
    }

    /// An upload past image_size_total is refused by Glance with a 413 naming the limit (the
    /// app refuses it earlier, but a cloud is free to be faster than our last read).
    @Test func anUploadPastTheSizeLimitIsA413NamingIt() throws {
        let images = try TestImages("quota-size")
        defer { images.deleteAll() }
        let admin = try images.account("devcloud-admin")
        let alt = try images.account("devcloud-alt")
        let used = try #require(try ImageV2Backend(client: alt.client).usage()[.imageSizeTotal])
        let limit = try Self.setLimit(admin, project: alt.projectID, .imageSizeTotal, used.usage + 1)
        defer { _ = try? Self.json(admin, .delete, "/limits/\(limit)") }
        let image = try images.create("big", as: alt)
        var request = HTTPRequest(method: .put, url: alt.endpoint.v2 + "/images/\(image.id)/file",
                                  headers: [("Content-Type", "application/octet-stream")])
        request.body = Data(count: 3 * 1_048_576)
        let refused = LocalCloud.apiError { _ = try alt.client.sendAuthorized(request) }
        #expect(refused?.status == 413)
        #expect(refused?.userMessage.contains("image_size_total is over limit of \(used.usage + 1)") == true, "\(refused?.userMessage ?? "no error")")
    }
}
