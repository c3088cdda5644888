import Foundation
import Testing
@testable import CloudConfig
import GlanceAPI

/// A throwaway directory tree standing in for cwd, $HOME and friends. Only files under it are
/// visible to the loader, so a real /etc/openstack/clouds.yaml on the test machine cannot leak
/// into a test.
final class Sandbox: Sendable {
    let root: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        root = ConfigSearchPath.join(base, "cloudconfig-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: cwd, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    var cwd: String { root + "/work" }
    var home: String { root + "/home" }

    /// Writes `text` at `relative` (under the sandbox root) and returns the absolute path.
    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        let path = relative.hasPrefix("/") ? relative : root + "/" + relative
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    var reader: ConfigFileReader {
        let root = self.root
        return { path in path.hasPrefix(root + "/") ? ConfigFiles.read(path) : nil }
    }

    func loader(_ environment: [String: String] = [:], platform: ConfigPlatform = .linux) -> CloudConfigLoader {
        CloudConfigLoader(environment: environment, homeDirectory: home, currentDirectory: cwd,
                          platform: platform, readFile: reader)
    }
}

/// For tests about paths outside any temporary directory (/etc/openstack, XDG_CONFIG_DIRS).
func memoryLoader(_ files: [String: String], environment: [String: String] = [:],
                  home: String = "/home/u", cwd: String = "/work",
                  platform: ConfigPlatform = .linux) -> CloudConfigLoader {
    CloudConfigLoader(environment: environment, homeDirectory: home, currentDirectory: cwd,
                      platform: platform, readFile: { files[$0] })
}

/// Runs `body` and returns the `ConfigError` it threw, recording an issue if it did not throw.
func configError(_ body: () throws -> CloudProfile,
                 sourceLocation: SourceLocation = #_sourceLocation) -> ConfigError? {
    do {
        let profile = try body()
        Issue.record("expected a ConfigError, got profile \(profile.name)", sourceLocation: sourceLocation)
    } catch let error as ConfigError {
        return error
    } catch {
        Issue.record("expected a ConfigError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// A minimal valid cloud, for tests about everything but auth.
let basicCloud = """
    auth:
      auth_url: https://keystone.example:5000/v3
      username: alice
      password: s3cret-pw
      project_name: demo
      user_domain_name: Default
      project_domain_name: Default
"""

func clouds(_ entries: [String: String]) -> String {
    "clouds:\n" + entries.sorted { $0.key < $1.key }.map { "  \($0.key):\n\($0.value)" }.joined(separator: "\n") + "\n"
}
