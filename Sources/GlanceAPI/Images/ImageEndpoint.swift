/// The Image service's base URL as the catalog gives it, normalised: the catalog may or may not
/// carry a version suffix ("…:9292", "…/image/v2"), while `next` links are absolute paths from
/// the versionless root ("/v2/images?marker=…").
public struct ImageEndpoint: Sendable, Equatable {
    public let root: String

    public init(catalogURL: String) {
        var url = catalogURL
        while url.hasSuffix("/") { url.removeLast() }
        for suffix in ["/v2", "/v2.0", "/v2.1", "/v1", "/v1.0"] where url.hasSuffix(suffix) {
            url.removeLast(suffix.count)
            break
        }
        root = url
    }

    public var v2: String { root + "/v2" }

    /// Joins a link the server sent (absolute URL or root-relative path) onto this endpoint.
    public func resolve(link: String) -> String {
        if link.hasPrefix("http://") || link.hasPrefix("https://") { return link }
        return root + (link.hasPrefix("/") ? link : "/" + link)
    }
}
