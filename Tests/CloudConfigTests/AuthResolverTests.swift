import Testing
@testable import CloudConfig
import GlanceAPI

@Suite struct AuthResolverTests {
    static func profile(_ yaml: String) throws(ConfigError) -> CloudProfile {
        try memoryLoader(["/work/clouds.yaml": clouds(["c": yaml])]).load()
    }

    @Test func applicationCredentialById() throws {
        let profile = try Self.profile("""
                auth_type: v3applicationcredential
                auth:
                  auth_url: https://k/v3
                  application_credential_id: ac-123
                  application_credential_secret: ac-secret
                  username: ignored-without-domain
            """)
        #expect(profile.auth == .applicationCredential(.id("ac-123"), user: nil, secret: Secret("ac-secret")))
    }

    @Test func applicationCredentialByNameNeedsItsUser() throws {
        let byName = try Self.profile("""
                auth_type: v3applicationcredential
                auth:
                  auth_url: https://k/v3
                  application_credential_name: ci
                  application_credential_secret: ac-secret
                  username: alice
                  user_domain_id: default
            """)
        #expect(byName.auth == .applicationCredential(.name("ci", domain: nil),
                                                      user: .name("alice", domain: .id("default")),
                                                      secret: Secret("ac-secret")))
        let error = configError { try Self.profile("""
                auth_type: v3applicationcredential
                auth:
                  auth_url: https://k/v3
                  application_credential_name: ci
                  application_credential_secret: ac-secret
            """) }
        #expect(error == .missingUser(cloud: "c", authType: "v3applicationcredential"))
    }

    @Test func applicationCredentialFromVariables() throws {
        let env = ["OS_AUTH_TYPE": "v3applicationcredential", "OS_AUTH_URL": "https://k/v3",
                   "OS_APPLICATION_CREDENTIAL_ID": "id1", "OS_APPLICATION_CREDENTIAL_SECRET": "sec"]
        let profile = try memoryLoader([:], environment: env).load()
        #expect(profile.auth == .applicationCredential(.id("id1"), user: nil, secret: Secret("sec")))
    }

    @Test(arguments: [
        ("auth_type: v3applicationcredential\n    auth:\n      auth_url: https://k\n      application_credential_id: x",
         ["application_credential_secret"]),
        ("auth_type: v3applicationcredential\n    auth:\n      auth_url: https://k\n      application_credential_secret: s",
         ["application_credential_id", "application_credential_name"]),
        ("auth_type: v3token\n    auth:\n      auth_url: https://k", ["token"]),
        ("auth_type: v3password\n    auth:\n      auth_url: https://k\n      username: u\n      password: p",
         ["user_domain_name", "user_domain_id"]),
        ("auth_type: v3password\n    auth:\n      auth_url: https://k\n      user_id: u\n      password: p\n      project_name: p",
         ["project_domain_name", "project_domain_id"]),
    ])
    func missingPluginOptionsAreNamed(yaml: String, options: [String]) {
        let error = configError { try Self.profile("    " + yaml) }
        guard case .missingAuthOption(let cloud, _, let missing)? = error else {
            Issue.record("expected missingAuthOption, got \(String(describing: error))")
            return
        }
        #expect(cloud == "c")
        #expect(missing == options)
        for option in options { #expect(error?.message.contains(option) == true) }
    }

    @Test(arguments: ["token", "v3token"])
    func tokenAuthRescopes(type: String) throws {
        let profile = try Self.profile("""
                auth_type: \(type)
                auth:
                  auth_url: https://k/v3
                  token: gAAAA-token
                  project_id: p1
            """)
        #expect(profile.auth == .token(Secret("gAAAA-token"), scope: .project(.id("p1"))))
    }

    @Test func bareTokenVariableSelectsTokenAuth() throws {
        // osc-lib picks the token plugin when a token but no username is given.
        let env = ["OS_AUTH_URL": "https://k/v3", "OS_TOKEN": "tok", "OS_PROJECT_ID": "p"]
        #expect(try memoryLoader([:], environment: env).load().auth == .token(Secret("tok"), scope: .project(.id("p"))))
        let legacy = ["OS_AUTH_URL": "https://k/v3", "OS_AUTH_TOKEN": "tok2"]
        #expect(try memoryLoader([:], environment: legacy).load().auth == .token(Secret("tok2"), scope: .unscoped))
    }

    @Test func genericPasswordFallsBackToDefaultDomain() throws {
        let profile = try Self.profile("""
                auth:
                  auth_url: https://k/v3
                  username: alice
                  password: pw
                  project_name: demo
                  default_domain_id: default
            """)
        #expect(profile.auth == .password(user: .name("alice", domain: .id("default")), password: Secret("pw"),
                                          scope: .project(.name("demo", domain: .id("default")))))
    }

    @Test func systemScope() throws {
        let profile = try Self.profile("""
                auth:
                  auth_url: https://k/v3
                  user_id: admin
                  password: pw
                  system_scope: all
            """)
        #expect(profile.auth == .password(user: .id("admin"), password: Secret("pw"), scope: .system))
    }

    @Test func legacyAuthPluginKeyStillSelectsThePlugin() throws {
        let profile = try Self.profile("""
                auth_plugin: token
                auth:
                  auth_url: https://k/v3
                  token: t
            """)
        #expect(profile.auth == .token(Secret("t"), scope: .unscoped))
    }

    @Test func topLevelOptionsAreAFallbackForTheAuthBlock() throws {
        let profile = try Self.profile("""
                auth_url: https://top/v3
                user_id: u
                password: top-pw
                auth:
                  password: auth-pw
            """)
        #expect(profile.authURL == "https://top/v3")
        #expect(profile.auth.secrets.map { $0.reveal() } == ["auth-pw"])
    }
}
