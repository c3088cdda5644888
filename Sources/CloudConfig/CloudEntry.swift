/// One cloud's settings after openstacksdk's `magic_fixes` (openstack/config/loader.py:1461-1482):
/// legacy spellings folded into the current ones, so the auth and profile code reads a single
/// name per option whether it came from clouds.yaml, secure.yaml or OS_* variables.
struct CloudEntry: Sendable, Equatable {
    var name: String
    /// Top-level keys (`region_name`, `interface`, `verify`, ...), already key-normalised.
    var settings: [String: ConfigValue]
    /// The `auth:` block plus the scope and token keys moved into it.
    var auth: [String: ConfigValue]
    /// Whether `auth_type` was written down; osc-lib only guesses the plugin when it was not.
    var authTypeIsExplicit: Bool

    init(name: String, settings raw: [String: ConfigValue]) {
        self.name = name
        var settings = raw
        var auth = settings.removeValue(forKey: "auth")?.mapValue?.normalizingKeys() ?? [:]

        // _fix_backwards_auth_plugin (loader.py:1034-1052): `auth_plugin` is the old name and
        // loses to `auth_type`.
        let plugin = settings.removeValue(forKey: "auth_plugin")
        if let type = settings["auth_type"] ?? plugin { settings["auth_type"] = type }
        authTypeIsExplicit = settings.text("auth_type") != nil

        // _fix_backwards_auth (loader.py:975-1032): for each option the later spelling wins and,
        // within a spelling, the top-level value beats the one under `auth:` because top-level
        // values are where environment and command-line overrides land (story 2010784).
        for (target, spellings) in Self.authAliases {
            var winner: ConfigValue?
            for key in spellings {
                if let v = auth.removeValue(forKey: key), v.text != nil { winner = v }
                if let v = settings.removeValue(forKey: key), v.text != nil { winner = v }
            }
            if let winner { auth[target] = winner }
        }

        // _fix_backwards_interface (loader.py:1168-1178): `endpoint_type` (OS_ENDPOINT_TYPE) is
        // the old name of `interface`. openstacksdk lets whichever key it meets last win;
        // here the current name wins, so the result does not depend on dictionary order.
        for key in settings.keys where key.hasSuffix("endpoint_type") {
            let target = String(key.dropLast("endpoint_type".count)) + "interface"
            let legacy = settings.removeValue(forKey: key)
            if settings[target]?.text == nil, let legacy { settings[target] = legacy }
        }

        // _handle_domain_id (loader.py:957-973): with a project, `domain_*` is shorthand for both
        // user and project domain; without one, it is the domain to scope to.
        let projectScoped = ["project_id", "project_name"].contains { auth.text($0) != nil }
        if projectScoped {
            for (target, derived) in [("domain_id", ["user_domain_id", "project_domain_id"]),
                                      ("domain_name", ["user_domain_name", "project_domain_name"])] {
                if let shared = auth.removeValue(forKey: target), shared.text != nil {
                    for key in derived where auth.text(key) == nil { auth[key] = shared }
                }
            }
        }
        self.settings = settings
        self.auth = auth
    }

    /// `_fix_backwards_auth`'s table for every auth_type except v2password (which glance-tui
    /// does not offer). Keys are already normalised, so the dashed spellings are covered.
    static let authAliases: [(String, [String])] = [
        ("domain_id", ["domain_id"]),
        ("domain_name", ["domain_name"]),
        ("user_domain_id", ["user_domain_id"]),
        ("user_domain_name", ["user_domain_name"]),
        ("project_domain_id", ["project_domain_id"]),
        ("project_domain_name", ["project_domain_name"]),
        ("token", ["auth_token", "token"]),
        ("project_id", ["tenant_id", "project_id"]),
        ("project_name", ["tenant_name", "project_name"]),
    ]

    /// `_validate_auth` (loader.py:1341-1381): a plugin option under `auth:` wins, a top-level
    /// one (how OS_* variables arrive) is the fallback. `deprecated` lists keystoneauth's older
    /// names for the option, e.g. `user_name` for `username`.
    func authOption(_ key: String, deprecated: [String] = []) -> String? {
        for name in [key] + deprecated {
            if let v = auth.text(name) { return v }
        }
        for name in [key] + deprecated {
            if let v = settings.text(name) { return v }
        }
        return nil
    }

    func setting(_ key: String) -> ConfigValue? { settings[key] }
}
