import Foundation
import Testing
@testable import GlanceAPI

/// How each API carries a query: what it sends, what the client applies to loaded rows (and
/// says), and what it refuses before anything is sent.
@Suite struct QuerySupportTests {
    static func query(_ build: (inout ImageQuery) -> Void) -> ImageQuery {
        var q = ImageQuery()
        build(&q)
        return q
    }

    @Test func imageV2SendsEverything() {
        let q = Self.query { $0.tags = ["a"]; $0.owner = "o"; $0.sort = [.init(.name, .asc), .init(.size, .desc)] }
        #expect(QuerySupport.imageV2.plan(q) == QueryPlan(server: q))
    }

    @Test func computeSendsNameAndStatusAndAppliesSizesHere() {
        let q = Self.query { $0.name = "cirros"; $0.sizeMin = 1024 }
        let plan = ComputeImageClient.querySupport.plan(q)
        #expect(plan.server == Self.query { $0.name = "cirros" })
        #expect(plan.local == Self.query { $0.sizeMin = 1024 })
        #expect(plan.notice == "size_min applied here to the loaded images: Compute's image proxy cannot filter by it")
        #expect(plan.refusal == nil)
    }

    @Test func computeRefusesWhatItDoesNotExpose() {
        let plan = ComputeImageClient.querySupport.plan(Self.query { $0.name = "x"; $0.tags = ["t"]; $0.visibility = .public })
        #expect(plan.refusal == "Compute's image proxy cannot filter by visibility, tag: nothing was sent")
        let sorted = ComputeImageClient.querySupport.plan(Self.query { $0.sort = [.init(.name, .asc)] })
        #expect(sorted.refusal == "Compute's image proxy cannot filter by sorting (sort the loaded rows with the column keys 1–9): nothing was sent")
    }

    @Test func v1KnowsPublicAndPrivateAndOneSortKey() {
        let v1 = LegacyV1Client.querySupport
        #expect(v1.plan(Self.query { $0.visibility = .private }).refusal == nil)
        #expect(v1.plan(Self.query { $0.visibility = .shared }).refusal == "Image API v1 cannot filter by visibility=shared: nothing was sent")
        #expect(v1.plan(Self.query { $0.sort = [.init(.name, .asc)] }).refusal == nil)
        #expect(v1.plan(Self.query { $0.sort = [.init(.name, .asc), .init(.size, .asc)] }).refusal
                == "Image API v1 cannot filter by sorting by more than 1 key: nothing was sent")
        let owned = v1.plan(Self.query { $0.owner = "p1"; $0.status = "active" })
        #expect(owned.server == Self.query { $0.status = "active" } && owned.local == Self.query { $0.owner = "p1" })
        #expect(v1.plan(Self.query { $0.tags = ["t"] }).refusal == "Image API v1 cannot filter by tag: nothing was sent")
    }

    @Test(arguments: [
        ("size_min", true), ("size_max", false), ("created_at", true), ("id", true), ("prop", true), ("owner", false),
    ])
    func localFiltersJudgeImagesAsGlanceWould(filter: String, expected: Bool) {
        let image = Image(id: "i1", name: "n", status: "active",
                          fields: ["size": .number(2048), "created_at": .string("2024-05-01T10:00:00Z"), "owner": .string("p1"),
                                   "hw_disk_bus": .string("virtio")])
        let q: ImageQuery = switch filter {
        case "size_min": Self.query { $0.sizeMin = 2048 }
        case "size_max": Self.query { $0.sizeMax = 2047 }
        case "created_at": Self.query { $0.createdAt = [.init(.gte, "2024-05-01T00:00:00Z")] }
        case "id": Self.query { $0.ids = ["i0", "i1"] }
        case "prop": Self.query { $0.properties = ["hw_disk_bus": "virtio"] }
        default: Self.query { $0.owner = "p2" }
        }
        #expect(q.matches(image) == expected)
    }
}
