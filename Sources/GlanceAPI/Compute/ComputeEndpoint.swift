import Foundation

/// Compute's (Nova's) base URL as the catalog gives it: "…/v2.1", "…/v2.1/{tenant_id}" (older
/// deployments) or the legacy "…/v2/{tenant_id}". The URL is kept as given, tenant included,
/// because Nova routes the tenant form only with the tenant in the path; a catalog URL without
/// any version ("…:8774") gets "/v2.1".
public struct ComputeEndpoint: Sendable, Equatable {
    /// What comes before the version ("http://nova:8774"), for root-relative links.
    public let root: String
    /// The versioned base every request starts from, tenant included ("…/v2.1/3f2a…").
    public let base: String
    /// "v2.1" or "v2" as the catalog spells it.
    public let version: String
    /// The project id of a "…/v2.1/{tenant_id}" catalog URL, kept in every request.
    public let tenantID: String?

    public init(catalogURL: String) {
        var url = catalogURL
        while url.hasSuffix("/") { url.removeLast() }
        if let q = url.firstIndex(where: { $0 == "?" || $0 == "#" }) { url = String(url[..<q]) }
        let segments = url.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        // The last version-looking segment after the host ("v2", "v2.0", "v2.1").
        let hostEnd = url.contains("://") ? 3 : 0
        if let index = segments.indices.reversed().first(where: { $0 >= hostEnd && Self.isVersion(segments[$0]) }) {
            version = segments[index]
            root = segments[..<index].joined(separator: "/")
            let rest = segments[(index + 1)...].filter { !$0.isEmpty }
            tenantID = rest.last
            base = url
        } else {
            version = "v2.1"
            root = url
            base = url + "/v2.1"
            tenantID = nil
        }
    }

    static func isVersion(_ s: String) -> Bool {
        guard s.hasPrefix("v"), s.count > 1 else { return false }
        let digits = s.dropFirst()
        return digits.allSatisfy { $0.isNumber || $0 == "." } && digits.first?.isNumber == true
    }

    /// GET here lists the images Nova proxies from Glance.
    public var imagesURL: String { base + "/images" }

    /// Joins a link Nova sent (absolute URL or root-relative path) onto this endpoint.
    public func resolve(link: String) -> String {
        if link.hasPrefix("http://") || link.hasPrefix("https://") { return link }
        return root + (link.hasPrefix("/") ? link : "/" + link)
    }
}

/// A compute API microversion for the image proxy: Nova removed /images (and its metadata
/// sub-resource answers only up to 2.38) from 2.36 on, so anything above 2.35 is refused here
/// rather than sent to a guaranteed 404.
public struct ComputeMicroversion: Sendable, Equatable, Comparable, CustomStringConvertible {
    public let major: Int
    public let minor: Int

    /// The newest microversion that still has the image proxy, and the default.
    public static let maxProxy = ComputeMicroversion(validMajor: 2, minor: 35)
    public static let minimum = ComputeMicroversion(validMajor: 2, minor: 1)
    public static let headerName = "X-OpenStack-Nova-API-Version"

    init(validMajor major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// "2.35", "2.1"…; refuses malformed text, "latest", anything below 2.1 and above 2.35.
    public init(_ text: String) throws(APIError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]),
              parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else {
            throw .configuration("\"\(text)\" is not a compute microversion: write it as 2.N, for example 2.35")
        }
        let version = ComputeMicroversion(validMajor: major, minor: minor)
        if version > .maxProxy {
            throw .configuration("Compute microversion \(version) is too new for the image proxy: Nova removed /images from microversion 2.36 on; use 2.35 or lower")
        }
        if version < .minimum {
            throw .configuration("Compute microversion \(version) does not exist: the compute API v2.1 starts at 2.1")
        }
        self = version
    }

    public var description: String { "\(major).\(minor)" }

    public static func < (a: ComputeMicroversion, b: ComputeMicroversion) -> Bool {
        (a.major, a.minor) < (b.major, b.minor)
    }
}
