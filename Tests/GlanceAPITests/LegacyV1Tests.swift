import Foundation
import Testing
@testable import GlanceAPI

@Suite struct LegacyV1BuilderTests {
    let base = "http://h:9292/v1"

    @Test func listBriefAndDetailWithEveryFilter() {
        let q = V1ListQuery(name: "cirros 0.6", status: "active", diskFormat: "qcow2", containerFormat: "bare",
                            sizeMin: 10, sizeMax: 20, changesSince: "2024-01-01T00:00:00Z", isPublic: true,
                            properties: ["os_distro": "cirros"], sortKey: "name", sortDir: "asc", limit: 5, marker: "m1")
        let brief = V1Requests.list(base, query: q)
        #expect(brief.method == .get)
        #expect(brief.url == "http://h:9292/v1/images?name=cirros%200.6&status=active&disk_format=qcow2&container_format=bare"
            + "&size_min=10&size_max=20&changes-since=2024-01-01T00:00:00Z&is_public=True&property-os_distro=cirros"
            + "&sort_key=name&sort_dir=asc&limit=5&marker=m1")
        #expect(V1Requests.list(base + "/", detail: true).url == "http://h:9292/v1/images/detail")
    }

    @Test func headShowDelete() {
        #expect(V1Requests.head(base, id: "a b") == HTTPRequest(method: .head, url: "http://h:9292/v1/images/a%20b"))
        #expect(V1Requests.show(base, id: "x").method == .get)
        #expect(V1Requests.delete(base, id: "x") == HTTPRequest(method: .delete, url: "http://h:9292/v1/images/x"))
    }

    @Test func createSendsMetaHeadersAndData() {
        let m = V1ImageMetadata(fields: ["name": "n", "disk_format": "raw"], properties: ["k": "v"])
        let r = V1Requests.create(base, metadata: m, data: Data("abc".utf8))
        #expect(r.method == .post && r.url == "http://h:9292/v1/images")
        #expect(r.header("x-image-meta-name") == "n")
        #expect(r.header("x-image-meta-disk_format") == "raw")
        #expect(r.header("x-image-meta-property-k") == "v")
        #expect(r.header("Content-Type") == "application/octet-stream")
        #expect(r.body == Data("abc".utf8))
        #expect(V1Requests.create(base, metadata: m).header("Content-Type") == nil)
    }

    @Test func updateMergesOrPurges() {
        let m = V1ImageMetadata(properties: ["k": "v"])
        // glance-api v1 purges when the header is missing, so a merge must say "false".
        #expect(V1Requests.update(base, id: "i", metadata: m).header("x-glance-registry-purge-props") == "false")
        let purge = V1Requests.update(base, id: "i", metadata: m, purgeProperties: true)
        #expect(purge.method == .put && purge.url == "http://h:9292/v1/images/i")
        #expect(purge.header("x-glance-registry-purge-props") == "true")
    }

    @Test func registryRequestsAreJSON() throws {
        let reg = "http://h:9191"
        #expect(V1Requests.registryList(reg, detail: true).url == "http://h:9191/images/detail")
        #expect(V1Requests.registryShow(reg, id: "i").url == "http://h:9191/images/i")
        let m = V1ImageMetadata(fields: ["name": "n", "min_ram": "512", "is_public": "true"], properties: ["a": "b"])
        let r = V1Requests.registryUpdate(reg, id: "i", metadata: m, purgeProperties: true)
        #expect(r.method == .put && r.header("X-Glance-Registry-Purge-Props") == "true")
        let body = try JSONDecoder().decode(JSONValue.self, from: r.body ?? Data())
        #expect(body == (try json(#"{"image": {"name": "n", "min_ram": 512, "is_public": true, "properties": {"a": "b"}}}"#)))
        #expect(V1Requests.registryCreate(reg, metadata: m).method == .post)
        #expect(V1Requests.registryDelete(reg, id: "i").method == .delete)
    }

    @Test func translatesV2QueryItemsAndNamesWhatItCannot() {
        var q = ImageQuery()
        q.name = "a:b"; q.status = "active"; q.diskFormat = "raw"; q.containerFormat = "bare"
        q.sizeMin = 1; q.sizeMax = 9; q.sort = [.init(.name, .asc)]; q.visibility = .public
        q.properties = ["os_distro": "x"]
        let (v1, unsupported) = LegacyV1Client.translate(q.queryItems())
        #expect(unsupported.isEmpty)
        #expect(v1 == V1ListQuery(name: "a:b", status: "active", diskFormat: "raw", containerFormat: "bare", sizeMin: 1,
                                  sizeMax: 9, isPublic: true, properties: ["os_distro": "x"], sortKey: "name", sortDir: "asc"))
        var bad = ImageQuery()
        bad.owner = "o"; bad.tags = ["t"]; bad.hidden = true; bad.isProtected = true; bad.ids = ["i"]
        bad.createdAt = [.init(.gte, "2024-01-01T00:00:00Z")]; bad.memberStatus = .pending; bad.visibility = .shared
        bad.sort = [.init(.name, .asc), .init(.size, .desc)]
        let names = LegacyV1Client.translate(bad.queryItems()).unsupported
        for n in ["owner", "tag", "os_hidden", "protected", "id", "created_at", "member_status", "visibility=shared",
                  "sorting by more than one key"] {
            #expect(names.contains(n), "\(n) in \(names)")
        }
    }

    @Test func patchOperationsBecomeOnePut() throws {
        let m = try LegacyV1Client.metadata(for: [
            .replace(key: "name", value: .string("n")), .add(key: "visibility", value: .string("public")),
            .replace(key: "min_ram", value: .number(256)), .add(key: "hw_x", value: .string("1")), .remove(key: "old"),
        ]).get()
        #expect(m.fields == ["name": "n", "is_public": "True", "min_ram": "256"])
        #expect(m.properties == ["hw_x": "1"])
        #expect(m.removedProperties == ["old"])
        #expect(throws: APIError.self) { try LegacyV1Client.metadata(for: [.add(key: "tags", value: .array([]))]).get() }
        #expect(throws: APIError.self) { try LegacyV1Client.metadata(for: [.remove(key: "name")]).get() }
        #expect(throws: APIError.self) { try LegacyV1Client.metadata(for: [.replace(key: "visibility", value: .string("shared"))]).get() }
    }
}

