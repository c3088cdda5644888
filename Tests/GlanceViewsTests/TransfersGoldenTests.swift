import GlanceAPI
@testable import GlanceCore
@testable import GlanceViews
import TerminalKit
import Testing

/// The transfers pane, the status bar's "⇅" indicator and the upload prompts, as a person sees
/// them: golden text and style grids (SNAPSHOT_RECORD=1 re-records).
@Suite struct TransfersGoldenTests {
    init() { DisplayWidth.ensureUTF8Locale() }

    static let wide = TerminalSize(width: 100, height: 20)
    static let narrow = TerminalSize(width: 40, height: 12)
    static let evilName = "evil\u{1B}[2Jname"
    static let cjkName = "测试镜像 Ubuntu 22.04 云镜像"
    static let options = ImportOptions(
        methods: ["glance-direct", "web-download", "copy-image"],
        stores: [ImageStore(id: "fast", description: "Ceph SSD pool", isDefault: true),
                 ImageStore(id: "cheap", description: "Swift, slower"),
                 ImageStore(id: "archive", description: "tape library", isReadOnly: true)])

    func render(_ state: AppState) -> ScreenBuffer {
        RootView.render(state, theme: .builtinDefault, now: ScreenFixtures.now)
    }

    func type(_ text: String, _ state: inout AppState) {
        for ch in text { _ = Update.update(&state, .keyPressed(.char(ch))) }
    }

    @discardableResult
    func start(_ state: inout AppState, _ request: TransferRequest, _ title: String) -> TransferID {
        let effects = Update.startTransfer(&state, request, title: title)
        guard case .startTransfer(let id, _)? = effects.first else {
            Issue.record("no transfer started")
            return TransferID(0)
        }
        return id
    }

    static func download(_ id: String, to path: String) -> TransferRequest {
        .download(DownloadJob(imageID: id, destination: path))
    }

    /// Six transfers in every state the pane shows, started and advanced by the runner's
    /// messages, then `t`, `g`, `j`: the second (a retrying download with a CJK name) selected.
    func pane(size: TerminalSize) -> AppState {
        var state = ScreenFixtures.state(size: size)
        let catalog = ScreenFixtures.catalog

        let running = start(&state, Self.download(catalog[0].id, to: "/home/demo/cirros-0.6.2-x86_64-disk.qcow2"),
                            "cirros-0.6.2-x86_64-disk")
        _ = Update.update(&state, .transferProgressed(running, TransferProgress(
            phase: .transferring, bytesDone: 9_437_184, totalBytes: 21_430_272, rate: 65_536, eta: 183)))

        let retrying = start(&state, Self.download(catalog[1].id, to: "/home/demo/ubuntu-22.04.qcow2"), Self.cjkName)
        _ = Update.update(&state, .transferProgressed(retrying, TransferProgress(
            phase: .retrying(attempt: 2, reason: "connection reset by peer", resumeAt: 314_572_800),
            bytesDone: 314_572_800, totalBytes: 658_505_728)))

        let verified = start(&state, Self.download(catalog[3].id, to: "/home/demo/evil_[2Jname.raw"), Self.evilName)
        _ = Update.update(&state, .transferProgressed(verified, TransferProgress(phase: .verifying, bytesDone: 1024, totalBytes: 1024)))
        _ = Update.update(&state, .transferFinished(verified, .completed(
            location: "/home/demo/evil_[2Jname.raw", bytes: 1024, verification: .verified(["md5", "sha512"]))))

        let upload = UploadJob(file: "/home/demo/fedora-coreos.qcow2",
                               target: .newImage(["name": .string("fedora-coreos"), "disk_format": .string("qcow2"),
                                                  "container_format": .string("bare")]),
                               method: .direct(store: "fast"))
        let failed = start(&state, .upload(upload), "fedora-coreos")
        _ = Update.update(&state, .transferProgressed(failed, TransferProgress(
            phase: .transferring, bytesDone: 536_870_912, totalBytes: 1_288_490_188, rate: 10_485_760, eta: 71)))
        _ = Update.update(&state, .transferFinished(failed, .failed(
            message: "413 Request Entity Too Large: Image storage media is full: There is not enough disk space on the "
                + "image storage media (store fast has 412 MiB free, the image needs 1.2 GiB); free some space or upload to another store",
            partKept: nil)))

        let cancelled = start(&state, Self.download(catalog[6].id, to: "/home/demo/starlingx-controller.iso"), "starlingx-controller")
        _ = Update.update(&state, .transferProgressed(cancelled, TransferProgress(
            phase: .transferring, bytesDone: 1_288_490_188, totalBytes: 4_617_089_843, rate: 31_457_280, eta: 106)))
        _ = Update.update(&state, .transferFinished(cancelled, .cancelled(partKept: "/home/demo/starlingx-controller.iso.part")))

        let copy = start(&state, .copy(imageID: catalog[7].id, stores: ["fast", "cheap"]), "alt-shared-toolbox")
        _ = Update.update(&state, .transferProgressed(copy, TransferProgress(phase: .importing(stores: ["fast", "cheap"]))))

        _ = Update.update(&state, .keyPressed(.char("t")))
        _ = Update.update(&state, .keyPressed(.char("g")))
        _ = Update.update(&state, .keyPressed(.char("j")))
        #expect(state.screen == .transfers && state.transfers.entries.count == 6 && state.transfers.selection == 1)
        return state
    }

