import Foundation
import Testing
@testable import GlanceAPI

/// Compute's image proxy: endpoint parsing, the pure request builders, decoding of a response
/// captured from the nova-api of scripts/devcloud, patch translation and the proxy-404 message.
struct ComputeImagesRequestsTests {
    static let endpoint = ComputeEndpoint(catalogURL: "http://127.0.0.1:8774/v2.1")
    static let id = "44244bdb-c74d-4c56-8470-7abdd3ba48b3"
    static let imageURL = "http://127.0.0.1:8774/v2.1/images/\(id)"

    /// GET /v2.1/images/detail?limit=2 as the dev cloud's Nova answered it (demo, 2.35).
    static let capturedDetail = #"""
    {"images": [{"id": "44244bdb-c74d-4c56-8470-7abdd3ba48b3", "name": "public-cirros-0.6.2", "minRam": 0, "minDisk": 0, "metadata": {"os_distro": "cirros", "glance_tui_seed": "public", "os_glance_importing_to_stores": "", "os_glance_failed_import": ""}, "created": "2026-11-22T23:24:17Z", "updated": "2026-11-22T23:24:17Z", "status": "ACTIVE", "progress": 100, "OS-EXT-IMG-SIZE:size": 196616, "links": [{"rel": "self", "href": "http://127.0.0.1:8774/v2.1/images/44244bdb-c74d-4c56-8470-7abdd3ba48b3"}, {"rel": "bookmark", "href": "http://127.0.0.1:8774/images/44244bdb-c74d-4c56-8470-7abdd3ba48b3"}, {"rel": "alternate", "type": "application/vnd.openstack.image", "href": "http://127.0.0.1:9292/images/44244bdb-c74d-4c56-8470-7abdd3ba48b3"}]}, {"id": "41e437de-a6b7-497b-8f9d-a8d3c7d04a2a", "name": "empty-queued-no-formats", "minRam": 0, "minDisk": 0, "metadata": {"glance_tui_seed": "no-format"}, "created": "2026-11-22T23:24:17Z", "updated": "2026-11-22T23:24:17Z", "status": "SAVING", "progress": 25, "OS-EXT-IMG-SIZE:size": 0, "links": [{"rel": "self", "href": "http://127.0.0.1:8774/v2.1/images/41e437de-a6b7-497b-8f9d-a8d3c7d04a2a"}, {"rel": "bookmark", "href": "http://127.0.0.1:8774/images/41e437de-a6b7-497b-8f9d-a8d3c7d04a2a"}, {"rel": "alternate", "type": "application/vnd.openstack.image", "href": "http://127.0.0.1:9292/images/41e437de-a6b7-497b-8f9d-a8d3c7d04a2a"}]}], "images_links": [{"rel": "next", "href": "http://127.0.0.1:8774/v2.1/images/detail?limit=2&marker=41e437de-a6b7-497b-8f9d-a8d3c7d04a2a"}]}
    """#

    static func headers(_ r: HTTPRequest) -> [String] { r.headers.map { "\($0.name): \($0.value)" } }
    static let getHeaders = ["Accept: application/json", "X-OpenStack-Nova-API-Version: 2.35"]
    static let bodyHeaders = ["Content-Type: application/json"] + getHeaders

    // MARK: endpoint

    @Test("the catalog URL is kept, tenant included", arguments: [
        ("http://127.0.0.1:8774/v2.1", "http://127.0.0.1:8774", "http://127.0.0.1:8774/v2.1", "v2.1", nil),
        ("http://127.0.0.1:8774/v2.1/", "http://127.0.0.1:8774", "http://127.0.0.1:8774/v2.1", "v2.1", nil),
        ("https://nova.example/compute/v2.1/3f2a9c0d3f2a9c0d3f2a9c0d3f2a9c0d", "https://nova.example/compute",
         "https://nova.example/compute/v2.1/3f2a9c0d3f2a9c0d3f2a9c0d3f2a9c0d", "v2.1", "3f2a9c0d3f2a9c0d3f2a9c0d3f2a9c0d"),
        ("http://nova:8774/v2/abc-tenant", "http://nova:8774", "http://nova:8774/v2/abc-tenant", "v2", "abc-tenant"),
        ("http://nova:8774", "http://nova:8774", "http://nova:8774/v2.1", "v2.1", nil),
    ] as [(String, String, String, String, String?)])
    func endpointParsing(_ c: (String, String, String, String, String?)) {
        let e = ComputeEndpoint(catalogURL: c.0)
        #expect(e.root == c.1)
        #expect(e.base == c.2)
        #expect(e.version == c.3)
        #expect(e.tenantID == c.4)
        #expect(e.imagesURL == c.2 + "/images")
    }

    @Test("links resolve against the root")
    func resolve() {
        #expect(Self.endpoint.resolve(link: "/v2.1/images?marker=a") == "http://127.0.0.1:8774/v2.1/images?marker=a")
        #expect(Self.endpoint.resolve(link: "https://x/v2.1/images") == "https://x/v2.1/images")
    }

    // MARK: microversion

    @Test("microversions up to 2.35 are accepted, 2.36 and above refused")
    func microversions() throws {
        #expect(try ComputeMicroversion("2.35") == .maxProxy)
        #expect(try ComputeMicroversion("2.1").description == "2.1")
        #expect(try ComputeMicroversion(" 2.20 ").description == "2.20")
        for bad in ["2.36", "2.100", "3.0", "latest", "2", "2.", "", "2.x", "1.9", "2.0"] {
            #expect(throws: APIError.self, "\(bad)") { try ComputeMicroversion(bad) }
        }
        do {
            _ = try ComputeMicroversion("2.36")
            Issue.record("2.36 accepted")
        } catch {
            guard case .configuration(let m) = error else { Issue.record("\(error)"); return }
            #expect(m.contains("2.36") && m.contains("2.35"))
        }
    }

    // MARK: builders

    @Test("list brief and detail with every query parameter")
    func lists() throws {
        let q = ComputeImagesRequests.ListQuery(name: "cirros 0.6", status: "ACTIVE", changesSince: "2026-01-01T00:00:00Z",
                                                minDisk: 1, minRAM: 512, server: "srv-1", type: "snapshot", limit: 2, marker: "m/1")
        let brief = ComputeImagesRequests.list(Self.endpoint, query: q)
        #expect(brief.method == .get)
        #expect(brief.url == "http://127.0.0.1:8774/v2.1/images?name=cirros%200.6&status=ACTIVE&changes-since=2026-01-01T00:00:00Z&minDisk=1&minRam=512&server=srv-1&type=snapshot&limit=2&marker=m%2F1")
        #expect(Self.headers(brief) == Self.getHeaders)
        #expect(brief.body == nil)
        let detail = ComputeImagesRequests.listDetail(Self.endpoint, query: .init(limit: 5))
        #expect(detail.url == "http://127.0.0.1:8774/v2.1/images/detail?limit=5")
        #expect(ComputeImagesRequests.list(Self.endpoint).url == "http://127.0.0.1:8774/v2.1/images")
        let v = try ComputeMicroversion("2.10")
        #expect(ComputeImagesRequests.listDetail(Self.endpoint, microversion: v).header("X-OpenStack-Nova-API-Version") == "2.10")
    }

    @Test("the next page goes to this endpoint with the link's query")
    func nextPage() {
        let r = ComputeImagesRequests.nextPage(Self.endpoint, link: "http://internal:8774/v2.1/images/detail?limit=2&marker=abc", limit: 50)
        #expect(r.url == "http://127.0.0.1:8774/v2.1/images/detail?limit=50&marker=abc")
        #expect(Self.headers(r) == Self.getHeaders)
        let brief = ComputeImagesRequests.nextPage(Self.endpoint, link: "/v2.1/images?marker=abc")
        #expect(brief.url == "http://127.0.0.1:8774/v2.1/images?marker=abc")
    }

    @Test("show and delete")
    func showDelete() {
        let show = ComputeImagesRequests.show(Self.endpoint, id: Self.id)
        #expect(show.method == .get && show.url == Self.imageURL && Self.headers(show) == Self.getHeaders)
        let del = ComputeImagesRequests.delete(Self.endpoint, id: "a/b")
        #expect(del.method == .delete && del.url == "http://127.0.0.1:8774/v2.1/images/a%2Fb" && del.body == nil)
        #expect(Self.headers(del) == Self.bodyHeaders)
        let tenant = ComputeEndpoint(catalogURL: "http://n/v2.1/3f2a9c0d3f2a9c0d3f2a9c0d3f2a9c0d")
        #expect(ComputeImagesRequests.show(tenant, id: "x").url == "http://n/v2.1/3f2a9c0d3f2a9c0d3f2a9c0d3f2a9c0d/images/x")
    }

    @Test("metadata requests: exact URL, method, headers and body")
    func metadataRequests() throws {
        let all = ComputeImagesRequests.metadata(Self.endpoint, id: Self.id)
        #expect(all.method == .get && all.url == Self.imageURL + "/metadata" && Self.headers(all) == Self.getHeaders && all.body == nil)

        let merge = ComputeImagesRequests.mergeMetadata(Self.endpoint, id: Self.id, metadata: ["a": "1", "b c": "2"])
        #expect(merge.method == .post && merge.url == Self.imageURL + "/metadata" && Self.headers(merge) == Self.bodyHeaders)
        #expect(try JSONDecoder().decode(JSONValue.self, from: #require(merge.body)) == json(#"{"metadata": {"a": "1", "b c": "2"}}"#))

        let replace = ComputeImagesRequests.replaceMetadata(Self.endpoint, id: Self.id, metadata: [:])
        #expect(replace.method == .put && replace.url == Self.imageURL + "/metadata" && Self.headers(replace) == Self.bodyHeaders)
        #expect(try JSONDecoder().decode(JSONValue.self, from: #require(replace.body)) == json(#"{"metadata": {}}"#))

        let one = ComputeImagesRequests.metadataItem(Self.endpoint, id: Self.id, key: "hw:cpu policy")
        #expect(one.method == .get && one.url == Self.imageURL + "/metadata/hw%3Acpu%20policy" && Self.headers(one) == Self.getHeaders)

        let set = ComputeImagesRequests.setMetadataItem(Self.endpoint, id: Self.id, key: "os_distro", value: "cirros")
        #expect(set.method == .put && set.url == Self.imageURL + "/metadata/os_distro" && Self.headers(set) == Self.bodyHeaders)
        #expect(try JSONDecoder().decode(JSONValue.self, from: #require(set.body)) == json(#"{"meta": {"os_distro": "cirros"}}"#))

        let del = ComputeImagesRequests.deleteMetadataItem(Self.endpoint, id: Self.id, key: "..")
        #expect(del.method == .delete && del.url == Self.imageURL + "/metadata/%2E%2E" && Self.headers(del) == Self.bodyHeaders && del.body == nil)
    }

    @Test("metadata keys as Nova's schema allows them")
    func keys() {
        #expect(ComputeImagesRequests.isValidMetadataKey("hw:cpu_policy"))
        #expect(ComputeImagesRequests.isValidMetadataKey("a b-c.d"))
        #expect(!ComputeImagesRequests.isValidMetadataKey(""))
        #expect(!ComputeImagesRequests.isValidMetadataKey("a/b"))
        #expect(!ComputeImagesRequests.isValidMetadataKey("é"))
        #expect(!ComputeImagesRequests.isValidMetadataKey(String(repeating: "k", count: 256)))
    }

    // MARK: decoding

    @Test("a captured /images/detail page decodes to Glance-shaped images")
    func capturedPage() throws {
        let page = try ComputeImagesRequests.decodePage(Data(Self.capturedDetail.utf8), url: "u")
        #expect(page.images.count == 2 && page.skippedEntries == 0)
        #expect(page.next == "http://127.0.0.1:8774/v2.1/images/detail?limit=2&marker=41e437de-a6b7-497b-8f9d-a8d3c7d04a2a")
        #expect(page.next.flatMap(ImagesRequests.marker(inLink:)) == "41e437de-a6b7-497b-8f9d-a8d3c7d04a2a")
        let cirros = page.images[0]
        #expect(cirros.id == Self.id)
        #expect(cirros.name == "public-cirros-0.6.2")
        #expect(cirros.status == "active")
        #expect(cirros.size == 196616)
        #expect(cirros.minRAM == 0 && cirros.minDisk == 0)
        #expect(cirros.createdAt == "2026-11-22T23:24:17Z" && cirros.updatedAt == "2026-11-22T23:24:17Z")
        #expect(cirros.updated != nil)
        #expect(cirros.fields["os_distro"] == .string("cirros"))
        #expect(cirros.fields["os_glance_importing_to_stores"] == .string(""))
        #expect(cirros.typeMismatches.isEmpty)
        for key in ComputeImage.unavailableFields.keys { #expect(cirros.fields[key] == nil, "\(key)") }
        #expect(cirros.visibility == nil && cirros.owner == nil && cirros.checksum == nil && cirros.diskFormat == nil)
        #expect(cirros.containerFormat == nil && cirros.isProtected == nil && cirros.virtualSize == nil)
        for key in ["progress", "links", "metadata", "minRam", "OS-EXT-IMG-SIZE:size", "created", "updated", "server_id"] {
            #expect(cirros.fields[key] == nil, "\(key)")
        }
        #expect(Set(cirros.fields.keys) == ["id", "name", "status", "min_ram", "min_disk", "size", "created_at", "updated_at",
                                            "os_distro", "glance_tui_seed", "os_glance_importing_to_stores", "os_glance_failed_import"])
        #expect(page.images[1].status == "saving")
        #expect(page.images[1].size == 0)
    }

    @Test("server becomes server_id, non-string metadata becomes JSON text, brief entries have no status")
    func serverAndBrief() throws {
        let body = #"""
        {"image": {"id": "i1", "name": null, "minRam": 512, "minDisk": 3, "status": "ERROR", "OS-EXT-IMG-SIZE:size": null,
          "metadata": {"instance_uuid": "s1", "block_device_mapping": [{"a": 1}], "auto_disk_config": "True"},
          "server": {"id": "s1", "links": []}, "OS-DCF:diskConfig": "AUTO"}}
        """#
        let image = try ComputeImagesRequests.decodeImage(Data(body.utf8), url: "u")
        #expect(image.status == "killed" && image.minRAM == 512 && image.minDisk == 3 && image.size == nil && image.name == nil)
        #expect(image.fields["server_id"] == .string("s1") && image.fields["instance_uuid"] == .string("s1"))
        #expect(image.fields["block_device_mapping"] == .string(#"[{"a": 1}]"#))
        #expect(image.fields["auto_disk_config"] == .string("True") && image.fields["OS-DCF:diskConfig"] == nil)
        let brief = try ComputeImagesRequests.decodePage(Data(#"{"images": [{"id": "a", "name": "n", "links": []}, {"name": "no id"}, 3]}"#.utf8), url: "u")
        #expect(brief.images.map(\.id) == ["a"] && brief.images[0].status == "unknown" && brief.skippedEntries == 2 && brief.next == nil)
    }

    @Test("status mapping", arguments: [("ACTIVE", "active"), ("SAVING", "saving"), ("QUEUED", "queued"), ("DELETED", "deleted"),
                                         ("ERROR", "killed"), ("UNKNOWN", "unknown"), ("Importing", "importing")])
    func status(_ c: (String, String)) {
        #expect(ComputeImage.glanceStatus(c.0) == c.1)
    }

    @Test("malformed answers become malformedResponse")
    func malformed() {
        #expect(throws: APIError.malformedResponse("the Compute image list is not a JSON object", url: "u")) {
            try ComputeImagesRequests.decodePage(Data("<html>".utf8), url: "u")
        }
        #expect(throws: APIError.malformedResponse("the Compute image list has no \"images\" array", url: "u")) {
            try ComputeImagesRequests.decodePage(Data("{}".utf8), url: "u")
        }
        #expect(throws: APIError.malformedResponse("the Compute image has no id", url: "u")) {
            try ComputeImagesRequests.decodeImage(Data(#"{"image": {"name": "x"}}"#.utf8), url: "u")
        }
        #expect(throws: APIError.malformedResponse("the Compute image has no \"image\" object", url: "u")) {
            try ComputeImagesRequests.decodeImage(Data(#"{"id": "x"}"#.utf8), url: "u")
        }
        #expect(throws: APIError.self) { try ComputeImagesRequests.decodeMetadata(Data(#"{"meta": {}}"#.utf8), url: "u") }
        #expect(throws: APIError.self) { try ComputeImagesRequests.decodeMetadataItem(Data(#"{"meta": {"b": "1"}}"#.utf8), key: "a", url: "u") }
    }

    @Test("metadata JSON decodes to strings")
    func metadataJSON() throws {
        #expect(try ComputeImagesRequests.decodeMetadata(Data(#"{"metadata": {"a": "1", "b": ""}}"#.utf8), url: "u") == ["a": "1", "b": ""])
        #expect(try ComputeImagesRequests.decodeMetadataItem(Data(#"{"meta": {"a": "1"}}"#.utf8), key: "a", url: "u") == "1")
    }
}