@Suite struct LegacyV1RulesTests {
    @Test func status() {
        for s in ["active", "saving", "queued", "killed"] { #expect(V1Rules.checkStatus(s) == nil) }
        #expect(V1Rules.checkStatus("deleted")?.contains("set by the server only") == true)
        #expect(V1Rules.checkStatus("pending_delete") != nil)
        #expect(V1Rules.checkStatus("importing")?.contains("Invalid status") == true)
    }

    @Test func diskFormat() {
        for f in V1Rules.diskFormats { #expect(V1Rules.checkDiskFormat(f) == nil) }
        #expect(V1Rules.checkDiskFormat("ploop")?.contains("Invalid disk format \"ploop\"") == true)
    }

    @Test func containerFormat() {
        for f in V1Rules.containerFormats { #expect(V1Rules.checkContainerFormat(f) == nil) }
        #expect(V1Rules.checkContainerFormat("docker")?.contains("Invalid container format") == true)
    }

    @Test func amazonFormatsMustMatch() {
        for f in ["ari", "aki", "ami"] { #expect(V1Rules.checkFormatPair(disk: f, container: f) == nil) }
        #expect(V1Rules.checkFormatPair(disk: "raw", container: "bare") == nil)
        #expect(V1Rules.checkFormatPair(disk: nil, container: nil) == nil)
        #expect(V1Rules.checkFormatPair(disk: "ari", container: "bare")?.contains("must be the same") == true)
        #expect(V1Rules.checkFormatPair(disk: "raw", container: "aki") != nil)
        #expect(V1Rules.checkFormatPair(disk: "ami", container: "aki") != nil)
        #expect(V1Rules.violation(["disk_format": "raw"], currentContainerFormat: "ari") != nil)
        #expect(V1Rules.violation(["disk_format": "ari"], currentContainerFormat: "ari") == nil)
    }

    @Test func id() {
        #expect(V1Rules.checkID("6b1ad3c1-4a4f-4d6b-9d1e-3f0a2b7c8d01") == nil)
        #expect(V1Rules.checkID("6b1ad3c14a4f4d6b9d1e3f0a2b7c8d01") == nil)
        #expect(V1Rules.checkID("not-a-uuid")?.contains("needs a UUID") == true)
        #expect(V1Rules.checkID("6b1ad3c1-4a4f-4d6b-9d1e-3f0a2b7c8d0g") != nil)
    }

    @Test func numbersBooleansName() {
        #expect(V1Rules.violation(["min_ram": "-1"]) != nil)
        #expect(V1Rules.violation(["size": "x"]) != nil)
        #expect(V1Rules.violation(["min_disk": "3"]) == nil)
        #expect(V1Rules.violation(["is_public": "maybe"]) != nil)
        #expect(V1Rules.violation(["protected": "True"]) == nil)
        #expect(V1Rules.violation(["name": String(repeating: "x", count: 256)]) != nil)
        #expect(V1Rules.violation(["name": "ok"]) == nil)
    }

    @Test func clientRefusesBeforeSending() throws {
        let transport = FakeTransport()
        let profile = CloudProfile(name: "t", authURL: "http://k/v3", auth: .token(Secret("t"), scope: .unscoped),
                                   imageEndpointOverride: "http://g")
        let v1 = LegacyV1Client(client: ImageClient(profile: profile, transport: transport), baseURL: "http://g/v1",
                                registryURL: "http://g")
        let bad: [[String: String]] = [["status": "deleted"], ["disk_format": "ploop"], ["container_format": "docker"],
                                       ["disk_format": "ari", "container_format": "bare"], ["id": "nope"]]
        for fields in bad {
            #expect(throws: APIError.self) { try v1.create(V1ImageMetadata(fields: fields)) }
            #expect(throws: APIError.self) { try v1.registryCreate(V1ImageMetadata(fields: fields)) }
        }
        #expect(throws: APIError.self) { try v1.update(id: "i", V1ImageMetadata(fields: ["status": "pending_delete"])) }
        #expect(throws: APIError.self) { try v1.apply(id: "i", operations: [.add(key: "tags", value: .array([]))]) }
        #expect(transport.requests.isEmpty)
    }
}

@Suite struct LegacyV1DecodingTests {
    @Test func headersBecomeAnImage() throws {
        let response = HTTPResponse(status: 200, headers: [
            "X-Image-Meta-Id": "i1", "x-image-meta-name": "测试", "x-image-meta-status": "active",
            "x-image-meta-size": "2048", "x-image-meta-min_ram": "512", "x-image-meta-min_disk": "0",
            "x-image-meta-is_public": "True", "x-image-meta-protected": "False", "x-image-meta-owner": "None",
            "x-image-meta-disk_format": "raw", "x-image-meta-container_format": "bare",
            "x-image-meta-created_at": "2024-01-02T10:00:00", "x-image-meta-updated_at": "2024-01-02T10:00:00",
            "x-image-meta-deleted": "False", "x-image-meta-property-os_distro": "cirros",
            "x-image-meta-vendor_thing": "kept", "content-length": "0",
        ])
        let image = try V1Decoding.image(headers: response.headers)
        #expect(image.id == "i1" && image.name == "测试" && image.status == "active")
        #expect(image.size == 2048 && image.minRAM == 512 && image.minDisk == 0)
        #expect(image.visibility == "public" && image.isProtected == false && image.owner == nil)
        #expect(image.diskFormat == "raw" && image.containerFormat == "bare")
        #expect(image.createdAt == "2024-01-02T10:00:00Z" && image.updated != nil)
        #expect(image.typeMismatches.isEmpty)
        let extras = Dictionary(uniqueKeysWithValues: image.extraProperties.map { ($0.key, $0.value) })
        #expect(extras["os_distro"] == .string("cirros"))
        #expect(extras["vendor_thing"] == .string("kept"))
        #expect(extras["content-length"] == nil)
        #expect(extras["is_public"] == nil)
        #expect(V1Decoding.properties(headers: response.headers) == ["os_distro": "cirros"])
    }

    @Test func privateWhenNotPublic() throws {
        #expect(try V1Decoding.image(headers: ["x-image-meta-id": "i", "x-image-meta-is_public": "False"]).visibility == "private")
        #expect(throws: Image.DecodingError.self) { try V1Decoding.image(headers: ["x-image-meta-name": "n"]) }
    }

    @Test func jsonListAndImage() throws {
        let body = Data(#"{"images": [{"id": "a", "name": "n", "size": 5, "disk_format": "raw", "container_format": "bare", "checksum": null}, {"name": "no id"}]}"#.utf8)
        let (images, skipped) = try V1Decoding.decodeList(body, url: "u")
        #expect(images.map(\.id) == ["a"] && images[0].size == 5 && skipped == 1)
        let one = Data(#"{"image": {"id": "b", "is_public": false, "protected": true, "properties": {"k": "v", "name": "shadow"}, "name": "real", "deleted": false}}"#.utf8)
        let image = try V1Decoding.decodeImage(one, url: "u")
        #expect(image.visibility == "private" && image.isProtected == true && image.name == "real")
        #expect(image.fields["k"] == .string("v"))
        #expect(throws: APIError.self) { try V1Decoding.decodeImage(Data("[]".utf8), url: "u") }
    }
}
