/// The cloud openstacksdk assembles from OS_* variables (`_get_os_environ`,
/// openstack/config/loader.py:593-622).
///
/// Every `OS_FOO_BAR` becomes the top-level option `foo_bar` of a cloud named "envvars" (or
/// `OS_CLOUD_NAME`), so OS_AUTH_URL, OS_USERNAME, OS_PROJECT_NAME, OS_TENANT_NAME, OS_TOKEN,
/// OS_APPLICATION_CREDENTIAL_SECRET, OS_REGION_NAME, OS_INTERFACE, OS_ENDPOINT_TYPE,
/// OS_CACERT, OS_CERT, OS_KEY, OS_INSECURE, OS_IMAGE_URL, OS_IMAGE_ENDPOINT_OVERRIDE and the
/// rest then go through exactly the same alias handling as a clouds.yaml entry.
///
/// How it interacts with a named cloud (loader.py:275-282, 795-818, 1513-1517): the variables
/// form a cloud *of their own*. When `OS_CLOUD` or `--os-cloud` names a clouds.yaml entry, that
/// entry is used as written and OS_* variables other than the selectors are ignored, even
/// OS_REGION_NAME and OS_PASSWORD (checked against openstacksdk 4.22: `get_one()` with OS_CLOUD
/// and OS_USERNAME set returns the file's username). Only when no cloud is named does the
/// environment cloud become the default. The `openstack` CLI behaves differently because it
/// registers OS_* as argparse defaults; glance-tui follows the SDK.
struct EnvironmentCloud: Sendable, Equatable {
    static let defaultName = "envvars"

    /// Variables that choose *which* configuration to use rather than describe a cloud; on
    /// their own they must not conjure up an environment cloud (loader.py:613-619).
    static let selectors: Set<String> = [
        "OS_CLOUD", "OS_REGION_NAME", "OS_CLIENT_CONFIG_FILE", "OS_CLIENT_SECURE_FILE", "OS_CLOUD_NAME",
    ]

    /// Prefixes of variables set by OpenStack's own test tooling, not by users (loader.py:603-606).
    static let ignoredPrefixes = ["OS_TEST", "OS_STD", "OS_LOG"]

    var name: String
    var settings: [String: ConfigValue]

    /// nil when the environment holds no describing OS_* variable at all.
    init?(environment: [String: String]) {
        let keys = environment.keys.filter { key in
            key.hasPrefix("OS_") && !Self.ignoredPrefixes.contains(where: key.hasPrefix)
        }
        guard keys.contains(where: { !Self.selectors.contains($0) }) else { return nil }
        var settings: [String: ConfigValue] = [:]
        for key in keys {
            // `k.split('_', 1)[-1].lower()`: OS_PROJECT_NAME -> project_name.
            let option = String(key.dropFirst(3)).lowercased()
            settings[option] = .string(environment[key] ?? "")
        }
        self.settings = settings
        self.name = environment["OS_CLOUD_NAME"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultName
    }

    /// Whether the variables describe credentials at all. When they do not (say only
    /// OS_INSECURE is set) a missing OS_AUTH_URL means "nothing configured" rather than
    /// "this cloud lacks auth_url", which is the more useful message.
    var describesCredentials: Bool {
        let credentialOptions = [
            "auth_url", "username", "user_id", "password", "token", "auth_token",
            "application_credential_id", "application_credential_name", "application_credential_secret",
            "project_name", "project_id", "tenant_name", "tenant_id",
        ]
        return credentialOptions.contains { settings.text($0) != nil }
    }
}
