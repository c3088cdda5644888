/// A Keystone object named either by id or by name (names need a domain to be unique).
public enum Reference: Sendable, Equatable {
    case id(String)
    case name(String, domain: DomainReference?)
}

public enum DomainReference: Sendable, Equatable {
    case id(String)
    case name(String)
}

/// What a token is scoped to. Image listings are per project, so project scope is the norm.
public enum AuthScope: Sendable, Equatable {
    case project(Reference)
    case domain(DomainReference)
    case system
    case unscoped
}

/// The Keystone v3 methods glance-tui signs in with.
public enum AuthMethod: Sendable, Equatable {
    case password(user: Reference, password: Secret, scope: AuthScope)
    /// By id, or by name together with the owning user; the scope comes from the credential itself.
    case applicationCredential(Reference, user: Reference?, secret: Secret)
    /// An existing token, rescoped when a scope is given.
    case token(Secret, scope: AuthScope)

    public var secrets: [Secret] {
        switch self {
        case .password(_, let p, _): [p]
        case .applicationCredential(_, _, let s): [s]
        case .token(let t, _): [t]
        }
    }
}

public enum EndpointInterface: String, Sendable, Equatable, CaseIterable {
    case `public`, `internal`, admin

    /// clouds.yaml and OS_INTERFACE accept "publicURL" style names from the v2 catalog days.
    public init?(loose: String) {
        let v = loose.lowercased().replacingOccurrences(of: "url", with: "")
        self.init(rawValue: v)
    }
}

public struct TLSOptions: Sendable, Equatable {
    public var verify: Bool
    public var caFile: String?
    public var clientCert: String?
    public var clientKey: String?

    public init(verify: Bool = true, caFile: String? = nil, clientCert: String? = nil, clientKey: String? = nil) {
        self.verify = verify
        self.caFile = caFile
        self.clientCert = clientCert
        self.clientKey = clientKey
    }
}

/// Everything needed to reach one cloud's Image service, after clouds.yaml, secure.yaml,
/// OS_* variables and command-line flags have been merged.
public struct CloudProfile: Sendable, Equatable {
    /// The clouds.yaml entry, or "envvars" when the profile came from OS_* variables alone.
    public var name: String
    public var authURL: String
    public var auth: AuthMethod
    public var regionName: String?
    public var interface: EndpointInterface
    public var tls: TLSOptions
    /// Bypasses the catalog (`--os-image-url`, `image_endpoint_override`).
    public var imageEndpointOverride: String?
    /// Where signed-in tokens are kept between runs; nil unless clouds.yaml says
    /// `cache: auth: true`, and then nothing is read or written.
    public var tokenCachePath: String?

    public init(name: String, authURL: String, auth: AuthMethod, regionName: String? = nil,
                interface: EndpointInterface = .public, tls: TLSOptions = TLSOptions(),
                imageEndpointOverride: String? = nil, tokenCachePath: String? = nil) {
        self.name = name
        self.authURL = authURL
        self.auth = auth
        self.regionName = regionName
        self.interface = interface
        self.tls = tls
        self.imageEndpointOverride = imageEndpointOverride
        self.tokenCachePath = tokenCachePath
    }
}
