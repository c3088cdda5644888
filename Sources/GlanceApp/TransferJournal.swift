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
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/state"
        return base + "/glance-tui/transfers"
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

    // MARK: - Reading

    /// Every entry, newest first. A file that is not an entry of this version, cannot be parsed,
    /// is not a regular file of this user, or is writable by others is renamed aside (`.corrupt`,
    /// `.foreign`, `.refused`) and reported — a writable one may have been altered by someone
    /// else, and its paths say where a resume writes. One merely readable by others is made 0600
    /// (it holds nothing secret, but image and project names are nobody else's business).
    public func read() -> Reading {
        var reading = Reading(entries: [], problems: [])
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return reading }
        tightenDirectory()
        for name in names.sorted() where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let path = directory + "/" + name
            let (entry, problem) = load(path)
            if let entry { reading.entries.append(entry) }
            if let problem { reading.problems.append(problem) }
        }
        reading.entries.sort { $0.started > $1.started }
        return reading
    }

    /// The entries whose program ended before they did: marked interrupted, or still marked
    /// running by a process that is no longer there. An entry whose owner runs is not interrupted.
    /// A download's bytes are counted from its `.part`, the truth a resume starts from (the
    /// entry's count is at most a second old, and older after a burst-then-wait rate limit).
    public static func interrupted(_ entries: [JournalEntry], isAlive: (JournalEntry.Owner) -> Bool = ProcessIdentity.isAlive,
                                   partSize: (String) -> Int64? = fileSize) -> [JournalEntry] {
        entries.compactMap { entry in
            var e = entry
            switch entry.state {
            case .interrupted: break
            case .running:
                guard !isAlive(entry.owner) else { return nil }
                e.state = .interrupted
            case .completed, .failed, .cancelled: return nil
            }
            if let part = e.partPath, let size = partSize(part) { e.bytesDone = size }
            return e
        }
    }

    /// The interrupted download that was writing `destination`, so that downloading to the same
    /// file again takes it up rather than leaving it interrupted beside a new entry.
    public func interruptedDownload(to destination: String) -> JournalEntry? {
        Self.interrupted(read().entries).first { $0.kind == .download && $0.destination == destination }
    }

    /// A new entry for `request`, or the interrupted download of the same file taken over.
    public func begin(_ request: TransferRequest, title: String, session: SessionInfo?) -> JournalRecorder {
        if case .download(let job) = request, let earlier = interruptedDownload(to: job.destination),
           case .success(let claimed) = claim(earlier.id) {
            return JournalRecorder(journal: self, entry: claimed)
        }
        let entry = JournalEntry(id: newID(), request: request, title: title, session: session,
                                 owner: ProcessIdentity.current, at: Date())
        let recorder = JournalRecorder(journal: self, entry: entry)
        recorder.started()
        return recorder
    }

    public static func fileSize(_ path: String) -> Int64? {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : nil
    }

    /// The entry, or nil; and what was wrong with the file, if anything.
    private func load(_ path: String) -> (JournalEntry?, String?) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return (nil, "\(path): \(String(cString: strerror(errno)))") }
        let name = (path as NSString).lastPathComponent
        guard info.st_mode & S_IFMT == S_IFREG, info.st_uid == getuid() else {
            return setAside(path, ".refused", "\(name) is not a file of yours")
        }
        if info.st_mode & 0o022 != 0 {
            return setAside(path, ".refused", "\(name) was writable by others (mode \(String(info.st_mode & 0o777, radix: 8)))")
        }
        var fixed: String?
        if info.st_mode & 0o044 != 0 {
            chmod(path, 0o600)
            fixed = "\(name) was readable by others; made 0600"
        }
        guard info.st_size <= 1 << 20, let data = FileManager.default.contents(atPath: path) else {
            return setAside(path, ".corrupt", "\(name) is too large or unreadable")
        }
        struct Header: Decodable { var format: String?; var version: Int? }
        guard let header = try? Self.decoder.decode(Header.self, from: data) else {
            return setAside(path, ".corrupt", "\(name) is not JSON")
        }
        guard header.format == JournalEntry.format, header.version == JournalEntry.version else {
            return setAside(path, ".foreign", "\(name) is not a glance-tui transfer of version \(JournalEntry.version)"
                            + (header.version.map { " (version \($0))" } ?? ""))
        }
        guard let entry = try? Self.decoder.decode(JournalEntry.self, from: data), name == entry.id + ".json" else {
            return setAside(path, ".corrupt", "\(name) is damaged")
        }
        return (entry, fixed)
    }

    /// Renames a bad file with `suffix`, keeping it for a look; the problem says where it went.
    private func setAside(_ path: String, _ suffix: String, _ why: String) -> (JournalEntry?, String?) {
        let target = path + suffix
        let moved = rename(path, target) == 0
        return (nil, why + (moved ? "; set aside as \((target as NSString).lastPathComponent)" : "; could not set it aside"))
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
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            return "cannot create \(directory): \(error.localizedDescription)"
        }
        tightenDirectory()
        return nil
    }

    /// A directory made by someone else's umask (or by hand) is made 0700: nobody else's business either.
    private func tightenDirectory() {
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
