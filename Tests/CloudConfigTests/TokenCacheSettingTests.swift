import Foundation
import Testing
@testable import CloudConfig
import GlanceAPI

/// `cache: auth: true` as openstacksdk reads it (loader.py `_parse_section__cache`): top-level,
/// beside `clouds:`, for every cloud; the token cache goes under XDG_STATE_HOME.
@Suite struct TokenCacheSettingTests {
    func profile(_ file: String, secure: String? = nil, environment: [String: String] = [:]) throws -> CloudProfile {
        let sandbox = try Sandbox()
        try sandbox.write("work/clouds.yaml", file)
        if let secure { try sandbox.write("work/secure.yaml", secure) }
        return try sandbox.loader(["OS_CLOUD": "a"].merging(environment) { $1 }).load()
    }

    @Test(arguments: ["cache:\n  auth: true\n", "cache:\n  auth: True\n", "cache:\n  auth: \"true\"\n",
                      "cache:\n  auth: yes\n", "cache:\n  auth: true\n  expiration_time: 3600\n"])
    func topLevelCacheAuthTurnsItOn(section: String) throws {
        let p = try profile(section + clouds(["a": basicCloud]), environment: ["XDG_STATE_HOME": "/var/state"])
        #expect(p.tokenCachePath == "/var/state/glance-tui/token-cache.json")
    }

    @Test(arguments: ["", "cache:\n  auth: false\n", "cache:\n  auth: \"yes\"\n", "cache:\n  auth: 1\n",
                      "cache:\n  expiration_time: 3600\n", "cache:\n"])
    func anythingElseLeavesItOff(section: String) throws {
        #expect(try profile(section + clouds(["a": basicCloud])).tokenCachePath == nil)
    }

    @Test func aCacheSectionInsideOneCloudIsNotReadAsOpenstacksdkDoesNot() throws {
        let entry = basicCloud + "\n    cache:\n      auth: true"
        #expect(try profile(clouds(["a": entry])).tokenCachePath == nil)
    }

    @Test func secureYamlCanTurnItOnForEveryCloud() throws {
        let p = try profile(clouds(["a": basicCloud]), secure: "cache:\n  auth: true\n")
        #expect(p.tokenCachePath?.hasSuffix("/home/.local/state/glance-tui/token-cache.json") == true)
    }

    @Test func withoutXDGStateHomeOrWithARelativeOneItIsUnderTheHomeDirectory() throws {
        for environment in [[:], ["XDG_STATE_HOME": ""], ["XDG_STATE_HOME": "relative/state"]] {
            let p = try profile("cache:\n  auth: true\n" + clouds(["a": basicCloud]), environment: environment)
            #expect(p.tokenCachePath?.hasSuffix("/home/.local/state/glance-tui/token-cache.json") == true)
        }
    }

    @Test func aCacheSectionThatIsNotAMappingIsReportedNamingTheFile() throws {
        let error = configError { try profile("cache: true\n" + clouds(["a": basicCloud])) }
        guard case .invalidFile(let file, let reason)? = error else {
            Issue.record("expected invalidFile, got \(String(describing: error))")
            return
        }
        #expect(file.hasSuffix("work/clouds.yaml"))
        #expect(reason.contains("\"cache\" must be a mapping"))
    }
}
