import Testing
@testable import CloudConfig
import GlanceAPI

@Suite struct OverrideTests {
    static let files = ["/work/clouds.yaml": clouds([
        "file-cloud": basicCloud + """

                region_name: FileRegion
                interface: internal
                verify: false
                cacert: /file-ca.pem
                image_endpoint_override: https://file-glance
            """,
        "other": basicCloud,
    ])]

    @Test func flagsBeatFileAndEnvironment() throws {
        let env = ["OS_CLOUD": "other", "OS_REGION_NAME": "EnvRegion", "OS_INTERFACE": "admin",
                   "OS_AUTH_URL": "https://env/v3", "OS_USER_ID": "u", "OS_PASSWORD": "p"]
        let flags = CommandLineOverrides(cloud: "file-cloud", regionName: "FlagRegion", interface: "publicURL",
                                         insecure: false, caFile: "/flag-ca.pem", imageURL: "https://flag-glance")
        let profile = try memoryLoader(Self.files, environment: env).load(flags)
        #expect(profile.name == "file-cloud")
        #expect(profile.regionName == "FlagRegion")
        #expect(profile.interface == .public)
        #expect(profile.tls.verify == true)
        #expect(profile.tls.caFile == "/flag-ca.pem")
        #expect(profile.imageEndpointOverride == "https://flag-glance")
    }

    @Test func withoutFlagsTheFileDecides() throws {
        let profile = try memoryLoader(Self.files).load(CommandLineOverrides(cloud: "file-cloud"))
        #expect(profile.regionName == "FileRegion")
        #expect(profile.interface == .internal)
        #expect(profile.tls == TLSOptions(verify: false, caFile: "/file-ca.pem"))
        #expect(profile.imageEndpointOverride == "https://file-glance")
    }

    @Test func insecureFlagTurnsVerificationOff() throws {
        let profile = try memoryLoader(Self.files).load(CommandLineOverrides(cloud: "other", insecure: true))
        #expect(profile.tls.verify == false)
    }

    @Test func flagsOverrideTheEnvironmentCloud() throws {
        let env = ["OS_AUTH_URL": "https://env/v3", "OS_USER_ID": "u", "OS_PASSWORD": "p",
                   "OS_REGION_NAME": "EnvRegion", "OS_INTERFACE": "admin"]
        let profile = try memoryLoader([:], environment: env)
            .load(CommandLineOverrides(regionName: "FlagRegion", interface: "internal"))
        #expect(profile.regionName == "FlagRegion")
        #expect(profile.interface == .internal)
    }
}

@Suite struct ConfigErrorTests {
    @Test func unknownCloudListsTheOnesThatExist() {
        let error = configError { try memoryLoader(OverrideTests.files, environment: ["OS_CLOUD": "prod"]).load() }
        #expect(error == .cloudNotFound(name: "prod", file: "/work/clouds.yaml", availableClouds: ["file-cloud", "other"]))
        let message = error?.message ?? ""
        #expect(message.contains("\"prod\""))
        #expect(message.contains("/work/clouds.yaml"))
        #expect(message.contains("\"file-cloud\", \"other\""))
    }

    @Test func nothingConfiguredNamesTheSearchedFiles() {
        let error = configError { try memoryLoader([:]).load() }
        guard case .noCloudConfigured(let searched, let available)? = error else {
            Issue.record("expected noCloudConfigured, got \(String(describing: error))")
            return
        }
        #expect(available.isEmpty)
        #expect(searched.contains("/work/clouds.{yaml,yml,json}"))
        #expect(searched.contains("/home/u/.config/openstack/clouds.{yaml,yml,json}"))
        #expect(error?.message.contains("/etc/openstack/clouds.{yaml,yml,json}") == true)
        #expect(error?.message.contains("OS_CLOUD") == true)
    }

