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
}
