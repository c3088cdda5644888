import CurlTransport
import Foundation
import GlanceAPI
import Testing

/// scripts/v1-conformance-server, started per test on a free port (posix_spawn, SIGKILL at the
/// end). Needs only python3, not the dev cloud. The server also stubs Keystone's token call, since
/// `ImageClient` always signs in; the image endpoint comes from `imageEndpointOverride`.
final class V1ConformanceServer {
    static let python: String? = ["/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
        ?? (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { $0 + "/python3" }
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    static var available: Bool { python != nil }
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/v1-conformance-server").path

    let pid: pid_t
    let port: Int
    let logFile: String
    var url: String { "http://127.0.0.1:\(port)" }

    /// `arguments`: more of the server's options (`--ignore-range`, `--size-cap N`).
    init(seed: Bool = true, arguments: [String] = []) throws {
        let dir = NSTemporaryDirectory() + "v1conf-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let portFile = dir + "/port"
        logFile = dir + "/log"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, logFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let args = [Self.python!, Self.script, "--port", "0", "--port-file", portFile] + (seed ? ["--seed"] : []) + arguments
        let argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        let env = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup($0) } + [nil]
        defer { for p in argv + envp { free(p) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, Self.python!, &actions, nil, argv, envp)
        guard rc == 0 else { throw CocoaError(.executableLoad) }
        pid = child
        let deadline = Date().addingTimeInterval(10)
        var found: Int?
        while Date() < deadline {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8),
               let p = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) { found = p; break }
            usleep(50_000)
        }
        guard let found else {
            kill(child, SIGKILL)
            var status: Int32 = 0
            waitpid(child, &status, 0)
            throw CocoaError(.fileReadNoSuchFile)
        }
        port = found
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    /// How many requests other than Keystone's the server logged.
    var imageRequestCount: Int {
        let text = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { $0.contains("\"") && !$0.contains("/auth/tokens") }.count
    }
}

@Suite(.enabled(if: V1ConformanceServer.available, "needs python3"), .serialized)
final class LegacyV1IntegrationTests {
    let server: V1ConformanceServer
    let transport = CurlTransport(options: .init(tls: TLSOptions()))
    let v1: LegacyV1Client

    static let cirros = "6b1ad3c1-4a4f-4d6b-9d1e-3f0a2b7c8d01"
    static let cjk = "6b1ad3c1-4a4f-4d6b-9d1e-3f0a2b7c8d02"
    static let queued = "6b1ad3c1-4a4f-4d6b-9d1e-3f0a2b7c8d03"
    static let ramdisk = "6b1ad3c1-4a4f-4d6b-9d1e-3f0a2b7c8d04"
    static let protectedID = "6b1ad3c1-4a4f-4d6b-9d1e-3f0a2b7c8d05"

    init() throws {
        server = try V1ConformanceServer()
        let profile = CloudProfile(name: "v1", authURL: server.url, auth: .token(Secret("fixed-token"), scope: .unscoped),
                                   imageEndpointOverride: server.url)
        v1 = LegacyV1Client(client: ImageClient(profile: profile, transport: transport))
    }

    func ids(_ q: V1ListQuery, detail: Bool = false) throws -> [String] { try v1.list(q, detail: detail).map(\.id) }

    @Test func listBriefAndDetail() throws {
        let brief = try v1.list(detail: false)
        #expect(brief.count == 5)
        #expect(brief.first { $0.id == Self.cirros }?.fields["properties"] == nil)
        #expect(brief.first { $0.id == Self.cirros }?.fields["os_distro"] == nil)
        let detail = try v1.list(detail: true)
        let cirros = try #require(detail.first { $0.id == Self.cirros })
        #expect(cirros.fields["os_distro"] == .string("cirros") && cirros.visibility == "public" && cirros.status == "active")
        #expect(detail.first { $0.id == Self.cjk }?.name == "测试镜像 イメージ")
    }

