import Foundation
import GlanceAPI

/// The clouds `:cloud` went to, most recent first, one name a line in
/// `$XDG_STATE_HOME/glance-tui/recent-clouds` (directory 0700, file 0600). Names only: never a
/// credential, which stays in clouds.yaml and secure.yaml.
public struct RecentClouds: Sendable {
    public static let limit = 20
    public let path: String

    public init(path: String) { self.path = path }

    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment,
                                   home: String = NSHomeDirectory()) -> String {
        StateDirectory.path(environment: environment, home: home) + "/recent-clouds"
    }

    /// The names, most recent first; a missing or unreadable file is an empty list, and lines
    /// that no clouds.yaml name could be (empty, controls, too long) are skipped.
    public func load() -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        var seen = Set<String>()
        return text.split(separator: "\n").map(String.init)
            .filter { Self.isPlausible($0) && seen.insert($0).inserted }
            .prefix(Self.limit).map { $0 }
    }

    /// Puts `name` first and writes the list back; nil when written, else why not.
    @discardableResult
    public func use(_ name: String) -> String? {
        guard Self.isPlausible(name) else { return "not a cloud name" }
        let names = ([name] + load().filter { $0 != name }).prefix(Self.limit)
        let directory = (path as NSString).deletingLastPathComponent
        if let problem = StateDirectory.make(directory) { return problem }
        // Written beside and renamed over, created 0600 from the start so it is never readable by others.
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return "cannot open \(temporary): \(String(cString: strerror(errno)))" }
        let bytes = Array((names.joined(separator: "\n") + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        fchmod(fd, 0o600)
        close(fd)
        guard written == bytes.count, rename(temporary, path) == 0 else {
            unlink(temporary)
            return "cannot write \(path): \(String(cString: strerror(errno)))"
        }
        return nil
    }

    static func isPlausible(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 200 && !name.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
