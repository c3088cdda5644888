import Foundation

/// Returns a file's contents, or nil when it does not exist or cannot be read. Injected so the
/// loader can be tested without touching the real disk.
public typealias ConfigFileReader = @Sendable (_ path: String) -> String?

/// The platform-specific directories come from `platformdirs`, which differs between Linux
/// and macOS; tests pick one explicitly so they pass on both.
public enum ConfigPlatform: Sendable, Equatable {
    case linux, macOS

    public static var current: ConfigPlatform {
        #if os(macOS)
        .macOS
        #else
        .linux
        #endif
    }
}

/// Where clouds.yaml and secure.yaml may live, in the order openstacksdk tries them
/// (openstack/config/loader.py:47-88 and 222-228).
struct ConfigSearchPath: Sendable, Equatable {
    var directories: [String]
    var configOverride: String?
    var secureOverride: String?

    /// loader.py:77-78: YAML spellings first, then JSON, within each directory.
    static let suffixes = [".yaml", ".yml", ".json"]

    init(environment: [String: String], homeDirectory: String, currentDirectory: String,
         platform: ConfigPlatform) {
        let home = homeDirectory.hasSuffix("/") && homeDirectory.count > 1
            ? String(homeDirectory.dropLast()) : homeDirectory
        // loader.py:57-65: inside a snap $HOME is the snap's private home, SNAP_REAL_HOME the user's.
        let unixHome = environment["SNAP_REAL_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home

        // platformdirs ignores a relative or empty XDG_CONFIG_HOME (platformdirs/_xdg.py:170-176).
        let xdgHome = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        let userDir: String
        let siteDirs: [String]
        let xdgSites = (environment["XDG_CONFIG_DIRS"] ?? "")
            .split(separator: ":").map(String.init).filter { $0.hasPrefix("/") }
        switch platform {
        case .linux:
            userDir = (xdgHome ?? home + "/.config") + "/openstack"
            siteDirs = (xdgSites.isEmpty ? ["/etc/xdg"] : xdgSites).map { $0 + "/openstack" }
        case .macOS:
            // platformdirs' Homebrew-prefix site directory is not mirrored.
            userDir = (xdgHome ?? home + "/Library/Application Support") + "/openstack"
            siteDirs = (xdgSites.isEmpty ? ["/Library/Application Support"] : xdgSites)
                .map { $0 + "/openstack" }
        }
        // CONFIG_SEARCH_PATH: cwd, CONFIG_HOME, UNIX_CONFIG_HOME, SITE_CONFIG_HOME,
        // UNIX_SITE_CONFIG_HOME. With several XDG_CONFIG_DIRS platformdirs joins them with ":"
        // into one unusable path; searching each of them is what that setting means.
        var seen = Set<String>()
        directories = ([currentDirectory, userDir, unixHome + "/.config/openstack"] + siteDirs
            + ["/etc/openstack"]).filter { seen.insert($0).inserted }

        func override(_ key: String) -> String? {
            guard let path = environment[key], !path.isEmpty else { return nil }
            return path.hasPrefix("/") ? path : Self.join(currentDirectory, path)
        }
        configOverride = override("OS_CLIENT_CONFIG_FILE")
        secureOverride = override("OS_CLIENT_SECURE_FILE")
    }

    /// The override is tried first but does not replace the search: a missing
    /// OS_CLIENT_CONFIG_FILE falls back to the usual places, as in loader.py:222-224.
    var configCandidates: [String] { candidates(named: "clouds", override: configOverride) }
    var secureCandidates: [String] { candidates(named: "secure", override: secureOverride) }

    private func candidates(named base: String, override: String?) -> [String] {
        let found = directories.flatMap { dir in Self.suffixes.map { Self.join(dir, base + $0) } }
        return (override.map { [$0] } ?? []) + found
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}

/// The real file system, for `CloudConfigLoader.live()`.
public enum ConfigFiles {
    public static let read: ConfigFileReader = { path in
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
              !isDirectory.boolValue,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
