import Foundation
import GlanceAPI
@testable import GlanceCore
@testable import GlanceViews
import TerminalKit
import Testing

/// `--low-bandwidth`: every list and table marks its selected row with `>` in a column of its
/// own instead of highlighting it, so a cursor move changes two cells of the screen; and the
/// status bar's busy sign stands still.
@Suite struct LowBandwidthGoldenTests {
    init() { DisplayWidth.ensureUTF8Locale() }

    static let sizes = [TerminalSize(width: 80, height: 24), TerminalSize(width: 120, height: 40)]

    func render(_ state: AppState, _ theme: Theme = .builtinDefault) -> ScreenBuffer {
        RootView.render(state, theme: theme, now: ScreenFixtures.now)
    }

    func lowBandwidth(_ state: AppState) -> AppState {
        var state = state
        state.lowBandwidth = true
        return state
    }

    @discardableResult
    func command(_ state: inout AppState, _ text: String) -> [Effect] {
        for key in [Key.char(":")] + text.map(Key.char) { _ = Update.update(&state, .keyPressed(key)) }
        return Update.update(&state, .keyPressed(.enter))
    }

    /// `:stores` answered with two stores.
    func storesPane(_ state: inout AppState) {
        guard case .loadStores(let id)? = command(&state, "stores").first else {
            Issue.record("no stores asked for")
            return
        }
        _ = Update.update(&state, .storesLoaded(id, .success(StoreListing(stores: [
            ImageStore(id: "fast", description: "NVMe", isDefault: true), ImageStore(id: "cheap", description: "disks"),
        ], isDetailed: false, detailRefusal: nil))))
    }

    @Test(arguments: sizes)
    func theListWithTheMarkerColumn(size: TerminalSize) {
        let state = lowBandwidth(ScreenFixtures.state(size: size, cursor: 1))
        Golden.assert(render(state), named: "list-low-bandwidth-\(size.width)x\(size.height)")
        Golden.assert(render(state, .builtinMonochrome), named: "list-low-bandwidth-\(size.width)x\(size.height)-mono")
    }

    @Test func withMarkedImagesTheMarksFollowTheMarkerColumn() {
        var state = lowBandwidth(ScreenFixtures.state(size: TerminalSize(width: 80, height: 24)))
        _ = Update.update(&state, .keyPressed(.char(" ")))
        Golden.assert(render(state), named: "list-low-bandwidth-marked-80x24")
    }

    /// The cells a `j` changes: (column, row) pairs.
    func cellsChangedByDown(_ state: AppState) -> [[Int]] {
        var after = state
        _ = Update.update(&after, .keyPressed(.char("j")))
        return render(after).changes(since: render(state)).flatMap { run in run.cells.indices.map { [run.x + $0, run.y] } }
    }

    @Test func aCursorMoveInTheListChangesTheTwoMarkerCellsOnly() {
        let normal = ScreenFixtures.state(size: TerminalSize(width: 120, height: 40), cursor: 1)
        #expect(cellsChangedByDown(lowBandwidth(normal)) == [[0, 3], [0, 4]])
        // Normally the two rows are repainted whole.
        #expect(cellsChangedByDown(normal).count >= 2 * 100)
    }

    @Test func aCursorMoveInTheOtherPanesChangesTheTwoMarkerCellsOnly() {
        var lineages = lowBandwidth(ScreenFixtures.state(size: TerminalSize(width: 120, height: 40), images: LifecycleGoldenTests.catalog))
        command(&lineages, "lineage")
        _ = Update.update(&lineages, .keyPressed(.enter))
        #expect(lineages.screen == .lineages)
        #expect(cellsChangedByDown(lineages) == [[0, 2], [0, 3]])
        _ = Update.update(&lineages, .keyPressed(.char("j")))
        #expect(cellsChangedByDown(lineages) == [[0, 3], [0, 4]], "from one build to the next")

        var stores = lowBandwidth(ScreenFixtures.state(size: TerminalSize(width: 120, height: 40)))
        storesPane(&stores)
        #expect(stores.screen == .stores)
        #expect(cellsChangedByDown(stores) == [[0, 2], [0, 3]])
    }

    @Test func theEditorMarksItsRowAndHighlightsNone() {
        var state = lowBandwidth(EditorGoldenTests().opened())
        _ = Update.update(&state, .keyPressed(.char("j")))
        let screen = render(state)
        let cursorY = 3 + state.editor!.cursor.cursor - state.editor!.cursor.top
        #expect(screen[0, cursorY].text == ">")
        #expect(screen[1, cursorY].text != ">", "the change mark keeps its cell")
        let highlighted = (3..<(screen.height - 1)).flatMap { y in (0..<screen.width).map { [$0, y] } }
            .filter { screen[$0[0], $0[1]].style == Theme.builtinDefault[.rowSelected] }
        #expect(highlighted == [[0, cursorY]])
    }

    @Test func theTableHeaderMovesWithItsColumns() {
        var state = lowBandwidth(ScreenFixtures.state(size: TerminalSize(width: 80, height: 24)))
        storesPane(&state)
        Golden.assert(render(state), named: "stores-low-bandwidth-80x24")
    }

    @Test func theBusySignStandsStill() {
        var state = AppState(cloudName: "devcloud-demo", size: TerminalSize(width: 80, height: 24))
        state.lowBandwidth = true
        _ = Update.update(&state, .started)
        let first = render(state)
        state.spinnerFrame += 1
        #expect(render(state).changes(since: first).isEmpty)
        #expect(first.snapshot().contains(" … "))
    }

    /// `Y`'s menu marks its choice as the lists do: `>` before the key, no row highlighted.
    @Test func theCopyMenuMarksItsChoiceAndAMoveChangesTheTwoMarkerCellsOnly() {
        let menu = lowBandwidth(CopyMenuGoldenTests().menu(size: TerminalSize(width: 80, height: 24)))
        #expect(menu.copyMenu?.selection == 2)
        Golden.assert(render(menu), named: "copy-menu-low-bandwidth-80x24")
        let screen = render(menu)
        let marked = (0..<screen.height).flatMap { y in (0..<screen.width).map { [$0, y] } }
            .filter { screen[$0[0], $0[1]].text == RowMarker.glyph }
        #expect(marked == [[0, 5], [3, 11]], "the list's row behind the menu, and the menu's choice (URL)")
        let highlighted = (0..<screen.height).flatMap { y in (0..<screen.width).map { [$0, y] } }
            .filter { screen[$0[0], $0[1]].style == Theme.builtinDefault[.rowSelected] }
        #expect(highlighted == marked, "only the > cells are in the selected style")
        #expect(cellsChangedByDown(menu) == [[3, 11], [3, 12]], "the > moves from URL to the command: two cells")
        // Normally the two choices are repainted whole.
        #expect(cellsChangedByDown(CopyMenuGoldenTests().menu(size: TerminalSize(width: 80, height: 24))).count >= 2 * 70)
    }
}
