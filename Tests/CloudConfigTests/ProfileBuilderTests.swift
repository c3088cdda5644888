import Testing
@testable import CloudConfig
import GlanceAPI

@Suite struct ProfileBuilderTests {
    static func load(_ extra: String, env: [String: String] = [:],
                     _ overrides: CommandLineOverrides = CommandLineOverrides()) throws(ConfigError) -> CloudProfile {
        try memoryLoader(["/work/clouds.yaml": clouds(["c": basicCloud + "\n" + extra])], environment: env)
            .load(overrides)
    }

    @Test(arguments: [
        ("    regions: [only]", nil, "only"),
        ("    regions:\n      - name: first\n      - second", nil, "first"),
        ("    regions: [a, b, c]", "b", "b"),
        ("    region_name: b\n    regions: [a, b]", nil, "b"),
        ("    region_name: one,two", nil, "one"),
        ("    region_name: [x, y]", "y", "y"),
        ("    region_name: solo", nil, "solo"),
    ] as [(String, String?, String)])
    func regionChoice(yaml: String, flag: String?, expected: String) throws {
        let profile = try Self.load(yaml, CommandLineOverrides(regionName: flag))
        #expect(profile.regionName == expected)
    }

    @Test func noRegionAnywhereLeavesItToTheCatalog() throws {
        #expect(try Self.load("").regionName == nil)
        #expect(try Self.load("", CommandLineOverrides(regionName: "Flagged")).regionName == "Flagged")
    }

    @Test func regionValuesOverrideTheCloudInThatRegion() throws {
        let profile = try Self.load("""
                regions:
                  - name: east
                  - name: west
                    values:
                      interface: internal
                      auth:
                        project_name: west-project
            """, CommandLineOverrides(regionName: "west"))
        #expect(profile.interface == .internal)
        #expect(profile.auth == .password(user: .name("alice", domain: .name("Default")), password: Secret("s3cret-pw"),
                                          scope: .project(.name("west-project", domain: .name("Default")))))
    }

    @Test func regionOutsideTheListIsRejected() {
        let error = configError { try Self.load("    regions: [a, b]", CommandLineOverrides(regionName: "z")) }
        #expect(error == .unknownRegion(cloud: "c", region: "z", availableRegions: ["a", "b"]))
        #expect(error?.message.contains("\"a\", \"b\"") == true)
    }

    @Test(arguments: [
        ("publicURL", EndpointInterface.public), ("internalURL", .internal), ("adminURL", .admin),
        ("public", .public), ("internal", .internal), ("admin", .admin), ("PUBLIC", .public),
    ])
    func interfaceAliases(value: String, expected: EndpointInterface) throws {
        #expect(try Self.load("    interface: \(value)").interface == expected)
        #expect(try Self.load("    endpoint_type: \(value)").interface == expected)
        #expect(try Self.load("", CommandLineOverrides(interface: value)).interface == expected)
        let env = ["OS_AUTH_URL": "https://k", "OS_USER_ID": "u", "OS_PASSWORD": "p", "OS_ENDPOINT_TYPE": value]
        #expect(try memoryLoader([:], environment: env).load().interface == expected)
    }

    @Test func imageInterfaceBeatsTheCloudWideOne() throws {
        #expect(try Self.load("    interface: public\n    image_interface: admin").interface == .admin)
        #expect(try Self.load("    interface: admin\n    endpoint_type: internal").interface == .admin)
    }

    @Test func unknownInterfaceIsNamed() {
        let error = configError { try Self.load("    interface: intranet") }
        #expect(error == .unknownInterface(cloud: "c", value: "intranet"))
        #expect(configError { try Self.load("", CommandLineOverrides(interface: "bogus")) }
            == .unknownInterface(cloud: "c", value: "bogus"))
    }

    @Test(arguments: [
        ("", true),
        ("    verify: false", false),
        ("    verify: 'False'", false),
        ("    verify: true", true),
        ("    insecure: true", false),
        ("    insecure: 'True'", false),
        ("    insecure: 'yes'", true),   // get_boolean only accepts "true"
        ("    verify: true\n    insecure: true", false),
        ("    insecure: false", true),
    ])
    func verifyAndInsecure(yaml: String, verify: Bool) throws {
        #expect(try Self.load(yaml).tls.verify == verify)
    }

    @Test func insecureVariableAppliesToTheEnvironmentCloud() throws {
        let env = ["OS_AUTH_URL": "https://k", "OS_USER_ID": "u", "OS_PASSWORD": "p", "OS_INSECURE": "true"]
        #expect(try memoryLoader([:], environment: env).load().tls.verify == false)
    }

    @Test func tlsPathsComeFromTheFile() throws {
        let tls = try Self.load("    cacert: ~/ca.pem\n    cert: /c.pem\n    key: /k.pem").tls
        #expect(tls == TLSOptions(verify: true, caFile: "/home/u/ca.pem", clientCert: "/c.pem", clientKey: "/k.pem"))
    }

    @Test func imageEndpointOverrideFromFile() throws {
        #expect(try Self.load("    image_endpoint_override: https://glance:9292").imageEndpointOverride
            == "https://glance:9292")
    }
}
