@testable import GlanceCore
import TerminalKit
import Testing

/// The one-line editor behind `:` and `/`: keys in, text, cursor (in Characters) and outcome out.
@Suite struct LineEditorTests {
    /// `@unchecked` only because `LineEditor.Outcome` (an enum without payloads) is not declared Sendable.
    struct Script: CustomTestStringConvertible, @unchecked Sendable {
        var name: String
        var start: String
        var keys: [Key]
        var text: String
        var cursor: Int
        var outcome: LineEditor.Outcome
        var testDescription: String { name }
        init(_ name: String, _ start: String, _ keys: [Key], _ text: String, _ cursor: Int, _ outcome: LineEditor.Outcome) {
            self.name = name
            self.start = start
            self.keys = keys
            self.text = text
            self.cursor = cursor
            self.outcome = outcome
        }
    }

    static func type(_ s: String) -> [Key] { s.map { .char($0) } }
    static func left(_ n: Int) -> [Key] { Array(repeating: .left, count: n) }
    static func right(_ n: Int) -> [Key] { Array(repeating: .right, count: n) }

    static let scripts: [Script] = [
        // Typing
        Script("typing into an empty line", "", type("abc"), "abc", 3, .edited),
        Script("a space is typed like any character", "a", [.char(" "), .char("b")], "a b", 3, .edited),
        Script("typing in the middle", "ac", left(1) + type("b"), "abc", 2, .edited),
        Script("typing at the start", "abc", [.home] + type("x"), "xabc", 1, .edited),
        Script("typing after moving right again", "abcd", left(3) + right(1) + type("X"), "abXcd", 3, .edited),
        // Backspace
        Script("backspace at the end", "abc", [.backspace], "ab", 2, .edited),
        Script("backspace in the middle", "abc", left(1) + [.backspace], "ac", 1, .edited),
        Script("Ctrl-H is backspace", "abc", [.ctrl("h")], "ab", 2, .edited),
        Script("backspace at the start of text does nothing", "abc", [.home, .backspace], "abc", 0, .moved),
        Script("backspace on an empty line cancels", "", [.backspace], "", 0, .cancel),
        Script("backspacing everything away, then once more cancels", "ab", [.backspace, .backspace, .backspace], "", 0, .cancel),
        Script("Ctrl-H on an empty line cancels too", "", [.ctrl("h")], "", 0, .cancel),
        // Delete
        Script("delete at the end does nothing", "abc", [.delete], "abc", 3, .moved),
        Script("delete at the start", "abc", [.home, .delete], "bc", 0, .edited),
        Script("delete in the middle", "abc", left(2) + [.delete], "ac", 1, .edited),
        Script("Ctrl-D is delete", "abc", [.ctrl("a"), .ctrl("d")], "bc", 0, .edited),
        Script("delete on an empty line does not cancel", "", [.delete], "", 0, .moved),
        // Movement
        Script("left stops at the start", "ab", left(5), "ab", 0, .moved),
        Script("right stops at the end", "ab", right(3), "ab", 2, .moved),
        Script("Ctrl-B and Ctrl-F", "abc", [.ctrl("b"), .ctrl("b"), .ctrl("f")], "abc", 2, .moved),
        Script("Ctrl-A goes home", "abc", [.ctrl("a")], "abc", 0, .moved),
        Script("Ctrl-E goes to the end", "abc", [.home, .ctrl("e")], "abc", 3, .moved),
        Script("Home and End", "abc", [.home, .right, .end], "abc", 3, .moved),
        Script("left on an empty line", "", [.left], "", 0, .moved),
        // Kill keys
        Script("Ctrl-U kills to the start", "hello world", left(5) + [.ctrl("u")], "world", 0, .edited),
        Script("Ctrl-U at the end clears the line", "hello", [.ctrl("u")], "", 0, .edited),
        Script("Ctrl-U at the start changes nothing", "hello", [.home, .ctrl("u")], "hello", 0, .edited),
        Script("Ctrl-K kills to the end", "hello world", left(6) + [.ctrl("k")], "hello", 5, .edited),
        Script("Ctrl-K at the start clears the line", "hello", [.home, .ctrl("k")], "", 0, .edited),
        Script("Ctrl-K at the end changes nothing", "hello", [.ctrl("k")], "hello", 5, .edited),
        Script("Ctrl-W deletes the word before the cursor", "filter name=x tag", [.ctrl("w")], "filter name=x ", 14, .edited),
        Script("Ctrl-W takes the spaces before the cursor too", "a b   ", [.ctrl("w")], "a ", 2, .edited),
        Script("Ctrl-W twice", "one two three", [.ctrl("w"), .ctrl("w")], "one ", 4, .edited),
        Script("Ctrl-W in the middle keeps what follows", "one two three", left(6) + [.ctrl("w")], "one  three", 4, .edited),
        Script("Ctrl-W inside a word deletes only its first part", "one two", left(1) + [.ctrl("w")], "one o", 4, .edited),
        Script("Ctrl-W at the start does nothing", "one", [.home, .ctrl("w")], "one", 0, .edited),
        Script("Ctrl-W on a single word clears it", "word", [.ctrl("w")], "", 0, .edited),
        Script("Ctrl-W on only spaces clears them", "   ", [.ctrl("w")], "", 0, .edited),
        // Ending the line
        Script("Enter submits and keeps the text", "filter", [.enter], "filter", 6, .submit),
        Script("Enter on an empty line submits", "", [.enter], "", 0, .submit),
        Script("Esc cancels and keeps the text", "abc", [.escape], "abc", 3, .cancel),
        Script("Ctrl-C cancels", "abc", [.ctrl("c")], "abc", 3, .cancel),
        Script("Ctrl-G cancels", "abc", [.ctrl("g")], "abc", 3, .cancel),
        // Keys the editor leaves to others
        Script("Tab is unhandled", "abc", [.tab], "abc", 3, .unhandled),
        Script("Up is unhandled", "abc", [.up], "abc", 3, .unhandled),
        Script("Down is unhandled", "abc", [.down], "abc", 3, .unhandled),
        Script("F1 is unhandled", "abc", [.function(1)], "abc", 3, .unhandled),
        Script("Ctrl-Z is unhandled", "abc", [.ctrl("z")], "abc", 3, .unhandled),
        Script("PgDn is unhandled", "abc", [.pageDown], "abc", 3, .unhandled),
        // Wide characters: one Character each, whatever their width on screen
        Script("CJK typed", "", type("日本語"), "日本語", 3, .edited),
        Script("CJK inserted in the middle", "日本", left(1) + [.char("語")], "日語本", 2, .edited),
        Script("CJK backspace removes one character", "日本語", [.backspace], "日本", 2, .edited),
        Script("CJK delete at the start", "画像", [.home, .delete], "像", 0, .edited),
        Script("CJK Ctrl-W", "name=画像 テスト", [.ctrl("w")], "name=画像 ", 8, .edited),
        Script("ASCII between CJK", "画像", left(1) + type("ab"), "画ab像", 3, .edited),
        Script("an emoji ZWJ sequence is one character", "a👩‍💻", [.backspace], "a", 1, .edited),
        Script("a flag is one character", "🇯🇵x", left(1) + [.backspace], "x", 0, .edited),
        Script("a precomposed accent", "", type("über"), "über", 4, .edited),
    ]

