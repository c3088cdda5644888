import CurlTransport
import Foundation
import GlanceAPI
import Testing

/// Visibility, protection and image data over the legacy v1 API, against
/// scripts/v1-conformance-server (one per test, as in LegacyV1IntegrationTests).
@Suite(.enabled(if: V1ConformanceServer.available, "needs python3"), .serialized)
final class LegacyV1DataIntegrationTests {
    let server: V1ConformanceServer
    let transport = CurlTransport(options: .init(tls: TLSOptions()))
    let v1: LegacyV1Client

    static let cirros = LegacyV1IntegrationTests.cirros
    static let protectedID = LegacyV1IntegrationTests.protectedID

    init() throws {
        server = try V1ConformanceServer()
        let profile = CloudProfile(name: "v1", authURL: server.url, auth: .token(Secret("fixed-token"), scope: .unscoped),
                                   imageEndpointOverride: server.url)
        v1 = LegacyV1Client(client: ImageClient(profile: profile, transport: transport))
    }

    func status(_ body: () throws -> Void) -> Int? {
        do { try body(); return nil } catch let e as APIError { return e.status } catch { return -1 }
    }

    @Test func visibilityRoundTripsAndKeepsProperties() throws {
        let made = try v1.setPublic(id: Self.cirros, false)
        #expect(made.visibility == "private" && made.fields["os_distro"] == .string("cirros"))
        #expect(try v1.image(id: Self.cirros).visibility == "private")
        #expect(try v1.setPublic(id: Self.cirros, true).visibility == "public")
        let shown = try v1.image(id: Self.cirros)
        #expect(shown.visibility == "public" && shown.fields["hw_disk_bus"] == .string("virtio"))
    }

    @Test func protectedRefusesDeleteUntilUnprotected() throws {
        let image = try v1.create(V1ImageMetadata(fields: ["name": "guarded", "disk_format": "raw", "container_format": "bare"]))
        #expect(image.isProtected == false)
        #expect(try v1.setProtected(id: image.id, true).isProtected == true)
        #expect(try v1.image(id: image.id).isProtected == true)
        #expect(status { try self.v1.delete(id: image.id) } == 403)
        #expect(try v1.setProtected(id: image.id, false).isProtected == false)
        try v1.delete(id: image.id)
        #expect(status { _ = try self.v1.image(id: image.id) } == 404)
    }

    /// Why every merging PUT says "x-glance-registry-purge-props: false": v1 purges without it.
    @Test func aPutWithoutThePurgeHeaderPurges() throws {
        var request = V1Requests.setProtected(server.url + "/v1", id: Self.cirros, false)
        request.headers.removeAll { $0.name == "x-glance-registry-purge-props" }
        _ = try v1.client.sendAuthorized(request)
        #expect(try v1.image(id: Self.cirros).fields["os_distro"] == nil)
    }
}
