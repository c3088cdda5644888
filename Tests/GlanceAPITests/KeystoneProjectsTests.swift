import Foundation
@testable import GlanceAPI
import Testing

/// What `:project` and `:region` offer: the user's projects from `GET /v3/auth/projects`, the
/// image service's regions from the token's catalog, and a profile re-scoped to a project.
@Suite struct KeystoneProjectsTests {
    static let projects = """
    {"links": {"self": "http://127.0.0.1:5000/v3/auth/projects"},
     "projects": [
       {"id": "p2", "name": "demo2", "domain_id": "default", "enabled": true, "links": {}},
       {"id": "p0", "name": "old", "domain_id": "default", "enabled": false},
       {"id": "p1", "name": "demo", "domain_id": "default", "enabled": true},
       {"id": "p3", "domain_id": "default"},
       {"name": "no-id"}
     ]}
    """

    @Test func enabledNamedProjectsSortedByName() throws {
        let parsed = try KeystoneProjects.parse(Data(Self.projects.utf8), url: "u")
        #expect(parsed == [KeystoneProject(id: "p1", name: "demo", domainID: "default", enabled: true),
                           KeystoneProject(id: "p2", name: "demo2", domainID: "default", enabled: true)])
    }

    @Test(arguments: ["{}", "[]", "not json", #"{"projects": 3}"#])
    func aBodyWithoutAProjectListIsMalformed(_ body: String) {
        #expect(throws: APIError.self) { try KeystoneProjects.parse(Data(body.utf8), url: "u") }
    }

    @Test func theImageServicesRegionsForTheInterface() {
        let catalog = ServiceCatalog(services: [
            .init(type: "image", name: "glance", endpoints: [
                .init(interface: "public", region: "RegionTwo", url: "a"), .init(interface: "public", region: "RegionOne", url: "b"),
                .init(interface: "internal", region: "RegionThree", url: "c"), .init(interface: "public", region: "RegionOne", url: "d"),
            ]),
            .init(type: "compute", name: "nova", endpoints: [.init(interface: "public", region: "RegionFour", url: "e")]),
        ])
        #expect(catalog.regions(type: "image", interface: .public) == ["RegionOne", "RegionTwo"])
        #expect(catalog.regions(type: "image", interface: .internal) == ["RegionThree"])
        #expect(catalog.regions(type: "volume", interface: .public).isEmpty)
    }

    @Test func aPasswordOrTokenProfileIsReScopedByIdAndAnApplicationCredentialIsNot() throws {
        let project = KeystoneProject(id: "p2", name: "demo2")
        let password = ImageClientTests.profile()
        let rescoped = try KeystoneProjects.rescope(password, to: project)
        #expect(rescoped.auth == .password(user: .name("demo", domain: .name("Default")), password: Secret(ImageClientTests.password),
                                           scope: .project(.id("p2"))))
        #expect(rescoped.name == password.name && rescoped.regionName == password.regionName)
        var token = password
        token.auth = .token(Secret("t"), scope: .unscoped)
        #expect(try KeystoneProjects.rescope(token, to: project).auth == .token(Secret("t"), scope: .project(.id("p2"))))
        var credential = password
        credential.auth = .applicationCredential(.id("ac"), user: nil, secret: Secret("s"))
        #expect(throws: APIError.configuration(
            "An application credential is bound to its project: sign in with another cloud entry (:cloud) to use demo2")) {
            try KeystoneProjects.rescope(credential, to: project)
        }
    }

    @Test func theClientAsksKeystoneWithItsTokenAndSaysKeystonesRefusal() throws {
        let listing = HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: Data(Self.projects.utf8))
        let transport = FakeTransport(keystone: [try Canned.token(ImageClientTests.tokenOne)],
                                      other: [.success(listing),
                                              Canned.status(403, text: #"{"error": {"message": "You are not authorized.", "code": 403}}"#,
                                                            contentType: "application/json")])
        let client = ImageClient(profile: ImageClientTests.profile(), transport: transport)
        try client.signIn()
        #expect(try client.projects().compactMap(\.name) == ["demo", "demo2"])
        let request = transport.requests[1]
        #expect(request.method == .get && request.url == "http://127.0.0.1:5000/v3/auth/projects")
        #expect(request.header("X-Auth-Token") == ImageClientTests.tokenOne)
        #expect(throws: APIError.self) { try client.projects() }
        #expect(try client.imageRegions() == ["RegionOne"])
    }

    /// A fixed Image endpoint (`image_endpoint_override`, `--os-image-url`) has no other region:
    /// moving would list the same images under the new region's name and ask its Compute about them.
    @Test func aFixedImageEndpointOffersNoRegionAndIsNotMoved() throws {
        let catalogued = ImageClientTests.profile()
        let moved = try KeystoneProjects.reregion(catalogued, to: "RegionTwo")
        var expected = catalogued
        expected.regionName = "RegionTwo"
        #expect(moved == expected)

        let fixed = ImageClientTests.profile(override: "http://127.0.0.1:9292")
        #expect(throws: APIError.configuration("The image endpoint of devcloud is fixed at http://127.0.0.1:9292 "
            + "(image_endpoint_override in clouds.yaml, or --os-image-url), so it has no other region: use another cloud entry (:cloud)")) {
            try KeystoneProjects.reregion(fixed, to: "RegionTwo")
        }
        // The catalog has an image service in RegionOne, but it is not where images come from.
        let transport = FakeTransport(keystone: [try Canned.token(ImageClientTests.tokenOne)])
        let client = ImageClient(profile: fixed, transport: transport)
        try client.signIn()
        #expect(try client.imageRegions() == [])
        #expect(try ImageClient(profile: catalogued, transport: FakeTransport(keystone: [try Canned.token(ImageClientTests.tokenOne)]))
            .imageRegions() == ["RegionOne"])
    }
}
