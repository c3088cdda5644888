import Foundation
import GlanceAPI
@testable import GlanceApp
import GlanceCore
import Testing

/// The transfer journal on disk: one 0600 file per transfer in a 0700 directory, written whole
/// and read back equal, pruned, and bad files set aside with a reason instead of a crash.
@Suite struct TransferJournalTests {
    static let session = SessionInfo(cloud: "devcloud-demo", region: "RegionOne", projectName: "demo", projectID: "p1",
                                     userName: "demo", imageEndpoint: "http://127.0.0.1:9292")
    static let time = Date(timeIntervalSince1970: 1_796_040_000)
    /// An owner that is certainly gone: pid 0 is never a user process.
    static let gone = JournalEntry.Owner(pid: 0, startTicks: 1, bootID: nil)

    let base = NSTemporaryDirectory() + "journal-\(UUID().uuidString)"
    var directory: String { TransferJournal.defaultDirectory(environment: ["XDG_STATE_HOME": base], home: "/nonexistent") }

    func cleanUp() { try? FileManager.default.removeItem(atPath: base) }

    static func download(_ id: String, owner: JournalEntry.Owner = gone, state: JournalEntry.State = .running,
                         ended: Date? = nil) -> JournalEntry {
        var entry = JournalEntry(id: id, request: .download(DownloadJob(imageID: "img-\(id)", destination: "/srv/\(id).raw")),
                                 title: "cirros \(id)", session: session, owner: owner, at: time)
        entry.state = state
        entry.ended = ended
        entry.bytesDone = 4096
        entry.size = 8192
        entry.checksums = ["md5": "0123456789abcdef0123456789abcdef"]
        return entry
    }

