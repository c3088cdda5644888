/// The service catalog of a Keystone v3 token.
public struct ServiceCatalog: Sendable, Equatable {
    public struct Endpoint: Sendable, Equatable {
        public var interface: String
        public var region: String?
        public var url: String
    }

    public struct Service: Sendable, Equatable {
        public var type: String
        public var name: String?
        public var endpoints: [Endpoint]
    }

    public var services: [Service]

    public init(services: [Service]) { self.services = services }

    init(json: JSONValue) {
        services = (json.arrayValue ?? []).compactMap { entry in
            guard let o = entry.objectValue, let type = o["type"]?.stringValue else { return nil }
            let endpoints = (o["endpoints"]?.arrayValue ?? []).compactMap { e -> Endpoint? in
                guard let eo = e.objectValue, let url = eo["url"]?.stringValue else { return nil }
                return Endpoint(interface: eo["interface"]?.stringValue ?? "public",
                                region: eo["region_id"]?.stringValue ?? eo["region"]?.stringValue, url: url)
            }
            return Service(type: type, name: o["name"]?.stringValue, endpoints: endpoints)
        }
    }

    /// The URL of `type` for `interface` in `region`; when no region is asked for, any region
    /// will do as long as there is only one. Errors say what the catalog does offer.
    public func endpoint(type: String, region: String?, interface: EndpointInterface) throws(APIError) -> String {
        try entry(type: type, region: region, interface: interface).url
    }

    /// The whole catalog entry, for its region when none was asked for.
    public func entry(type: String, region: String?, interface: EndpointInterface) throws(APIError) -> Endpoint {
        guard let service = services.first(where: { $0.type == type }) else {
            let types = services.map(\.type).sorted().joined(separator: ", ")
            throw .serviceNotFound("The catalog has no '\(type)' service" + (types.isEmpty ? " (it is empty)" : " (it has: \(types))"))
        }
        let regions = Set(service.endpoints.compactMap(\.region)).sorted()
        let inRegion = service.endpoints.filter { region == nil || $0.region == region }
        if let region, inRegion.isEmpty {
            throw .serviceNotFound("The '\(type)' service has no endpoint in region '\(region)' (regions: \(regions.joined(separator: ", ")))")
        }
        let matching = inRegion.filter { $0.interface == interface.rawValue }
        if region == nil, Set(matching.compactMap(\.region)).count > 1 {
            throw .serviceNotFound("The '\(type)' service is in several regions (\(regions.joined(separator: ", "))): choose one with --os-region-name or region_name")
        }
        guard let endpoint = matching.first else {
            let interfaces = Set(inRegion.map(\.interface)).sorted().joined(separator: ", ")
            throw .serviceNotFound("The '\(type)' service has no \(interface.rawValue) endpoint\(region.map { " in region '\($0)'" } ?? "") (interfaces: \(interfaces))")
        }
        return endpoint
    }
}
