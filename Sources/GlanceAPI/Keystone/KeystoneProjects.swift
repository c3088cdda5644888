import Foundation

/// The user's projects (`GET /v3/auth/projects`, which any token may ask, unlike
/// `/v3/users/{id}/projects`), and how to re-scope a profile to one of them.
public enum KeystoneProjects {
    public static func request(authURL: String) -> HTTPRequest {
        HTTPRequest(method: .get, url: KeystoneAuth.identityV3(authURL) + "/auth/projects",
                    headers: [("Accept", "application/json")])
    }

    /// Enabled projects with a name, sorted by name: what `:project` offers.
    public static func parse(_ body: Data, url: String) throws(APIError) -> [KeystoneProject] {
        try MembersRequests.decodeProjects(body, url: url)
            .filter { $0.enabled != false && !($0.name ?? "").isEmpty }
            .sorted { ($0.name ?? "") < ($1.name ?? "") }
    }

    /// `profile` signing in as the same user to `project` instead. An application credential
    /// is bound to its project, so it cannot be re-scoped.
    public static func rescope(_ profile: CloudProfile, to project: KeystoneProject) throws(APIError) -> CloudProfile {
        var rescoped = profile
        switch profile.auth {
        case .password(let user, let password, _):
            rescoped.auth = .password(user: user, password: password, scope: .project(.id(project.id)))
        case .token(let token, _):
            rescoped.auth = .token(token, scope: .project(.id(project.id)))
        case .applicationCredential:
            throw .configuration("An application credential is bound to its project: sign in with another cloud entry (:cloud) to use \(project.name ?? project.id)")
        }
        return rescoped
    }

    /// `profile` in `region` instead. Refused when the Image endpoint is fixed (clouds.yaml's
    /// `image_endpoint_override`, or `--os-image-url`): the same images would be listed under
    /// the new region's name, and Compute — which the used-by count and the delete guard ask —
    /// would be the new region's, asked about the old region's images.
    public static func reregion(_ profile: CloudProfile, to region: String) throws(APIError) -> CloudProfile {
        if let fixed = profile.imageEndpointOverride {
            throw .configuration("The image endpoint of \(profile.name) is fixed at \(fixed) (image_endpoint_override "
                + "in clouds.yaml, or --os-image-url), so it has no other region: use another cloud entry (:cloud)")
        }
        var moved = profile
        moved.regionName = region
        return moved
    }
}

extension ServiceCatalog {
    /// The regions `type` has an endpoint in for `interface`, sorted.
    public func regions(type: String, interface: EndpointInterface) -> [String] {
        let endpoints = services.filter { $0.type == type }.flatMap(\.endpoints).filter { $0.interface == interface.rawValue }
        return Set(endpoints.compactMap(\.region)).sorted()
    }
}

extension ImageClient {
    /// The regions of the image service in the signed-in token's catalog.
    /// None when the Image endpoint is fixed: `:region` cannot move it (see `reregion`).
    public func imageRegions() throws(APIError) -> [String] {
        if profile.imageEndpointOverride != nil { return [] }
        return try authenticated().token.catalog.regions(type: "image", interface: profile.interface)
    }

    /// The projects the signed-in user may scope to, asked with its token (signing in again
    /// once if it expired), logged and redacted as every request is.
    public func projects() throws(APIError) -> [KeystoneProject] {
        let request = KeystoneProjects.request(authURL: profile.authURL)
        return try KeystoneProjects.parse(try sendAuthorized(request).body, url: request.url)
    }
}
