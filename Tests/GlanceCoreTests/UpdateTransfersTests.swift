import GlanceAPI
@testable import GlanceCore
import TerminalKit
import Testing

/// Downloads, uploads, copies and the transfers pane through update(), checked exhaustively:
/// every step states the whole change to the state and exactly the effects it asks for, in the
/// manner of swift-composable-architecture's TestStore.
@Suite struct UpdateTransfersTests {
    typealias Store = TestStore

    static let cirrosID = "0b8e1f52-9c4d-4e0a-8f7b-1a2b3c4d5e6f"
    static let cirros = Image(id: cirrosID, name: "cirros", status: "active",
                              fields: ["disk_format": .string("qcow2"), "container_format": .string("bare"),
                                       "size": .number(21_430_272)])
    static let queued = Image(id: "9a9a9a9a-0000-4000-8000-000000000001", name: "empty", status: "queued")
    static let options = ImportOptions(
        methods: ["glance-direct", "web-download", "copy-image"],
        stores: [ImageStore(id: "fast", description: "SSD pool", isDefault: true), ImageStore(id: "cheap", description: "Swift")])
    static let uploadPath = "/srv/images/focal.img"
    static let qcow2Guess = FormatGuess(diskFormat: "qcow2", evidence: "QCOW2 header at byte 0")

