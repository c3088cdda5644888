import Foundation
import GlanceCore

/// Who owns a journal entry, and whether that owner still runs. A pid is reused after its
/// process dies (and every pid restarts after a reboot), so the pid is compared together with
/// the process's start time from /proc/PID/stat and the boot's id.
public enum ProcessIdentity {
    /// This process.
    public static let current: JournalEntry.Owner = {
        let pid = getpid()
        return JournalEntry.Owner(pid: pid, startTicks: startTicks(of: pid) ?? 0, bootID: bootID())
    }()

    /// True while the process that wrote `owner` is still the one at its pid.
    public static func isAlive(_ owner: JournalEntry.Owner) -> Bool {
        if let boot = owner.bootID, let now = bootID(), boot != now { return false }
        guard owner.pid > 0, kill(owner.pid, 0) == 0 || errno == EPERM else { return false }
        guard let ticks = startTicks(of: owner.pid) else { return false }
        return ticks == owner.startTicks
    }

    /// Field 22 of /proc/PID/stat: when the process started, in clock ticks after boot. The
    /// command name (field 2) is in parentheses and may hold spaces, so fields are counted after
    /// its closing parenthesis.
    public static func startTicks(of pid: Int32) -> UInt64? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the name: state is field 3, so starttime (22) is the 20th.
        guard fields.count >= 20 else { return nil }
        return UInt64(fields[19])
    }

    static func bootID() -> String? {
        (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
