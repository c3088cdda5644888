import Foundation
import GlanceAPI
@testable import GlanceCore
@testable import GlanceViews
import TerminalKit
import Testing

/// The help, the status-bar hints and the copy menu draw from the session's key table, so a
/// remap in the settings shows wherever the key is named.
@Suite struct RemappedKeysViewTests {
    init() { DisplayWidth.ensureUTF8Locale() }

    func remapped(_ pairs: KeyValuePairs<String, [String]>) -> AppState {
        var state = ScreenFixtures.state(size: TerminalSize(width: 100, height: 30))
        let (table, problems) = Keymap.standard.remapped(pairs.map { Keymap.Remap(action: $0.key, keys: $0.value) })
        #expect(problems.isEmpty)
        state.keymap = table
        return state
    }

    func text(_ state: AppState) -> [String] {
        RootView.render(state, theme: .builtinDefault, now: ScreenFixtures.now).textLines()
    }

    @Test func theHintsNameTheRemappedKey() {
        var state = remapped(["retry-batch": ["S"], "back": ["backspace"]])
        state.screen = .batches
        let bottom = text(state).last ?? ""
        #expect(bottom.hasPrefix(" x cancel · S retry · Backspace back · ? keys"), "\(bottom)")
        state.keymap = .standard
        #expect((text(state).last ?? "").hasPrefix(" x cancel · R retry · Esc back · ? keys"))
    }

    @Test func theHelpListsTheRemappedKeysAndNotTheOldOnes() {
        let state = remapped(["download": ["D"], "delete": ["ctrl-d"]])
        let lines = HelpOverlay.lines(width: 60, keymap: state.keymap, session: state.session)
        #expect(lines.contains { $0.keys == "D" && $0.help == "download the image's data (verified, resumable)" })
        #expect(lines.contains { $0.keys == "Ctrl-D" && $0.help == "delete the image (asks first)" })
        #expect(!lines.contains { $0.keys == "d" && $0.help.hasPrefix("download") })
        var open = state
        _ = Update.update(&open, .keyPressed(.char("?")))
        for _ in 0..<18 { _ = Update.update(&open, .keyPressed(.char("j"))) }
        let screen = text(open).joined(separator: "\n")
        #expect(screen.contains("Ctrl-D              delete the image (asks first)"), "\(screen)")
    }

    @Test func theCopyMenuShowsTheRemappedLetter() {
        var state = remapped(["yank-command": ["o"]])
        _ = Update.update(&state, .keyPressed(.char("Y")))
        let screen = text(state).joined(separator: "\n")
        #expect(screen.contains("o  openstack command"))
        #expect(!screen.contains("c  openstack command"))
    }

    /// The panes' own lines name keys too: each takes them from the table, not as written.
    @Test func thePanesMessagesNameTheRemappedKeys() {
        var state = remapped(["back": ["backspace"], "refresh": ["f5"], "quick-filter": ["f"], "cancel-line": ["ctrl-x"],
                              "toggle-help": ["f2"]])
        #expect(text(state)[0].hasSuffix(" F2 help "), "\(text(state)[0])")
        state.screen = .usedBy
        state.usedBy = UsedByState(image: state.catalog.images[0], phase: .failed("Compute is not in the catalog"))
        var screen = text(state).joined(separator: "\n")
        #expect(screen.contains("F5 asks again · Backspace back"), "\(screen)")
        #expect(!screen.contains("Esc"))
        state.screen = .lineages
        screen = text(state).joined(separator: "\n")
        #expect(screen.contains("Backspace back to the list"), "\(screen)")
        #expect((text(state).last ?? "").hasSuffix("F2 keys") || text(state).last?.contains("F2 keys") == true)
        var table = TableState(columns: [TableState.Column("NAME", width: 10, flexible: true)])
        table.setFilter("zzz", height: 10)
        var buffer = ScreenBuffer(width: 60, height: 12)
        TableView.draw(table, keymap: state.keymap, scope: .stores, theme: .builtinDefault, in: Rect(x: 0, y: 0, width: 60, height: 12),
                       empty: [], marker: RowMarker(lowBandwidth: false), into: &buffer)
        #expect(buffer.textLines().joined(separator: "\n").contains("f then Ctrl-X clears it"))
    }
}
