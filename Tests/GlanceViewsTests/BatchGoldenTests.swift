import Foundation
import GlanceAPI
@testable import GlanceCore
@testable import GlanceViews
import TerminalKit
import Testing

/// Golden screens of many images at once: the mark column, a delete's confirmation, the batch
/// pane and the command log, in colour and in mono.
@Suite struct BatchGoldenTests {
    init() { DisplayWidth.ensureUTF8Locale() }

    static let sizes = [TerminalSize(width: 80, height: 24), TerminalSize(width: 120, height: 40)]
    static let themes: [(String, Theme)] = [("", .builtinDefault), ("-mono", .builtinMonochrome)]
    static let time = Date(timeIntervalSince1970: 1_796_040_000)

    func render(_ state: AppState, _ theme: Theme) -> ScreenBuffer { RootView.render(state, theme: theme, now: ScreenFixtures.now) }

    /// The fixture list with rows 0, 2 and 3 marked and the cursor on row 2.
    func marked(size: TerminalSize) -> AppState {
        var state = ScreenFixtures.state(size: size, cursor: 0)
        for key in [Key.char(" "), .down, .char(" "), .char(" ")] { _ = Update.update(&state, .keyPressed(key)) }
        _ = Update.update(&state, .keyPressed(.up))
        return state
    }

    @Test(arguments: sizes)
    func theMarkColumn(size: TerminalSize) {
        for (suffix, theme) in Self.themes {
            Golden.assert(render(marked(size: size), theme), named: "marked-\(size.width)x\(size.height)\(suffix)")
        }
    }

    @Test func aDeleteListsEveryImageAndWantsItsCount() {
        var state = marked(size: Self.sizes[0])
        for ch in ":delete" { _ = Update.update(&state, .keyPressed(.char(ch))) }
        for case .countServers(let id, let images) in Update.update(&state, .keyPressed(.enter)) {
            let used = images[0].id
            _ = Update.update(&state, .serversCounted(id, .checked(counts: [used: 2], unknown: [], scope: "all projects"), ids: images.map(\.id)))
        }
        guard case .typedConfirmation = state.prompt.input else {
            Issue.record("no typed confirmation: \(state.prompt.input), \(state.notice ?? "")")
            return
        }
        for (suffix, theme) in Self.themes {
            Golden.assert(render(state, theme), named: "delete-confirmation-80x24\(suffix)")
        }
    }

    /// A finished tag batch: done, a conflict, a refusal with the server's sentence, a skip.
    func finishedBatch(size: TerminalSize) -> AppState {
        var state = marked(size: size)
        let images = state.catalog.marks.images(inOrderOf: state.catalog.images)
        let write = ImageWrite.tags(add: ["release"], remove: [])
        var batch = Batch(id: BatchID(1), title: write.summary, items: images.map { BatchItem(write, on: $0) })
        batch.rows[0].outcome = .done(before: images[0])
        batch.rows[1].outcome = .conflict(["tag release was added meanwhile"])
        batch.rows[2].outcome = .failed("403 Forbidden: You are not permitted to modify tags on this image.")
        batch.rows.append(Batch.Row(imageID: "x", name: "alt-shared-image", outcome: .skipped("another project's image (owner alt)")))
        batch.finished = true
        state.batches.batches = [batch]
        let session = state.session!
        state.batches.log = zip(batch.items, batch.rows).map { item, row in
            WriteRecord(item.write, imageID: item.imageID, imageName: item.name, outcome: row.outcome!,
                        requests: ["GET /v2/images/\(item.imageID.prefix(8))… → 200", "PUT /v2/images/\(item.imageID.prefix(8))…/tags/release → 204"],
                        session: session, time: Self.time)
        }
        return state
    }

    @Test(arguments: sizes)
    func theBatchPane(size: TerminalSize) {
        var state = finishedBatch(size: size)
        _ = Update.update(&state, .keyPressed(.char(":")))
        for ch in "batches" { _ = Update.update(&state, .keyPressed(.char(ch))) }
        _ = Update.update(&state, .keyPressed(.enter))
        #expect(state.screen == .batches)
        for (suffix, theme) in Self.themes {
            Golden.assert(render(state, theme), named: "batches-\(size.width)x\(size.height)\(suffix)")
        }
    }

    @Test(arguments: sizes)
    func theCommandLog(size: TerminalSize) {
        var state = finishedBatch(size: size)
        _ = Update.update(&state, .keyPressed(.char(":")))
        for ch in "log" { _ = Update.update(&state, .keyPressed(.char(ch))) }
        _ = Update.update(&state, .keyPressed(.enter))
        #expect(state.screen == .log)
        for (suffix, theme) in Self.themes {
            Golden.assert(render(state, theme), named: "log-\(size.width)x\(size.height)\(suffix)")
        }
    }
}
