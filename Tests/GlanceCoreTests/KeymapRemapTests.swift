import Foundation
import GlanceAPI
@testable import GlanceCore
import TerminalKit
import Testing

/// The settings' `keys:` applied to the key table: how keys and action names are read, and
/// what a remap may not do — take a key another action has where both are looked up, name an
/// action that does not exist, or give a key that cannot be read. Each is said in words, and
/// the action keeps its keys.
@Suite struct KeymapRemapTests {
    func remap(_ pairs: KeyValuePairs<String, [String]>) -> (keymap: Keymap, problems: [String]) {
        Keymap.standard.remapped(pairs.map { Keymap.Remap(action: $0.key, keys: $0.value) })
    }

    @Test(arguments: [
        ("D", Key.char("D")), ("/", .char("/")), ("ctrl-d", .ctrl("d")), ("Ctrl+X", .ctrl("x")), ("^b", .ctrl("b")),
        ("enter", .enter), ("Esc", .escape), ("space", .char(" ")), ("shift-tab", .backTab), ("pgdn", .pageDown),
        ("F5", .function(5)), ("delete", .delete), ("up", .up),
    ])
    func keysAreReadAsTheSettingsWriteThem(text: String, key: Key) {
        #expect(Key.parse(setting: text) == .success(key))
    }

    @Test(arguments: [
        ("ctrl-", "cannot read the key \"ctrl-\" (write D, ctrl-d, enter, esc, space, f5)"),
        ("hyper-x", "cannot read the key \"hyper-x\" (write D, ctrl-d, enter, esc, space, f5)"),
        ("f99", "cannot read the key \"f99\" (write D, ctrl-d, enter, esc, space, f5)"),
        ("ctrl-m", "ctrl-m cannot be used: the terminal sends it as Enter"),
        ("ctrl-z", "ctrl-z cannot be used: the terminal sends it as the terminal's suspend"),
        // cbreak keeps Ctrl-C the interrupt: a key given it would never arrive.
        ("ctrl-c", "ctrl-c cannot be used: the terminal sends it as the interrupt, which quits"),
        ("\u{1b}", "cannot read the key \"\\u{1B}\""),
    ])
    func unreadableKeysAreExplained(text: String, message: String) {
        #expect(Key.parse(setting: text) == .failure(Key.SettingError(message: message)))
    }

    /// A line's keys must leave typing alone: cancel-line: q would stop q reaching :quit, a
    /// filter or a path, and ← given to submit-line could no longer move in the line.
    @Test func aLinesActionCannotTakeAKeyTheLineTypesOrEditsWith() {
        let (table, problems) = remap(["cancel-line": ["q"], "complete-line": ["space"], "submit-line": ["left"],
                                       "older-line": ["ctrl-p"]])
        #expect(problems == [
            "keys: cancel-line: q is typed into the line; it keeps Esc Ctrl-C Ctrl-G",
            "keys: complete-line: Space is typed into the line; it keeps Tab",
            "keys: submit-line: ← edits the line; it keeps Enter",
        ])
        #expect(table.keys(for: .cancelLine, in: .line) == [.escape, .ctrl("c"), .ctrl("g")])
        #expect(table.keys(for: .olderLine, in: .line) == [.ctrl("p")], "a key the line does not use is fine")
    }

    @Test func actionsAreNamedInLowerCaseWithHyphens() {
        #expect(Action.download.settingName == "download")
        #expect(Action.yankID.settingName == "yank-id")
        #expect(Action.copyToStores.settingName == "copy-to-stores")
        #expect(Action(settingName: "yank_menu") == .yankMenu)
        #expect(Action(settingName: "yankMenu") == .yankMenu)
        #expect(Action(settingName: "yank-url") == .yankURL)
        #expect(Action(settingName: "dowload") == nil)
        #expect(!Keymap.remappable.contains(.sortByColumn) && Keymap.remappable.contains(.delete))
    }

    @Test func twoActionsMaySwapKeysAndTheTableChangesEverywhereTheyAreBound() {
        let (table, problems) = remap(["download": ["D"], "delete": ["ctrl-d"]])
        #expect(problems.isEmpty)
        for scope: KeyScope in [.list, .detail, .lineages] {
            #expect(table.binding(for: .char("D"), in: [scope, .everywhere])?.action == .download)
            #expect(table.binding(for: .ctrl("d"), in: [scope, .everywhere])?.action == .delete)
            #expect(table.binding(for: .char("d"), in: [scope, .everywhere]) == nil, "the old key is free")
        }
        // Everything else as declared; the editor's own d (remove a property) is another action.
        #expect(table.binding(for: .char("d"), in: [.editor, .everywhere])?.action == .removeProperty)
        #expect(table.bindings.count == Keymap.standard.bindings.count)
    }

    @Test func aKeyTakenWhereTheActionWorksIsRefusedAndTheDefaultKept() {
        let (table, problems) = remap(["download": ["e"], "transfers": ["d"], "toggle-mark": ["t"]])
        #expect(problems == [
            "keys: download: e is already edit-properties in image list; it keeps d",
            "keys: transfers: d is already download in image list; it keeps t",
            "keys: toggle-mark: t is already transfers in image list; it keeps Space",
        ])
        #expect(table == Keymap.standard)
    }

    @Test func anUnknownActionAnUnreadableKeyAndAFixedActionAreNamed() {
        let (table, problems) = remap(["dowload": ["x"], "delete": ["ctrl-"], "sort-by-column": ["s"], "members": []])
        #expect(problems == [
            "keys: dowload: no such action (README: Remapping keys)",
            "keys: delete: cannot read the key \"ctrl-\" (write D, ctrl-d, enter, esc, space, f5); it keeps D",
            "keys: sort-by-column: its keys cannot be changed",
            "keys: members: no key given; it keeps m",
        ])
        #expect(table == Keymap.standard)
    }

    @Test func aModeKeyIsCheckedOnlyAgainstTheMode() {
        // n is nothing on the list, so the copy menu's name may go to x; j is the menu's own move.
        let (table, problems) = remap(["yank-name": ["x"], "yank-command": ["j"]])
        #expect(problems == ["keys: yank-command: j is already move-down in copy menu; it keeps c"])
        #expect(table.keys(for: .yankName, in: .copyMenu) == [.char("x")])
        #expect(table.keys(for: .yankCommand, in: .copyMenu) == [.char("c")])
    }
}

