import Foundation
import Testing
@testable import GlanceAPI

/// Statuses and visibilities as enums that keep what a server invents.
@Suite struct ImageStatusTests {
    @Test func documentedValuesAreTheirCasesAndOthersAreKeptAsSent() throws {
        #expect(ImageStatus(raw: "pending_delete") == .pendingDelete)
        #expect(ImageStatus(raw: "active") == .active && ImageStatus.active.rawValue == "active")
        #expect(ImageStatus(raw: "Active") == .other("Active"), "case matters, as it does to Glance")
        #expect(ImageStatus(raw: "uploading-to-ceph").rawValue == "uploading-to-ceph")
        #expect(ImageVisibility(raw: "community") == .community)
        #expect(ImageVisibility(raw: "tenant") == .other("tenant"))
        let image = try Image(json: .object(["id": .string("i"), "status": .string("caching"), "visibility": .string("tenant")]))
        #expect(image.status == .other("caching") && image.visibility == .other("tenant"))
        #expect(image.coreFields["status"] == .string("caching") && image.coreFields["visibility"] == .string("tenant"))
        #expect(Image(id: "x", status: "killed").status == .killed)
    }
}
