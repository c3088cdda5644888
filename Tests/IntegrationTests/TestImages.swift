import Foundation
import GlanceAPI
import Testing

/// Images one test makes for itself on the local cloud, all carrying the extra property
/// `glance_tui_test=RUN` (RUN unique to this set) and named "RUN …", deleted again by `deleteAll`.
/// Listings go through `ImageClient.listImages` exactly as the program sends them.
final class TestImages {
    static let marker = "glance_tui_test"

    struct Account {
        let client: ImageClient
        let session: SessionInfo
        var endpoint: ImageEndpoint { ImageEndpoint(catalogURL: session.imageEndpoint) }
        var projectID: String { session.projectID ?? "" }
    }

    let run: String
    let demo: Account
    private var accounts: [String: Account] = [:]
    /// In creation order, with the account that owns each: deleted newest first.
    private var created: [(id: String, account: Account)] = []

    init(_ label: String) throws {
        run = "gtt-\(label)-\(UUID().uuidString.prefix(8).lowercased())"
        demo = try Self.signIn("devcloud-demo")
        accounts["devcloud-demo"] = demo
    }

    static func signIn(_ cloud: String) throws -> Account {
        let client = LocalCloud.client(try LocalCloud.profile(cloud))
        return Account(client: client, session: try client.signIn())
    }

    func account(_ cloud: String) throws -> Account {
        if let a = accounts[cloud] { return a }
        let a = try Self.signIn(cloud)
        accounts[cloud] = a
        return a
    }

    // MARK: making images

    /// POST /v2/images; `name` is prefixed with the run ("RUN name"). `fields` are added to the
    /// body (visibility, protected, os_hidden, tags, extra properties); `data` is uploaded after.
    @discardableResult
    func create(_ name: String, disk: String = "raw", container: String = "bare",
                _ fields: [String: JSONValue] = [:], data: Data? = nil, as owner: Account? = nil) throws -> Image {
        let account = owner ?? demo
        var body: [String: JSONValue] = [
            "name": .string(fullName(name)), "disk_format": .string(disk), "container_format": .string(container),
            Self.marker: .string(run),
        ]
        for (k, v) in fields { body[k] = v }
        let response = try send(account, .post, "/images", json: .object(body), expect: 201)
        let image = try ImagesRequests.decodeImage(response.body, url: "POST /v2/images")
        created.append((image.id, account))
        guard let data else { return image }
        return try upload(image.id, data, as: account)
    }

    func fullName(_ name: String) -> String { "\(run) \(name)" }

    /// PUT /v2/images/ID/file: the image becomes active with `size == data.count`.
    func upload(_ id: String, _ data: Data, as owner: Account? = nil) throws -> Image {
        let account = owner ?? demo
        var request = HTTPRequest(method: .put, url: account.endpoint.v2 + "/images/\(id)/file",
                                  headers: [("Content-Type", "application/octet-stream")])
        request.body = data
        let response = try account.client.sendAuthorized(request)
        #expect(response.status == 204, "upload of \(id): \(response.status)")
        return try account.client.image(id: id)
    }

    /// PATCH with JSON-patch operations, e.g. `[("replace", "/protected", .bool(false))]`.
    @discardableResult
    func patch(_ id: String, _ ops: [(op: String, path: String, value: JSONValue)], as owner: Account? = nil) throws -> Image {
        let body = JSONValue.array(ops.map { .object(["op": .string($0.op), "path": .string($0.path), "value": $0.value]) })
        let response = try send(owner ?? demo, .patch, "/images/\(id)", json: body,
                                contentType: "application/openstack-images-v2.1-json-patch", expect: 200)
        return try ImagesRequests.decodeImage(response.body, url: "PATCH /v2/images/\(id)")
    }

    /// Adds `project` as a member of image `id` (membership starts "pending").
    func share(_ id: String, with project: String, as owner: Account? = nil) throws {
        try send(owner ?? demo, .post, "/images/\(id)/members", json: .object(["member": .string(project)]), expect: 200)
    }

