import Foundation
import GlanceAPI

/// The `--os-*` flags glance-tui accepts. Each one, when given, beats clouds.yaml,
/// secure.yaml and OS_* variables alike.
public struct CommandLineOverrides: Sendable, Equatable {
    /// `--os-cloud`; beats `OS_CLOUD`.
    public var cloud: String?
    public var regionName: String?
    /// Text as typed; validated like the clouds.yaml value, so "publicURL" works here too.
    public var interface: String?
    /// `true` turns certificate checks off, `false` forces them on whatever the file says.
    public var insecure: Bool?
    public var caFile: String?
    /// `--os-image-url`: talk to this Glance endpoint instead of the catalog's.
    public var imageURL: String?

    public init(cloud: String? = nil, regionName: String? = nil, interface: String? = nil,
                insecure: Bool? = nil, caFile: String? = nil, imageURL: String? = nil) {
        self.cloud = cloud
        self.regionName = regionName
        self.interface = interface
        self.insecure = insecure
        self.caFile = caFile
        self.imageURL = imageURL
    }
}

/// Turns OpenStack client configuration into a `CloudProfile` the way openstacksdk's
/// `OpenStackConfig().get_one()` does. Everything it reads is injected, so it is pure apart
/// from the `readFile` closure it is given.
///
/// Which cloud is used:
/// 1. `--os-cloud`, else `OS_CLOUD`: that entry from clouds.yaml (merged with secure.yaml),
///    used as written; other OS_* variables do not change it (see `EnvironmentCloud`).
/// 2. Otherwise, if OS_* variables describe credentials, the cloud they form ("envvars").
/// 3. Otherwise, if clouds.yaml defines exactly one cloud, that one (loader.py:284-294).
/// 4. Otherwise `ConfigError.noCloudConfigured`, naming the places searched.
public struct CloudConfigLoader: Sendable {
    public var environment: [String: String]
    public var homeDirectory: String
    public var currentDirectory: String
    public var platform: ConfigPlatform
    public var readFile: ConfigFileReader

    public init(environment: [String: String], homeDirectory: String, currentDirectory: String,
                platform: ConfigPlatform = .current, readFile: @escaping ConfigFileReader = ConfigFiles.read) {
        self.environment = environment
        self.homeDirectory = homeDirectory
        self.currentDirectory = currentDirectory
        self.platform = platform
        self.readFile = readFile
    }

    /// The real process environment, home directory, working directory and file system.
    public static func live() -> CloudConfigLoader {
        let environment = ProcessInfo.processInfo.environment
        let home = environment["HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? FileManager.default.homeDirectoryForCurrentUser.path
        return CloudConfigLoader(environment: environment, homeDirectory: home,
                                 currentDirectory: FileManager.default.currentDirectoryPath)
    }

    public func load(_ overrides: CommandLineOverrides = CommandLineOverrides()) throws(ConfigError) -> CloudProfile {
        let sources = try loadSources()
        let chosen = try choose(from: sources, overrides: overrides)
        var profile = try ProfileBuilder.build(name: chosen.name, settings: chosen.settings, sourceFile: chosen.file,
                                               overrides: overrides, homeDirectory: homeDirectory)
        if sources.file.cacheAuth { profile.tokenCachePath = tokenCachePath }
        return profile
    }

    /// Where tokens are kept when clouds.yaml opts in: `$XDG_STATE_HOME/glance-tui/`, by
    /// default `~/.local/state/glance-tui/` (a relative XDG_STATE_HOME is ignored, as the XDG
    /// base directory specification says).
    public var tokenCachePath: String {
        let state = environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? ConfigSearchPath.join(homeDirectory, ".local/state")
        return ConfigSearchPath.join(state, "glance-tui/token-cache.json")
    }

    /// Every cloud that `--os-cloud` could name, sorted; "envvars" included when OS_* variables
    /// form a cloud, as in openstacksdk's `get_cloud_names`.
    public func availableClouds() throws(ConfigError) -> [String] {
        try loadSources().allNames
    }

    /// Where clouds.yaml is looked for, in order, for messages and `--help`.
    public var searchedLocations: [String] {
        let search = searchPath
        return (search.configOverride.map { [$0] } ?? [])
            + search.directories.map { ConfigSearchPath.join($0, "clouds.{yaml,yml,json}") }
    }

    private var searchPath: ConfigSearchPath {
        ConfigSearchPath(environment: environment, homeDirectory: homeDirectory,
                         currentDirectory: currentDirectory, platform: platform)
    }

    private struct Sources {
        var file: CloudsFile
        var environmentCloud: EnvironmentCloud?

        var allNames: [String] {
            var names = Set(file.clouds.keys)
            if let environmentCloud { names.insert(environmentCloud.name) }
            return names.sorted()
        }
    }

    private func loadSources() throws(ConfigError) -> Sources {
        let search = searchPath
        let file = try CloudsFile.load(configCandidates: search.configCandidates,
                                       secureCandidates: search.secureCandidates, readFile: readFile)
        return Sources(file: file, environmentCloud: EnvironmentCloud(environment: environment))
    }

    private func choose(from sources: Sources, overrides: CommandLineOverrides)
        throws(ConfigError) -> (name: String, settings: [String: ConfigValue], file: String?) {
        let named = [overrides.cloud, environment["OS_CLOUD"]].lazy.compactMap { $0 }.first { !$0.isEmpty }
        if let named {
            // The environment cloud can be asked for by name, as openstacksdk files it among the
            // others; a clouds.yaml entry of the same name loses to it there too.
            if let env = sources.environmentCloud, env.name == named {
                return (named, env.settings, nil)
            }
            guard let settings = sources.file.clouds[named] else {
                throw .cloudNotFound(name: named, file: sources.file.path, availableClouds: sources.allNames)
            }
            return (named, settings, sources.file.path)
        }
        // Only a variable such as OS_INSECURE is not a cloud; falling through gives a message
        // about choosing one rather than about a missing OS_AUTH_URL.
        if let env = sources.environmentCloud, env.describesCredentials {
            return (env.name, env.settings, nil)
        }
        if sources.file.clouds.count == 1, let (name, settings) = sources.file.clouds.first {
            return (name, settings, sources.file.path)
        }
        throw .noCloudConfigured(searchedFiles: searchedLocations,
                                 availableClouds: sources.file.clouds.keys.sorted())
    }
}