    @Test func eachFilter() throws {
        #expect(try ids(V1ListQuery(name: "ramdisk")) == [Self.ramdisk])
        #expect(try ids(V1ListQuery(name: "测试镜像 イメージ")) == [Self.cjk])
        #expect(try ids(V1ListQuery(status: "queued")) == [Self.queued])
        #expect(try ids(V1ListQuery(diskFormat: "vmdk")) == [Self.protectedID])
        #expect(try ids(V1ListQuery(containerFormat: "ari")) == [Self.ramdisk])
        #expect(Set(try ids(V1ListQuery(sizeMin: 2048))) == [Self.cjk, Self.protectedID])
        #expect(Set(try ids(V1ListQuery(sizeMax: 100))) == [Self.queued, Self.ramdisk])
        #expect(try ids(V1ListQuery(properties: ["os_distro": "cirros"]), detail: true) == [Self.cirros])
        // changes-since also lists deleted images.
        try v1.delete(id: Self.queued)
        let since = try v1.list(V1ListQuery(changesSince: "2024-01-03T00:00:00Z"), detail: true)
        #expect(since.contains { $0.id == Self.queued && $0.status == "deleted" })
        #expect(!since.contains { $0.id == Self.cjk })
    }

    @Test func sortingAndPaging() throws {
        #expect(try ids(V1ListQuery(sortKey: "name", sortDir: "asc")) == [Self.cirros, Self.protectedID, Self.queued, Self.ramdisk, Self.cjk])
        #expect(try ids(V1ListQuery(sortKey: "size", sortDir: "desc")).first == Self.protectedID)
        #expect(try ids(V1ListQuery()) .first == Self.protectedID) // created_at desc by default
        var q = ImageQuery()
        q.sort = [.init(.name, .asc)]
        let first = try v1.listImages(.first(query: q, limit: 2))
        #expect(first.images.map(\.id) == [Self.cirros, Self.protectedID] && first.next != nil)
        let second = try v1.listImages(.after(query: q, marker: Self.protectedID, limit: 2))
        #expect(second.images.map(\.id) == [Self.queued, Self.ramdisk])
        let viaLink = try v1.listImages(.next(link: first.next!, limit: 2))
        #expect(viaLink.images.map(\.id) == [Self.queued, Self.ramdisk])
        var owner = ImageQuery()
        owner.owner = "x"
        #expect(throws: APIError.self) { try self.v1.listImages(.first(query: owner, limit: 2)) }
        #expect((try? ids(V1ListQuery(sortKey: "owner"))) == nil) // server: 400
    }

    @Test func showViaHead() throws {
        let image = try v1.image(id: Self.protectedID)
        #expect(image.isProtected == true && image.minRAM == 512 && image.minDisk == 10 && image.size == 4000)
        #expect(image.visibility == "private" && image.owner == "00000000000000000000000000000001")
        #expect(try v1.image(id: Self.cjk).name == "测试镜像 イメージ")
        #expect(try v1.image(id: Self.cirros).fields["hw_disk_bus"] == .string("virtio"))
    }

    @Test func createUpdateMergePurgeRemoveDelete() throws {
        let created = try v1.create(V1ImageMetadata(fields: ["name": "新しい", "disk_format": "raw", "container_format": "bare",
                                                              "is_public": "true"], properties: ["a": "1", "b": "2"]),
                                    data: Data("hello".utf8))
        #expect(created.status == "active" && created.size == 5 && created.visibility == "public" && created.name == "新しい")
        let merged = try v1.update(id: created.id, V1ImageMetadata(fields: ["min_ram": "128"], properties: ["c": "3"]))
        #expect(merged.minRAM == 128 && merged.fields["a"] == .string("1") && merged.fields["c"] == .string("3"))
        let purged = try v1.update(id: created.id, V1ImageMetadata(properties: ["z": "9"]), purgeProperties: true)
        #expect(purged.fields["a"] == nil && purged.fields["z"] == .string("9"))
        _ = try v1.update(id: created.id, V1ImageMetadata(properties: ["y": "8"]))
        let removed = try v1.update(id: created.id, V1ImageMetadata(removedProperties: ["z"]))
        #expect(removed.fields["z"] == nil && removed.fields["y"] == .string("8"))
        let patched = try v1.apply(id: created.id, operations: [.replace(key: "name", value: .string("renamed")),
                                                                .add(key: "visibility", value: .string("private")),
                                                                .remove(key: "y"), .add(key: "w", value: .string("7"))])
        #expect(patched.name == "renamed" && patched.visibility == "private" && patched.fields["y"] == nil && patched.fields["w"] == .string("7"))
        try v1.delete(id: created.id)
        #expect(throws: APIError.self) { try self.v1.image(id: created.id) }
    }

