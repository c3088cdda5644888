import Foundation

/// Pure builders and decoding for Compute's server list (nova/api/openstack/compute/servers.py),
/// only as far as "which servers boot from which image" needs it.
public enum ComputeServersRequests {
    /// Every Nova has 2.1, and the fields read here (id, name, status, tenant_id, image) look the
    /// same in every later microversion.
    public static let microversion = ComputeMicroversion(validMajor: 2, minor: 1)
    /// From 2.69 a server in a cell that is down is listed as a partial record without its image
    /// (read as "could be any image"); before it, Nova leaves such servers out without a word.
    /// Asked first; a Nova older than that answers 406 and is asked at 2.1.
    public static let downCellsShown = ComputeMicroversion(validMajor: 2, minor: 69)

    /// Nova's default `max_limit` ([api] max_limit = 1000): asking for more gets 1000 anyway.
    public static let maxPageSize = 1000

    /// The parameters sent. `image` filters by image id (Nova matches `image_ref` exactly);
    /// `allTenants` asks for every project, which Nova's default policy allows admins only (a
    /// 403 "Policy doesn't allow os_compute_api:servers:detail:get_all_tenants" otherwise).
    public struct ListQuery: Sendable, Equatable {
        public var image: String?
        public var allTenants: Bool
        public var limit: Int?
        public var marker: String?

        public init(image: String? = nil, allTenants: Bool = false, limit: Int? = nil, marker: String? = nil) {
            self.image = image
            self.allTenants = allTenants
            self.limit = limit
            self.marker = marker
        }

        /// In a fixed order, so requests compare equal and logs read the same.
        public var items: [(String, String)] {
            var items: [(String, String)] = []
            if let image { items.append(("image", image)) }
            if allTenants { items.append(("all_tenants", "1")) }
            if let limit { items.append(("limit", String(limit))) }
            if let marker { items.append(("marker", marker)) }
            return items
        }
    }

    static func detailURL(_ endpoint: ComputeEndpoint) -> String { endpoint.base + "/servers/detail" }

    /// GET /servers/detail with the query.
    public static func listDetail(_ endpoint: ComputeEndpoint, query: ListQuery,
                                  microversion: ComputeMicroversion = microversion) -> HTTPRequest {
        HTTPRequest(method: .get, url: detailURL(endpoint) + QueryString.encode(query.items),
                    headers: ComputeImagesRequests.headers(microversion))
    }

    /// The page after a `servers_links` next link, sent to this endpoint (Nova builds links from
    /// its own idea of its host): the link's query (filters, marker) is kept as sent.
    public static func nextPage(_ endpoint: ComputeEndpoint, link: String,
                                microversion: ComputeMicroversion = microversion) -> HTTPRequest {
        let parts = link.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var url = detailURL(endpoint)
        if parts.count > 1, !parts[1].isEmpty { url += "?" + parts[1] }
        return HTTPRequest(method: .get, url: url, headers: ComputeImagesRequests.headers(microversion))
    }

    public struct Page: Sendable, Equatable {
        public var servers: [ServerSummary]
        /// The next link's href as sent, nil on the last page.
        public var next: String?
    }

    /// One server entry. `image` is {"id": …, "links": …} for an image-booted server and "" for a
    /// volume-booted one; a record of a server in a cell that is down (2.69+) has no `image`.
    public static func server(_ json: JSONValue) -> ServerSummary? {
        guard let o = json.objectValue, let id = o["id"]?.stringValue, !id.isEmpty else { return nil }
        var imageID: String?
        var unknown = false
        switch o["image"] {
        case .object(let image)?: imageID = image["id"]?.stringValue
            unknown = imageID == nil
        case .string(let s)?: imageID = s.isEmpty ? nil : s
        case nil, .null?: unknown = true
        default: unknown = true
        }
        return ServerSummary(id: id, name: o["name"]?.stringValue ?? "", status: o["status"]?.stringValue ?? "",
                             projectID: o["tenant_id"]?.stringValue, imageID: imageID, imageUnknown: unknown)
    }

    /// {"servers": [...], "servers_links": [{"rel": "next", "href": …}]}. An entry without an id
    /// makes the whole page malformed rather than skipped: a server left out could be the one
    /// that boots from an image about to be retired.
    public static func decodePage(_ body: Data, url: String) throws(APIError) -> Page {
        let o = try ComputeImagesRequests.object(body, what: "Compute server list", url: url)
        guard let list = o["servers"]?.arrayValue else {
            throw .malformedResponse("the Compute server list has no \"servers\" array", url: url)
        }
        let servers = list.compactMap(server)
        guard servers.count == list.count else {
            throw .malformedResponse("\(list.count - servers.count) of the servers listed have no id", url: url)
        }
        let next = o["servers_links"]?.arrayValue?.lazy.compactMap(\.objectValue)
            .first { $0["rel"]?.stringValue == "next" }?["href"]?.stringValue
        return Page(servers: servers, next: next)
    }
}
