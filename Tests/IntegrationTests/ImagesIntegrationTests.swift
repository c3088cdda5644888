import Foundation
import GlanceAPI
import Testing

@Suite(.enabled(if: LocalCloud.isConfigured, "needs the local cloud: run scripts/test"), .serialized)
struct ImagesIntegrationTests {
    /// Follows `next` links with tiny pages and gets exactly what one large page holds.
    @Test func pagingAcrossManyPagesMatchesOneLargePage() throws {
        let client = LocalCloud.client(try LocalCloud.profile())
        let whole = try LocalCloud.allImages(client)
        #expect(whole.count >= 6, "the sample images are seeded (scripts/devcloud seed)")

        // Small pages over the first 60 images, then compared with the same stretch of the whole.
        var page = try client.listImages(.first(query: ImageQuery(), limit: 7))
        var ids = page.images.map(\.id)
        var pages = 1
        while let next = page.next, ids.count < 60 {
            page = try client.listImages(.next(link: next, limit: 7))
            ids += page.images.map(\.id)
            pages += 1
        }
        #expect(pages >= 3)
        #expect(Set(ids).count == ids.count, "no image twice")
        #expect(ids == Array(whole.map(\.id).prefix(ids.count)))
    }

    @Test func showReturnsTheSameImageAsTheList() throws {
        let client = LocalCloud.client(try LocalCloud.profile())
        let listed = try #require(try LocalCloud.allImages(client).first { $0.status == "active" })
        let shown = try client.image(id: listed.id)
        #expect(shown.id == listed.id)
        #expect(shown.name == listed.name)
        #expect(shown.checksum == listed.checksum)
        #expect(shown.fields["self"] != nil)
    }

    @Test func seededPropertiesAndNamesSurviveTheRoundTrip() throws {
        let client = LocalCloud.client(try LocalCloud.profile())
        let images = try LocalCloud.allImages(client)
        let starlingx = try #require(images.first { $0.fields["hw_wrs_live_migration_timeout"] != nil })
        #expect(starlingx.fields["cache_raw"] == .string("True"))
        #expect(images.contains { ($0.name ?? "").unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF } },
                "a CJK name is seeded")
        #expect(images.contains { ($0.name ?? "").contains("\u{1b}") }, "a name with an escape sequence is seeded")
    }

    @Test func aMissingImageIsA404WithGlancesSentenceNotItsHTML() throws {
        let client = LocalCloud.client(try LocalCloud.profile())
        let id = UUID().uuidString.lowercased()
        #expect {
            try client.image(id: id)
        } throws: { error in
            guard let e = error as? APIError, e.status == 404 else { return false }
            return !e.userMessage.contains("<") && !e.userMessage.contains("html") && e.userMessage.contains("404")
                && e.userMessage.contains("No image found with ID \(id)")
        }
    }

    @Test func theImageEndpointOverrideBypassesTheCatalog() throws {
        var profile = try LocalCloud.profile()
        let endpoint = try LocalCloud.client(profile).signIn().imageEndpoint
        profile.imageEndpointOverride = endpoint + "/v2/"
        profile.regionName = "Nowhere" // would fail a catalog lookup
        let client = LocalCloud.client(profile)
        #expect(try client.signIn().imageEndpoint == endpoint)
        _ = try client.listImages(.first(query: ImageQuery(), limit: 1))
    }
}
