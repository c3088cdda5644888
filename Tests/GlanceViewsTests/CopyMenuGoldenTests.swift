import Foundation
import GlanceAPI
@testable import GlanceCore
@testable import GlanceViews
import TerminalKit
import Testing

/// `Y`'s menu over the list: every form with its key and the value it would copy (a hostile
/// name escaped), the highlighted choice; and for marked images, how many lines each would be.
@Suite struct CopyMenuGoldenTests {
    init() { DisplayWidth.ensureUTF8Locale() }

    static let sizes = [TerminalSize(width: 80, height: 24), TerminalSize(width: 120, height: 40)]
    static let themes: [(String, Theme)] = [("", .builtinDefault), ("-mono", .builtinMonochrome)]

    func render(_ state: AppState, _ theme: Theme) -> ScreenBuffer { RootView.render(state, theme: theme, now: ScreenFixtures.now) }

    /// The hostile name's row, the menu open and its third choice (URL) highlighted.
    func menu(size: TerminalSize) -> AppState {
        var state = ScreenFixtures.state(size: size, cursor: 3)
        for key in [Key.char("Y"), .char("j"), .char("j")] { _ = Update.update(&state, .keyPressed(key)) }
        return state
    }

    @Test(arguments: sizes)
    func theMenuShowsEachFormItsKeyAndItsValue(size: TerminalSize) {
        let state = menu(size: size)
        #expect(state.copyMenu?.selection == 2)
        let text = render(state, .builtinDefault).textLines().joined(separator: "\n")
        #expect(text.contains("http://127.0.0.1:9292/v2/images/3eb14c85-cf70-413"))
        #expect(text.contains("evil\\x1b[2J"), "the name is shown escaped")
        for (suffix, theme) in Self.themes {
            Golden.assert(render(state, theme), named: "copy-menu-\(size.width)x\(size.height)\(suffix)")
        }
    }

    @Test func markedImagesSayHowManyLinesEachFormIs() {
        var state = ScreenFixtures.state(size: Self.sizes[0], cursor: 0)
        for key in [Key.char(" "), .char(" "), .char("Y")] { _ = Update.update(&state, .keyPressed(key)) }
        let text = render(state, .builtinDefault).textLines().joined(separator: "\n")
        #expect(text.contains("Copy · 2 marked images"))
        #expect(text.contains("2 lines, one per image"))
        for (suffix, theme) in Self.themes {
            Golden.assert(render(state, theme), named: "copy-menu-marked-80x24\(suffix)")
        }
    }

    /// On the smallest terminal the menu still shows, its choices first, so keys never go to a
    /// menu that cannot be seen.
    @Test func aTinyTerminalStillShowsTheChoices() {
        var state = ScreenFixtures.state(size: TerminalSize(width: 20, height: 6), cursor: 0)
        _ = Update.update(&state, .keyPressed(.char("Y")))
        let lines = render(state, .builtinDefault).textLines()
        #expect(lines.contains { $0.contains("i  id") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("Copy") })
        for _ in 0..<4 { _ = Update.update(&state, .keyPressed(.char("j"))) }
        #expect(render(state, .builtinDefault).textLines().contains { $0.contains("y  det") }, "the highlighted choice is in view")
    }

    /// Three or four lines leave no room for a box: the menu is the status line, its choices by
    /// their keys and the highlighted one marked, so it is never open unseen.
    @Test(arguments: [TerminalSize(width: 40, height: 3), TerminalSize(width: 60, height: 4)])
    func onThreeOrFourLinesTheMenuIsTheStatusLine(size: TerminalSize) {
        var state = ScreenFixtures.state(size: size, cursor: 0)
        for key in [Key.char("Y"), .char("j")] { _ = Update.update(&state, .keyPressed(key)) }
        let bottom = render(state, .builtinDefault).textLines().last ?? ""
        #expect(bottom.hasPrefix("Copy: i id n name u URL"), "\(bottom)")
        Golden.assert(render(state, .builtinDefault), named: "copy-menu-line-\(size.width)x\(size.height)")
        Golden.assert(render(state, .builtinMonochrome), named: "copy-menu-line-\(size.width)x\(size.height)-mono")
    }
}