    @Test(arguments: scripts)
    func edits(_ s: Script) {
        var editor = LineEditor(s.start)
        var outcome = LineEditor.Outcome.unhandled
        for key in s.keys { outcome = editor.handle(key) }
        #expect(editor.text == s.text)
        #expect(editor.cursor == s.cursor)
        #expect(outcome == s.outcome)
        #expect(editor.beforeCursor == String(s.text.prefix(s.cursor)))
    }

    @Test func startsAtTheEnd() {
        let editor = LineEditor("日本 abc")
        #expect(editor.text == "日本 abc")
        #expect(editor.cursor == 6)
        #expect(LineEditor().text == "")
        #expect(LineEditor().cursor == 0)
    }

    @Test func insertAndReplaceAll() {
        var editor = LineEditor("ad")
        _ = editor.handle(.left)
        editor.insert("bc")
        #expect(editor.text == "abcd")
        #expect(editor.cursor == 3)
        editor.insert("")
        #expect(editor.text == "abcd")
        #expect(editor.cursor == 3)
        editor.replaceAll("画像 x")
        #expect(editor.text == "画像 x")
        #expect(editor.cursor == 4)
        editor.replaceAll("")
        #expect(editor.cursor == 0)
    }

    @Test(arguments: [("hello world", 5, "hello"), ("日本語", 2, "日本"), ("abc", 0, ""), ("abc", 3, "abc")])
    func beforeCursor(_ text: String, _ cursor: Int, _ expected: String) {
        var editor = LineEditor(text)
        for _ in 0..<(text.count - cursor) { _ = editor.handle(.left) }
        #expect(editor.beforeCursor == expected)
    }

    /// Every key keeps the cursor within the text, whatever was typed before.
    @Test(arguments: [Key.left, .right, .home, .end, .backspace, .delete, .ctrl("u"), .ctrl("k"), .ctrl("w"), .char("x")])
    func cursorStaysInBounds(_ key: Key) {
        for start in ["", "a", "ab cd", "日本 語"] {
            for position in 0...start.count {
                var editor = LineEditor(start)
                for _ in 0..<(start.count - position) { _ = editor.handle(.left) }
                _ = editor.handle(key)
                #expect(editor.cursor >= 0 && editor.cursor <= editor.text.count, "\(start) at \(position)")
            }
        }
    }

    /// The terminal delivers one key per Unicode scalar, so a combining accent (a pasted NFD name)
    /// or the second half of a flag arrives on its own and joins the Character before it. The
    /// cursor must still count Characters, or the next key indexes past the end of the text.
    @Test(arguments: [
        ("e", "\u{301}", "é", 1),
        ("ab", "\u{301}", "áb", 1),
        ("🇯", "🇵", "🇯🇵", 1),
        ("👩", "\u{200D}", "👩\u{200D}", 1),
    ] as [(String, Character, String, Int)])
    func scalarsThatJoinThePreviousCharacter(_ start: String, _ typed: Character, _ text: String, _ cursor: Int) {
        var editor = LineEditor(start)
        if start == "ab" { _ = editor.handle(.left) }
        #expect(editor.handle(.char(typed)) == .edited)
        #expect(editor.text == text)
        #expect(editor.cursor == cursor)
        #expect(editor.cursor <= editor.text.count)
    }
}
