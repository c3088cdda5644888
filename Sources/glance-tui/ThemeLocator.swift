import Foundation
import GlanceViews

/// A theme asked for by name or path, or the default (mono when NO_COLOR is set).
struct ThemeChoice {
    var color: Theme
    /// Used when the terminal has no colours at all.
    var monochrome: Theme
}

enum ThemeLocator {
    struct NotFound: Error, CustomStringConvertible {
        var description: String
    }

    static func resolve(_ requested: String?) throws -> ThemeChoice {
        let env = ProcessInfo.processInfo.environment
        let mono = (try? locate("mono").map(ThemeFile.load)) ?? nil
        let monochrome = mono ?? Theme.builtinMonochrome
        if let requested {
            if requested.contains("/") || requested.hasSuffix(".json") {
                return ThemeChoice(color: try ThemeFile.load(path: requested), monochrome: monochrome)
            }
            guard let path = locate(requested) else {
                throw NotFound(description: "no theme \"\(requested)\" in \(searchDirectories().joined(separator: ", "))")
            }
            return ThemeChoice(color: try ThemeFile.load(path: path), monochrome: monochrome)
        }
        if let noColor = env["NO_COLOR"], !noColor.isEmpty { return ThemeChoice(color: monochrome, monochrome: monochrome) }
        let color = (try? locate("default").map(ThemeFile.load)) ?? nil
        return ThemeChoice(color: color ?? Theme.builtinDefault, monochrome: monochrome)
    }

    static func locate(_ name: String) -> String? {
        searchDirectories().map { $0 + "/" + name + ".json" }.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// The user's own themes first, then the ones installed beside the program, then the
    /// repository's themes/ when run from a build directory.
    static func searchDirectories() -> [String] {
        let env = ProcessInfo.processInfo.environment
        let config = env["XDG_CONFIG_HOME"] ?? (NSHomeDirectory() + "/.config")
        var dirs = [config + "/glance-tui/themes"]
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        dirs.append(dir.appendingPathComponent("../share/glance-tui/themes").standardized.path)
        for _ in 0..<5 {
            dirs.append(dir.appendingPathComponent("themes").path)
            dir = dir.deletingLastPathComponent()
        }
        return dirs
    }
}
