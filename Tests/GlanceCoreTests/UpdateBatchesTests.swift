import Foundation
import GlanceAPI
@testable import GlanceCore
import TerminalKit
import Testing

/// Writes to many images through update(), exhaustively: marking, planning and confirming,
/// each image's outcome, the finish, cancel, retry and undo — every state change and effect.
@Suite struct UpdateBatchesTests {
    static let time = Date(timeIntervalSince1970: 1_796_000_000)
    static let writer = ImageWrite.Writer(projectID: "p1", isAdmin: false)

    static func image(_ n: Int, protected: Bool = false) -> Image {
        Image(id: "img-\(n)", name: "web-\(n)", status: .active,
              fields: ["owner": .string("p1"), "visibility": .string("private"), "protected": .bool(protected),
                       "os_hidden": .bool(false), "updated_at": .string("2026-12-01T10:00:00Z")])
    }

    /// Signed in (a v2 session), four images listed, the second protected.
    func store() -> TestStore {
        var state = AppState(cloudName: "c", size: TerminalSize(width: 100, height: 24))
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(Fixture.session(.v2)))
        let images = [Self.image(1), Self.image(2, protected: true), Self.image(3), Self.image(4)]
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: images, next: nil)))
        _ = Update.update(&state, .spinnerTicked)
        return TestStore(state: state)
    }

    func command(_ s: inout TestStore, _ text: String, effects: [Effect] = [], _ change: (inout AppState) -> Void) {
        _ = Update.update(&s.state, .keyPressed(.char(":")))
        for ch in text { _ = Update.update(&s.state, .keyPressed(.char(ch))) }
        s.key(.enter, effects: effects) {
            $0.prompt.input = .keys
            $0.prompt.message = nil
            $0.prompt.candidates = []
            if $0.prompt.history.last != text { $0.prompt.history.append(text) }
            $0.prompt.historyIndex = nil
            change(&$0)
        }
    }

    @Test func spaceMarksAndMovesDownAndMarksSurviveARefreshByID() {
        var s = store()
        let first = s.state.catalog.images[0], second = s.state.catalog.images[1]
        s.key(" ") { $0.catalog.marks.toggle(first); $0.catalog.cursor.cursor = 1 }
        s.key(" ") { $0.catalog.marks.toggle(second); $0.catalog.cursor.cursor = 2 }
        s.key(" ") { $0.catalog.marks.toggle($0.catalog.images[2]); $0.catalog.cursor.cursor = 3 }
        s.key("*") {
            $0.catalog.marks.invert(within: $0.catalog.images)
            $0.notice = "1 marked"
        }
        #expect(s.state.catalog.marks.ids == ["img-4"])
        s.key(.ctrl("n")) { $0.catalog.marks.clear(); $0.notice = "No image marked" }
        s.key(.ctrl("a")) { $0.catalog.marks.mark($0.catalog.images); $0.notice = "4 marked" }
        // A reload with a newer copy of a marked image keeps the mark and the newer copy.
        s.key("r", effects: [.loadImages(RequestID(2), .first(query: ImageQuery(), limit: 22)), .scheduleSpinnerTick]) {
            $0.catalog.listing = .loading(RequestID(2), pages: 0)
            $0.requestsInFlight = [RequestID(2)]
            $0.nextRequest = 3
            $0.spinnerScheduled = true
            $0.notice = nil
        }
        #expect(s.state.catalog.marks.count == 4)
    }

    @Test func aBatchIsPlannedConfirmedRunAndEachImageReported() {
        var s = store()
        _ = Update.update(&s.state, .keyPressed(.ctrl("a")))
        let plan = try? BatchPlan.make(.protected(true), targets: s.state.catalog.images, session: Fixture.session(.v2)).get()
        command(&s, "protect") { $0.confirmation = plan.map(Confirmation.init(batch:)) }
        #expect(s.state.confirmation?.question
                == "protect on 3 images (web-1, web-3, web-4); 1 left out: web-2 (already protected) — y runs it, any other key cancels")
        let items = plan?.items ?? []
        s.key("y", effects: [.runBatch(BatchID(1), items, concurrency: 4, writer: Self.writer)]) {
            $0.confirmation = nil
            var batch = Batch(id: BatchID(1), title: "protect", items: items)
            batch.rows.append(Batch.Row(imageID: "img-2", name: "web-2", outcome: .skipped("already protected")))
            $0.batches.batches = [batch]
            $0.batches.nextBatch = 2
            $0.notice = "protect: 3 images (:batches shows each)"
        }
        let before = Self.image(1)
        let record = WriteRecord(.protected(true), imageID: "img-1", imageName: "web-1", outcome: .done(before: before),
                                 requests: ["PATCH /v2/images/img-1 → 200"], session: s.state.session!, time: Self.time)
        s.send(.batchItemFinished(BatchID(1), imageID: "img-1", .done(before: before), requests: ["PATCH /v2/images/img-1 → 200"],
                                  at: Self.time), effects: [.appendAudit(record)]) {
            $0.batches.batches[0].rows[0].outcome = .done(before: before)
            $0.batches.log = [record]
        }
        let conflict = BatchOutcome.conflict(["protected is now true (was false)"])
        let conflictRecord = WriteRecord(.protected(true), imageID: "img-3", imageName: "web-3", outcome: conflict,
                                         requests: ["GET /v2/images/img-3 → 200"], session: s.state.session!, time: Self.time)
        s.send(.batchItemFinished(BatchID(1), imageID: "img-3", conflict, requests: ["GET /v2/images/img-3 → 200"], at: Self.time),
               effects: [.appendAudit(conflictRecord)]) {
            $0.batches.batches[0].rows[1].outcome = conflict
            $0.batches.log.append(conflictRecord)
        }
        // The batch ends: img-4 never reported (cancelled), the list reloads to show the changes.
        s.send(.batchFinished(BatchID(1)), effects: [.loadImages(RequestID(2), .first(query: ImageQuery(), limit: 22)),
                                                     .scheduleSpinnerTick]) {
            $0.batches.batches[0].rows[2].outcome = .cancelled
            $0.batches.batches[0].finished = true
            $0.lastError = "protect: 1 done, 1 skipped, 1 conflict, 1 cancelled · :batches shows why, R there retries"
            $0.catalog.listing = .loading(RequestID(2), pages: 0)
            $0.requestsInFlight = [RequestID(2)]
            $0.nextRequest = 3
            $0.spinnerScheduled = true
        }
    }

    @Test func aDeleteWantsItsCountTypedAndAnythingElseDeletesNothing() {
        var s = store()
        _ = Update.update(&s.state, .keyPressed(.ctrl("a")))
        let plan = try? BatchPlan.make(.delete, targets: s.state.catalog.images, session: Fixture.session(.v2)).get()
        guard var plan else { Issue.record("no plan"); return }
        // Compute is asked first: the count is typed once it answers, its warning in the dialog.
        let targets = plan.items.compactMap { item in s.state.catalog.images.first { $0.id == item.imageID } }
        command(&s, "delete", effects: [.countServers(RequestID(2), targets), .scheduleSpinnerTick]) {
            $0.useCheck = UseCheck(id: RequestID(2), pending: .typedCount(plan))
            $0.notice = "Asking Compute whether servers use them…"
            $0.requestsInFlight = [RequestID(2)]
            $0.nextRequest = 3
            $0.spinnerScheduled = true
        }
        s.send(.serversCounted(RequestID(2), .checked(counts: ["img-3": 1], unknown: [], scope: "all projects"), ids: targets.map(\.id))) {
            plan.warning = "IN USE: 1 of 3 boot 1 server"
            $0.useCheck = nil
            $0.notice = nil
            $0.requestsInFlight = []
            $0.prompt.input = .typedConfirmation(plan, LineEditor())
        }
        s.key("y") { $0.prompt.input = .typedConfirmation(plan, LineEditor("y")) }
        s.key(.enter) {
            $0.prompt.input = .typedConfirmation(plan, LineEditor())
            $0.prompt.message = "Type 3 to delete them (or Esc)"
        }
        s.key("3") { $0.prompt.input = .typedConfirmation(plan, LineEditor("3")) }
        s.key(.enter, effects: [.runBatch(BatchID(1), plan.items, concurrency: 4, writer: Self.writer)]) {
            $0.prompt.input = .keys
            $0.prompt.message = nil
            var batch = Batch(id: BatchID(1), title: "delete", items: plan.items)
            batch.rows.append(Batch.Row(imageID: "img-2", name: "web-2", outcome: .skipped("protected (unprotect it first)")))
            $0.batches.batches = [batch]
            $0.batches.nextBatch = 2
            $0.notice = "delete: 3 images (:batches shows each)"
        }
    }

    @Test func zUndoesTheLastBatchAfterAskingAndNotTheSameOneTwice() throws {
        var s = store()
        let before = Self.image(1)
        var hide = Batch(id: BatchID(1), title: "hide", items: [BatchItem(.hidden(true), on: before)])
        hide.rows[0].outcome = .done(before: before)
        hide.finished = true
        s.state.batches.batches = [hide]
        s.state.batches.nextBatch = 2
        let undo = try #require(hide.undo(id: BatchID(2)))
        s.key("z") { $0.confirmation = Confirmation(undo: undo) }
        s.key("y", effects: [.runBatch(BatchID(2), undo.items, concurrency: 4, writer: Self.writer)]) {
            $0.confirmation = nil
            $0.batches.batches.append(undo)
            $0.batches.undone = [BatchID(1)]
            $0.batches.nextBatch = 3
            $0.notice = "undo hide: 1 image (:batches shows each)"
        }
        #expect(undo.items.map(\.write) == [.hidden(false)])
        s.key("z") { $0.notice = "Nothing to undo (a delete cannot be undone)" }
    }

    @Test func aReadOnlySessionRefusesEveryWriteCommandAndSendsNothing() {
        var s = store()
        s.state.connection = .signedIn({ var ro = Fixture.session(.v2); ro.readOnly = true; return ro }())
        command(&s, "tag +release") { $0.notice = "read-only: tags refused (this session does not write)" }
        command(&s, "delete") { $0.notice = "read-only: deleting images refused (this session does not write)" }
        // The keys of every write say the same, and reading still works.
        s.key("e") { $0.notice = "e: read-only: editing properties refused (this session does not write)" }
        s.key("X") { $0.notice = "X: read-only: deactivation refused (this session does not write)" }
        s.key("d") {
            $0.notice = nil
            $0.prompt.input = .transfer(.downloadPath(imageID: "img-1", name: "web-1"), LineEditor("web-1"))
        }
    }

    @Test func cancellingTheShownBatchStopsItBetweenImages() {
        var s = store()
        let items = [BatchItem(.hidden(true), on: Self.image(1))]
        s.state.batches.batches = [Batch(id: BatchID(1), title: "hide", items: items)]
        s.state.batches.nextBatch = 2
        _ = Update.update(&s.state, .keyPressed(.char(":")))
        for ch in "batches" { _ = Update.update(&s.state, .keyPressed(.char(ch))) }
        _ = Update.update(&s.state, .keyPressed(.enter))
        #expect(s.state.screen == .batches)
        s.key("x", effects: [.cancelBatch(BatchID(1))]) {
            $0.batches.batches[0].cancelRequested = true
            $0.notice = "Cancelling hide: images not started are not written"
        }
        // Esc goes back and clears the notice, as any key of the table does.
        s.key(.escape) { $0.screen = .list; $0.notice = nil }
    }

    @Test func withImagesMarkedTheImageKeysWriteToAllOfThem() {
        var s = store()
        _ = Update.update(&s.state, .keyPressed(.ctrl("a")))
        let plan = try? BatchPlan.make(.active(false), targets: s.state.catalog.images, session: Fixture.session(.v2)).get()
        press(.char("X"), &s.state, answering: .checked(counts: [:], unknown: ["img-1"], scope: "project demo"))
        #expect(s.state.confirmation == plan.map(Confirmation.init(batch:)).map { $0.warned(nil, note: "1 image's use by other projects' servers cannot be seen") })
        #expect(s.state.confirmation?.question.hasPrefix("deactivate on 4 images (web-1, web-2, web-3 and 1 more)") == true)
        #expect(s.state.confirmation?.question.hasSuffix("(1 image's use by other projects' servers cannot be seen)") == true)
    }

    @Test func quittingWhileABatchRunsAsksAndThenCancelsIt() {
        var s = store()
        s.state.batches.batches = [Batch(id: BatchID(1), title: "hide", items: [BatchItem(.hidden(true), on: Self.image(1))])]
        s.key("q") {
            $0.confirmation = Confirmation(question: "y quits and cancels the running batch (images not started are not written), any other key stays",
                                           transferStep: .quitCancellingTransfers)
        }
        s.key("y", effects: [.cancelBatch(BatchID(1)), .quit]) {
            $0.confirmation = nil
            $0.quitting = true
        }
    }

    @Test func aSingleWriteIsKeptSoZCanUndoIt() throws {
        var s = store()
        let before = Self.image(1)
        let write = ImageWrite.active(false)
        var kept = Batch(id: BatchID(1), title: "deactivate",
                         items: [BatchItem(imageID: "img-1", name: "web-1", write: write, guarded: write.guardFrom(before))])
        kept.rows[0].outcome = .done(before: before)
        kept.finished = true
        s.send(.singleWriteDone(write, imageID: "img-1", name: "web-1", before: before)) {
            $0.batches.batches = [kept]
            $0.batches.nextBatch = 2
        }
        let undo = try #require(kept.undo(id: BatchID(2)))
        #expect(undo.items.map(\.write) == [.active(true)])
        s.key("z") { $0.confirmation = Confirmation(undo: undo) }
    }
}
