import GlanceAPI

/// Builds the `CloudProfile` for one chosen cloud entry, in the order of openstacksdk's
/// `get_one` (openstack/config/loader.py:1484-1610): pick the region and lay its values over
/// the entry, lay the command-line flags over that, normalise, then read auth, endpoint
/// interface, TLS and the image endpoint override.
///
/// Keys that are read and then deliberately dropped:
/// - `profile` / `cloud` (vendor profiles): glance-tui ships no vendor data; a clouds.yaml
///   entry that relies on one must spell out auth_url and region itself.
/// - `auth_url` `{placeholder}` expansion (loader.py:1477-1480) and per-service settings other
///   than the image ones; glance-tui only talks to Keystone and Glance.
enum ProfileBuilder {
    static func build(name: String, settings raw: [String: ConfigValue], sourceFile: String?,
                      overrides: CommandLineOverrides, homeDirectory: String) throws(ConfigError) -> CloudProfile {
        let region = try RegionSelection.choose(cloud: name, settings: raw,
                                                requested: overrides.regionName, file: sourceFile)
        let entry = CloudEntry(name: name, settings: region.applied(to: raw))
        let (authURL, method) = try AuthResolver.resolve(entry)
        return CloudProfile(
            name: name,
            authURL: authURL,
            auth: method,
            regionName: region.name,
            interface: try interface(of: entry, override: overrides.interface),
            tls: tls(of: entry, overrides: overrides, homeDirectory: homeDirectory),
            imageEndpointOverride: imageEndpoint(of: entry, override: overrides.imageURL))
    }

    /// `CloudRegion.get_interface('image')` (cloud_region.py:678-697) looks for
    /// `image_interface` before the cloud-wide `interface`; openstacksdk's default is "public"
    /// (defaults.json). A list (valid_interfaces) is tried in order, so its first entry wins.
    private static func interface(of entry: CloudEntry, override: String?) throws(ConfigError) -> EndpointInterface {
        let configured: String?
        if let override, !override.isEmpty {
            configured = override
        } else {
            let value = entry.setting("image_interface") ?? entry.setting("interface")
            configured = value?.text ?? value?.listValue?.lazy.compactMap(\.text).first
        }
        guard let configured else { return .public }
        // keystoneauth accepts the v2 catalog names (publicURL, internalURL, adminURL).
        guard let interface = EndpointInterface(loose: configured) else {
            throw .unknownInterface(cloud: entry.name, value: configured)
        }
        return interface
    }

    /// `CloudRegion.get_requests_verify_args` (cloud_region.py:536-562): `insecure` is the most
    /// aggressive setting and wins over `verify`; paths get `~` expanded like `os.path.expanduser`.
    /// A command-line `--insecure` (true or false) decides outright.
    private static func tls(of entry: CloudEntry, overrides: CommandLineOverrides,
                            homeDirectory: String) -> TLSOptions {
        var verify = entry.setting("verify")?.lenientBool ?? true
        if entry.setting("insecure")?.strictBool == true { verify = false }
        if let insecure = overrides.insecure { verify = !insecure }

        func path(_ value: String?) -> String? {
            guard let value, !value.isEmpty else { return nil }
            if value == "~" { return homeDirectory }
            if value.hasPrefix("~/") { return ConfigSearchPath.join(homeDirectory, String(value.dropFirst(2))) }
            return value
        }
        return TLSOptions(
            verify: verify,
            caFile: path(overrides.caFile) ?? path(entry.settings.text("cacert")),
            clientCert: path(entry.settings.text("cert")),
            clientKey: path(entry.settings.text("key")))
    }

    /// `CloudRegion.get_endpoint('image')` reads `image_endpoint_override`, then `image_endpoint`
    /// (cloud_region.py:744-748). `image_url` (OS_IMAGE_URL) is glanceclient's older name for the
    /// same thing, kept as the last fallback.
    private static func imageEndpoint(of entry: CloudEntry, override: String?) -> String? {
        if let override, !override.isEmpty { return override }
        return ["image_endpoint_override", "image_endpoint", "image_url"]
            .lazy.compactMap { entry.settings.text($0) }.first
    }
}
