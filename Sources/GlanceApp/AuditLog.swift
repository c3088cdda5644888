import Foundation
import GlanceAPI

/// Appends every write as a JSON line to `$XDG_STATE_HOME/glance-tui/audit.log` (default
/// `~/.local/state/glance-tui/audit.log`): the directory made 0700 and the file 0600, since
/// image names and project names are nobody else's business. A write that cannot be logged
/// is still made; the failure is said once.
public final class AuditLog: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment,
                                   home: String = NSHomeDirectory()) -> String {
        StateDirectory.path(environment: environment, home: home) + "/audit.log"
    }

    /// Nil when appended, else why not.
    public func append(_ record: WriteRecord) -> String? {
        let directory = (path as NSString).deletingLastPathComponent
        if let problem = StateDirectory.make(directory) { return problem }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return "cannot open \(path): \(String(cString: strerror(errno)))" }
        defer { close(fd) }
        let line = Array((record.jsonLine + "\n").utf8)
        // One write(2) of the whole line with O_APPEND keeps two sessions' lines from interleaving.
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        return written == line.count ? nil : "cannot write \(path): \(String(cString: strerror(errno)))"
    }
}
