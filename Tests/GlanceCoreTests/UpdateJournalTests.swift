import Foundation
import GlanceAPI
@testable import GlanceCore
import TerminalKit
import Testing

/// The journal's transfers in the transfers pane, through update(), checked exhaustively: an
/// earlier run's unfinished transfers listed as interrupted and counted, R resuming them (or
/// saying which cloud they belong to), D and `:dismiss` dropping them, `:resume`.
@Suite struct UpdateJournalTests {
    typealias Store = TestStore

    static let time = Date(timeIntervalSince1970: 1_796_040_000)
    static let gone = JournalEntry.Owner(pid: 4711, startTicks: 99, bootID: "b")
    static let cirrosID = "0b8e1f52-9c4d-4e0a-8f7b-1a2b3c4d5e6f"

    static func download(_ id: String, cloud: String = "devcloud-demo", region: String = "RegionOne",
                         project: String = "demo") -> JournalEntry {
        var session = Fixture.session
        session.cloud = cloud
        session.region = region
        session.projectName = project
        var entry = JournalEntry(id: id, request: .download(DownloadJob(imageID: cirrosID, destination: "/srv/\(id).qcow2")),
                                 title: "cirros", session: session, owner: gone, at: time)
        entry.state = .interrupted
        entry.bytesDone = 3 << 20
        entry.size = 8 << 20
        return entry
    }

    static func upload(_ id: String) -> JournalEntry {
        let job = UploadJob(file: "/srv/focal.img", target: .newImage(["name": .string("focal")]), method: .direct(store: nil))
        var entry = JournalEntry(id: id, request: .upload(job), title: "focal", session: Fixture.session, owner: gone, at: time)
        entry.imageID = "queued-1"
        entry.state = .interrupted
        return entry
    }

    /// The pane's row for a journal entry, as `journalRead` makes it.
    static func row(_ record: JournalEntry, id: Int, request: TransferRequest? = nil) -> TransferEntry {
        var entry = TransferEntry(id: TransferID(id), kind: record.kind, title: record.imageName, imageID: record.imageID,
                                  path: record.destination ?? record.path, request: request ?? record.resumeRequest!)
        entry.progress = TransferProgress(phase: .transferring, bytesDone: record.bytesDone, totalBytes: record.size)
        entry.outcome = .cancelled(partKept: record.partPath)
        entry.journalID = record.id
        entry.interruption = Interruption(cloud: record.cloud, region: record.region, project: record.project, at: record.updated,
                                          ownerPID: 4711)
        return entry
    }

