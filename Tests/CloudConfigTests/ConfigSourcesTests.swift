import Foundation
import Testing
@testable import CloudConfig
import GlanceAPI

@Suite struct ConfigSourcesTests {
    /// A clouds file whose single cloud's name says where it was found.
    static func marker(_ name: String) -> String {
        "clouds:\n  \(name):\n    auth:\n      auth_url: https://k/v3\n      user_id: u\n      password: p\n"
    }

    @Test func linuxSearchOrderMatchesOpenstacksdk() {
        let search = ConfigSearchPath(environment: [:], homeDirectory: "/home/u", currentDirectory: "/work",
                                      platform: .linux)
        #expect(search.directories == ["/work", "/home/u/.config/openstack", "/etc/xdg/openstack", "/etc/openstack"])
        #expect(Array(search.configCandidates.prefix(4)) == [
            "/work/clouds.yaml", "/work/clouds.yml", "/work/clouds.json", "/home/u/.config/openstack/clouds.yaml",
        ])
        #expect(search.secureCandidates.last == "/etc/openstack/secure.json")
    }

    @Test func xdgVariablesMoveTheUserAndSiteDirectories() {
        let env = ["XDG_CONFIG_HOME": "/xdg/home", "XDG_CONFIG_DIRS": "/xdg/a:relative:/xdg/b"]
        let search = ConfigSearchPath(environment: env, homeDirectory: "/home/u", currentDirectory: "/work",
                                      platform: .linux)
        // ~/.config/openstack is still searched: openstacksdk adds it as UNIX_CONFIG_HOME.
        #expect(search.directories == ["/work", "/xdg/home/openstack", "/home/u/.config/openstack",
                                       "/xdg/a/openstack", "/xdg/b/openstack", "/etc/openstack"])
        let relative = ConfigSearchPath(environment: ["XDG_CONFIG_HOME": "cfg"], homeDirectory: "/home/u",
                                        currentDirectory: "/work", platform: .linux)
        #expect(relative.directories[1] == "/home/u/.config/openstack")
    }

    @Test func macOSUsesApplicationSupport() {
        let search = ConfigSearchPath(environment: [:], homeDirectory: "/Users/u", currentDirectory: "/w",
                                      platform: .macOS)
        #expect(search.directories == ["/w", "/Users/u/Library/Application Support/openstack",
                                       "/Users/u/.config/openstack", "/Library/Application Support/openstack",
                                       "/etc/openstack"])
    }

    @Test(arguments: [
        // (files present, expected cloud): the first existing file wins, earlier names shadow later.
        (["/work/clouds.yaml", "/home/u/.config/openstack/clouds.yaml", "/etc/openstack/clouds.yaml"], "/work/clouds.yaml"),
        (["/work/clouds.json", "/home/u/.config/openstack/clouds.yaml"], "/work/clouds.json"),
        (["/work/clouds.yml", "/work/clouds.json"], "/work/clouds.yml"),
        (["/home/u/.config/openstack/clouds.yaml", "/etc/openstack/clouds.yaml"], "/home/u/.config/openstack/clouds.yaml"),
        (["/etc/xdg/openstack/clouds.yaml", "/etc/openstack/clouds.yaml"], "/etc/xdg/openstack/clouds.yaml"),
        (["/etc/openstack/clouds.yaml"], "/etc/openstack/clouds.yaml"),
    ])
    func firstExistingClouds(present: [String], expected: String) throws {
        var files: [String: String] = [:]
        for path in present {
            files[path] = path.hasSuffix("json")
                ? #"{"clouds": {"\#(path)": {"auth": {"auth_url": "https://k", "user_id": "u", "password": "p"}}}}"#
                : Self.marker("\"\(path)\"")
        }
        let profile = try memoryLoader(files).load()
        #expect(profile.name == expected)
    }

    @Test func clientConfigFileIsTriedFirst() throws {
        let sandbox = try Sandbox()
        try sandbox.write("work/clouds.yaml", Self.marker("cwd"))
        let custom = try sandbox.write("custom/my-clouds.yaml", Self.marker("custom"))
        #expect(try sandbox.loader(["OS_CLIENT_CONFIG_FILE": custom]).load().name == "custom")
        #expect(try sandbox.loader().load().name == "cwd")
        // Relative to the current directory, like Python's open().
        try sandbox.write("work/sub/rel.yaml", Self.marker("relative"))
        #expect(try sandbox.loader(["OS_CLIENT_CONFIG_FILE": "sub/rel.yaml"]).load().name == "relative")
    }

    @Test func missingClientConfigFileFallsBackToTheSearch() throws {
        let sandbox = try Sandbox()
        try sandbox.write("home/.config/openstack/clouds.yaml", Self.marker("home"))
        let loader = sandbox.loader(["OS_CLIENT_CONFIG_FILE": sandbox.root + "/nope.yaml"])
        #expect(try loader.load().name == "home")
    }

    @Test func xdgConfigHomeIsHonouredOnDisk() throws {
        let sandbox = try Sandbox()
        try sandbox.write("xdg/openstack/clouds.yaml", Self.marker("xdg"))
        try sandbox.write("home/.config/openstack/clouds.yaml", Self.marker("home"))
        #expect(try sandbox.loader(["XDG_CONFIG_HOME": sandbox.root + "/xdg"]).load().name == "xdg")
        #expect(try sandbox.loader().load().name == "home")
    }

    @Test func clientSecureFileIsTriedFirst() throws {
        let sandbox = try Sandbox()
        try sandbox.write("work/clouds.yaml", "clouds:\n  c:\n    auth:\n      auth_url: https://k\n      user_id: u\n")
        try sandbox.write("work/secure.yaml", "clouds:\n  c:\n    auth:\n      password: from-cwd\n")
        let secure = try sandbox.write("vault/secure.yaml", "clouds:\n  c:\n    auth:\n      password: from-vault\n")
        let profile = try sandbox.loader(["OS_CLIENT_SECURE_FILE": secure]).load()
        #expect(profile.auth.secrets.map { $0.reveal() } == ["from-vault"])
    }

    @Test func onlyTheFirstCloudsFileIsRead() throws {
        // openstacksdk does not merge clouds.yaml files from several directories.
        let files = [
            "/work/clouds.yaml": Self.marker("near"),
            "/etc/openstack/clouds.yaml": Self.marker("far"),
        ]
        #expect(try memoryLoader(files).availableClouds() == ["near"])
    }

    @Test func searchedLocationsListTheOverrideAndEveryDirectory() {
        let loader = memoryLoader([:], environment: ["OS_CLIENT_CONFIG_FILE": "/x/c.yaml"])
        #expect(loader.searchedLocations.first == "/x/c.yaml")
        #expect(loader.searchedLocations.contains("/etc/openstack/clouds.{yaml,yml,json}"))
    }
}
