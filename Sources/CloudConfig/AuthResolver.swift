import GlanceAPI

/// The keystoneauth plugins glance-tui can sign in with, by their entry-point names
/// (keystoneauth1 entry_points.txt, `[keystoneauth1.plugin]`).
enum AuthType: String, CaseIterable, Sendable {
    case password, v3password, token, v3token, v3applicationcredential

    /// The version-independent plugins (keystoneauth1/loading/_plugins/identity/generic.py) take
    /// `default_domain_*` as a fallback for both user and project domain and do not insist on a
    /// domain; the v3 ones (…/identity/v3.py) have no default and reject a bare name.
    var isGeneric: Bool { self == .password || self == .token }

    static var supportedNames: [String] { allCases.map(\.rawValue) }
}

/// Turns a normalised cloud entry into the Keystone method and URL, with the checks keystoneauth
/// would make when loading the plugin, reported before any network traffic.
enum AuthResolver {
    static func resolve(_ entry: CloudEntry) throws(ConfigError) -> (authURL: String, method: AuthMethod) {
        let type = try authType(of: entry)
        // BaseIdentityLoader: `auth-url` is required by every identity plugin.
        guard let authURL = entry.authOption("auth_url") else { throw .missingAuthURL(cloud: entry.name) }
        let reader = OptionReader(entry: entry, type: type)

        switch type {
        case .password, .v3password:
            guard let user = try reader.user() else {
                throw .missingUser(cloud: entry.name, authType: type.rawValue)
            }
            guard let password = entry.authOption("password") else { throw .missingPassword(cloud: entry.name) }
            return (authURL, .password(user: user, password: Secret(password), scope: try reader.scope()))

        case .token, .v3token:
            guard let token = entry.authOption("token") else {
                throw reader.missing("token")
            }
            return (authURL, .token(Secret(token), scope: try reader.scope()))

        case .v3applicationcredential:
            // v3.py ApplicationCredential.load_from_options: id, or name plus the owning user.
            guard let secret = entry.authOption("application_credential_secret") else {
                throw reader.missing("application_credential_secret")
            }
            // An id is globally unique, so any user settings are left unread rather than
            // rejected for lacking a domain.
            if let id = entry.authOption("application_credential_id") {
                return (authURL, .applicationCredential(.id(id), user: nil, secret: Secret(secret)))
            }
            guard let name = entry.authOption("application_credential_name") else {
                throw reader.missing("application_credential_id", "application_credential_name")
            }
            guard let user = try reader.user() else {
                throw .missingUser(cloud: entry.name, authType: type.rawValue)
            }
            return (authURL, .applicationCredential(.name(name, domain: nil), user: user, secret: Secret(secret)))
        }
    }

    /// openstacksdk's default `auth_type` is "password" (openstack/config/defaults.json). When none
    /// is written, osc-lib picks token auth for a bare token (osc_lib/cli/client_config.py:31-63),
    /// which is what someone exporting only OS_TOKEN means.
    private static func authType(of entry: CloudEntry) throws(ConfigError) -> AuthType {
        guard entry.authTypeIsExplicit, let name = entry.settings.text("auth_type") else {
            let hasUser = entry.authOption("username", deprecated: ["user_name"]) != nil
            return !hasUser && entry.authOption("token") != nil ? .token : .password
        }
        guard let type = AuthType(rawValue: name) else {
            throw .unknownAuthType(cloud: entry.name, authType: name, supported: AuthType.supportedNames)
        }
        return type
    }
}

/// Reads the user and scope options the way the chosen plugin interprets them.
private struct OptionReader {
    let entry: CloudEntry
    let type: AuthType

    func missing(_ options: String...) -> ConfigError {
        .missingAuthOption(cloud: entry.name, authType: type.rawValue, options: options)
    }

    /// A user id needs no domain; a user name does, and the v3 plugins refuse one without it
    /// (v3.py `_assert_identity_options`).
    func user() throws(ConfigError) -> Reference? {
        if let id = entry.authOption("user_id") { return .id(id) }
        guard let name = entry.authOption("username", deprecated: ["user_name"]) else { return nil }
        let domain = domain(id: "user_domain_id", name: "user_domain_name")
        if domain == nil && !type.isGeneric { throw missing("user_domain_name", "user_domain_id") }
        return .name(name, domain: domain)
    }

    /// keystoneauth's v3 `get_auth_ref` scopes to exactly one target; after openstacksdk's
    /// `_handle_domain_id` a project and a domain can no longer both be present, so project,
    /// then domain, then system is the order that matters.
    func scope() throws(ConfigError) -> AuthScope {
        if let id = entry.authOption("project_id") { return .project(.id(id)) }
        if let name = entry.authOption("project_name") {
            let domain = domain(id: "project_domain_id", name: "project_domain_name")
            // identity.py BaseV3Loader.load_from_options: a project name is only unique in a domain.
            if domain == nil && !type.isGeneric { throw missing("project_domain_name", "project_domain_id") }
            return .project(.name(name, domain: domain))
        }
        if let id = entry.authOption("domain_id") { return .domain(.id(id)) }
        if let name = entry.authOption("domain_name") { return .domain(.name(name)) }
        if entry.authOption("system_scope") != nil { return .system }
        return .unscoped
    }

    private func domain(id idKey: String, name nameKey: String) -> DomainReference? {
        if let id = entry.authOption(idKey) { return .id(id) }
        if let name = entry.authOption(nameKey) { return .name(name) }
        guard type.isGeneric else { return nil }
        if let id = entry.authOption("default_domain_id") { return .id(id) }
        if let name = entry.authOption("default_domain_name") { return .name(name) }
        return nil
    }
}
