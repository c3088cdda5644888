import Testing
@testable import GlanceAPI

@Suite("ServiceCatalog.endpoint")
struct ServiceCatalogTests {
    typealias E = ServiceCatalog.Endpoint
    typealias S = ServiceCatalog.Service

    /// Two regions, each with all three interfaces, plus an identity service and a compute service.
    static let twoRegions = ServiceCatalog(services: [
        S(type: "identity", name: "keystone", endpoints: [E(interface: "public", region: "RegionOne", url: "https://id/v3")]),
        S(type: "image", name: "glance", endpoints: [
            E(interface: "public", region: "RegionOne", url: "https://img-one"),
            E(interface: "internal", region: "RegionOne", url: "http://img-one.internal:9292"),
            E(interface: "admin", region: "RegionOne", url: "http://img-one.admin:9292"),
            E(interface: "public", region: "RegionTwo", url: "https://img-two/v2"),
            E(interface: "internal", region: "RegionTwo", url: "http://img-two.internal:9292"),
        ]),
        S(type: "compute", name: "nova", endpoints: [E(interface: "public", region: "RegionOne", url: "https://nova")]),
    ])

    static let found: [(String?, EndpointInterface, String)] = [
        ("RegionOne", .public, "https://img-one"),
        ("RegionOne", .internal, "http://img-one.internal:9292"),
        ("RegionOne", .admin, "http://img-one.admin:9292"),
        ("RegionTwo", .public, "https://img-two/v2"),
        ("RegionTwo", .internal, "http://img-two.internal:9292"),
        // Only RegionOne offers admin, so no region needs choosing.
        (nil, .admin, "http://img-one.admin:9292"),
    ]

    @Test("found by type, region and interface", arguments: found)
    func foundEndpoint(region: String?, interface: EndpointInterface, expected: String) throws {
        #expect(try Self.twoRegions.endpoint(type: "image", region: region, interface: interface) == expected)
    }

    @Test("a single region needs no choosing")
    func singleRegion() throws {
        let catalog = ServiceCatalog(services: [
            S(type: "image", name: nil, endpoints: [E(interface: "internal", region: "R", url: "http://i"),
                                                    E(interface: "public", region: "R", url: "http://p")]),
        ])
        #expect(try catalog.endpoint(type: "image", region: nil, interface: .public) == "http://p")
    }

    @Test("endpoints without a region match when no region is asked for")
    func regionless() throws {
        let catalog = ServiceCatalog(services: [S(type: "image", name: nil, endpoints: [E(interface: "public", region: nil, url: "http://p")])])
        #expect(try catalog.endpoint(type: "image", region: nil, interface: .public) == "http://p")
    }

    @Test("no such service: the message lists the types the catalog has, sorted")
    func noService() {
        #expect(throws: APIError.serviceNotFound("The catalog has no 'volumev3' service (it has: compute, identity, image)")) {
            try Self.twoRegions.endpoint(type: "volumev3", region: "RegionOne", interface: .public)
        }
    }

    @Test("an empty catalog says so")
    func emptyCatalog() {
        #expect(throws: APIError.serviceNotFound("The catalog has no 'image' service (it is empty)")) {
            try ServiceCatalog(services: []).endpoint(type: "image", region: nil, interface: .public)
        }
    }

    @Test("an unknown region: the message lists the service's regions")
    func unknownRegion() {
        #expect(throws: APIError.serviceNotFound(
            "The 'image' service has no endpoint in region 'RegionThree' (regions: RegionOne, RegionTwo)")) {
            try Self.twoRegions.endpoint(type: "image", region: "RegionThree", interface: .public)
        }
    }

    @Test("region names are case-sensitive, as Keystone's are")
    func regionCase() {
        #expect(throws: APIError.self) {
            try Self.twoRegions.endpoint(type: "image", region: "regionone", interface: .public)
        }
    }

    @Test("several regions and none chosen: the message names them and how to choose")
    func severalRegions() throws {
        let error = #expect(throws: APIError.self) {
            try Self.twoRegions.endpoint(type: "image", region: nil, interface: .public)
        }
        guard case .serviceNotFound(let message)? = error else {
            Issue.record("expected serviceNotFound, got \(String(describing: error))")
            return
        }
        #expect(message == "The 'image' service is in several regions (RegionOne, RegionTwo): choose one with --os-region-name or region_name")
    }

    @Test("an interface the region lacks: the message lists the interfaces it has")
    func missingInterface() {
        #expect(throws: APIError.serviceNotFound(
            "The 'image' service has no admin endpoint in region 'RegionTwo' (interfaces: internal, public)")) {
            try Self.twoRegions.endpoint(type: "image", region: "RegionTwo", interface: .admin)
        }
    }

    @Test("an interface missing everywhere, no region asked")
    func missingInterfaceNoRegion() {
        let catalog = ServiceCatalog(services: [
            S(type: "image", name: nil, endpoints: [E(interface: "internal", region: "R", url: "http://i")]),
        ])
        #expect(throws: APIError.serviceNotFound("The 'image' service has no public endpoint (interfaces: internal)")) {
            try catalog.endpoint(type: "image", region: nil, interface: .public)
        }
    }

    @Test("the first service of a type wins and types are matched exactly")
    func typeMatching() throws {
        let catalog = ServiceCatalog(services: [
            S(type: "image", name: "glance", endpoints: [E(interface: "public", region: "R", url: "http://first")]),
            S(type: "image", name: "glance-2", endpoints: [E(interface: "public", region: "R", url: "http://second")]),
            S(type: "Image", name: "odd", endpoints: [E(interface: "public", region: "R", url: "http://odd")]),
        ])
        #expect(try catalog.endpoint(type: "image", region: "R", interface: .public) == "http://first")
        #expect(try catalog.endpoint(type: "Image", region: "R", interface: .public) == "http://odd")
    }
}

@Suite("ServiceCatalog.entry")
struct ServiceCatalogEntryTests {
    @Test("entry returns the whole endpoint, region included, when no region was asked for")
    func entryRegion() throws {
        let catalog = ServiceCatalog(services: [
            ServiceCatalog.Service(type: "image", name: nil, endpoints: [
                ServiceCatalog.Endpoint(interface: "internal", region: "RegionTwo", url: "http://i"),
                ServiceCatalog.Endpoint(interface: "public", region: "RegionTwo", url: "http://p"),
            ]),
        ])
        let entry = try catalog.entry(type: "image", region: nil, interface: .public)
        #expect(entry == ServiceCatalog.Endpoint(interface: "public", region: "RegionTwo", url: "http://p"))
        #expect(try catalog.endpoint(type: "image", region: nil, interface: .public) == entry.url)
    }
}
