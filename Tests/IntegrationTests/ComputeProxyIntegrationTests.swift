import Foundation
import GlanceAPI
import Testing

/// Compute's image proxy against the real nova-api of scripts/devcloud (`up-nova`), pinned to
/// microversion 2.35. Images that get edited are made here with TestImages and deleted again.
@Suite(.enabled(if: LocalCloud.isConfigured, "needs the local cloud: run scripts/test"), .serialized)
struct ComputeProxyIntegrationTests {
    static func compute(_ images: TestImages) -> ComputeImageClient { ComputeImageClient(client: images.demo.client) }

    /// Every page of the proxy's list, following the marker of each next link.
    static func allProxyImages(_ compute: ComputeImageClient, detail: Bool) throws -> [Image] {
        var page = try compute.listImages(.first(query: ImageQuery(), limit: 50), detail: detail)
        var images = page.images
        var pages = 1
        while let next = page.next, !page.images.isEmpty, let marker = ImagesRequests.marker(inLink: next) {
            pages += 1
            #expect(pages < 1000, "runaway paging")
            page = try compute.listImages(.after(query: ImageQuery(), marker: marker, limit: 50), detail: detail)
            images += page.images
        }
        return images
    }

    @Test("brief and detail lists find the seeded images demo can see, shaped like Glance's")
    func lists() throws {
        let images = try TestImages("nova-list")
        defer { images.deleteAll() }
        let compute = Self.compute(images)
        #expect(try compute.endpoint().imagesURL == "http://127.0.0.1:8774/v2.1/images")
        let seeded = try LocalCloud.allImages(images.demo.client).filter { $0.fields["glance_tui_seed"] != nil }
        #expect(!seeded.isEmpty)

        let detail = try Self.allProxyImages(compute, detail: true)
        let brief = try Self.allProxyImages(compute, detail: false)
        let byID = Dictionary(detail.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let briefIDs = Set(brief.map(\.id))
        for glance in seeded {
            #expect(briefIDs.contains(glance.id), "brief list lacks \(glance.displayName)")
            guard let nova = byID[glance.id] else { Issue.record("detail list lacks \(glance.displayName)"); continue }
            #expect(nova.name == glance.name)
            #expect(nova.minRAM == glance.minRAM && nova.minDisk == glance.minDisk)
            #expect(nova.size == (glance.size ?? 0), "\(glance.displayName)")
            #expect(nova.createdAt == glance.createdAt)
            #expect(nova.fields["glance_tui_seed"] == glance.fields["glance_tui_seed"])
            #expect(nova.visibility == nil && nova.owner == nil && nova.diskFormat == nil && nova.checksum == nil)
            switch glance.status {
            case "active", "saving", "deleted": #expect(nova.status == glance.status)
            case "queued": #expect(nova.status == "saving", "Nova calls queued SAVING")
            case "killed": #expect(nova.status == "killed")
            default: #expect(nova.status == "unknown", "\(glance.displayName): \(glance.status)")
            }
        }
        // Brief entries carry only id and name.
        #expect(brief.allSatisfy { $0.status == "unknown" && $0.size == nil })

        // Name filtering goes through to Glance.
        let one = try #require(seeded.first { $0.name != nil })
        var byName = ImageQuery()
        byName.name = one.name
        let named = try compute.listImages(.first(query: byName, limit: 100))
        #expect(named.images.contains { $0.id == one.id })
        #expect(named.images.allSatisfy { $0.name == one.name })
        // A filter the proxy has no parameter for is refused before sending, never dropped.
        var tagged = byName
        tagged.tags = ["x"]
        #expect(throws: APIError.configuration("Compute's image proxy cannot filter by tag")) {
            try compute.listImages(.first(query: tagged, limit: 100))
        }
    }

