import Foundation
import GlanceAPI
import GlanceCore

/// Reading the journal back: every entry, which of them an earlier run left interrupted, and
/// each bad file set aside with the reason.
extension TransferJournal {
    /// Every entry, newest first. A newer glance-tui's entry is left alone and said. A file that
    /// is not an entry of this or a newer version, cannot be parsed,
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

    /// The interrupted download of image `imageID` that was writing `destination` (made whole, as
    /// the journal keeps it) from `session`'s cloud, region and project, so that downloading the
    /// same image to the same file again takes it up rather than leaving it interrupted beside a
    /// new entry. Another image, or the same one elsewhere, is a download of its own.
    public func interruptedDownload(of imageID: String, to destination: String, session: SessionInfo?) -> JournalEntry? {
        let whole = JournalEntry.absolute(destination)
        let here = session.map(CloudScope.init)
        return Self.interrupted(read().entries).first {
            $0.kind == .download && $0.destination == whole && $0.imageID == imageID
                && CloudScope(cloud: $0.cloud, region: $0.region, project: $0.project) == here
        }
    }

    /// A new entry for `request`, or the interrupted download of the same image to the same file taken over.
    public func begin(_ request: TransferRequest, title: String, session: SessionInfo?) -> JournalRecorder {
        if case .download(let job) = request,
           let earlier = interruptedDownload(of: job.imageID, to: job.destination, session: session),
           case .success(let claimed) = claim(earlier.id) {
            return JournalRecorder(journal: self, entry: claimed, claimed: true)
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
    func load(_ path: String) -> (JournalEntry?, String?) {
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
        // A newer glance-tui's entry is that program's to list and resume: not renamed out of its sight.
        if header.format == JournalEntry.format, let version = header.version, version > JournalEntry.version {
            return (nil, "\(name) is a newer glance-tui's (version \(version)); left as it is")
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
}