    func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
    }

    @Test func anEntryIsWrittenOwnerOnlyAndReadBackEqual() throws {
        defer { cleanUp() }
        #expect(directory == base + "/glance-tui/transfers")
        let journal = TransferJournal(directory: directory)
        let entry = Self.download("0a1b2c3d")
        #expect(journal.write(entry, durable: true) == nil)
        #expect(mode(directory) == 0o700)
        #expect(mode(directory + "/0a1b2c3d.json") == 0o600)
        let reading = journal.read()
        #expect(reading.problems == [])
        #expect(reading.entries == [entry])
        #expect(entry.path == "/srv/0a1b2c3d.raw.part", "a download's path is its .part")
        #expect(entry.resumeRequest == .download(DownloadJob(imageID: "img-0a1b2c3d", destination: "/srv/0a1b2c3d.raw")))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains("tmp") }
        #expect(leftovers == [], "the temporary file was renamed into place")
    }

    @Test func anUploadResumesIntoTheImageItCreatedElseAsNew() {
        let fields: [String: JSONValue] = ["name": .string("focal"), "disk_format": .string("qcow2"), "container_format": .string("bare")]
        let job = UploadJob(file: "/srv/focal.img", target: .newImage(fields), method: .direct(store: "fast"))
        var entry = JournalEntry(id: "u1", request: .upload(job), title: "focal", session: Self.session, owner: Self.gone, at: Self.time)
        #expect(entry.resumeRequest == .upload(job), "killed before its image was created: created anew")
        entry.imageID = "queued-1"
        #expect(entry.resumeRequest == .upload(UploadJob(file: "/srv/focal.img", target: .existing("queued-1"), method: .direct(store: "fast"))))
        let copy = JournalEntry(id: "c1", request: .copy(imageID: "i", stores: ["a", "b"]), title: "i", session: Self.session,
                                owner: Self.gone, at: Self.time)
        #expect(copy.resumeRequest == .copy(imageID: "i", stores: ["a", "b"]))
    }

    @Test func onlyEntriesWhoseOwnerIsGoneAreInterrupted() {
        let me = ProcessIdentity.current
        #expect(me.pid == getpid() && me.startTicks > 0)
        #expect(ProcessIdentity.isAlive(me))
        var reused = me
        reused.startTicks += 1
        #expect(!ProcessIdentity.isAlive(reused), "the same pid started at another time is another process")
        var rebooted = me
        rebooted.bootID = "another-boot"
        #expect(!ProcessIdentity.isAlive(rebooted), "after a reboot no process is the one that wrote it")
        let entries = [Self.download("live", owner: me), Self.download("dead"), Self.download("sig", state: .interrupted),
                       Self.download("done", state: .completed, ended: Self.time), Self.download("reused", owner: reused)]
        let interrupted = TransferJournal.interrupted(entries, partSize: { $0 == "/srv/dead.raw.part" ? 6000 : nil })
        #expect(interrupted.map(\.id) == ["dead", "sig", "reused"])
        #expect(interrupted.allSatisfy { $0.state == .interrupted })
        #expect(interrupted.map(\.bytesDone) == [6000, 4096, 4096], "a .part on disk says how far it got")
    }

    @Test func endedEntriesArePrunedByAgeAndCountInterruptedOnesStay() throws {
        defer { cleanUp() }
        let journal = TransferJournal(directory: directory, maxAge: 7 * 86_400, keepEnded: 3)
        let now = Self.time
        for n in 0..<5 {
            journal.write(Self.download("new\(n)", state: .completed, ended: now.addingTimeInterval(Double(-n * 60))))
        }
        journal.write(Self.download("old", state: .failed, ended: now.addingTimeInterval(-8 * 86_400)))
        journal.write(Self.download("stuck", state: .interrupted))
        journal.write(Self.download("orphan"))
        journal.prune(journal.read().entries, now: now)
        let left = Set(journal.read().entries.map(\.id))
        #expect(left == ["new0", "new1", "new2", "stuck", "orphan"])
    }

    @Test(arguments: [
        ("garbage", Data("\u{1}\u{2} not json at all".utf8), ".corrupt", "is not JSON"),
        ("truncated", Data(#"{"format":"glance-tui transfer","version":1,"id":"truncated","kind":"down"#.utf8), ".corrupt", "is not JSON"),
        ("past", Data(#"{"format":"glance-tui transfer","version":0,"id":"past"}"#.utf8), ".foreign", "(version 0)"),
        ("other", Data(#"{"format":"someone else's","version":1}"#.utf8), ".foreign", "is not a glance-tui transfer"),
        ("partial", Data(#"{"format":"glance-tui transfer","version":1,"id":"partial"}"#.utf8), ".corrupt", "is damaged"),
    ])
    func aBadFileIsSetAsideWithAReasonAndTheRestIsRead(name: String, content: Data, suffix: String, reason: String) throws {
        defer { cleanUp() }
        let journal = TransferJournal(directory: directory)
        journal.write(Self.download("good"))
        let bad = directory + "/\(name).json"
        #expect(FileManager.default.createFile(atPath: bad, contents: content, attributes: [.posixPermissions: 0o600]))
        let reading = journal.read()
        #expect(reading.entries.map(\.id) == ["good"])
        #expect(reading.problems.count == 1)
        #expect(reading.problems.first?.contains(reason) == true, "\(reading.problems)")
        #expect(reading.problems.first?.hasSuffix("set aside as \(name).json\(suffix)") == true, "\(reading.problems)")
        #expect(!FileManager.default.fileExists(atPath: bad))
        #expect(FileManager.default.contents(atPath: bad + suffix) == content, "kept for a look")
        #expect(journal.read().problems == [], "said once: the file is out of the way")
    }

    /// A newer glance-tui's entry is its own: left where it is (that program lists and resumes
    /// it), and said, instead of being renamed out of its sight.
    @Test func aNewerVersionsEntryIsLeftAlone() throws {
        defer { cleanUp() }
        let journal = TransferJournal(directory: directory)
        journal.write(Self.download("good"))
        let newer = directory + "/future.json"
        let content = Data(#"{"format":"glance-tui transfer","version":2,"id":"future"}"#.utf8)
        #expect(FileManager.default.createFile(atPath: newer, contents: content, attributes: [.posixPermissions: 0o600]))
        let reading = journal.read()
        #expect(reading.entries.map(\.id) == ["good"])
        #expect(reading.problems == ["future.json is a newer glance-tui's (version 2); left as it is"])
        #expect(FileManager.default.contents(atPath: newer) == content)
        #expect(!FileManager.default.fileExists(atPath: newer + ".foreign"))
    }

    @Test func aFileOthersMayWriteIsRefusedAndOneTheyMayReadIsMadePrivate() throws {
        defer { cleanUp() }
        let journal = TransferJournal(directory: directory)
        journal.write(Self.download("writable"))
        journal.write(Self.download("readable"))
        chmod(directory + "/writable.json", 0o666)
        chmod(directory + "/readable.json", 0o644)
        let reading = journal.read()
        #expect(reading.entries.map(\.id) == ["readable"])
        #expect(reading.problems.sorted() == [
            "readable.json was readable by others; made 0600",
            "writable.json was writable by others (mode 666); set aside as writable.json.refused",
        ])
        #expect(mode(directory + "/readable.json") == 0o600)
        #expect(FileManager.default.fileExists(atPath: directory + "/writable.json.refused"))
    }

    @Test func aDirectoryOthersCanReadIsMadePrivateWhenWritten() throws {
        defer { cleanUp() }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        TransferJournal(directory: directory).write(Self.download("one"))
        #expect(mode(directory) == 0o700)
    }

    @Test func aSymlinkIsRefused() throws {
        defer { cleanUp() }
        let journal = TransferJournal(directory: directory)
        journal.write(Self.download("real"))
        try FileManager.default.createSymbolicLink(atPath: directory + "/link.json", withDestinationPath: directory + "/real.json")
        let reading = journal.read()
        #expect(reading.entries.map(\.id) == ["real"])
        #expect(reading.problems == ["link.json is not a file of yours; set aside as link.json.refused"])
    }

    @Test func anInterruptedEntryIsClaimedOnceAndNotFromALiveOwner() throws {
        defer { cleanUp() }
        let journal = TransferJournal(directory: directory)
        journal.write(Self.download("dead"))
        let someoneElse = JournalEntry.Owner(pid: 99, startTicks: 7, bootID: nil)
        journal.write(Self.download("busy", owner: someoneElse))
        let claimed = try journal.claim("dead", isAlive: { _ in false }, at: Self.time).get()
        #expect(claimed.owner == ProcessIdentity.current && claimed.state == .running)
        #expect(journal.read().entries.first { $0.id == "dead" }?.owner == ProcessIdentity.current)
        // Another program finding it now sees this one alive.
        let other = JournalEntry.Owner(pid: 1, startTicks: 1, bootID: nil)
        #expect(throws: TransferJournal.Failure.self) {
            try journal.claim("dead", by: other, isAlive: { $0 == ProcessIdentity.current }).get()
        }
        let refused = journal.claim("busy", isAlive: { $0 == someoneElse })
        #expect(refused == .failure(TransferJournal.Failure("another glance-tui (pid 99) is running it")))
        #expect(journal.claim("nope") == .failure(TransferJournal.Failure("no transfer nope in the journal")))
    }

    @Test func aDownloadToTheSameFileTakesTheInterruptedEntryOver() throws {
        defer { cleanUp() }
        let journal = TransferJournal(directory: directory)
        journal.write(Self.download("dead"))
        let again = journal.begin(.download(DownloadJob(imageID: "img-dead", destination: "/srv/dead.raw")), title: "x",
                                  session: Self.session)
        #expect(again.entry.id == "dead" && again.entry.owner == ProcessIdentity.current)
        let other = journal.begin(.download(DownloadJob(imageID: "img-dead", destination: "/srv/other.raw")), title: "x",
                                  session: Self.session)
        #expect(other.entry.id != "dead")
        #expect(journal.read().entries.count == 2)
    }

    @Test func progressIsWrittenAtMostOncePerIntervalNeverPerChunk() throws {
        defer { cleanUp() }
        let journal = TransferJournal(directory: directory)
        let clock = ManualClock(Self.time)
        let recorder = JournalRecorder(journal: journal, entry: Self.download("slow"), interval: 1, clock: { clock.now })
        recorder.started()
        // 100 reports in 2.5 s, as the engine's ten a second would be with a fast clock.
        for n in 1...100 {
            clock.now = Self.time.addingTimeInterval(Double(n) * 0.025)
            recorder.progressed(TransferProgress(phase: .transferring, bytesDone: Int64(n) * 1024, totalBytes: 1 << 20))
        }
        #expect(recorder.writes == 3, "the start, then at 1 s and 2 s")
        clock.now = Self.time.addingTimeInterval(3)
        recorder.ended(.completed(location: "/srv/slow.raw", bytes: 1 << 20, verification: .verified(["md5"])), interrupted: false)
        let entry = try #require(journal.read().entries.first)
        #expect(entry.state == .completed && entry.bytesDone == 1 << 20 && entry.message == "verified (md5)")
        #expect(entry.ended == clock.now)
    }

    @Test func aCancelWhileTheProgramEndsIsAnInterruptionNotACancel() throws {
        defer { cleanUp() }
        let journal = TransferJournal(directory: directory)
        let quitting = JournalRecorder(journal: journal, entry: Self.download("sighup"))
        quitting.ended(.cancelled(partKept: "/srv/sighup.raw.part"), interrupted: true)
        let cancelled = JournalRecorder(journal: journal, entry: Self.download("x"))
        cancelled.ended(.cancelled(partKept: nil), interrupted: false)
        let states = Dictionary(uniqueKeysWithValues: journal.read().entries.map { ($0.id, $0.state) })
        #expect(states == ["sighup": .interrupted, "x": .cancelled])
        let flag = CancellationFlag()
        flag.cancel()
        flag.interrupt()
        #expect(flag.isCancelled && !flag.isInterrupted, "a user's cancel stays a cancel when the program then ends")
        let ending = CancellationFlag()
        ending.interrupt()
        #expect(ending.isCancelled && ending.isInterrupted)
    }
}

extension TransferJournalTests {
    /// A stale pane pressing R on an entry that has ended since must not make it running again.
    @Test(arguments: [(JournalEntry.State.completed, "completed"), (.failed, "failed"), (.cancelled, "was cancelled")])
    func anEndedEntryIsNotClaimed(state: JournalEntry.State, words: String) throws {
        defer { cleanUp() }
        let journal = TransferJournal(directory: directory)
        journal.write(Self.download("done", state: state, ended: Self.time))
        let refused = journal.claim("done", isAlive: { _ in false })
        #expect(refused == .failure(TransferJournal.Failure("transfer done has already ended: it \(words)")))
        #expect(journal.read().entries.first?.state == state, "the entry is left as it was")
    }

    /// Paths are kept whole: a resume from another directory (cron's, say) writes and reads the same files.
    @Test func pathsAreKeptAbsolute() throws {
        let cwd = FileManager.default.currentDirectoryPath
        let home = NSHomeDirectory()
        let download = JournalEntry(id: "d", request: .download(DownloadJob(imageID: "i", destination: "cirros.img")),
                                    title: "c", session: Self.session, owner: Self.gone, at: Self.time)
        #expect(download.destination == cwd + "/cirros.img")
        #expect(download.path == cwd + "/cirros.img.part")
        #expect(download.resumeRequest == .download(DownloadJob(imageID: "i", destination: cwd + "/cirros.img")))
        let upload = JournalEntry(id: "u", request: .upload(UploadJob(file: "~/focal.img", target: .existing("q"),
                                                                      method: .direct(store: nil))),
                                  title: "f", session: Self.session, owner: Self.gone, at: Self.time)
        #expect(upload.path == home + "/focal.img")
        let kept = JournalEntry(id: "k", request: .download(DownloadJob(imageID: "i", destination: "/srv/./x.img")),
                                title: "c", session: Self.session, owner: Self.gone, at: Self.time)
        #expect(kept.destination == "/srv/./x.img", "an absolute path is kept as given")
    }

    /// An entry an older glance-tui wrote with a relative path cannot say which file it meant: not resumable, and said so.
    @Test func anEntryWithARelativePathIsNotResumable() throws {
        var download = Self.download("rel")
        download.destination = "cirros.img"
        download.path = "cirros.img.part"
        #expect(download.resumeRequest == nil)
        var upload = JournalEntry(id: "u", request: .upload(UploadJob(file: "/srv/f.img", target: .existing("q"),
                                                                      method: .direct(store: nil))),
                                  title: "f", session: Self.session, owner: Self.gone, at: Self.time)
        upload.path = "f.img"
        #expect(upload.resumeRequest == nil)
        #expect(Self.download("abs").resumeRequest != nil)
    }

    /// A new download takes up an interrupted one only when it is the same image in the same cloud, region and project.
    @Test func aDownloadOfAnotherImageOrScopeToTheSameFileStartsItsOwnEntry() throws {
        defer { cleanUp() }
        let journal = TransferJournal(directory: directory)
        journal.write(Self.download("dead"))
        let job = DownloadJob(imageID: "img-other", destination: "/srv/dead.raw")
        let otherImage = journal.begin(.download(job), title: "x", session: Self.session)
        #expect(otherImage.entry.id != "dead")
        var elsewhere = Self.session
        elsewhere.region = "RegionTwo"
        let sameImage = DownloadJob(imageID: "img-dead", destination: "/srv/dead.raw")
        #expect(journal.begin(.download(sameImage), title: "x", session: elsewhere).entry.id != "dead")
        elsewhere = Self.session
        elsewhere.projectName = "demo2"
        #expect(journal.begin(.download(sameImage), title: "x", session: elsewhere).entry.id != "dead")
        elsewhere = Self.session
        elsewhere.cloud = "devcloud-alt"
        #expect(journal.begin(.download(sameImage), title: "x", session: elsewhere).entry.id != "dead")
        let dead = try #require(journal.read().entries.first { $0.id == "dead" })
        #expect(dead.state == .running && dead.owner == Self.gone, "left to be resumed")
    }

    /// A download that took up an interrupted entry and was then refused (the file exists, say)
    /// leaves that entry interrupted, not deleted.
    @Test func aRefusedDownloadLeavesTheEntryItClaimed() throws {
        defer { cleanUp() }
        let journal = TransferJournal(directory: directory)
        journal.write(Self.download("dead"))
        let again = journal.begin(.download(DownloadJob(imageID: "img-dead", destination: "/srv/dead.raw")), title: "x",
                                  session: Self.session)
        #expect(again.entry.id == "dead")
        again.withdrawn()
        let entry = try #require(journal.read().entries.first { $0.id == "dead" })
        #expect(entry.state == .interrupted)
        let fresh = journal.begin(.download(DownloadJob(imageID: "img-new", destination: "/srv/new.raw")), title: "x",
                                  session: Self.session)
        fresh.withdrawn()
        #expect(journal.read().entries.map(\.id) == ["dead"], "a new one that never started leaves no trace")
    }
}

final class ManualClock: @unchecked Sendable {
    var now: Date
    init(_ now: Date) { self.now = now }
}
