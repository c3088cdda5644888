import Foundation

/// Where glance-tui keeps what a user keeps between runs: the audit log, the transfer journal,
/// the recent clouds and the token cache, each under `$XDG_STATE_HOME/glance-tui/`.
public enum StateDirectory {
    /// `$XDG_STATE_HOME/glance-tui`, or `~/.local/state/glance-tui` when it is unset or empty.
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment,
                            home: String = NSHomeDirectory()) -> String {
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/state"
        return base + "/glance-tui"
    }

    /// Makes `directory` and its parents, those it makes 0700; nil when it is there, else why not.
    public static func make(_ directory: String) -> String? {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            return nil
        } catch {
            return "cannot create \(directory): \(error.localizedDescription)"
        }
    }
}
