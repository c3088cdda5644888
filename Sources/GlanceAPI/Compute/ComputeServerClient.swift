import Foundation

/// What a caller asks "which servers use these images" of. The live one is `ComputeServerClient`;
/// a protocol so planners and views can be tested with servers they made up.
public protocol ServerUsageSource: Sendable {
    /// The servers booted from `imageID`, with the scope the listing had.
    func servers(usingImage imageID: String) throws(APIError) -> ServerUsage
    /// Every server the caller can list, for counting many images with a few requests.
    func allServers() throws(APIError) -> ServerUsage
}

/// Lists servers through Compute (Nova) over an `ImageClient`'s sign-in and catalog, as
/// `ComputeImageClient` does for images. This is not one of the image backends' capabilities:
/// it asks Compute whatever API the images are browsed with, and a cloud without Compute still
/// browses images, so it is reached on its own (`ImageClient.serverUsage()`).
public final class ComputeServerClient: ServerUsageSource {
    public let client: ImageClient
    public let pageSize: Int

    public init(client: ImageClient, pageSize: Int = ComputeServersRequests.maxPageSize) {
        self.client = client
        self.pageSize = pageSize
    }

    public func endpoint() throws(APIError) -> ComputeEndpoint {
        ComputeEndpoint(catalogURL: try client.serviceEndpoint(type: "compute"))
    }

    public func servers(usingImage imageID: String) throws(APIError) -> ServerUsage {
        try list(image: imageID)
    }

    public func allServers() throws(APIError) -> ServerUsage { try list(image: nil) }

    /// Whether to ask for every project: only with the admin role, since Nova's default policy
    /// (`os_compute_api:servers:detail:get_all_tenants`: role admin) refuses anyone else with 403.
    public static func asksAllProjects(roles: [String]) -> Bool {
        roles.contains { $0.lowercased() == "admin" }
    }

    /// Lists with `all_tenants=1` when the token has the admin role; a cloud whose policy still
    /// refuses that (403) is asked again for the caller's own project, and says so in the scope.
    func list(image: String?) throws(APIError) -> ServerUsage {
        let token = try client.authenticated().token
        guard let project = token.projectID else {
            throw .configuration("The session is not scoped to a project, so Compute cannot list its servers")
        }
        if Self.asksAllProjects(roles: token.roles) {
            do {
                return ServerUsage(scope: .allProjects, servers: try pages(image: image, allTenants: true))
            } catch let error where error.status == 403 {
                // An admin role this cloud's policy does not honour for all projects.
            }
        }
        return ServerUsage(scope: .project(project), servers: try pages(image: image, allTenants: false))
    }

    /// Follows `servers_links` next links until a page has none (or comes back empty, which a
    /// link that leads back to itself would otherwise repeat forever).
    func pages(image: String?, allTenants: Bool) throws(APIError) -> [ServerSummary] {
        do {
            return try pages(image: image, allTenants: allTenants, at: ComputeServersRequests.downCellsShown)
        } catch let error where error.status == 406 {
            // A Nova before 2.69 (Rocky and older): down cells, if any, cannot be seen.
            return try pages(image: image, allTenants: allTenants, at: ComputeServersRequests.microversion)
        }
    }

    func pages(image: String?, allTenants: Bool, at microversion: ComputeMicroversion) throws(APIError) -> [ServerSummary] {
        let endpoint = try endpoint()
        var request = ComputeServersRequests.listDetail(endpoint, query: .init(image: image, allTenants: allTenants, limit: pageSize),
                                                        microversion: microversion)
        var servers: [ServerSummary] = []
        var seen = Set<String>()
        while true {
            let page = try ComputeServersRequests.decodePage(try client.sendAuthorized(request).body, url: request.url)
            let fresh = page.servers.filter { seen.insert($0.id).inserted }
            servers += fresh
            guard let next = page.next, !fresh.isEmpty else { return servers }
            request = ComputeServersRequests.nextPage(endpoint, link: next, microversion: microversion)
        }
    }
}

extension ImageClient {
    /// The sentence for a catalog without Compute.
    public static let noComputeMessage = "This cloud's catalog has no Compute (Nova) endpoint, so which servers use an image cannot be checked"

    /// The server lister of this session, or `.serviceNotFound` starting with `noComputeMessage`
    /// when the catalog has no compute endpoint to use (the catalog's own reason follows).
    public func serverUsage() throws(APIError) -> ComputeServerClient {
        do {
            _ = try serviceEndpoint(type: "compute")
        } catch {
            if case .serviceNotFound(let why) = error { throw .serviceNotFound(Self.noComputeMessage + " (" + why + ")") }
            throw error
        }
        return ComputeServerClient(client: self)
    }
}