    @Test func severalCloudsAndNoneChosenListsThem() {
        let error = configError { try memoryLoader(OverrideTests.files).load() }
        #expect(error?.message.contains("\"file-cloud\", \"other\"") == true)
        // A lone OS_INSECURE is not a cloud of its own.
        let insecureOnly = configError { try memoryLoader(OverrideTests.files, environment: ["OS_INSECURE": "1"]).load() }
        guard case .noCloudConfigured? = insecureOnly else {
            Issue.record("expected noCloudConfigured, got \(String(describing: insecureOnly))")
            return
        }
    }

    @Test(arguments: [
        (["OS_USERNAME": "u", "OS_PASSWORD": "pw-leak-1"], ConfigError.missingAuthURL(cloud: "envvars")),
        (["OS_AUTH_URL": "https://k", "OS_PASSWORD": "pw-leak-2"], .missingUser(cloud: "envvars", authType: "password")),
        (["OS_AUTH_URL": "https://k", "OS_USERNAME": "u"], .missingPassword(cloud: "envvars")),
        (["OS_AUTH_URL": "https://k", "OS_USER_ID": "u", "OS_PASSWORD": ""], .missingPassword(cloud: "envvars")),
        (["OS_AUTH_URL": "https://k", "OS_AUTH_TYPE": "v3oidcpassword", "OS_PASSWORD": "pw-leak-3"],
         .unknownAuthType(cloud: "envvars", authType: "v3oidcpassword", supported: AuthType.supportedNames)),
        (["OS_AUTH_URL": "https://k", "OS_AUTH_TYPE": "v3token"],
         .missingAuthOption(cloud: "envvars", authType: "v3token", options: ["token"])),
    ])
    func environmentErrors(env: [String: String], expected: ConfigError) {
        let error = configError { try memoryLoader([:], environment: env).load() }
        #expect(error == expected)
    }

    @Test func missingAuthURLAndPasswordMessagesNameTheOption() {
        #expect(ConfigError.missingAuthURL(cloud: "c").message.contains("auth_url"))
        #expect(ConfigError.missingAuthURL(cloud: "c").message.contains("OS_AUTH_URL"))
        #expect(ConfigError.missingPassword(cloud: "c").message.contains("password"))
        #expect(ConfigError.missingUser(cloud: "c", authType: "password").message.contains("username"))
        #expect(ConfigError.unknownAuthType(cloud: "c", authType: "x", supported: AuthType.supportedNames)
            .message.contains("v3applicationcredential"))
    }

    static let secrets = ["pw-SECRET-1", "tok-SECRET-2", "ac-SECRET-3"]

    /// Every failure mode, with every secret present in the configuration that fails.
    @Test(arguments: [
        "    auth:\n      username: u\n      password: pw-SECRET-1",
        "    auth_type: password\n    auth:\n      auth_url: https://k\n      password: pw-SECRET-1\n      token: tok-SECRET-2",
        "    auth_type: v3password\n    auth:\n      auth_url: https://k\n      username: u\n      password: pw-SECRET-1",
        "    auth_type: v3applicationcredential\n    auth:\n      auth_url: https://k\n      application_credential_secret: ac-SECRET-3",
        "    auth_type: v3applicationcredential\n    auth:\n      auth_url: https://k\n      application_credential_name: n\n      application_credential_secret: ac-SECRET-3",
        "    auth_type: v3oidcpassword\n    auth:\n      auth_url: https://k\n      password: pw-SECRET-1",
        "    interface: intranet\n" + basicCloud.replacingOccurrences(of: "s3cret-pw", with: "pw-SECRET-1"),
        "    regions: [a]\n    region_name: b\n    auth:\n      password: pw-SECRET-1",
        "    regions:\n      - password: pw-SECRET-1",
        "    auth:\n      password: \"pw-SECRET-1\n      broken: [",
    ])
    func errorMessagesNeverContainSecrets(yaml: String) {
        let files = ["/work/clouds.yaml": clouds(["c": yaml])]
        let error = configError { try memoryLoader(files, environment: ["OS_CLOUD": "c"]).load() }
        let text = error.map { "\($0.message) \($0) \(String(reflecting: $0))" } ?? ""
        for secret in Self.secrets { #expect(!text.contains(secret), "\(text)") }
    }
}