    /// Signed in, two images listed (cirros active, then a queued one), nothing in flight.
    func store(size: TerminalSize = TerminalSize(width: 80, height: 24)) -> Store {
        var state = AppState(cloudName: "c", size: size)
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(Fixture.session))
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: [Self.cirros, Self.queued], next: nil)))
        _ = Update.update(&state, .spinnerTicked)
        #expect(state.requestsInFlight.isEmpty && !state.spinnerScheduled && state.screen == .list)
        return Store(state: state)
    }

    static func downloadJob(_ destination: String = "cirros.qcow2", overwrite: Bool = false) -> DownloadJob {
        DownloadJob(imageID: cirrosID, destination: destination, overwrite: overwrite)
    }

    static func downloadEntry(_ id: Int, _ destination: String = "cirros.qcow2", overwrite: Bool = false) -> TransferEntry {
        let job = downloadJob(destination, overwrite: overwrite)
        return TransferEntry(id: TransferID(id), kind: .download, title: "cirros", imageID: cirrosID, path: destination,
                             request: .download(job)).onDemo
    }

    /// d, Enter: a download of cirros to the suggested name, started as transfer `id`.
    func startDownload(_ s: inout Store, id: Int = 1, sourceLocation: SourceLocation = #_sourceLocation) {
        _ = Update.update(&s.state, .keyPressed(.char("d")))
        let effects = Update.update(&s.state, .keyPressed(.enter))
        #expect(effects == [.startTransfer(TransferID(id), .download(Self.downloadJob()))], sourceLocation: sourceLocation)
    }

    @Test func theHarnessFailsOnAnUnstatedChangeOrEffect() {
        var s = store()
        withKnownIssue("the prompt that d opens is not stated") { s.key("d") }
        var t = store()
        withKnownIssue("the .quit effect is not stated") { t.key("q") { $0.quitting = true } }
    }

    // MARK: Download

    @Test func dAsksWhereToSaveWithTheSuggestedNameAndEnterStartsExactlyOneDownload() {
        var s = store()
        s.key("d") {
            $0.prompt.input = .transfer(.downloadPath(imageID: Self.cirrosID, name: "cirros"), LineEditor("cirros.qcow2"))
        }
        #expect(DownloadName.suggested(for: Self.cirros) == "cirros.qcow2")
        s.key(.enter, effects: [.startTransfer(TransferID(1), .download(Self.downloadJob()))]) {
            $0.prompt.input = .keys
            $0.transfers.entries = [Self.downloadEntry(1)]
            $0.transfers.selection = 0
            $0.transfers.nextID = 2
            $0.notice = "Started: download cirros (t shows transfers)"
        }
        #expect(s.state.transfers.entries[0].isRunning && s.state.transfers.entries[0].progress == TransferProgress(phase: .preparing))
        #expect(s.state.screen == .list, "the download runs in the background; the list stays")
    }

    @Test func theSuggestedPathCanBeReplacedAndAnEmptyOneIsRefused() {
        var s = store()
        s.key("d") {
            $0.prompt.input = .transfer(.downloadPath(imageID: Self.cirrosID, name: "cirros"), LineEditor("cirros.qcow2"))
        }
        s.clearLine()
        s.key(.enter) { $0.prompt.message = "Type where to save the data" }
        s.type("/tmp/c.img")
        s.key(.enter, effects: [.startTransfer(TransferID(1), .download(Self.downloadJob("/tmp/c.img")))]) {
            $0.prompt.input = .keys
            $0.prompt.message = nil
            $0.transfers.entries = [Self.downloadEntry(1, "/tmp/c.img")]
            $0.transfers.nextID = 2
            $0.notice = "Started: download cirros (t shows transfers)"
        }
    }

    @Test func dOnAQueuedImageOnlyExplains() {
        var s = store()
        s.key("j") { $0.catalog.cursor.cursor = 1 }
        s.key("d") { $0.notice = "empty is queued: only active images have data to download" }
        #expect(s.state.prompt.input == .keys)
    }

    @Test func escapeOnThePromptCancelsWithoutAnEffect() {
        var s = store()
        s.key("d") {
            $0.prompt.input = .transfer(.downloadPath(imageID: Self.cirrosID, name: "cirros"), LineEditor("cirros.qcow2"))
        }
        s.key(.escape) { $0.prompt.input = .keys }
        #expect(s.state.transfers == TransfersState())
    }

    @Test func dOnTheDetailDownloadsTheImageShown() {
        var s = store()
        s.key(.enter, effects: [.loadImage(RequestID(2), imageID: Self.cirrosID), .scheduleSpinnerTick]) {
            $0.screen = .detail
            var detail = DetailState(image: Self.cirros.summary())
            detail.refresh = RequestID(2)
            $0.detail = detail
            $0.requestsInFlight = [RequestID(2)]
            $0.nextRequest = 3
            $0.spinnerScheduled = true
        }
        s.key("d") {
            $0.prompt.input = .transfer(.downloadPath(imageID: Self.cirrosID, name: "cirros"), LineEditor("cirros.qcow2"))
        }
    }

    @Test func progressUpdatesTheEntryAndAnUnknownIdChangesNothing() {
        var s = store()
        startDownload(&s)
        let progress = TransferProgress(phase: .transferring, bytesDone: 5_242_880, totalBytes: 21_430_272, rate: 2_097_152, eta: 8)
        s.send(.transferProgressed(TransferID(1), progress)) { $0.transfers.entries[0].progress = progress }
        s.send(.transferProgressed(TransferID(7), TransferProgress(phase: .verifying)))
        #expect(s.state.transfers.runningFraction == 5_242_880.0 / 21_430_272.0)
    }

    @Test func aCompletedDownloadSaysWhereItWasSavedAndHowItWasChecked() {
        var s = store()
        startDownload(&s)
        s.send(.transferProgressed(TransferID(1), TransferProgress(phase: .verifying, bytesDone: 21_000_000, totalBytes: 21_430_272))) {
            $0.transfers.entries[0].progress = TransferProgress(phase: .verifying, bytesDone: 21_000_000, totalBytes: 21_430_272)
        }
        let outcome = TransferOutcome.completed(location: "/home/demo/cirros.qcow2", bytes: 21_430_272,
                                                verification: .verified(["md5", "sha512"]))
        s.send(.transferFinished(TransferID(1), outcome)) {
            $0.transfers.entries[0].outcome = outcome
            $0.transfers.entries[0].progress.bytesDone = 21_430_272
            $0.notice = "Saved /home/demo/cirros.qcow2 (verified md5+sha512)"
        }
        #expect(s.state.transfers.running.isEmpty)
        // A late progress report for a finished transfer is ignored.
        s.send(.transferProgressed(TransferID(1), TransferProgress(phase: .transferring, bytesDone: 1)))
    }

    @Test func aFailedDownloadIsAnError() {
        var s = store()
        startDownload(&s)
        let outcome = TransferOutcome.failed(message: "sha512 mismatch: the data is kept as cirros.qcow2.corrupt",
                                             partKept: "cirros.qcow2.corrupt")
        s.send(.transferFinished(TransferID(1), outcome)) {
            $0.transfers.entries[0].outcome = outcome
            $0.lastError = "download cirros failed: sha512 mismatch: the data is kept as cirros.qcow2.corrupt"
        }
    }

    @Test func aCancelledDownloadSaysThePartIsKept() {
        var s = store()
        startDownload(&s)
        s.send(.transferFinished(TransferID(1), .cancelled(partKept: "cirros.qcow2.part"))) {
            $0.transfers.entries[0].outcome = .cancelled(partKept: "cirros.qcow2.part")
            $0.notice = "Cancelled download of cirros; cirros.qcow2.part kept (R in t resumes)"
        }
        var t = store()
        startDownload(&t)
        t.send(.transferFinished(TransferID(1), .cancelled(partKept: nil))) {
            $0.transfers.entries[0].outcome = .cancelled(partKept: nil)
            $0.notice = "Cancelled download of cirros"
        }
    }

    @Test func anExistingFileIsOnlyOverwrittenWithO() {
        var s = store()
        startDownload(&s)
        s.send(.transferRefused(TransferID(1), .destinationExists("cirros.qcow2"))) {
            $0.transfers.entries = []
            $0.transfers.selection = 0
            $0.confirmation = Confirmation(question: "o overwrites it, any other key keeps it: cirros.qcow2 already exists",
                                           transferStep: .overwrite(Self.downloadJob(), title: "cirros"), confirmKey: "o")
        }
        let asked = s.state
        s.key("o", effects: [.startTransfer(TransferID(2), .download(Self.downloadJob(overwrite: true)))]) {
            $0.confirmation = nil
            $0.transfers.entries = [Self.downloadEntry(2, overwrite: true)]
            $0.transfers.selection = 0
            $0.transfers.nextID = 3
            $0.notice = "Started: download cirros (t shows transfers)"
        }

        s.state = asked
        s.key("y") {
            $0.confirmation = nil
            $0.notice = "Nothing was changed"
        }
        s.state = asked
        s.key(.enter) {
            $0.confirmation = nil
            $0.notice = "Nothing was changed"
        }
    }

    @Test func anImageWithoutDataIsRefusedWithTheReason() {
        var s = store()
        startDownload(&s)
        s.send(.transferRefused(TransferID(1), .notDownloadable("cirros has no data (status queued)"))) {
            $0.transfers.entries = []
            $0.lastError = "cirros has no data (status queued)"
        }
    }

    // MARK: The transfers pane

    @Test func tOpensThePaneAndEscapeGoesBackToTheList() {
        var s = store()
        s.key("t") {
            $0.screen = .transfers
            $0.transfers.returnScreen = .list
        }
        s.key(.escape) { $0.screen = .list }
        s.key("t") { $0.screen = .transfers }
        s.key("t") { $0.screen = .list }
        s.key("t") { $0.screen = .transfers }
        s.key("q") { $0.screen = .list }
        #expect(!s.state.quitting, "q on the pane goes back, it does not quit")
    }

    @Test func theDetailIsWhereThePaneReturnsToWhenOpenedFromIt() {
        var s = store()
        _ = Update.update(&s.state, .keyPressed(.enter))
        _ = Update.update(&s.state, .imageLoaded(RequestID(2), Self.cirros))
        #expect(s.state.screen == .detail)
        s.key("t") {
            $0.screen = .transfers
            $0.transfers.returnScreen = .detail
        }
        s.key(.left) { $0.screen = .detail }
        #expect(s.state.detail?.imageID == Self.cirrosID, "the detail is as it was left")
    }

    @Test func jAndKMoveTheSelectionWithinTheEntries() {
        var s = store()
        for id in 1...3 { startDownload(&s, id: id) }
        s.key("t") { $0.screen = .transfers; $0.notice = nil }
        #expect(s.state.transfers.selection == 2, "the newest transfer is selected")
        s.key("k") { $0.transfers.selection = 1 }
        s.key(.up) { $0.transfers.selection = 0 }
        s.key("k")
        s.key("j") { $0.transfers.selection = 1 }
        s.key("G") { $0.transfers.selection = 2 }
        s.key("j")
        s.key("g") { $0.transfers.selection = 0 }
    }

    @Test func xAsksAndYCancelsTheRunningTransfer() {
        var s = store()
        startDownload(&s)
        s.key("t") { $0.screen = .transfers; $0.notice = nil }
        s.key("x") {
            $0.confirmation = Confirmation(
                question: "y cancels it, any other key lets it run: cancel the download of cirros? (the .part is kept to resume)",
                transferStep: .cancel(TransferID(1)))
        }
        s.key("y", effects: [.cancelTransfer(TransferID(1))]) {
            $0.confirmation = nil
            $0.transfers.entries[0].cancelRequested = true
        }
        #expect(s.state.transfers.entries[0].isRunning, "running until the runner reports it stopped")

        var other = store()
        startDownload(&other)
        other.key("t") { $0.screen = .transfers; $0.notice = nil }
        other.key(.delete) {
            $0.confirmation = Confirmation(
                question: "y cancels it, any other key lets it run: cancel the download of cirros? (the .part is kept to resume)",
                transferStep: .cancel(TransferID(1)))
        }
        other.key("n") {
            $0.confirmation = nil
            $0.notice = "Nothing was changed"
        }
    }

    @Test func aTransferThatEndsWhileTheQuestionIsOpenIsNotCancelledAfterwards() {
        var s = store()
        startDownload(&s)
        s.key("t") { $0.screen = .transfers; $0.notice = nil }
        _ = Update.update(&s.state, .keyPressed(.char("x")))
        let done = TransferOutcome.completed(location: "cirros.qcow2", bytes: 10, verification: .verified(["sha512"]))
        _ = Update.update(&s.state, .transferFinished(TransferID(1), done))
        s.key("y") { $0.confirmation = nil }
    }

    @Test func xOnAFinishedTransferOnlyExplains() {
        var s = store()
        startDownload(&s)
        _ = Update.update(&s.state, .transferFinished(TransferID(1), .failed(message: "gone", partKept: nil)))
        s.key("t") { $0.screen = .transfers; $0.notice = nil }
        s.key("x") { $0.notice = "cirros is not running" }
        #expect(s.state.confirmation == nil)
    }

    @Test func rStartsACancelledDownloadAgainAsANewTransfer() {
        var s = store()
        startDownload(&s)
        _ = Update.update(&s.state, .transferFinished(TransferID(1), .cancelled(partKept: "cirros.qcow2.part")))
        s.key("t") { $0.screen = .transfers; $0.notice = nil }
        s.key("R", effects: [.startTransfer(TransferID(2), .download(Self.downloadJob()))]) {
            $0.transfers.entries.append(Self.downloadEntry(2))
            $0.transfers.selection = 1
            $0.transfers.nextID = 3
            $0.notice = "Started: download cirros (t shows transfers)"
        }
        // R on a running one (the new one is selected) only explains; on the list R is not retry.
        s.key("R") { $0.notice = "cirros is still running" }
        #expect(s.state.transfers.entries[0].outcome == .cancelled(partKept: "cirros.qcow2.part"), "the old entry stays as it ended")
    }

    @Test func cClearsTheFinishedTransfersOnly() {
        var s = store()
        for id in 1...4 { startDownload(&s, id: id) }
        _ = Update.update(&s.state, .transferFinished(TransferID(1), .completed(location: "a", bytes: 1, verification: .verified(["md5"]))))
        _ = Update.update(&s.state, .transferFinished(TransferID(3), .failed(message: "no", partKept: nil)))
        _ = Update.update(&s.state, .transferFinished(TransferID(4), .cancelled(partKept: nil)))
        s.key("t") { $0.screen = .transfers; $0.notice = nil }
        #expect(s.state.transfers.selection == 3)
        s.key("c") {
            $0.transfers.entries = [Self.downloadEntry(2)]
            $0.transfers.selection = 0
        }
        s.key("c")
        #expect(s.state.transfers.nextID == 5, "ids are never reused")
    }

    // MARK: Upload

    static func draft(name: String = "focal.img", format: String = "qcow2", method: String = "direct", store: String? = nil) -> UploadDraft {
        var draft = UploadDraft(file: uploadPath, size: 20_971_520, guess: qcow2Guess, name: name)
        draft.diskFormat = format
        draft.method = method
        draft.store = store
        return draft
    }

    static func uploadJob(name: String = "focal.img", method: UploadJob.Method) -> UploadJob {
        UploadJob(file: uploadPath,
                  target: .newImage(["name": .string(name), "disk_format": .string("qcow2"), "container_format": .string("bare")]),
                  method: method)
    }

    /// u, the path, Enter, the answers of the runner: up to the name prompt.
    func openUpload(_ s: inout Store, options: ImportOptions?) {
        s.key("u", effects: [.loadImportOptions, .loadUsage]) { $0.prompt.input = .transfer(.uploadFile, LineEditor()) }
        s.type(Self.uploadPath)
        s.key(.enter, effects: [.inspectUploadFile(path: Self.uploadPath)]) {
            $0.prompt.input = .keys
            $0.notice = "Reading /srv/images/focal.img…"
        }
        if let options {
            s.send(.importOptionsLoaded(options)) { $0.transfers.importOptions = options }
        }
        s.send(.uploadFileInspected(path: Self.uploadPath, size: 20_971_520, Self.qcow2Guess)) {
            $0.notice = "focal.img: 20.0 MiB, looks like qcow2 (QCOW2 header at byte 0)"
            $0.prompt.input = .transfer(.uploadName(Self.draft()), LineEditor("focal.img"))
        }
    }

    @Test func uploadAsksFileNameFormatMethodAndStoreThenStartsExactlyOneUpload() {
        var s = store()
        openUpload(&s, options: Self.options)
        // The inspection's notice goes with the name prompt, leaving room for the choices.
        s.key(.enter) {
            $0.prompt.input = .transfer(.uploadFormat(Self.draft()), LineEditor("qcow2"))
            $0.notice = nil
        }

        // A format Glance does not know stays on the line with the reason.
        s.clearLine()
        s.type("qcow3")
        s.key(.enter) { $0.prompt.message = "qcow3 is not a disk format: Tab cycles them" }
        s.key(.tab) {
            $0.prompt.input = .transfer(.uploadFormat(Self.draft()), LineEditor("raw"))
            $0.prompt.message = nil
        }
        s.key(.tab) { $0.prompt.input = .transfer(.uploadFormat(Self.draft()), LineEditor("qcow2")) }
        s.key(.tab) { $0.prompt.input = .transfer(.uploadFormat(Self.draft()), LineEditor("vmdk")) }
        s.clearLine()
        s.type("qcow2")

        s.key(.enter) { $0.prompt.input = .transfer(.uploadMethod(Self.draft()), LineEditor("direct")) }
        s.key(.tab) { $0.prompt.input = .transfer(.uploadMethod(Self.draft()), LineEditor("glance-direct")) }
        s.key(.tab) { $0.prompt.input = .transfer(.uploadMethod(Self.draft()), LineEditor("direct")) }
        s.key(.tab) { $0.prompt.input = .transfer(.uploadMethod(Self.draft()), LineEditor("glance-direct")) }

        let glanceDirect = Self.draft(method: "glance-direct")
        s.key(.enter) { $0.prompt.input = .transfer(.uploadStore(glanceDirect), LineEditor("fast")) }
        #expect(Update.promptLabel(.uploadStore(glanceDirect), options: Self.options) == "store (Tab cycles; default fast): ")

        let job = Self.uploadJob(method: .glanceDirect(stores: ["fast"]))
        s.key(.enter, effects: [.startTransfer(TransferID(1), .upload(job))]) {
            $0.prompt.input = .keys
            $0.transfers.entries = [TransferEntry(id: TransferID(1), kind: .glanceDirect, title: "focal.img", imageID: nil,
                                                  path: Self.uploadPath, request: .upload(job)).onDemo]
            $0.transfers.nextID = 2
            $0.notice = "Started: glance-direct focal.img (t shows transfers)"
        }
    }

    @Test func aDirectUploadToANamedStoreAndTheStoresChecked() {
        var s = store()
        openUpload(&s, options: Self.options)
        s.clearLine()
        s.key(.enter) { $0.prompt.message = "The image needs a name" }
        s.type("focal")
        s.key(.enter) {
            $0.prompt.message = nil
            $0.notice = nil
            $0.prompt.input = .transfer(.uploadFormat(Self.draft(name: "focal")), LineEditor("qcow2"))
        }
        s.key(.enter) { $0.prompt.input = .transfer(.uploadMethod(Self.draft(name: "focal")), LineEditor("direct")) }
        s.key(.enter) { $0.prompt.input = .transfer(.uploadStore(Self.draft(name: "focal")), LineEditor("fast")) }
        s.clearLine()
        s.type("slow")
        s.key(.enter) { $0.prompt.message = "slow is not a store here: Tab cycles them" }
        s.key(.tab) {
            $0.prompt.input = .transfer(.uploadStore(Self.draft(name: "focal")), LineEditor("fast"))
            $0.prompt.message = nil
        }
        s.key(.tab) { $0.prompt.input = .transfer(.uploadStore(Self.draft(name: "focal")), LineEditor("cheap")) }
        let job = Self.uploadJob(name: "focal", method: .direct(store: "cheap"))
        s.key(.enter, effects: [.startTransfer(TransferID(1), .upload(job))]) {
            $0.prompt.input = .keys
            $0.transfers.entries = [TransferEntry(id: TransferID(1), kind: .upload, title: "focal", imageID: nil,
                                                  path: Self.uploadPath, request: .upload(job)).onDemo]
            $0.transfers.nextID = 2
            $0.notice = "Started: upload focal (t shows transfers)"
        }
    }

    @Test func anEmptyStoreMeansTheCloudsDefault() {
        var s = store()
        openUpload(&s, options: Self.options)
        _ = Update.update(&s.state, .keyPressed(.enter))
        _ = Update.update(&s.state, .keyPressed(.enter))
        _ = Update.update(&s.state, .keyPressed(.enter))
        s.clearLine()
        let job = Self.uploadJob(method: .direct(store: nil))
        #expect(Update.update(&s.state, .keyPressed(.enter)) == [.startTransfer(TransferID(1), .upload(job))])
    }

    @Test(arguments: [ImportOptions(methods: [], stores: []), nil,
                      ImportOptions(methods: ["web-download"], stores: [ImageStore(id: "only", isDefault: true)])])
    func withoutMethodsOrStoresToChooseTheFormatIsTheLastQuestion(options: ImportOptions?) {
        var s = store()
        openUpload(&s, options: options)
        s.key(.enter) {
            $0.prompt.input = .transfer(.uploadFormat(Self.draft()), LineEditor("qcow2"))
            $0.notice = nil
        }
        let job = Self.uploadJob(method: .direct(store: nil))
        s.key(.enter, effects: [.startTransfer(TransferID(1), .upload(job))]) {
            $0.prompt.input = .keys
            $0.transfers.entries = [TransferEntry(id: TransferID(1), kind: .upload, title: "focal.img", imageID: nil,
                                                  path: Self.uploadPath, request: .upload(job)).onDemo]
            $0.transfers.nextID = 2
            $0.notice = "Started: upload focal.img (t shows transfers)"
        }
    }

    @Test func importOptionsAreAskedForTheFirstTimeOnly() {
        var s = store()
        s.key("u", effects: [.loadImportOptions, .loadUsage]) { $0.prompt.input = .transfer(.uploadFile, LineEditor()) }
        s.key(.enter) { $0.prompt.message = "Type the path of the file to upload" }
        s.key(.escape) { $0.prompt.input = .keys; $0.prompt.message = nil }
        s.send(.importOptionsLoaded(Self.options)) { $0.transfers.importOptions = Self.options }
        s.key("u", effects: [.loadUsage]) { $0.prompt.input = .transfer(.uploadFile, LineEditor()) }
        s.key(.escape) { $0.prompt.input = .keys }
        // From the pane too.
        s.key("t") { $0.screen = .transfers }
        s.key("u", effects: [.loadUsage]) { $0.prompt.input = .transfer(.uploadFile, LineEditor()) }
    }

    @Test func anUnreadableFileIsAnError() {
        var s = store()
        openUploadPathOnly(&s)
        s.send(.uploadFileUnreadable(path: Self.uploadPath, reason: "/srv/images/focal.img: Permission denied")) {
            $0.notice = nil
            $0.lastError = "Cannot upload: /srv/images/focal.img: Permission denied"
        }
    }

    func openUploadPathOnly(_ s: inout Store) {
        _ = Update.update(&s.state, .keyPressed(.char("u")))
        for ch in Self.uploadPath { _ = Update.update(&s.state, .keyPressed(.char(ch))) }
        #expect(Update.update(&s.state, .keyPressed(.enter)) == [.inspectUploadFile(path: Self.uploadPath)])
    }

    @Test func theFormatChoicesAreGlancesDiskFormatsAndTabWrapsAround() {
        #expect(TransferPrompt.uploadFormat(Self.draft()).choices(nil)
            == ["raw", "qcow2", "vmdk", "vhd", "vhdx", "vdi", "iso", "ploop", "ami", "ari", "aki"])
        var s = store()
        openUpload(&s, options: nil)
        _ = Update.update(&s.state, .keyPressed(.enter))
        s.clearLine()
        s.type("aki")
        s.key(.tab) { $0.prompt.input = .transfer(.uploadFormat(Self.draft()), LineEditor("raw")) }
    }

    @Test func readOnlyStoresAreNotOffered() {
        let options = ImportOptions(methods: ["glance-direct"], stores: [
            ImageStore(id: "fast", isDefault: true), ImageStore(id: "archive", isReadOnly: true), ImageStore(id: "cheap"),
        ])
        #expect(TransferPrompt.uploadStore(Self.draft()).choices(options) == ["fast", "cheap"])
        #expect(TransferPrompt.copyStores(imageID: "i", name: "n").choices(options) == ["fast", "cheap"])
        #expect(TransferPrompt.uploadMethod(Self.draft()).choices(options) == ["direct", "glance-direct"])
        #expect(TransferPrompt.uploadMethod(Self.draft()).choices(nil) == ["direct"])
    }

    @Test func theCreatedImageIsRecordedAndACompletedUploadReloadsTheList() {
        var s = store()
        openUpload(&s, options: nil)
        _ = Update.update(&s.state, .keyPressed(.enter))
        _ = Update.update(&s.state, .keyPressed(.enter))
        #expect(s.state.transfers.entries.count == 1)
        let created = Image(id: "c0ffee00-0000-4000-8000-000000000042", name: "focal.img", status: "queued")
        s.send(.uploadImageCreated(TransferID(1), created)) { $0.transfers.entries[0].imageID = created.id }
        let progress = TransferProgress(phase: .transferring, bytesDone: 10_485_760, totalBytes: 20_971_520)
        s.send(.transferProgressed(TransferID(1), progress)) { $0.transfers.entries[0].progress = progress }
        let outcome = TransferOutcome.completed(location: created.id, bytes: 20_971_520, verification: .verified(["sha512"]))
        s.send(.transferFinished(TransferID(1), outcome),
               effects: [.loadImages(RequestID(2), .first(query: ImageQuery(), limit: 22)), .scheduleSpinnerTick]) {
            $0.transfers.entries[0].outcome = outcome
            $0.transfers.entries[0].progress.bytesDone = 20_971_520
            $0.notice = "Uploaded focal.img (verified sha512)"
            $0.catalog.listing = .loading(RequestID(2), pages: 0)
            $0.requestsInFlight = [RequestID(2)]
            $0.nextRequest = 3
            $0.spinnerScheduled = true
        }
    }

    @Test func aCompletedUploadDoesNotReloadTheListUnderAnotherImagesDetail() {
        var s = store()
        openUpload(&s, options: nil)
        _ = Update.update(&s.state, .keyPressed(.enter))
        _ = Update.update(&s.state, .keyPressed(.enter))
        _ = Update.update(&s.state, .uploadImageCreated(TransferID(1), Image(id: "new", name: "focal.img", status: "queued")))
        _ = Update.update(&s.state, .keyPressed(.enter))
        _ = Update.update(&s.state, .imageLoaded(RequestID(2), Self.cirros))
        #expect(s.state.screen == .detail && s.state.requestsInFlight.isEmpty)
        _ = Update.update(&s.state, .spinnerTicked)
        let outcome = TransferOutcome.completed(location: "new", bytes: 1, verification: .notChecked("no checksum yet"))
        s.send(.transferFinished(TransferID(1), outcome)) {
            $0.transfers.entries[0].outcome = outcome
            $0.notice = "Uploaded focal.img (not verified (no checksum yet))"
        }
    }

    // MARK: Copy to stores

    @Test func copyOffersTheStoresRefusesUnknownOnesAndStartsOneCopy() {
        var s = store()
        let prompt = TransferPrompt.copyStores(imageID: Self.cirrosID, name: "cirros")
        s.key("C", effects: [.loadImportOptions]) { $0.prompt.input = .transfer(prompt, LineEditor()) }
        s.key(.tab) // The stores are not known yet.
        s.send(.importOptionsLoaded(Self.options)) { $0.transfers.importOptions = Self.options }
        s.key(.tab) { $0.prompt.input = .transfer(prompt, LineEditor("fast")) }
        s.key(.tab) { $0.prompt.input = .transfer(prompt, LineEditor("cheap")) }
        s.key(.tab) { $0.prompt.input = .transfer(prompt, LineEditor("fast")) }
        s.type(",")
        // Tab replaces only what follows the last comma.
        s.key(.tab) { $0.prompt.input = .transfer(prompt, LineEditor("fast,fast")) }
        s.key(.tab) { $0.prompt.input = .transfer(prompt, LineEditor("fast,cheap")) }

        s.clearLine()
        s.key(.enter) { $0.prompt.message = "Name one or more stores (Tab cycles them)" }
        s.type("fast, slow")
        s.key(.enter) { $0.prompt.message = "slow is not a store here; stores: fast, cheap" }
        s.clearLine()
        s.type("fast,cheap")
        let request = TransferRequest.copy(imageID: Self.cirrosID, stores: ["fast", "cheap"])
        s.key(.enter, effects: [.startTransfer(TransferID(1), request)]) {
            $0.prompt.input = .keys
            $0.transfers.entries = [TransferEntry(id: TransferID(1), kind: .copyImage, title: "cirros", imageID: Self.cirrosID,
                                                  path: nil, request: request).onDemo]
            $0.transfers.nextID = 2
            $0.notice = "Started: copy-image cirros (t shows transfers)"
        }
    }

    @Test func copyOfAQueuedImageOnlyExplains() {
        var s = store()
        s.key("j") { $0.catalog.cursor.cursor = 1 }
        s.key("C") { $0.notice = "Only an active image's data can be copied to other stores (empty is queued)" }
    }

    // MARK: Quit

    @Test func quitWithARunningTransferAsksAndYCancelsItThenQuits() {
        var s = store()
        startDownload(&s)
        let asking = Confirmation(
            question: "y quits and cancels the running transfer (downloads keep their .part to resume), any other key stays",
            transferStep: .quitCancellingTransfers)
        s.key("q") {
            $0.notice = nil
            $0.confirmation = asking
        }
        let asked = s.state
        s.key("y", effects: [.cancelTransfer(TransferID(1)), .quit]) {
            $0.confirmation = nil
            $0.transfers.entries[0].cancelRequested = true
            $0.quitting = true
        }
        s.state = asked
        s.key("n") {
            $0.confirmation = nil
            $0.notice = "Nothing was changed"
        }
        #expect(!s.state.quitting)
    }

    @Test func quitNamesHowManyRunAndCancelsOnlyThoseThatRun() {
        var s = store()
        for id in 1...3 { startDownload(&s, id: id) }
        _ = Update.update(&s.state, .transferFinished(TransferID(2), .cancelled(partKept: nil)))
        s.key("t") { $0.screen = .transfers; $0.notice = nil }
        s.key(.ctrl("c")) {
            $0.confirmation = Confirmation(
                question: "y quits and cancels 2 running transfers (downloads keep their .part to resume), any other key stays",
                transferStep: .quitCancellingTransfers)
        }
        s.key("y", effects: [.cancelTransfer(TransferID(1)), .cancelTransfer(TransferID(3)), .quit]) {
            $0.confirmation = nil
            $0.transfers.entries[0].cancelRequested = true
            $0.transfers.entries[2].cancelRequested = true
            $0.quitting = true
        }
    }

    @Test func quitWithNothingRunningQuitsAtOnce() {
        var s = store()
        s.key("q", effects: [.quit]) { $0.quitting = true }
        var t = store()
        startDownload(&t)
        _ = Update.update(&t.state, .transferFinished(TransferID(1), .failed(message: "x", partKept: nil)))
        t.key("q", effects: [.quit]) {
            $0.notice = nil
            $0.quitting = true
        }
    }

    // MARK: Key table

    @Test func theTransferKeysAreBoundWhereTheyApply() {
        func action(_ key: Key, _ screen: AppState.Screen) -> Action? { Keymap.standard.binding(for: key, on: screen)?.action }
        #expect(action(.char("d"), .list) == .download && action(.char("d"), .detail) == .download)
        #expect(action(.char("u"), .list) == .upload && action(.char("u"), .transfers) == .upload)
        #expect(action(.char("C"), .list) == .copyToStores && action(.char("C"), .detail) == .copyToStores)
        for screen: AppState.Screen in [.list, .detail] { #expect(action(.char("t"), screen) == .transfers) }
        #expect(action(.char("x"), .transfers) == .cancelTransfer && action(.delete, .transfers) == .cancelTransfer)
        #expect(action(.char("R"), .transfers) == .retryTransfer && action(.char("R"), .list) == .rejectShare)
        #expect(action(.char("c"), .transfers) == .clearFinished && action(.char("c"), .list) == .create)
        for key: Key in [.escape, .char("q"), .char("t"), .left] { #expect(action(key, .transfers) == .back) }
        #expect(action(.char("j"), .transfers) == .moveDown && action(.ctrl("c"), .transfers) == .quit)
        #expect(Keymap.standard.helpSections().contains { $0.title == "Transfers" })
    }
}

extension TestStore {
    /// Types into the open prompt: each key only edits the line.
    mutating func type(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for ch in text {
            guard case .transfer(let prompt, var editor) = state.prompt.input else {
                Issue.record("no transfer prompt is open", sourceLocation: sourceLocation)
                return
            }
            _ = editor.handle(.char(ch))
            key(ch, sourceLocation: sourceLocation) {
                $0.prompt.input = .transfer(prompt, editor)
                $0.prompt.message = nil
            }
        }
    }

    /// Ctrl-U: empties a prompt whose cursor is at the end.
    mutating func clearLine(sourceLocation: SourceLocation = #_sourceLocation) {
        guard case .transfer(let prompt, _) = state.prompt.input else {
            Issue.record("no transfer prompt is open", sourceLocation: sourceLocation)
            return
        }
        key(.ctrl("u"), sourceLocation: sourceLocation) {
            $0.prompt.input = .transfer(prompt, LineEditor())
            $0.prompt.message = nil
        }
    }
}

extension TransferEntry {
    /// As started from the fixture's session: every transfer remembers its cloud.
    var onDemo: TransferEntry {
        var entry = self
        entry.scope = CloudScope(Fixture.session)
        return entry
    }
}
