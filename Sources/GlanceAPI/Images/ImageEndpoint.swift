/// The Image service's base URL as the catalog gives it, normalised: the catalog may or may not
/// carry a version suffix ("…:9292", "…/image/v2"), while `next` links are absolute paths from
/// the versionless root ("/v2/images?marker=…").
///
/// Some vendors' catalogs put the project id after the version ("…/v2/3f2a…"); their image URLs
/// then keep it ("…/v2/3f2a…/images"), so `v2` is the catalog URL as given and `root` is what
/// comes before the version.
public struct ImageEndpoint: Sendable, Equatable {
    public let root: String
    public let v2: String

    public init(catalogURL: String) {
        var url = catalogURL
        while url.hasSuffix("/") { url.removeLast() }
        let versions = ["/v2", "/v2.0", "/v2.1", "/v1", "/v1.0"]
        if let slash = url.lastIndex(of: "/"), Self.isProjectID(url[url.index(after: slash)...]),
           let version = versions.first(where: { url[..<slash].hasSuffix($0) }), version.hasPrefix("/v2") {
            let base = String(url[..<slash].dropLast(version.count))
            root = base
            v2 = base + "/v2" + url[slash...]
            return
        }
        for suffix in versions where url.hasSuffix(suffix) {
            url.removeLast(suffix.count)
            break
        }
        root = url
        v2 = url + "/v2"
    }

    /// A Keystone project id: 32 hex digits, or a UUID with dashes.
    static func isProjectID(_ s: Substring) -> Bool {
        let hex = s.filter { $0 != "-" }
        return hex.count == 32 && hex.allSatisfy(\.isHexDigit) && (s.count == 32 || s.count == 36)
    }

    /// Joins a link the server sent (absolute URL or root-relative path) onto this endpoint.
    public func resolve(link: String) -> String {
        if link.hasPrefix("http://") || link.hasPrefix("https://") { return link }
        return root + (link.hasPrefix("/") ? link : "/" + link)
    }
}
