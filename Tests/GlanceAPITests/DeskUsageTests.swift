import Foundation
import Testing
@testable import GlanceAPI

/// GET /v2/info/usage and the desk's capabilities.
@Suite("Desk: usage and capabilities")
struct DeskUsageTests {
    @Test("the captured usage: four resources, sizes in MiB")
    func decodeCaptured() throws {
        let usage = try UsageRequests.decode(try DeskTasksTests.fixture("glance-usage.json"), url: "u")
        #expect(usage.hasLimits)
        #expect(usage[.imageSizeTotal] == QuotaUsage(usage: 3, limit: 1048576))
        #expect(usage[.imageStageTotal] == QuotaUsage(usage: 0, limit: 1048576))
        #expect(usage[.imageCountTotal] == QuotaUsage(usage: 19, limit: 100000))
        #expect(usage[.imageCountUploading] == QuotaUsage(usage: 0, limit: 10000))
        #expect(QuotaResource.allCases.filter(\.isMebibytes) == [.imageSizeTotal, .imageStageTotal])
    }

    @Test("no limits configured: {} and {\"usage\": {}} are no limits, not errors")
    func noLimits() throws {
        #expect(try UsageRequests.decode(Data("{}".utf8), url: "u") == ImageUsage())
        let empty = try UsageRequests.decode(try DeskTasksTests.fixture("synthetic-usage-no-limits.json"), url: "u")
        #expect(!empty.hasLimits && empty[.imageCountTotal] == nil)
    }

    @Test("unlimited (-1), over the limit, and bodies that are not usage")
    func edges() throws {
        let usage = try UsageRequests.decode(Data(#"{"usage": {"image_count_total": {"usage": 5, "limit": -1}, "image_size_total": {"usage": 11, "limit": 10}}}"#.utf8), url: "u")
        #expect(usage[.imageCountTotal]?.isUnlimited == true && usage[.imageCountTotal]?.isOver == false)
        #expect(usage[.imageSizeTotal]?.isOver == true)
        #expect(throws: APIError.malformedResponse("the usage of x has no integer usage and limit", url: "u")) {
            try UsageRequests.decode(Data(#"{"usage": {"x": {"usage": 1}}}"#.utf8), url: "u")
        }
        #expect(throws: APIError.self) { try UsageRequests.decode(Data("<html>".utf8), url: "u") }
    }

    @Test("the client asks /v2/info/usage")
    func client() throws {
        let (client, transport) = try DeskTasksTests.client([try DeskTasksTests.ok("glance-usage.json")])
        #expect(try ImageV2Backend(client: client).usage()[.imageCountTotal]?.usage == 19)
        #expect(transport.requests.last?.url == "http://127.0.0.1:9292/v2/info/usage")
    }

    @Test("only Image API v2 has the desk; its listings are reads, its two changes are writes")
    func capabilities() {
        let c = ImageClient(profile: ImageClientTests.profile(), transport: FakeTransport())
        let desk: Set<ImageCapability> = [.tasks, .stores, .deleteFromStore, .cache, .manageCache, .usage]
        #expect(ImageCapability.of(Backends.make(.v2, client: c)).isSuperset(of: desk))
        #expect(ImageCapability.of(Backends.make(.compute, client: c)).isDisjoint(with: desk))
        #expect(ImageCapability.of(Backends.make(.v1, client: c)).isDisjoint(with: desk))
        #expect(Set(desk.filter(\.isWrite)) == [.deleteFromStore, .manageCache])
        #expect(ImageAPI.compute.whyNot(.tasks) == "tasks not available through Compute's image proxy")
        #expect(ImageAPI.v1.whyNot(.deleteFromStore) == "deleting data from a store not available through Image API v1")
        #expect(ImageCapability.manageCache.readOnlyRefusal == "read-only: managing the image cache refused (this session does not write)")
    }
}
