import Foundation
import GlanceAPI
import GlanceCore

/// The transfer journal: one small JSON file per transfer in
/// `$XDG_STATE_HOME/glance-tui/transfers/` (default `~/.local/state/glance-tui/transfers/`),
/// the directory 0700 and each file 0600.
///
/// One file per entry rather than one locked file: each process writes only the files of its
/// own transfers, so progress (once a second per transfer) never reads, merges or waits on
/// another process's entries, and a file damaged by a crash or a full disk costs one entry, not
/// the journal. Every write is a temporary file renamed over the old one, so a reader sees the
/// old entry or the new, never half of one. The only step that touches another process's entry
/// — taking over an interrupted one to resume it — holds an flock on `.lock` while it reads the
/// entry again, checks its owner is gone and writes itself in, so two programs cannot both resume it.
public final class TransferJournal: Sendable {
    public let directory: String
    /// Ended entries are kept this long, and only the newest `keepEnded` of them.
    public let maxAge: TimeInterval
    public let keepEnded: Int

    public init(directory: String, maxAge: TimeInterval = 7 * 86_400, keepEnded: Int = 50) {
        self.directory = directory
        self.maxAge = maxAge
        self.keepEnded = keepEnded
    }

    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment,
                                        home: String = NSHomeDirectory()) -> String {
        StateDirectory.path(environment: environment, home: home) + "/transfers"
    }

    /// What reading found: the entries, and each file set aside, in words.
    public struct Reading: Sendable, Equatable {
        public var entries: [JournalEntry]
        public var problems: [String]
    }

    public struct Failure: Error, Equatable, Sendable {
        public var message: String
        public init(_ message: String) { self.message = message }
    }

    // MARK: - Writing

    /// A fresh id: eight hex digits, short enough to type after `:resume`.
    public func newID() -> String {
        while true {
            let id = String(UUID().uuidString.lowercased().prefix(8))
            if !FileManager.default.fileExists(atPath: file(id)) { return id }
        }
    }

    func file(_ id: String) -> String { directory + "/" + id + ".json" }

    /// Writes `entry` whole: a temporary file, then a rename over the old one. `durable` syncs
    /// it to disk first (a start or an end must survive a reboot; progress need not, since the
    /// `.part`'s length is what a resume trusts). Nil when written, else why not.
    @discardableResult
    public func write(_ entry: JournalEntry, durable: Bool = false) -> String? {
        if let problem = prepareDirectory() { return problem }
        guard let data = try? Self.encoder.encode(entry) else { return "cannot encode the journal entry" }
        let target = file(entry.id)
        let temp = directory + "/." + entry.id + ".json.tmp-\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { return "cannot write \(temp): \(String(cString: strerror(errno)))" }
        fchmod(fd, 0o600)
        let written = data.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        if durable { fsync(fd) }
        close(fd)
        guard written == data.count else {
            unlink(temp)
            return "cannot write \(temp): \(String(cString: strerror(errno)))"
        }
        guard rename(temp, target) == 0 else {
            unlink(temp)
            return "cannot rename \(temp): \(String(cString: strerror(errno)))"
        }
        return nil
    }

    public func remove(_ id: String) {
        unlink(file(id))
    }

    /// Takes over an interrupted entry for this process: read again under the lock, refused
    /// while another live process owns it, then written with this process as its owner.
    public func claim(_ id: String, by owner: JournalEntry.Owner = ProcessIdentity.current,
                      isAlive: (JournalEntry.Owner) -> Bool = ProcessIdentity.isAlive, at time: Date = Date()) -> Result<JournalEntry, Failure> {
        if let problem = prepareDirectory() { return .failure(Failure(problem)) }
        let lock = open(directory + "/.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard lock >= 0 else { return .failure(Failure("cannot lock the journal: \(String(cString: strerror(errno)))")) }
        defer { close(lock) }
        flock(lock, LOCK_EX)
        defer { flock(lock, LOCK_UN) }
        guard FileManager.default.fileExists(atPath: file(id)) else { return .failure(Failure("no transfer \(id) in the journal")) }
        let (loaded, problem) = load(file(id))
        guard var entry = loaded else { return .failure(Failure(problem ?? "cannot read transfer \(id)")) }
        // A pane read before it ended (another run finished or dropped it since) must not start it again.
        if entry.state.hasEnded {
            let words = switch entry.state {
            case .cancelled: "was cancelled"
            default: entry.state.rawValue
            }
            return .failure(Failure("transfer \(id) has already ended: it \(words)"))
        }
        if entry.owner != owner, entry.state == .running, isAlive(entry.owner) {
            return .failure(Failure("another glance-tui (pid \(entry.owner.pid)) is running it"))
        }
        entry.owner = owner
        entry.state = .running
        entry.message = nil
        entry.ended = nil
        entry.updated = time
        if let problem = write(entry, durable: true) { return .failure(Failure(problem)) }
        return .success(entry)
    }

    /// Drops ended entries older than `maxAge`, and all but the newest `keepEnded` of them.
    /// Interrupted ones stay until resumed or dismissed.
    public func prune(_ entries: [JournalEntry], now: Date = Date()) {
        let ended = entries.filter(\.state.hasEnded).sorted { ($0.ended ?? $0.updated) > ($1.ended ?? $1.updated) }
        for (n, entry) in ended.enumerated() where n >= keepEnded || now.timeIntervalSince(entry.ended ?? entry.updated) > maxAge {
            remove(entry.id)
        }
    }

    private func prepareDirectory() -> String? {
        if let problem = StateDirectory.make(directory) { return problem }
        tightenDirectory()
        return nil
    }

    /// A directory made by someone else's umask (or by hand) is made 0700: nobody else's business either.
    func tightenDirectory() {
        var info = stat()
        if stat(directory, &info) == 0, info.st_uid == getuid(), info.st_mode & 0o077 != 0 { chmod(directory, 0o700) }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