    @Test func paneWithEveryKindOfTransfer() {
        Golden.assert(render(pane(size: Self.wide)), named: "transfers-100x20")
    }

    @Test func paneOnANarrowTerminal() {
        Golden.assert(render(pane(size: Self.narrow)), named: "transfers-40x12")
    }

    @Test func thePaneScrollsToKeepTheSelectionInView() {
        var state = pane(size: Self.narrow)
        _ = Update.update(&state, .keyPressed(.char("G")))
        Golden.assert(render(state), named: "transfers-scrolled-40x12")
    }

    @Test func emptyPaneSaysHowToStartOne() {
        var state = ScreenFixtures.state(size: Self.wide)
        _ = Update.update(&state, .keyPressed(.char("t")))
        Golden.assert(render(state), named: "transfers-empty-100x20")
    }

    @Test func hostileTitlesAreEscapedAndNoControlCharacterReachesTheGrid() {
        for size in [Self.wide, Self.narrow] {
            let buffer = render(pane(size: size))
            let text = buffer.textLines().joined(separator: "\n")
            if size == Self.wide { #expect(text.contains("evil\\x1b[2Jname")) }
            #expect(!text.contains("\u{1B}"))
            for cell in buffer.cells {
                for scalar in cell.text.unicodeScalars {
                    #expect(scalar.value >= 0x20 && !(0x7F..<0xA0).contains(scalar.value), "control \(scalar.value) in the grid")
                }
            }
        }
    }

    /// Two downloads, 40 MiB and 50 MiB of 100 MiB each: 90 of 200, 45 %.
    func listWithTwoRunning(size: TerminalSize) -> AppState {
        var state = ScreenFixtures.state(size: size)
        let a = start(&state, Self.download(ScreenFixtures.catalog[0].id, to: "a.qcow2"), "cirros-0.6.2-x86_64-disk")
        let b = start(&state, Self.download(ScreenFixtures.catalog[1].id, to: "b.qcow2"), Self.cjkName)
        _ = Update.update(&state, .transferProgressed(a, TransferProgress(phase: .transferring, bytesDone: 41_943_040, totalBytes: 104_857_600)))
        _ = Update.update(&state, .transferProgressed(b, TransferProgress(phase: .transferring, bytesDone: 52_428_800, totalBytes: 104_857_600)))
        return state
    }

    @Test func listShowsTheRunningTransfersInTheStatusBar() {
        var state = listWithTwoRunning(size: Self.wide)
        // A key that changes nothing clears the "Started" notice.
        _ = Update.update(&state, .keyPressed(.char("k")))
        #expect(state.notice == nil)
        let buffer = render(state)
        #expect(buffer.textLines().last?.hasSuffix(" ⇅ 2 45% ") == true)
        Golden.assert(buffer, named: "list-transfers-indicator-100x20")
    }

    @Test func theIndicatorAndANoticeShareTheStatusBar() {
        let state = listWithTwoRunning(size: Self.wide)
        #expect(state.notice == "Started: download \(Self.cjkName) (t shows transfers)")
        Golden.assert(render(state), named: "list-transfers-indicator-notice-100x20")
    }

    /// u, a path, Enter; the runner's answers; Enter (name), Enter (format), Tab (glance-direct),
    /// Enter: the store prompt.
    func storePrompt() -> AppState {
        var state = ScreenFixtures.state(size: Self.wide)
        _ = Update.update(&state, .keyPressed(.char("u")))
        type("/home/demo/focal-server-cloudimg-amd64.img", &state)
        _ = Update.update(&state, .keyPressed(.enter))
        _ = Update.update(&state, .importOptionsLoaded(Self.options))
        _ = Update.update(&state, .uploadFileInspected(path: "/home/demo/focal-server-cloudimg-amd64.img", size: 654_311_424,
                                                       FormatGuess(diskFormat: "qcow2", evidence: "QCOW2 header at byte 0")))
        _ = Update.update(&state, .keyPressed(.enter))
        _ = Update.update(&state, .keyPressed(.enter))
        _ = Update.update(&state, .keyPressed(.tab))
        _ = Update.update(&state, .keyPressed(.enter))
        guard case .transfer(.uploadStore, let editor) = state.prompt.input else {
            Issue.record("not at the store prompt: \(state.prompt.input)")
            return state
        }
        #expect(editor.text == "fast")
        return state
    }

    @Test func uploadStorePromptAsReachedByKeys() {
        Golden.assert(render(storePrompt()), named: "upload-store-prompt-100x20")
    }

    /// The file's inspection notice ("…: 624 MiB, looks like qcow2 …") is gone by the store
    /// prompt: the line above it lists the stores.
    @Test func theStoreChoicesAreShownAboveTheStorePrompt() {
        let lines = render(storePrompt()).textLines()
        #expect(lines[lines.count - 2].hasPrefix(" fast (default): Ceph SSD pool · cheap: Swift, slower"))
        #expect(lines[lines.count - 1].hasPrefix("store (Tab cycles; default fast): fast"))
    }

    /// Tab never offers a read-only store and Enter refuses one, yet the choices line lists it.
    @Test func theChoicesLineListsOnlyTheStoresThatCanBeChosen() {
        let state = storePrompt()
        guard case .transfer(let prompt, _) = state.prompt.input else { return }
        #expect(prompt.choices(state.transfers.importOptions) == ["fast", "cheap"])
        let lines = render(state).textLines()
        #expect(!lines[lines.count - 2].contains("archive"))
        #expect(lines[lines.count - 2].contains("cheap"))
    }
}
