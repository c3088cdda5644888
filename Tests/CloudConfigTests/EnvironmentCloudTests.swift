import Testing
@testable import CloudConfig
import GlanceAPI

@Suite struct EnvironmentCloudTests {
    static let passwordEnv = [
        "OS_AUTH_URL": "https://keystone.example/v3",
        "OS_USERNAME": "alice",
        "OS_PASSWORD": "env-pw",
        "OS_PROJECT_NAME": "demo",
        "OS_USER_DOMAIN_NAME": "Default",
        "OS_PROJECT_DOMAIN_ID": "default",
        "OS_REGION_NAME": "RegionTwo",
        "OS_INTERFACE": "internal",
        "OS_CACERT": "~/ca.pem",
        "OS_CERT": "/c.pem",
        "OS_KEY": "/k.pem",
        "OS_IMAGE_ENDPOINT_OVERRIDE": "https://glance.example:9292",
    ]

    @Test func profileFromVariablesAlone() throws {
        let profile = try memoryLoader([:], environment: Self.passwordEnv, home: "/home/u").load()
        #expect(profile == CloudProfile(
            name: "envvars",
            authURL: "https://keystone.example/v3",
            auth: .password(user: .name("alice", domain: .name("Default")), password: Secret("env-pw"),
                            scope: .project(.name("demo", domain: .id("default")))),
            regionName: "RegionTwo",
            interface: .internal,
            tls: TLSOptions(verify: true, caFile: "/home/u/ca.pem", clientCert: "/c.pem", clientKey: "/k.pem"),
            imageEndpointOverride: "https://glance.example:9292"))
    }

    @Test(arguments: [
        (["OS_TENANT_NAME": "t"], AuthScope.project(.name("t", domain: .name("D")))),
        (["OS_TENANT_ID": "tid"], .project(.id("tid"))),
        (["OS_PROJECT_ID": "pid", "OS_PROJECT_NAME": "ignored"], .project(.id("pid"))),
        (["OS_TENANT_NAME": "old", "OS_PROJECT_NAME": "new"], .project(.name("new", domain: .name("D")))),
        (["OS_DOMAIN_NAME": "D"], .domain(.name("D"))),
        (["OS_DOMAIN_ID": "did"], .domain(.id("did"))),
        ([:], .unscoped),
    ])
    func scopeFromVariables(extra: [String: String], scope: AuthScope) throws {
        var env = ["OS_AUTH_URL": "https://k/v3", "OS_USER_ID": "uid", "OS_PASSWORD": "pw",
                   "OS_DEFAULT_DOMAIN_NAME": "D"]
        env.merge(extra) { _, new in new }
        let profile = try memoryLoader([:], environment: env).load()
        #expect(profile.auth == .password(user: .id("uid"), password: Secret("pw"), scope: scope))
    }

    @Test func domainNameIsSharedByUserAndProjectWhenAProjectIsGiven() throws {
        let env = ["OS_AUTH_URL": "https://k/v3", "OS_USERNAME": "bob", "OS_PASSWORD": "pw",
                   "OS_PROJECT_NAME": "p", "OS_DOMAIN_NAME": "Corp", "OS_AUTH_TYPE": "v3password"]
        let profile = try memoryLoader([:], environment: env).load()
        #expect(profile.auth == .password(user: .name("bob", domain: .name("Corp")), password: Secret("pw"),
                                          scope: .project(.name("p", domain: .name("Corp")))))
    }

    @Test func namedCloudIgnoresOtherOSVariables() throws {
        // openstacksdk 4.22 get_one(): with OS_CLOUD set, OS_* variables form a separate
        // "envvars" cloud and do not touch the named one.
        let files = ["/work/clouds.yaml": clouds(["prod": basicCloud + "\n    region_name: FileRegion"])]
        var env = Self.passwordEnv
        env["OS_CLOUD"] = "prod"
        let profile = try memoryLoader(files, environment: env).load()
        #expect(profile.name == "prod")
        #expect(profile.authURL == "https://keystone.example:5000/v3")
        #expect(profile.regionName == "FileRegion")
        #expect(profile.interface == .public)
        #expect(profile.tls == TLSOptions())
        #expect(profile.imageEndpointOverride == nil)
        #expect(profile.auth.secrets.map { $0.reveal() } == ["s3cret-pw"])
        // ...and the environment cloud can still be picked by its name.
        #expect(try memoryLoader(files, environment: env).load(CommandLineOverrides(cloud: "envvars")).authURL
            == "https://keystone.example/v3")
    }

    @Test func environmentCloudBeatsASingleFileCloudWhenNothingIsNamed() throws {
        let files = ["/work/clouds.yaml": clouds(["only": basicCloud])]
        #expect(try memoryLoader(files, environment: Self.passwordEnv).load().name == "envvars")
        #expect(try memoryLoader(files).load().name == "only")
        // Selectors such as OS_REGION_NAME alone do not make an environment cloud.
        #expect(try memoryLoader(files, environment: ["OS_REGION_NAME": "R"]).load().name == "only")
    }

    @Test func cloudNameVariableRenamesTheEnvironmentCloud() throws {
        var env = Self.passwordEnv
        env["OS_CLOUD_NAME"] = "from-shell"
        #expect(try memoryLoader([:], environment: env).load().name == "from-shell")
    }

    @Test func testToolingVariablesAreNotACloud() {
        #expect(EnvironmentCloud(environment: ["OS_TEST_TIMEOUT": "60", "OS_STDOUT_CAPTURE": "1"]) == nil)
        #expect(EnvironmentCloud(environment: ["OS_CLOUD": "x", "OS_CLIENT_CONFIG_FILE": "/c"]) == nil)
        #expect(EnvironmentCloud(environment: ["PATH": "/bin"]) == nil)
        #expect(EnvironmentCloud(environment: ["OS_INSECURE": "true"])?.describesCredentials == false)
    }

    @Test func imageURLIsTheLegacyFallbackForTheEndpointOverride() throws {
        var env = ["OS_AUTH_URL": "https://k/v3", "OS_USER_ID": "u", "OS_PASSWORD": "p",
                   "OS_IMAGE_URL": "https://legacy:9292"]
        #expect(try memoryLoader([:], environment: env).load().imageEndpointOverride == "https://legacy:9292")
        env["OS_IMAGE_ENDPOINT_OVERRIDE"] = "https://current:9292"
        #expect(try memoryLoader([:], environment: env).load().imageEndpointOverride == "https://current:9292")
    }
}
