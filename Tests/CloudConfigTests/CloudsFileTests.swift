import Foundation
import Testing
@testable import CloudConfig
import GlanceAPI

@Suite struct CloudsFileTests {
    @Test func secureYamlIsDeepMergedAndWins() throws {
        let sandbox = try Sandbox()
        try sandbox.write("work/clouds.yaml", """
            clouds:
              prod:
                region_name: RegionOne
                auth:
                  auth_url: https://keystone.example/v3
                  username: alice
                  password: placeholder
                  project_name: demo
                  user_domain_name: Default
                  project_domain_name: Default
            """)
        // secure.yaml lives elsewhere in the search path: each file is looked up independently.
        try sandbox.write("home/.config/openstack/secure.yaml", """
            clouds:
              prod:
                auth:
                  password: from-secure
            """)
        let profile = try sandbox.loader(["OS_CLOUD": "prod"]).load()
        #expect(profile.auth == .password(user: .name("alice", domain: .name("Default")),
                                          password: Secret("from-secure"),
                                          scope: .project(.name("demo", domain: .name("Default")))))
        #expect(profile.auth.secrets.map { $0.reveal() } == ["from-secure"])
        #expect(profile.regionName == "RegionOne")
        #expect(profile.authURL == "https://keystone.example/v3")
    }

    @Test func secureFileMayAddACloudTheMainFileOnlyNames() throws {
        let sandbox = try Sandbox()
        try sandbox.write("work/clouds.yaml", "clouds:\n  a:\n    auth:\n      auth_url: https://k/v3\n")
        try sandbox.write("work/secure.yaml",
                          "clouds:\n  a:\n    auth:\n      user_id: u1\n      password: pw\n      project_id: p1\n")
        let profile = try sandbox.loader().load()
        #expect(profile.auth == .password(user: .id("u1"), password: Secret("pw"), scope: .project(.id("p1"))))
    }

    @Test func jsonVariantIsAccepted() throws {
        let sandbox = try Sandbox()
        try sandbox.write("work/clouds.json", """
            {"clouds": {"j": {"verify": false, "auth": {"auth_url": "https://k/v3",
              "user_id": "u", "password": "pw", "project_id": 12345}}}}
            """)
        let profile = try sandbox.loader().load()
        #expect(profile.name == "j")
        #expect(profile.tls.verify == false)
        // openstacksdk's normalize_keys turns numbers into strings.
        #expect(profile.auth == .password(user: .id("u"), password: Secret("pw"), scope: .project(.id("12345"))))
    }

    @Test func yamlAnchorsAndMergeKeysWork() throws {
        let sandbox = try Sandbox()
        try sandbox.write("work/clouds.yaml", """
            common: &common
              auth_url: https://k/v3
              user_id: u
              password: pw
            clouds:
              one:
                auth:
                  <<: *common
                  project_id: p1
              two:
                auth:
                  <<: *common
                  project_id: p2
            """)
        let loader = sandbox.loader()
        let two = try loader.load(CommandLineOverrides(cloud: "two"))
        #expect(two.auth == .password(user: .id("u"), password: Secret("pw"), scope: .project(.id("p2"))))
        #expect(try loader.availableClouds() == ["one", "two"])
    }

    @Test func dashedKeysAreTheSameOptionAsUnderscored() throws {
        let sandbox = try Sandbox()
        try sandbox.write("work/clouds.yaml", """
            clouds:
              d:
                auth-type: v3token
                auth:
                  auth-url: https://k/v3
                  auth-token: tok
                  project-id: p
            """)
        #expect(try sandbox.loader().load().auth == .token(Secret("tok"), scope: .project(.id("p"))))
    }

    @Test func yamlSyntaxErrorNamesTheFileAndHidesTheLine() throws {
        let sandbox = try Sandbox()
        let path = try sandbox.write("work/clouds.yaml", """
            clouds:
              broken:
                auth:
                  password: "hunter2-leaky
                  username: bob
            """)
        let error = configError { try sandbox.loader(["OS_CLOUD": "broken"]).load() }
        guard case .yamlParse(let file, let line, _, _)? = error else {
            Issue.record("expected yamlParse, got \(String(describing: error))")
            return
        }
        #expect(file == path)
        #expect(line != nil)
        #expect(error?.message.contains(path) == true)
        #expect(error?.message.contains("hunter2") == false)
    }

    @Test(arguments: [
        ("- just\n- a list\n", "not a valid mapping"),
        ("clouds:\n  - a\n", "must be a mapping"),
        ("clouds:\n  a: text\n", "cloud \"a\" must be a mapping"),
    ])
    func fileOfTheWrongShapeIsReported(text: String, fragment: String) throws {
        let sandbox = try Sandbox()
        let path = try sandbox.write("work/clouds.yml", text)
        let error = configError { try sandbox.loader(["OS_CLOUD": "a"]).load() }
        guard case .invalidFile(let file, _)? = error else {
            Issue.record("expected invalidFile, got \(String(describing: error))")
            return
        }
        #expect(file == path)
        #expect(error?.message.contains(fragment) == true)
    }

    @Test func emptyFileMeansNoClouds() throws {
        let sandbox = try Sandbox()
        try sandbox.write("work/clouds.yaml", "")
        let error = configError { try sandbox.loader().load() }
        guard case .noCloudConfigured(_, let available)? = error else {
            Issue.record("expected noCloudConfigured, got \(String(describing: error))")
            return
        }
        #expect(available.isEmpty)
    }

    @Test func quotedBooleansStayStringsAndPlainOnesAreBooleans() throws {
        let value = try CloudsFile.parse("a: false\nb: 'false'\nc: ~\nd: 0123\n", path: "x.yaml")
        #expect(value == .map(["a": .bool(false), "b": .string("false"), "c": .null, "d": .string("0123")]))
    }
}