    @Test func serverStatuses() throws {
        func status(_ body: () throws -> Void) -> Int? {
            do { try body(); return nil } catch let e as APIError { return e.status } catch { return -1 }
        }
        // 401: no token at all (sent past ImageClient, which always adds one).
        let raw = try transport.send(HTTPRequest(method: .get, url: server.url + "/v1/images"))
        #expect(raw.status == 401)
        #expect(status { _ = try self.v1.image(id: "6b1ad3c1-0000-0000-0000-000000000000") } == 404)
        #expect(status { try self.v1.delete(id: Self.protectedID) } == 403)
        let dupID = Self.cirros
        #expect(status { _ = try self.v1.create(V1ImageMetadata(fields: ["id": dupID])) } == 409)
        #expect(status { _ = try self.v1.create(V1ImageMetadata(fields: ["size": "999999999999"])) } == 413)
        // 400 for each rule, sent raw so the client's own checks do not stop them.
        let client = v1.client
        let bad: [[String: String]] = [["status": "deleted"], ["status": "bogus"], ["disk_format": "ploop"],
                                       ["container_format": "docker"], ["disk_format": "ari", "container_format": "bare"],
                                       ["disk_format": "raw", "container_format": "aki"], ["id": "not-a-uuid"]]
        for fields in bad {
            let request = V1Requests.create(server.url + "/v1", metadata: V1ImageMetadata(fields: fields))
            #expect(status { _ = try client.sendAuthorized(request) } == 400, "\(fields)")
            let reg = V1Requests.registryCreate(server.url, metadata: V1ImageMetadata(fields: fields))
            #expect(status { _ = try client.sendAuthorized(reg) } == 400, "registry \(fields)")
        }
        // On update, the pairing rule counts the image's current formats.
        let put = V1Requests.update(server.url + "/v1", id: Self.ramdisk, metadata: V1ImageMetadata(fields: ["disk_format": "raw"]))
        #expect(status { _ = try client.sendAuthorized(put) } == 400)
    }

    @Test func clientRefusesWithoutSending() throws {
        _ = try v1.list() // signs in, one request
        let before = server.imageRequestCount
        for fields: [String: String] in [["status": "deleted"], ["disk_format": "ploop"], ["container_format": "docker"],
                                         ["disk_format": "aki", "container_format": "bare"], ["id": "nope"]] {
            #expect(throws: APIError.self) { try self.v1.create(V1ImageMetadata(fields: fields)) }
        }
        #expect(throws: APIError.self) { try self.v1.update(id: Self.cirros, V1ImageMetadata(fields: ["status": "pending_delete"])) }
        usleep(100_000)
        #expect(server.imageRequestCount == before)
    }

    @Test func registryListShowUpdate() throws {
        let list = try v1.registryList(detail: false)
        #expect(list.count == 5)
        let detail = try v1.registryList(V1ListQuery(diskFormat: "qcow2"), detail: true)
        #expect(detail.map(\.id) == [Self.cirros] && detail[0].fields["os_distro"] == .string("cirros"))
        let shown = try v1.registryImage(id: Self.cjk)
        #expect(shown.name == "测试镜像 イメージ" && shown.size == 2048 && shown.visibility == "private")
        let updated = try v1.registryUpdate(id: Self.cirros, V1ImageMetadata(fields: ["min_ram": "64"], properties: ["k": "v"]))
        #expect(updated.minRAM == 64 && updated.fields["k"] == .string("v") && updated.fields["os_distro"] == .string("cirros"))
        let removed = try v1.registryUpdate(id: Self.cirros, V1ImageMetadata(removedProperties: ["os_distro"]))
        #expect(removed.fields["os_distro"] == nil && removed.fields["k"] == .string("v"))
        let purged = try v1.registryUpdate(id: Self.cirros, V1ImageMetadata(properties: ["only": "1"]), purgeProperties: true)
        #expect(purged.fields["k"] == nil && purged.fields["only"] == .string("1"))
        #expect((try? v1.registryImage(id: "6b1ad3c1-0000-0000-0000-000000000000")) == nil)
    }
}
