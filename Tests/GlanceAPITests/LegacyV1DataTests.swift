import Foundation
import Testing
@testable import GlanceAPI

/// The v1 requests that change visibility and protection, and those that move image data.
@Suite struct LegacyV1DataBuilderTests {
    let base = "http://h:9292/v1/"

    @Test func visibilityAndProtectionAreMergingPuts() {
        let pub = V1Requests.setPublic(base, id: "i d", true)
        #expect(pub.method == .put && pub.url == "http://h:9292/v1/images/i%20d" && pub.body == nil)
        #expect(pub.header("x-image-meta-is_public") == "True")
        #expect(pub.header("x-glance-registry-purge-props") == "false")
        #expect(V1Requests.setPublic(base, id: "i", false).header("x-image-meta-is_public") == "False")
        let prot = V1Requests.setProtected(base, id: "i", true)
        #expect(prot.method == .put && prot.url == "http://h:9292/v1/images/i")
        #expect(prot.header("x-image-meta-protected") == "True" && prot.header("x-image-meta-is_public") == nil)
        #expect(prot.header("x-glance-registry-purge-props") == "false")
        #expect(V1Requests.setProtected(base, id: "i", false).header("x-image-meta-protected") == "False")
    }

    @Test func downloadAsksForARangeOnlyWhenResuming() {
        let whole = V1Requests.download(base, id: "a b", offset: 0)
        #expect(whole == HTTPRequest(method: .get, url: "http://h:9292/v1/images/a%20b"))
        let resumed = V1Requests.download(base, id: "i", offset: 1_048_576)
        #expect(resumed.method == .get && resumed.url == "http://h:9292/v1/images/i")
        #expect(resumed.headers.map(\.name) == ["Range"] && resumed.header("Range") == "bytes=1048576-")
        #expect(V1Requests.download(base, id: "i", offset: -1).header("Range") == nil)
    }

    @Test func uploadIsAPutWithTheLengthAndNoBody() {
        let r = V1Requests.upload(base, id: "i", length: 393_216)
        #expect(r.method == .put && r.url == "http://h:9292/v1/images/i" && r.body == nil)
        #expect(r.headers.map(\.name) == ["Content-Type", "x-image-meta-size", "Accept"])
        #expect(r.header("Content-Type") == "application/octet-stream")
        #expect(r.header("x-image-meta-size") == "393216")
        #expect(r.header("Accept") == "application/json")
    }

    @Test func createWithDataSendsTheMetadataAndTheBodysLength() {
        let m = V1ImageMetadata(fields: ["name": "n", "disk_format": "raw", "container_format": "bare", "size": "7",
                                         "checksum": "0123456789abcdef0123456789abcdef"],
                                properties: ["os_distro": "cirros"])
        let r = V1Requests.createWithData(base, metadata: m, length: 5)
        #expect(r.method == .post && r.url == "http://h:9292/v1/images" && r.body == nil)
        #expect(r.headers.map(\.name) == ["x-image-meta-checksum", "x-image-meta-container_format", "x-image-meta-disk_format",
                                          "x-image-meta-name", "x-image-meta-property-os_distro",
                                          "Content-Type", "x-image-meta-size", "Accept"])
        #expect(r.header("x-image-meta-size") == "5")
        #expect(r.header("x-image-meta-checksum") == "0123456789abcdef0123456789abcdef")
        #expect(r.header("Content-Type") == "application/octet-stream")
    }
}