    @Test("show, metadata set/read (also through Glance v2)/merge/replace/delete, and delete the image")
    func metadataLifecycle() throws {
        let images = try TestImages("nova-meta")
        defer { images.deleteAll() }
        let compute = Self.compute(images)
        let made = try images.create("meta", ["keep_me": .string("k")])

        let shown = try compute.image(id: made.id)
        #expect(shown.id == made.id && shown.name == images.fullName("meta") && shown.status == "saving")
        #expect(shown.fields["keep_me"] == .string("k") && shown.fields[TestImages.marker] == .string(images.run))
        #expect(shown.visibility == nil && shown.fields["visibility"] == nil)

        #expect(try compute.setMetadata(id: made.id, key: "hw:cpu policy", value: "dedicated") == "dedicated")
        #expect(try compute.metadata(id: made.id, key: "hw:cpu policy") == "dedicated")
        #expect(try images.demo.client.image(id: made.id).fields["hw:cpu policy"] == .string("dedicated"))

        let merged = try compute.mergeMetadata(id: made.id, ["m1": "1", "m2": "2"])
        #expect(merged["m1"] == "1" && merged["m2"] == "2" && merged["keep_me"] == "k" && merged["hw:cpu policy"] == "dedicated")

        let patched = try compute.apply(id: made.id, operations: [.replace(key: "m1", value: .string("one")), .remove(key: "m2")])
        #expect(patched.fields["m1"] == .string("one") && patched.fields["m2"] == nil)

        try compute.deleteMetadata(id: made.id, key: "m1")
        #expect(try compute.metadata(id: made.id)["m1"] == nil)
        let missing = LocalCloud.apiError { _ = try compute.metadata(id: made.id, key: "m1") }
        #expect(missing?.status == 404)
        let missingDelete = LocalCloud.apiError { try compute.deleteMetadata(id: made.id, key: "m1") }
        #expect(missingDelete?.status == 404)

        // Replace-all keeps only what is given (the run marker too, so cleanup still finds it).
        let replaced = try compute.replaceMetadata(id: made.id, ["only": "x", TestImages.marker: images.run])
        #expect(replaced == ["only": "x", TestImages.marker: images.run])
        let glance = try images.demo.client.image(id: made.id)
        #expect(glance.fields["keep_me"] == nil && glance.fields["hw:cpu policy"] == nil && glance.fields["only"] == .string("x"))
        #expect(glance.diskFormat == "raw" && glance.name == images.fullName("meta"))

        // Core fields are refused here; Nova itself would answer 200 and change nothing.
        #expect(throws: APIError.self) { try compute.apply(id: made.id, operations: [.replace(key: "name", value: .string("x"))]) }
        // os_glance_* is reserved by Glance: Nova turns its 403 into "Not authorized for image".
        let reserved = LocalCloud.apiError { try compute.setMetadata(id: made.id, key: "os_glance_x", value: "1") }
        #expect(reserved?.status == 403)

        try compute.delete(id: made.id)
        let gone = LocalCloud.apiError { _ = try images.demo.client.image(id: made.id) }
        #expect(gone?.status == 404)
        let goneProxy = LocalCloud.apiError { _ = try compute.image(id: made.id) }
        #expect(goneProxy?.status == 404)
    }

    @Test("another project's image cannot be deleted through the proxy")
    func foreignDelete() throws {
        let images = try TestImages("nova-foreign")
        defer { images.deleteAll() }
        let alt = try images.account("devcloud-alt")
        let theirs = try images.create("alt-owned", ["visibility": .string("shared")], as: alt)
        try images.share(theirs.id, with: images.demo.projectID, as: alt)
        #expect(try Self.compute(images).image(id: theirs.id).id == theirs.id)
        let error = LocalCloud.apiError { try Self.compute(images).delete(id: theirs.id) }
        #expect(error?.status == 403)
    }

    @Test("at microversion 2.36 the list is a 404, reported as no image proxy")
    func microversion236() throws {
        let images = try TestImages("nova-236")
        let compute = Self.compute(images)
        var request = ComputeImagesRequests.list(try compute.endpoint(), query: .init(limit: 1))
        request.setHeader(ComputeMicroversion.headerName, "2.36")
        do {
            _ = try images.demo.client.sendAuthorized(request)
            Issue.record("2.36 listed images")
        } catch {
            #expect(error.status == 404)
            guard case .serviceNotFound(let m) = compute.proxyError(error) else { Issue.record("\(error)"); return }
            #expect(m.hasPrefix("This cloud's Compute API does not proxy images") && m.contains("microversion 2.35"))
        }
        #expect(throws: APIError.self) { try ComputeImageClient(client: images.demo.client, microversion: "2.36") }
    }
}