/// Messages name keys as the session's table has them.
@Suite struct RemappedKeyNamesTests {
    @Test func hintsEndWithTheHelpsKeyAndTheHelpNamesTheMenusKey() {
        let (table, problems) = Keymap.standard.remapped([Keymap.Remap(action: "toggle-help", keys: ["f2"]),
                                                          Keymap.Remap(action: "yank-menu", keys: ["ctrl-y"])])
        #expect(problems.isEmpty)
        #expect(table.hints(for: .editor, session: nil).hasSuffix(" · F2 keys"))
        #expect(table.hints(for: .copyMenu, session: nil).hasSuffix(" · F2 keys"))
        #expect(table.helpSections().contains { $0.title == "Copy menu (Ctrl-Y)" })
        #expect(Keymap.standard.helpSections().contains { $0.title == "Copy menu (Y)" })
        #expect(table.name(of: .back, in: .usedBy) == "Esc" && table.name(of: .toggleHelp, in: .list) == "F2")
    }
}

/// Dispatch reads the session's table: a remapped key does what the action does, and the key
/// it replaced no longer does anything there.
@Suite struct UpdateRemappedKeysTests {
    @Test func theRemappedKeyDispatchesAndTheOldOneNoLongerDoes() {
        var state = Fixture.loaded(3)
        let (table, problems) = Keymap.standard.remapped([Keymap.Remap(action: "toggle-mark", keys: ["x"]),
                                                          Keymap.Remap(action: "yank-menu", keys: ["ctrl-y"])])
        #expect(problems.isEmpty)
        state.keymap = table
        var store = TestStore(state: state)
        store.key(" ")
        store.key("x") {
            $0.catalog.marks.toggle($0.catalog.images[0])
            $0.catalog.cursor.cursor = 1
        }
        store.key("Y")
        store.key(.ctrl("y")) { $0.copyMenu = Update.copyMenu($0, [$0.catalog.images[0]]) }
        store.key(.escape) { $0.copyMenu = nil }
    }

    /// A line's remap replaces its keys as everywhere else: the key it replaced does nothing in
    /// a line, though the line handlers know Esc and ↑ themselves; the new key does the action.
    @Test func inALineTheKeyARemapReplacedNoLongerActs() {
        var state = Fixture.loaded(3)
        let (table, problems) = Keymap.standard.remapped([Keymap.Remap(action: "cancel-line", keys: ["ctrl-x"]),
                                                          Keymap.Remap(action: "older-line", keys: ["ctrl-p"])])
        #expect(problems.isEmpty)
        state.keymap = table
        var store = TestStore(state: state)
        store.key(":") { $0.prompt.input = .command(LineEditor()) }
        store.key("q") { $0.prompt.input = .command(LineEditor("q")) }
        store.key(.escape)
        store.key(.ctrl("g"))
        store.key(.up)
        store.key(.ctrl("x")) { $0.prompt.input = .keys }
    }

    @Test func readmeNamesEveryActionKeysCanRemap() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        for action in Keymap.remappable {
            #expect(text.contains("`\(action.settingName)`"), "README's list of actions lacks \(action.settingName)")
        }
    }
}
