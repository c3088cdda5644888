import Foundation
import GlanceAPI
@testable import GlanceCore
import TerminalKit
import Testing

@Suite struct UpdateNavigationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var keys: [Key]
        var cursor: Int
        var top: Int
        var testDescription: String { name }
    }

    // 24 rows leave 21 list rows (title, column headers, status bar).
    static let cases: [Case] = [
        Case(name: "j moves down", keys: [.char("j")], cursor: 1, top: 0),
        Case(name: "down arrow moves down", keys: [.down, .down], cursor: 2, top: 0),
        Case(name: "k at the top stays", keys: [.char("k")], cursor: 0, top: 0),
        Case(name: "up arrow after down", keys: [.down, .up], cursor: 0, top: 0),
        Case(name: "G goes to the last row and scrolls", keys: [.char("G")], cursor: 99, top: 79),
        Case(name: "End is G", keys: [.end], cursor: 99, top: 79),
        Case(name: "g after G returns to the top", keys: [.char("G"), .char("g")], cursor: 0, top: 0),
        Case(name: "PgDn keeps the cursor's place in the window", keys: [.pageDown], cursor: 20, top: 20),
        Case(name: "Ctrl-F pages down twice", keys: [.ctrl("f"), .ctrl("f")], cursor: 40, top: 40),
        Case(name: "PgUp at the top stays", keys: [.pageUp], cursor: 0, top: 0),
        Case(name: "PgDn then PgUp returns", keys: [.pageDown, .pageUp], cursor: 0, top: 0),
        Case(name: "moving past the window scrolls by one", keys: Array(repeating: .char("j"), count: 21), cursor: 21, top: 1),
        Case(name: "PgDn at the end stops on the last row", keys: Array(repeating: .pageDown, count: 9), cursor: 99, top: 79),
    ]

    @Test(arguments: cases)
    func listMovement(_ c: Case) {
        var state = Fixture.loaded(100)
        for key in c.keys { #expect(Update.update(&state, .keyPressed(key)).isEmpty) }
        #expect(state.catalog.cursor.cursor == c.cursor)
        #expect(state.catalog.cursor.top == c.top)
    }

    @Test func movementOnAnEmptyListIsHarmless() {
        var state = Fixture.loaded(0)
        for key: Key in [.char("j"), .char("G"), .pageDown, .char("k"), .enter] {
            _ = Update.update(&state, .keyPressed(key))
        }
        #expect(state.catalog.cursor == ListViewport(cursor: 0, top: 0))
        #expect(state.screen == .list)
    }

    @Test func enterOpensTheDetailWithTheListCopyAndFetchesAFreshOne() throws {
        var state = Fixture.loaded(5)
        _ = Update.update(&state, .keyPressed(.char("j")))
        let effects = Update.update(&state, .keyPressed(.enter))
        #expect(effects == [.loadImage(RequestID(2), imageID: "img-1"), .scheduleSpinnerTick])
        #expect(state.screen == .detail)
        #expect(state.detail?.image.id == "img-1")

        #expect(state.detail?.image.isSummary == true, "the list keeps compact copies")
        var fields = Fixture.images(5)[1].fields
        fields["hw_disk_bus"] = .string("scsi")
        let fresh = try Image(json: .object(fields))
        _ = Update.update(&state, .imageLoaded(RequestID(2), fresh))
        #expect(state.detail?.image.fields["hw_disk_bus"] == .string("scsi"))
        #expect(state.catalog.images[1].isSummary, "the list row is updated, and stays compact")
        #expect(state.detail?.image.isSummary == false)
    }

    @Test(arguments: [Key.escape, .char("q"), .char("h"), .left, .backspace])
    func backKeysReturnToTheList(_ key: Key) {
        var state = Fixture.loaded(5)
        _ = Update.update(&state, .keyPressed(.enter))
        _ = Update.update(&state, .keyPressed(key))
        #expect(state.screen == .list)
        #expect(state.detail == nil)
        #expect(!state.quitting)
    }

    @Test func aDetailAnswerAfterLeavingIsIgnored() {
        var state = Fixture.loaded(5)
        _ = Update.update(&state, .keyPressed(.enter))
        _ = Update.update(&state, .keyPressed(.escape))
        _ = Update.update(&state, .imageLoaded(RequestID(2), Fixture.images(1)[0]))
        #expect(state.detail == nil)
        #expect(state.screen == .list)
    }

    @Test func detailScrollIsBoundedByItsRows() {
        var state = Fixture.loaded(5, size: TerminalSize(width: 80, height: 8))
        _ = Update.update(&state, .keyPressed(.enter))
        let rows = DetailLayout.rows(for: state.detail!.image, width: 80).count
        _ = Update.update(&state, .keyPressed(.char("G")))
        #expect(state.detail?.scroll == rows - ScreenLayout.detailRows(state.size))
        _ = Update.update(&state, .keyPressed(.char("j")))
        #expect(state.detail?.scroll == rows - ScreenLayout.detailRows(state.size))
        _ = Update.update(&state, .keyPressed(.char("g")))
        _ = Update.update(&state, .keyPressed(.char("k")))
        #expect(state.detail?.scroll == 0)
    }

    @Test func qQuitsFromTheListAndCtrlCFromAnywhere() {
        var list = Fixture.loaded(3)
        #expect(Update.update(&list, .keyPressed(.char("q"))) == [.quit])
        var detail = Fixture.loaded(3)
        _ = Update.update(&detail, .keyPressed(.enter))
        #expect(Update.update(&detail, .keyPressed(.ctrl("c"))) == [.quit])
    }

    @Test func helpOpensWithQuestionMarkAndAnyKeyClosesIt() {
        var state = Fixture.loaded(3)
        _ = Update.update(&state, .keyPressed(.char("?")))
        #expect(state.showsHelp)
        _ = Update.update(&state, .keyPressed(.char("q")))
        #expect(!state.showsHelp)
        #expect(!state.quitting, "q closes help rather than quitting")
        #expect(state.catalog.cursor.cursor == 0)
    }

    @Test func keysBoundNowhereOnThisScreenDoNothing() {
        var state = Fixture.loaded(3)
        let before = state
        #expect(Update.update(&state, .keyPressed(.char("Z"))).isEmpty)
        #expect(state == before)
    }

    @Test func resizeKeepsTheCursorVisible() {
        var state = Fixture.loaded(100, size: TerminalSize(width: 120, height: 40))
        _ = Update.update(&state, .keyPressed(.char("G")))
        _ = Update.update(&state, .keyPressed(.char("k")))
        #expect(state.catalog.cursor.cursor == 98)
        _ = Update.update(&state, .terminalResized(TerminalSize(width: 20, height: 6)))
        #expect(state.size == TerminalSize(width: 20, height: 6))
        #expect(state.catalog.cursor.cursor == 98)
        #expect(state.catalog.cursor.top <= 98 && 98 < state.catalog.cursor.top + ScreenLayout.listRows(state.size))
    }

    @Test func resizeWhileLoadingKeepsLoading() {
        var state = AppState(cloudName: "c", size: TerminalSize(width: 80, height: 24))
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(Fixture.session))
        #expect(Update.update(&state, .terminalResized(TerminalSize(width: 20, height: 6))).isEmpty)
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: Fixture.images(10), next: nil)))
        #expect(state.catalog.listing == .complete)
        #expect(state.catalog.images.count == 10)
    }

    @Test func everyBindingIsReachableAndNoKeyIsBoundTwiceInOneScope() {
        for scope in KeyScope.allCases {
            let keys = Keymap.standard.bindings.filter { $0.scopes.contains(scope) }.flatMap(\.keys)
            #expect(Set(keys).count == keys.count, "a key bound twice in \(scope)")
        }
        let modes: Set<KeyScope> = [.help, .question, .line, .review, .conflict, .editorBusy, .copyMenu]
        for binding in Keymap.standard.bindings {
            for scope in binding.scopes {
                // A mode is looked up alone; a pane before what works everywhere (checked on the list).
                let live: [KeyScope] = modes.contains(scope) ? [scope] : scope == .everywhere ? [.list, .everywhere] : [scope, .everywhere]
                for key in binding.keys {
                    #expect(Keymap.standard.binding(for: key, in: live)?.action == binding.action, "\(key) in \(scope)")
                }
                if binding.keys.isEmpty {
                    // A mode's catch-all takes any key the mode does not bind.
                    #expect(Keymap.standard.binding(for: .function(12), in: live)?.action == binding.action, "catch-all of \(scope)")
                }
            }
        }
    }

    @Test func everyModeTakesEveryKeyWhileItLasts() {
        var state = Fixture.loaded(3)
        state.showsHelp = true
        #expect(Keymap.scopes(for: state) == [.help])
        state.showsHelp = false
        state.confirmation = Confirmation(question: "?", action: .delete(imageID: "i", name: "n"))
        #expect(Keymap.scopes(for: state) == [.question])
        state.confirmation = nil
        state.prompt.input = .command(LineEditor())
        #expect(Keymap.scopes(for: state) == [.line])
        state.prompt.input = .keys
        #expect(Keymap.scopes(for: state) == [.list, .everywhere])
        // A line: Enter submits, a letter edits it (no binding), so "q" never quits while typing.
        #expect(Keymap.standard.binding(for: .enter, in: [.line])?.action == .submitLine)
        #expect(Keymap.standard.binding(for: .char("q"), in: [.line]) == nil)
        _ = Update.update(&state, .keyPressed(.char(":")))
        _ = Update.update(&state, .keyPressed(.char("q")))
        #expect(state.prompt.input == .command(LineEditor("q")) && !state.quitting)
    }

    @Test func hintsComeFromTheTableAndLeaveOutWhatTheSessionCannotDo() {
        #expect(Keymap.standard.hints(for: .editor, session: Fixture.session(.v2))
                == "Enter edit · a add · d remove · u undo · +/- tag · s review and save · Esc leave · ? keys")
        #expect(Keymap.standard.hints(for: .editor, session: Fixture.session(.compute))
                == "Enter edit · a add · d remove · u undo · s review and save · Esc leave · ? keys")
        #expect(Keymap.standard.hints(for: .conflict, session: nil) == "o keep mine · t take theirs · Esc back · ? keys")
        #expect(Keymap.standard.hints(for: .members, session: nil) == "a add · d remove · v visibility · Esc back · ? keys")
    }
}

@Suite struct KeymapDocumentationTests {
    /// The README's key table is written by hand; this keeps it from drifting from the Keymap.
    @Test func readmeNamesEveryAvailableBinding() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        for binding in Keymap.standard.bindings where binding.unavailableReason == nil {
            for key in binding.keys {
                #expect(text.contains("`\(key)`"), "README's key table lacks \(key) (\(binding.help))")
            }
        }
    }

    @Test func ctrlLAsksForAFullRedraw() {
        var state = Fixture.loaded(3)
        #expect(Update.update(&state, .keyPressed(.ctrl("l"))) == [.redrawScreen])
    }
}