    /// The member itself accepts or rejects (or returns to pending).
    func setMemberStatus(_ id: String, _ status: String, as member: Account) throws {
        try send(member, .put, "/images/\(id)/members/\(member.projectID)",
                 json: .object(["status": .string(status)]), expect: 200)
    }

    @discardableResult
    func send(_ account: Account, _ method: HTTPMethod, _ path: String, json: JSONValue? = nil,
              contentType: String = "application/json", expect status: Int) throws -> HTTPResponse {
        var request = HTTPRequest(method: method, url: account.endpoint.v2 + path,
                                  headers: [("Accept", "application/json")])
        if let json {
            request.setHeader("Content-Type", contentType)
            request.body = try JSONEncoder().encode(json)
        }
        let response = try account.client.sendAuthorized(request)
        #expect(response.status == status, "\(method.rawValue) \(path): \(response.status) \(String(decoding: response.body, as: UTF8.self))")
        return response
    }

    /// Takes an image made another way (by the code under test) into `deleteAll`'s care.
    func adopt(_ id: String, as owner: Account? = nil) {
        created.append((id, owner ?? demo))
    }

    /// Deletes every image made here, one at a time (SQLite), unprotecting protected ones first.
    /// Failures are recorded but do not stop the others.
    func deleteAll() {
        for (id, account) in created.reversed() {
            do {
                let image = try account.client.image(id: id)
                if image.isProtected == true { try patch(id, [("replace", "/protected", .bool(false))], as: account) }
                try send(account, .delete, "/images/\(id)", expect: 204)
            } catch let error as APIError where error.status == 404 {
                continue
            } catch {
                Issue.record("could not delete test image \(id): \(error)")
            }
        }
        created = []
    }

    // MARK: listing

    /// Every image the query lists, following `next` links, restricted to this run's images by
    /// the extra-property filter unless `onlyThisRun` is false.
    func list(_ query: ImageQuery, as account: Account? = nil, limit: Int = 1000,
              sortSyntax: ImageQuery.SortSyntax = .modern, onlyThisRun: Bool = true) throws -> [Image] {
        try pages(query, as: account, limit: limit, sortSyntax: sortSyntax, onlyThisRun: onlyThisRun).flatMap { $0 }
    }

    /// Pages as the browser fetches them: the query again from each `next` link's marker (or,
    /// with `followLinks`, the server's links as sent, to show what those do).
    func pages(_ query: ImageQuery, as account: Account? = nil, limit: Int = 1000,
               sortSyntax: ImageQuery.SortSyntax = .modern, onlyThisRun: Bool = true,
               followLinks: Bool = false) throws -> [[Image]] {
        var query = query
        if onlyThisRun { query.properties[Self.marker] = run }
        let client = (account ?? demo).client
        var page = try client.listImages(.first(query: query, limit: limit), sortSyntax: sortSyntax)
        var pages = [page.images]
        while let next = page.next, !page.images.isEmpty {
            #expect(pages.count < 1000, "runaway paging")
            if !followLinks, let marker = ImagesRequests.marker(inLink: next) {
                page = try client.listImages(.after(query: query, marker: marker, limit: limit), sortSyntax: sortSyntax)
            } else {
                page = try client.listImages(.next(link: next, limit: limit))
            }
            pages.append(page.images)
        }
        if pages.count > 1, pages.last?.isEmpty == true { pages.removeLast() }
        return pages
    }

    /// The short names ("RUN x" → "x") of what the query lists, sorted, for set comparisons.
    func names(_ query: ImageQuery, as account: Account? = nil) throws -> [String] {
        try list(query, as: account).map { shortName($0) }.sorted()
    }

    func shortName(_ image: Image) -> String {
        let name = image.name ?? ""
        return name.hasPrefix(run + " ") ? String(name.dropFirst(run.count + 1)) : name
    }
}
