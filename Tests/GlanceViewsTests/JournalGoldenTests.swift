import Foundation
import GlanceAPI
@testable import GlanceCore
@testable import GlanceViews
import TerminalKit
import Testing

/// The transfers an earlier run left unfinished, as the next start shows them: the transfers
/// pane with interrupted entries (this cloud's, another cloud's, an upload's queued image) next
/// to one of this run, and the status bar's count over the list; in colour and in mono.
@Suite struct JournalGoldenTests {
    init() { DisplayWidth.ensureUTF8Locale() }

    static let sizes = [TerminalSize(width: 80, height: 24), TerminalSize(width: 120, height: 40)]
    static let themes: [(String, Theme)] = [("", .builtinDefault), ("-mono", .builtinMonochrome)]
    static let time = ISOTime.parse("2026-11-22T11:40:00Z")!

    func render(_ state: AppState, _ theme: Theme) -> ScreenBuffer { RootView.render(state, theme: theme, now: ScreenFixtures.now) }

    static func entry(_ id: String, _ request: TransferRequest, _ title: String, cloud: String = "devcloud-demo",
                      project: String = "demo", done: Int64, size: Int64?, imageID: String? = nil) -> JournalEntry {
        var session = ScreenFixtures.session
        session.cloud = cloud
        session.projectName = project
        var entry = JournalEntry(id: id, request: request, title: title, session: session,
                                 owner: JournalEntry.Owner(pid: 48_213, startTicks: 1, bootID: nil), at: time)
        entry.state = .interrupted
        entry.bytesDone = done
        entry.size = size
        if let imageID { entry.imageID = imageID }
        return entry
    }

    static let journal: [JournalEntry] = {
        let catalog = ScreenFixtures.catalog
        let upload = UploadJob(file: "/home/demo/fedora-coreos.qcow2", target: .newImage(["name": .string("fedora-coreos")]),
                               method: .direct(store: "fast"))
        return [
            entry("3f9a01c2", .download(DownloadJob(imageID: catalog[0].id, destination: "/home/demo/cirros-0.6.2-x86_64-disk.qcow2")),
                  "cirros-0.6.2-x86_64-disk", done: 9_437_184, size: 21_430_272),
            entry("b71e5d04", .upload(upload), "fedora-coreos", done: 536_870_912, size: 1_288_490_188, imageID: catalog[5].id),
            entry("0c44ae19", .download(DownloadJob(imageID: "9e1d7c3a-alt", destination: "/home/demo/alt-toolbox.raw")),
                  "alt-toolbox", cloud: "devcloud-alt", project: "alt", done: 1_048_576, size: 6_291_456),
        ]
    }()

    /// Started, the journal read, a download of this run started and progressing, then `t`, `g`.
    func pane(size: TerminalSize) -> AppState {
        var state = ScreenFixtures.state(size: size)
        _ = Update.update(&state, .journalRead(Self.journal, problems: []))
        let effects = Update.startTransfer(&state, .download(DownloadJob(imageID: ScreenFixtures.catalog[6].id,
                                                                         destination: "/home/demo/starlingx-controller.iso")),
                                           title: "starlingx-controller")
        if case .startTransfer(let id, _)? = effects.first {
            _ = Update.update(&state, .transferProgressed(id, TransferProgress(phase: .transferring, bytesDone: 1_288_490_188,
                                                                                 totalBytes: 4_617_089_843, rate: 31_457_280, eta: 106)))
        }
        for key: Key in [.char("t"), .char("g")] { _ = Update.update(&state, .keyPressed(key)) }
        #expect(state.screen == .transfers && state.transfers.entries.count == 4 && state.transfers.interrupted.count == 3)
        return state
    }

    @Test(arguments: sizes)
    func thePaneListsTheInterruptedFirst(size: TerminalSize) {
        for (suffix, theme) in Self.themes {
            Golden.assert(render(pane(size: size), theme), named: "transfers-interrupted-\(size.width)x\(size.height)\(suffix)")
        }
    }

    /// The list just after start: the count stays in the status bar whatever the notice says.
    @Test(arguments: sizes)
    func theStatusBarCountsThem(size: TerminalSize) {
        var state = ScreenFixtures.state(size: size)
        _ = Update.update(&state, .journalRead(Self.journal, problems: []))
        _ = Update.update(&state, .keyPressed(.char("j")))
        #expect(state.notice == nil)
        let buffer = render(state, .builtinDefault)
        #expect(buffer.textLines().last?.hasSuffix(" 3 interrupted (t) ") == true)
        for (suffix, theme) in Self.themes {
            Golden.assert(render(state, theme), named: "list-interrupted-\(size.width)x\(size.height)\(suffix)")
        }
    }

    @Test func rOnAnotherCloudsEntryIsExplainedOnTheStatusBar() {
        var state = pane(size: Self.sizes[1])
        for _ in 0..<2 { _ = Update.update(&state, .keyPressed(.char("j"))) }
        _ = Update.update(&state, .keyPressed(.char("R")))
        let last = render(state, .builtinDefault).textLines().last ?? ""
        #expect(last.contains("alt-toolbox belongs to cloud devcloud-alt; this browser is on devcloud-demo"), "\(last)")
    }

    /// An interrupted entry of another region says which, on the selected row's line; one of
    /// this region does not spend the columns on it.
    @Test func anInterruptedEntryOfAnotherRegionNamesItsRegion() {
        var state = ScreenFixtures.state(size: TerminalSize(width: 80, height: 24))
        var session = ScreenFixtures.session
        session.region = "RegionTwo"
        let download = DownloadJob(imageID: ScreenFixtures.catalog[0].id, destination: "/home/demo/c.qcow2")
        var other = JournalEntry(id: "5e5e0001", request: .download(download), title: "cirros", session: session,
                                 owner: JournalEntry.Owner(pid: 48_213, startTicks: 1, bootID: nil), at: Self.time)
        other.state = .interrupted
        var mine = other
        mine.id = "5e5e0002"
        mine.region = ScreenFixtures.session.region
        _ = Update.update(&state, .journalRead([other, mine], problems: []))
        _ = Update.update(&state, .keyPressed(.char("t")))
        #expect(ScreenFixtures.session.region != nil && ScreenFixtures.session.region != "RegionTwo")
        let there = render(state, .builtinDefault).textLines().joined(separator: "\n")
        #expect(there.contains("devcloud-demo/RegionTwo/demo"), "\(there)")
        _ = Update.update(&state, .keyPressed(.char("j")))
        let here = render(state, .builtinDefault).textLines().joined(separator: "\n")
        #expect(here.contains(" · devcloud-demo/demo · "), "\(here)")
    }
}
