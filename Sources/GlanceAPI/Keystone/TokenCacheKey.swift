/// Which sign-in a cached token stands for: the identity service, who signed in, to what scope,
/// for which region. Two clouds that differ in any of these never share a token; two entries of
/// clouds.yaml that say the same thing may.
public struct TokenCacheKey: Codable, Hashable, Sendable {
    /// The Keystone v3 URL, normalised so "…:5000" and "…:5000/v3/" are one service.
    public var authURL: String
    /// The method and who: "password user name=demo domain=name:Default" or
    /// "application_credential id=…". Never a password or a secret.
    public var identity: String
    /// "project name=demo domain=name:Default", "domain id=…", "system" or "unscoped".
    public var scope: String
    /// Empty when no region was asked for.
    public var region: String

    public init(authURL: String, identity: String, scope: String, region: String) {
        self.authURL = authURL
        self.identity = identity
        self.scope = scope
        self.region = region
    }

    /// Nil for token auth: the token given is already what a cache would keep, and keying on
    /// it would write that secret into the key.
    public init?(profile: CloudProfile) {
        let identity: String, scope: String
        switch profile.auth {
        case .password(let user, _, let s):
            identity = "password user " + Self.describe(user)
            scope = Self.describe(s)
        case .applicationCredential(let credential, let user, _):
            identity = "application_credential " + Self.describe(credential) + (user.map { " user " + Self.describe($0) } ?? "")
            // The credential carries its own project; the identity already pins it.
            scope = "credential"
        case .token:
            return nil
        }
        self.init(authURL: KeystoneAuth.identityV3(profile.authURL), identity: identity, scope: scope,
                  region: profile.regionName ?? "")
    }

    static func describe(_ reference: Reference) -> String {
        switch reference {
        case .id(let id): "id=" + id
        // The default domain is what KeystoneAuth assumes for a name without one.
        case .name(let name, let domain): "name=" + name + " domain=" + describe(domain ?? .id("default"))
        }
    }

    static func describe(_ domain: DomainReference) -> String {
        switch domain {
        case .id(let id): "id:" + id
        case .name(let name): "name:" + name
        }
    }

    static func describe(_ scope: AuthScope) -> String {
        switch scope {
        case .project(let project): "project " + describe(project)
        case .domain(let domain): "domain " + describe(domain)
        case .system: "system"
        case .unscoped: "unscoped"
        }
    }
}
