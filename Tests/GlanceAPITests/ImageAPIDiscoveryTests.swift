import Foundation
import Testing
@testable import GlanceAPI

/// `signIn(api: nil)`: the catalog and the Image service's version list decide the API.
@Suite struct ImageAPIDiscoveryTests {
    static let image = #"{"type": "image", "name": "glance", "endpoints": [{"interface": "public", "region": "RegionOne", "region_id": "RegionOne", "url": "http://g:9292"}]}"#
    static let compute = #"{"type": "compute", "name": "nova", "endpoints": [{"interface": "public", "region": "RegionOne", "region_id": "RegionOne", "url": "http://n:8774/v2.1"}]}"#

    func client(_ transport: FakeTransport) -> ImageClient {
        ImageClient(profile: CloudProfile(name: "c", authURL: "http://k:5000/v3",
                                          auth: .token(Secret("t0"), scope: .unscoped)), transport: transport)
    }

    static func versions(_ ids: [String]) -> FakeTransport.Answer {
        let list = ids.map { #"{"id": "\#($0)", "status": "SUPPORTED"}"# }.joined(separator: ", ")
        return Canned.status(300, text: #"{"versions": [\#(list)]}"#, contentType: "application/json")
    }

    @Test func anImageServiceListingV2IsV2() throws {
        let transport = FakeTransport(keystone: [try Canned.tokenWithCatalog("t1", catalog: "[\(Self.image)]")],
                                      other: [Self.versions(["v2.16", "v2.15", "v1.1"])])
        #expect(try client(transport).signIn(api: nil).api == .v2)
        #expect(transport.requests.last?.url == "http://g:9292/")
    }

    @Test func anImageServiceListingOnlyV1IsV1() throws {
        let transport = FakeTransport(keystone: [try Canned.tokenWithCatalog("t1", catalog: "[\(Self.image)]")],
                                      other: [Self.versions(["v1.1", "v1.0"])])
        #expect(try client(transport).signIn(api: nil).api == .v1)
    }

    @Test func aCatalogWithOnlyComputeIsTheProxy() throws {
        let transport = FakeTransport(keystone: [try Canned.tokenWithCatalog("t1", catalog: "[\(Self.compute)]")])
        let info = try client(transport).signIn(api: nil)
        #expect(info.api == .compute)
        #expect(transport.requests.count == 1, "no version probe without an image service")
    }

    @Test func anExplicitChoiceIsKeptAndProbesNothing() throws {
        let transport = FakeTransport(keystone: [try Canned.tokenWithCatalog("t1", catalog: "[\(Self.image)]")])
        #expect(try client(transport).signIn(api: .v1).api == .v1)
        #expect(transport.requests.count == 1)
    }

    @Test func v2WithoutAnImageServiceStillFailsNamingWhatIsThere() throws {
        let transport = FakeTransport(keystone: [try Canned.tokenWithCatalog("t1", catalog: "[\(Self.compute)]")])
        #expect(throws: APIError.serviceNotFound("The catalog has no 'image' service (it has: compute)")) {
            try client(transport).signIn(api: .v2)
        }
    }
}