    /// Signed in to devcloud-demo (project demo), one image listed.
    func store() -> Store {
        var state = AppState(cloudName: "devcloud-demo", size: TerminalSize(width: 80, height: 24))
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(Fixture.session))
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: Fixture.images(1), next: nil)))
        _ = Update.update(&state, .spinnerTicked)
        return Store(state: state)
    }

    /// The journal read with `entries`, then `t`.
    func opened(_ entries: [JournalEntry]) -> Store {
        var s = store()
        _ = Update.update(&s.state, .journalRead(entries, problems: []))
        _ = Update.update(&s.state, .keyPressed(.char("t")))
        return s
    }

    @Test func anEarlierRunsUnfinishedTransfersAreListedInterruptedAndCounted() {
        var s = store()
        let a = Self.download("aaaa0001"), b = Self.upload("bbbb0002")
        s.send(.journalRead([a, b], problems: [])) {
            $0.transfers.entries = [Self.row(a, id: 1), Self.row(b, id: 2)]
            $0.transfers.nextID = 3
            $0.notice = "2 interrupted transfers from an earlier run: t lists them, R resumes"
        }
        #expect(s.state.transfers.interrupted.count == 2)
        #expect(s.state.transfers.running.isEmpty, "an interrupted transfer is not running: quitting does not ask about it")
        #expect(s.state.transfers.entries[1].request == .upload(UploadJob(file: "/srv/focal.img", target: .existing("queued-1"),
                                                                           method: .direct(store: nil))),
                "an upload restarts into the image it created")
        s.key("t") { $0.screen = .transfers; $0.notice = nil }
        // Read again (a second read must not list them twice).
        s.send(.journalRead([a], problems: []))
    }

    @Test func theyComeBeforeThisRunsTransfersAndTheSelectionStaysOnItsRow() {
        var s = store()
        _ = Update.update(&s.state, .keyPressed(.char("d")))
        _ = Update.update(&s.state, .keyPressed(.enter))
        #expect(s.state.transfers.entries.count == 1 && s.state.transfers.selection == 0)
        let a = Self.download("aaaa0001")
        let started = s.state.transfers.entries[0]
        s.send(.journalRead([a], problems: [])) {
            $0.transfers.entries = [Self.row(a, id: 2), started]
            $0.transfers.selection = 1
            $0.transfers.nextID = 3
            $0.notice = "1 interrupted transfer from an earlier run: t lists them, R resumes"
        }
    }

    @Test func aJournalFileSetAsideIsReportedAsAnError() {
        var s = store()
        s.send(.journalRead([], problems: ["x.json is not JSON; set aside as x.json.corrupt", "y.json is damaged; set aside as y.json.corrupt"])) {
            $0.notice = "Transfer journal: x.json is not JSON; set aside as x.json.corrupt (and 1 more)"
        }
    }

    @Test func rResumesAnInterruptedDownloadInItsRow() {
        let a = Self.download("aaaa0001")
        var s = opened([a])
        s.key("R", effects: [.resumeTransfer(TransferID(2), journalID: "aaaa0001",
                                             .download(DownloadJob(imageID: Self.cirrosID, destination: "/srv/aaaa0001.qcow2")))]) {
            var row = Self.row(a, id: 2)
            row.outcome = nil
            row.interruption = nil
            row.progress = TransferProgress(phase: .preparing)
            row.scope = CloudScope(Fixture.session)
            $0.transfers.entries = [row]
            $0.transfers.nextID = 3
            $0.notice = "Resuming: download cirros from its .part (t shows transfers)"
        }
        #expect(s.state.transfers.running.count == 1 && s.state.transfers.interrupted.isEmpty)
        // It runs and ends as any transfer does; R on it now, done, says so and starts nothing.
        s.send(.transferFinished(TransferID(2), .completed(location: "/srv/aaaa0001.qcow2", bytes: 8 << 20,
                                                           verification: .verified(["md5", "sha512"])))) {
            $0.transfers.entries[0].outcome = .completed(location: "/srv/aaaa0001.qcow2", bytes: 8 << 20,
                                                          verification: .verified(["md5", "sha512"]))
            $0.notice = "Saved /srv/aaaa0001.qcow2 (verified md5+sha512)"
        }
        s.key("R") { $0.notice = "cirros is done (verified md5+sha512): nothing to start again" }
    }

    @Test func rRestartsAnInterruptedUploadIntoItsQueuedImage() {
        let b = Self.upload("bbbb0002")
        var s = opened([b])
        let job = UploadJob(file: "/srv/focal.img", target: .existing("queued-1"), method: .direct(store: nil))
        s.key("R", effects: [.resumeTransfer(TransferID(2), journalID: "bbbb0002", .upload(job))]) {
            var row = Self.row(b, id: 2)
            row.outcome = nil
            row.interruption = nil
            row.progress = TransferProgress(phase: .preparing)
            row.scope = CloudScope(Fixture.session)
            $0.transfers.entries = [row]
            $0.transfers.nextID = 3
            $0.notice = "Restarting: upload focal into the queued image queued-1 (t shows transfers)"
        }
    }

    @Test func downloadingToTheFileAnInterruptedOneWasWritingTakesThatOneUp() {
        var a = Self.download("aaaa0001")
        a.imageID = "img-0"
        var s = opened([a])
        _ = Update.update(&s.state, .keyPressed(.escape))
        s.key("d") {
            $0.prompt.input = .transfer(.downloadPath(imageID: "img-0", name: "img 0"), LineEditor("img 0"))
        }
        let job = DownloadJob(imageID: "img-0", destination: "/srv/aaaa0001.qcow2")
        s.key(.ctrl("u")) { $0.prompt.input = .transfer(.downloadPath(imageID: "img-0", name: "img 0"), LineEditor()) }
        for ch in "/srv/aaaa0001.qcow" { _ = Update.update(&s.state, .keyPressed(.char(ch))) }
        s.key("2", effects: []) {
            $0.prompt.input = .transfer(.downloadPath(imageID: "img-0", name: "img 0"), LineEditor("/srv/aaaa0001.qcow2"))
        }
        s.key(.enter, effects: [.resumeTransfer(TransferID(2), journalID: "aaaa0001", .download(job))]) {
            $0.prompt.input = .keys
            $0.transfers.entries[0].id = TransferID(2)
            $0.transfers.entries[0].request = .download(job)
            $0.transfers.entries[0].outcome = nil
            $0.transfers.entries[0].interruption = nil
            $0.transfers.entries[0].progress = TransferProgress(phase: .preparing)
            $0.transfers.entries[0].scope = CloudScope(Fixture.session)
            $0.transfers.nextID = 3
            $0.notice = "Resuming: download cirros from its .part (t shows transfers)"
        }
        #expect(s.state.transfers.entries.count == 1, "one row, one .part")
    }

    @Test func rOnAnotherCloudsEntrySaysWhereItBelongsAndStartsNothing() {
        var s = opened([Self.download("cccc0003", cloud: "devcloud-alt", project: "alt")])
        s.key("R") {
            $0.notice = "cirros belongs to cloud devcloud-alt; this browser is on devcloud-demo: resume it there "
                + "(:cloud devcloud-alt, or glance-tui resume cccc0003)"
        }
        #expect(s.state.transfers.interrupted.count == 1)
    }

    @Test func rOnAnotherProjectsEntrySaysSo() {
        var s = opened([Self.download("dddd0004", project: "admin")])
        s.key("R") {
            $0.notice = "cirros belongs to project admin of devcloud-demo; this browser is on project demo "
                + "(:project admin, or glance-tui resume dddd0004)"
        }
    }

    /// A journal the runner cannot write is said in the status bar (the runner posts it once).
    @Test func aJournalThatCannotBeWrittenIsSaid() {
        var s = store()
        s.send(.journalWriteFailed("cannot create /ro/glance-tui/transfers: Permission denied")) {
            $0.lastError = "Transfer journal: cannot create /ro/glance-tui/transfers: Permission denied "
                + "(transfers go on, but one cut short cannot be resumed)"
        }
    }

    /// The journal keeps whole paths; the prompt takes what is typed, relative to where the
    /// browser runs: the same file either way takes the interrupted entry up, as the runner's claim does.
    @Test func aRelativePathToAnInterruptedOnesFileTakesThatOneUp() {
        var a = Self.download("aaaa0001")
        a.imageID = "img-0"
        a.destination = FileManager.default.currentDirectoryPath + "/jf-aaaa0001.qcow2"
        a.path = a.destination.map { $0 + ".part" }
        var s = opened([a])
        downloadListed(&s, to: "jf-aaaa0001.qcow2")
        let job = DownloadJob(imageID: "img-0", destination: "jf-aaaa0001.qcow2")
        s.key(.enter, effects: [.resumeTransfer(TransferID(2), journalID: "aaaa0001", .download(job))]) {
            $0.prompt.input = .keys
            $0.transfers.entries[0].id = TransferID(2)
            $0.transfers.entries[0].request = .download(job)
            $0.transfers.entries[0].outcome = nil
            $0.transfers.entries[0].interruption = nil
            $0.transfers.entries[0].progress = TransferProgress(phase: .preparing)
            $0.transfers.entries[0].scope = CloudScope(Fixture.session)
            $0.transfers.nextID = 3
            $0.notice = "Resuming: download cirros from its .part (t shows transfers)"
        }
    }

    /// Downloads `img-0` (the listed image) to `path` through the `d` prompt.
    func downloadListed(_ s: inout Store, to path: String) {
        _ = Update.update(&s.state, .keyPressed(.escape))
        _ = Update.update(&s.state, .keyPressed(.char("d")))
        _ = Update.update(&s.state, .keyPressed(.ctrl("u")))
        for ch in path { _ = Update.update(&s.state, .keyPressed(.char(ch))) }
    }

    /// The new download's own row, as `startTransfer` adds it.
    static func fresh(_ job: DownloadJob, id: Int) -> TransferEntry {
        var row = TransferEntry(id: TransferID(id), kind: .download, title: "img 0", imageID: job.imageID, path: job.destination,
                                request: .download(job))
        row.scope = CloudScope(Fixture.session)
        return row
    }

    /// Another image to the same file is a download of its own: the interrupted row (its request,
    /// its .part) is left as it was, to be resumed or dropped.
    @Test func downloadingAnotherImageToAnInterruptedOnesFileLeavesThatOneAlone() {
        let a = Self.download("aaaa0001")
        var s = opened([a])
        downloadListed(&s, to: "/srv/aaaa0001.qcow2")
        let job = DownloadJob(imageID: "img-0", destination: "/srv/aaaa0001.qcow2")
        s.key(.enter, effects: [.startTransfer(TransferID(2), .download(job))]) {
            $0.prompt.input = .keys
            $0.transfers.entries.append(Self.fresh(job, id: 2))
            $0.transfers.selection = 1
            $0.transfers.nextID = 3
            $0.notice = "Started: download img 0 (t shows transfers)"
        }
        #expect(s.state.transfers.entries[0] == Self.row(a, id: 1))
    }

    /// Nor is the same image's download taken up when its entry belongs to another region: it
    /// would resume into the wrong place, and its row would be rewritten before being refused.
    @Test func downloadingToAnotherRegionsInterruptedFileLeavesThatOneAlone() {
        var a = Self.download("aaaa0001", region: "RegionTwo")
        a.imageID = "img-0"
        var s = opened([a])
        downloadListed(&s, to: "/srv/aaaa0001.qcow2")
        let job = DownloadJob(imageID: "img-0", destination: "/srv/aaaa0001.qcow2")
        s.key(.enter, effects: [.startTransfer(TransferID(2), .download(job))]) {
            $0.prompt.input = .keys
            $0.transfers.entries.append(Self.fresh(job, id: 2))
            $0.transfers.selection = 1
            $0.transfers.nextID = 3
            $0.notice = "Started: download img 0 (t shows transfers)"
        }
        #expect(s.state.transfers.entries[0] == Self.row(a, id: 1))
    }

    /// R on a finished transfer of another region or project names the part that differs.
    @Test(arguments: [
        (CloudScope(cloud: "devcloud-demo", region: "RegionTwo", project: "demo"), "devcloud-demo/RegionTwo/demo", ":region RegionTwo"),
        (CloudScope(cloud: "devcloud-demo", region: "RegionOne", project: "demo2"), "devcloud-demo/demo2", ":project demo2"),
        (CloudScope(cloud: "devcloud-alt", region: "RegionOne", project: "alt"), "devcloud-alt/alt", ":cloud devcloud-alt"),
    ])
    func rOnAFinishedTransferElsewhereNamesWhatDiffers(scope: CloudScope, label: String, command: String) {
        var s = store()
        var failed = TransferEntry(id: TransferID(1), kind: .download, title: "img 0", imageID: "img-0", path: "/srv/img0.raw",
                                   request: .download(DownloadJob(imageID: "img-0", destination: "/srv/img0.raw")))
        failed.scope = scope
        failed.outcome = .failed(message: "cut", partKept: nil)
        s.state.transfers.entries = [failed]
        s.state.screen = .transfers
        s.key("R") {
            $0.lastError = "img 0 belongs to \(label): switch back there (\(command)) to start it again"
        }
    }

    /// An entry an older glance-tui wrote with a relative path cannot say which file it meant.
    @Test func anEntryWithARelativePathIsNotListedAndSaysWhy() {
        var s = store()
        var a = Self.download("aaaa0001")
        a.destination = "cirros.img"
        a.path = "cirros.img.part"
        s.send(.journalRead([a], problems: [])) {
            $0.notice = "Transfer journal: entry aaaa0001 names a relative path (cirros.img), so it cannot be resumed"
        }
    }

    /// The region is part of where an entry belongs: resumed in another, an upload interrupted
    /// before its image was created would create one there, a download would get a 404.
    @Test func rOnAnotherRegionsEntrySaysSoAndStartsNothing() {
        var s = opened([Self.download("eeee0005", region: "RegionTwo")])
        s.key("R") {
            $0.notice = "cirros belongs to region RegionTwo of devcloud-demo; this browser is on region RegionOne "
                + "(:region RegionTwo, or glance-tui resume eeee0005)"
        }
        #expect(s.state.transfers.interrupted.count == 1)
    }

    /// The journal is read again after every sign-in, in the background: a read that began before
    /// a D and answers after it does not bring the dropped entry back.
    @Test func aReadThatRacedADismissDoesNotBringTheEntryBack() {
        let a = Self.download("aaaa0001"), b = Self.upload("bbbb0002")
        var s = opened([a])
        _ = Update.update(&s.state, .keyPressed(.char("D")))
        #expect(s.state.transfers.entries.isEmpty)
        s.state.notice = nil
        let before = s.state
        _ = Update.update(&s.state, .journalRead([a, b], problems: []))
        #expect(s.state.transfers.entries.map(\.journalID) == ["bbbb0002"], "only the entry not dropped is listed")
        #expect(s.state.notice == "1 interrupted transfer from an earlier run: t lists them, R resumes")
        s.state = before
        _ = Update.update(&s.state, .journalRead([a], problems: []))
        #expect(s.state.transfers.entries.isEmpty && s.state.notice == nil)
    }

    @Test func dDropsAnInterruptedEntryKeepingItsPart() {
        var s = opened([Self.download("aaaa0001"), Self.upload("bbbb0002")])
        s.key("D", effects: [.dismissJournalEntry("aaaa0001")]) {
            $0.transfers.entries.removeFirst()
            $0.transfers.dismissed = ["aaaa0001"]
            $0.notice = "Dropped download cirros from the journal; its .part is kept: /srv/aaaa0001.qcow2.part "
                + "(delete it, or download to the same file to resume)"
        }
        s.key("D", effects: [.dismissJournalEntry("bbbb0002")]) {
            $0.transfers.entries = []
            $0.transfers.dismissed = ["aaaa0001", "bbbb0002"]
            $0.notice = "Dropped upload focal from the journal; the queued image queued-1 it created is left (D in the list deletes it)"
        }
        // An empty pane: nothing to drop, and the last notice is cleared as by any key.
        s.key("D") { $0.notice = nil }
    }

    @Test func dOnATransferOfThisRunOnlyExplains() {
        var s = store()
        _ = Update.update(&s.state, .keyPressed(.char("d")))
        _ = Update.update(&s.state, .keyPressed(.enter))
        _ = Update.update(&s.state, .transferFinished(TransferID(1), .failed(message: "gone", partKept: nil)))
        s.key("t") { $0.screen = .transfers; $0.notice = nil }
        s.key("D") { $0.notice = "D drops an interrupted transfer; img 0 is not one (c clears finished ones)" }
    }

    @Test func cClearsFinishedTransfersButKeepsInterruptedOnes() {
        var s = opened([Self.download("aaaa0001")])
        let interrupted = s.state.transfers.entries[0]
        _ = Update.update(&s.state, .keyPressed(.escape))
        _ = Update.update(&s.state, .keyPressed(.char("d")))
        _ = Update.update(&s.state, .keyPressed(.enter))
        _ = Update.update(&s.state, .transferFinished(TransferID(2), .failed(message: "gone", partKept: nil)))
        s.key("t") { $0.screen = .transfers; $0.notice = nil }
        s.key("c") {
            $0.transfers.entries = [interrupted]
            $0.transfers.selection = 0
        }
    }

    @Test func resumeAllResumesWhatBelongsHereAndSaysWhatDoesNot() {
        var s = opened([Self.download("aaaa0001"), Self.download("cccc0003", cloud: "devcloud-alt")])
        _ = Update.update(&s.state, .keyPressed(.char(":")))
        for ch in "resume all" { _ = Update.update(&s.state, .keyPressed(.char(ch))) }
        s.key(.enter, effects: [.resumeTransfer(TransferID(3), journalID: "aaaa0001",
                                                .download(DownloadJob(imageID: Self.cirrosID, destination: "/srv/aaaa0001.qcow2")))]) {
            $0.prompt.input = .keys
            $0.prompt.history = ["resume all"]
            $0.transfers.entries[0].id = TransferID(3)
            $0.transfers.entries[0].outcome = nil
            $0.transfers.entries[0].interruption = nil
            $0.transfers.entries[0].progress = TransferProgress(phase: .preparing)
            $0.transfers.entries[0].scope = CloudScope(Fixture.session)
            $0.transfers.nextID = 4
            $0.notice = "Resuming 1 interrupted transfer; not 1: cirros belongs to cloud devcloud-alt; this browser is on "
                + "devcloud-demo: resume it there (:cloud devcloud-alt, or glance-tui resume cccc0003)"
        }
    }

    @Test func resumeOfAnUnknownIdStaysOnTheLineListingTheKnownOnes() {
        var s = opened([Self.download("aaaa0001")])
        _ = Update.update(&s.state, .keyPressed(.char(":")))
        for ch in "resume zzz" { _ = Update.update(&s.state, .keyPressed(.char(ch))) }
        s.key(.enter) {
            $0.prompt.input = .command(LineEditor("resume zzz"))
            $0.prompt.history = ["resume zzz"]
            $0.prompt.message = "No interrupted transfer zzz (interrupted: aaaa0001, or all)"
        }
    }

    @Test func dismissByIdDropsThatOne() {
        var s = opened([Self.download("aaaa0001"), Self.download("cccc0003", cloud: "devcloud-alt")])
        _ = Update.update(&s.state, .keyPressed(.char(":")))
        for ch in "dismiss cccc0003" { _ = Update.update(&s.state, .keyPressed(.char(ch))) }
        s.key(.enter, effects: [.dismissJournalEntry("cccc0003")]) {
            $0.prompt.input = .keys
            $0.prompt.history = ["dismiss cccc0003"]
            $0.transfers.entries.removeLast()
            $0.transfers.dismissed = ["cccc0003"]
            $0.notice = "Dropped download cirros from the journal; its .part is kept: /srv/cccc0003.qcow2.part "
                + "(delete it, or download to the same file to resume)"
        }
    }

    @Test func tabCompletesTheInterruptedIds() {
        var s = opened([Self.download("aaaa0001"), Self.download("aabb0005")])
        _ = Update.update(&s.state, .keyPressed(.char(":")))
        for ch in "resume a" { _ = Update.update(&s.state, .keyPressed(.char(ch))) }
        s.key(.tab) { $0.prompt.candidates = ["aaaa0001", "aabb0005", "all"] }
        #expect(CommandCompletion.complete("dismiss aab", views: [], interrupted: ["aaaa0001", "aabb0005"]).insert == "b0005")
    }

    @Test func withNothingInterruptedTheCommandsSaySo() {
        var s = store()
        _ = Update.update(&s.state, .keyPressed(.char(":")))
        for ch in "resume all" { _ = Update.update(&s.state, .keyPressed(.char(ch))) }
        s.key(.enter) {
            $0.prompt.input = .keys
            $0.prompt.history = ["resume all"]
            $0.notice = "No interrupted transfer to resume"
        }
    }
}
