import Testing
@testable import TerminalKit

/// wcwidth answers -1 for everything non-ASCII in the C locale: set a UTF-8 LC_CTYPE once,
/// before any width is asked for. Every suite's init touches this.
let utf8Locale: String = DisplayWidth.ensureUTF8Locale()

@Suite("DisplayWidth")
struct DisplayWidthTests {
    init() { _ = utf8Locale }

    @Test("ensureUTF8Locale leaves a UTF-8 LC_CTYPE")
    func locale() {
        // Not called again here: ensureUTF8Locale briefly resets LC_CTYPE to the environment's
        // (often "C"), which would disturb width tests running in parallel.
        let name = utf8Locale.lowercased()
        #expect(name.contains("utf-8") || name.contains("utf8"), "\(name)")
    }

    static let scalars: [(UInt32, Int?)] = [
        // ASCII
        (0x41, 1), (0x20, 1), (0x7E, 1), (0x30, 1),
        // Latin-1 and friends
        (0xE9, 1), (0xA0, 1),
        // CJK and other wide
        (0x65E5, 2), (0x3000, 2), (0xFF21, 2), (0xAC00, 2), (0x20000, 2),
        // Emoji
        (0x1F600, 2), (0x1F44D, 2), (0x1F468, 2),
        // Zero width: combining marks, ZWSP, ZWJ, variation selector
        (0x301, 0), (0x308, 0), (0x200B, 0), (0x200D, 0), (0xFE0F, 0),
        // Controls: C0, DEL, C1
        (0x00, nil), (0x07, nil), (0x09, nil), (0x0A, nil), (0x0D, nil), (0x1B, nil), (0x1F, nil),
        (0x7F, nil), (0x80, nil), (0x85, nil), (0x9B, nil), (0x9F, nil),
        // Bidi controls (wcwidth says 0, but they reorder text around them)
        (0x202A, nil), (0x202B, nil), (0x202C, nil), (0x202D, nil), (0x202E, nil),
        (0x2066, nil), (0x2067, nil), (0x2068, nil), (0x2069, nil), (0x200E, nil), (0x200F, nil), (0x061C, nil),
        // Unassigned and separators
        (0x0378, nil), (0x2028, nil), (0x2029, nil), (0x10FFFF, nil),
    ]

    @Test("width of one scalar", arguments: scalars)
    func scalarWidth(value: UInt32, expected: Int?) throws {
        let scalar = try #require(Unicode.Scalar(value))
        #expect(DisplayWidth.of(scalar) == expected, "U+\(String(value, radix: 16))")
    }

    static let strings: [(String, Int)] = [
        ("", 0),
        ("glance", 6),
        ("日本語", 6),
        ("cirros 画像", 11),
        ("e\u{301}", 1),
        ("Ame\u{301}lie", 6),
        ("\u{301}", 1),        // a lone mark is drawn on a dotted circle
        ("😀", 2),
        ("👍🏽", 4),           // the skin-tone modifier is a wide scalar of its own to wcwidth
        ("a\u{1B}", 5),        // "\x1b" takes four columns
        ("a\tb", 4),           // "\t"
        ("\u{202E}abc", 9),    // "\u202e"
        ("\u{9B}", 4),
    ]

    @Test("width of a string, escapes included", arguments: strings)
    func stringWidth(text: String, expected: Int) {
        #expect(DisplayWidth.of(text) == expected)
    }
}

@Suite("TextSegments")
struct TextSegmentsTests {
    init() { _ = utf8Locale }

    /// `TextSegments.Segment` is not Sendable, so the table holds this mirror of it.
    struct S: Equatable, Sendable, CustomStringConvertible {
        var text: String
        var width: Int
        var escaped: Bool
        init(text: String, width: Int, escaped: Bool) { (self.text, self.width, self.escaped) = (text, width, escaped) }
        init(_ s: TextSegments.Segment) { self.init(text: s.text, width: s.width, escaped: s.escaped) }
        var description: String {
            "(\(text.unicodeScalars.map { "U+" + String($0.value, radix: 16) }.joined(separator: " ")), \(width), \(escaped))"
        }
    }
    static func plain(_ t: String, _ w: Int = 1) -> S { S(text: t, width: w, escaped: false) }
    static func esc(_ t: String) -> S { S(text: t, width: t.count, escaped: true) }

    static let cases: [(String, [S])] = [
        ("", []),
        ("ab", [plain("a"), plain("b")]),
        ("\u{1B}", [esc("\\x1b")]),
        ("\u{07}", [esc("\\x07")]),
        ("\u{00}", [esc("\\x00")]),
        ("\n", [esc("\\n")]),
        ("\r", [esc("\\r")]),
        ("\t", [esc("\\t")]),
        ("\u{9B}", [esc("\\x9b")]),
        ("\u{85}", [esc("\\x85")]),
        ("\u{7F}", [esc("\\x7f")]),
        ("\u{202E}", [esc("\\u202e")]),
        ("\u{2066}", [esc("\\u2066")]),
        ("\u{200F}", [esc("\\u200f")]),
        ("\u{2028}", [esc("\\u2028")]),
        ("\u{10FFFF}", [esc("\\U0010ffff")]),
        ("a\u{1B}[31mb", [plain("a"), esc("\\x1b"), plain("["), plain("3"), plain("1"), plain("m"), plain("b")]),
        ("evil\u{202E}gpj.exe", [plain("e"), plain("v"), plain("i"), plain("l"), esc("\\u202e"), plain("g"), plain("p"),
                                 plain("j"), plain("."), plain("e"), plain("x"), plain("e")]),
        // Combining marks attach to the scalar before them.
        ("e\u{301}x", [plain("e\u{301}"), plain("x")]),
        ("日\u{301}", [plain("日\u{301}", 2)]),
        ("a\u{200D}b", [plain("a\u{200D}"), plain("b")]),
        ("😀\u{FE0F}", [plain("😀\u{FE0F}", 2)]),
        // A mark with nothing before it sits on a dotted circle.
        ("\u{301}a", [plain("\u{25CC}\u{301}"), plain("a")]),
        ("\u{1B}\u{301}", [esc("\\x1b"), plain("\u{25CC}\u{301}")]),
        // Marks never swallow a following control.
        ("e\u{301}\u{1B}", [plain("e\u{301}"), esc("\\x1b")]),
        // At most five scalars per cell; the excess is dropped, the next character kept.
        ("a\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}b", [plain("a\u{301}\u{302}\u{303}\u{304}"), plain("b")]),
        ("日本", [plain("日", 2), plain("本", 2)]),
    ]

    @Test("segmentation", arguments: cases)
    func segments(text: String, expected: [S]) {
        let actual = TextSegments(text).map(S.init)
        #expect(actual == expected)
    }

    static let hostile = [
        "\u{1B}]0;pwned\u{07}", "\u{1B}[2J\u{1B}[H", "x\u{9B}31m", "a\u{8}\u{8}b", "line1\r\nline2",
        "\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}\u{200E}\u{200F}\u{061C}", "\u{7F}\u{80}\u{9F}",
        "tab\there", "\u{2028}\u{2029}", "\u{0}\u{1}\u{1F}",
    ]

    @Test("nothing that drives a terminal survives segmentation", arguments: hostile)
    func hostileNames(text: String) {
        for segment in TextSegments(text) {
            for scalar in segment.text.unicodeScalars {
                #expect(DisplayWidth.of(scalar) != nil, "U+\(String(scalar.value, radix: 16)) in \(segment)")
            }
            if segment.escaped {
                #expect(segment.text.hasPrefix("\\"))
                #expect(segment.text.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F })
            }
        }
    }

    @Test("segment widths add up to DisplayWidth.of")
    func widthsAddUp() {
        for text in Self.hostile + ["日本語 text", "e\u{301}\u{302}", "😀👍"] {
            #expect(TextSegments(text).reduce(0) { $0 + $1.width } == DisplayWidth.of(text))
        }
    }
}

@Suite("TextLayout")
struct TextLayoutTests {
    init() { _ = utf8Locale }

    static let truncations: [(String, Int, String)] = [
        ("hello", 10, "hello"),
        ("hello", 5, "hello"),
        ("hello!", 5, "hell…"),
        ("hello", 2, "h…"),
        ("hello", 1, "…"),
        ("hello", 0, ""),
        ("hello", -3, ""),
        ("", 3, ""),
        ("日本語", 6, "日本語"),
        ("日本語", 5, "日本…"),
        ("日本語", 4, "日…"),
        ("日本語", 3, "日…"),
        ("日本語", 2, "…"),
        ("ab日本", 4, "ab…"),
        ("e\u{301}e\u{301}e\u{301}", 3, "e\u{301}e\u{301}e\u{301}"),
        ("e\u{301}e\u{301}e\u{301}", 2, "e\u{301}…"),
        ("😀😀😀", 5, "😀😀…"),
    ]

    @Test("truncate by columns", arguments: truncations)
    func truncate(text: String, width: Int, expected: String) {
        let result = TextLayout.truncate(text, to: width)
        #expect(result == expected)
        #expect(DisplayWidth.of(result) <= max(0, width))
    }

    static let wraps: [(String, Int, [String])] = [
        ("hello world", 20, ["hello world"]),
        ("hello world", 11, ["hello world"]),
        ("aaa bbb ccc", 4, ["aaa", "bbb", "ccc"]),
        ("aaa bbb ccc", 7, ["aaa bbb", "ccc"]),
        ("abcdefgh", 3, ["abc", "def", "gh"]),
        ("", 5, [""]),
        ("x", 0, []),
        ("日本語テキスト", 5, ["日本", "語テ", "キス", "ト"]),
        ("日本語テキスト", 4, ["日本", "語テ", "キス", "ト"]),
        ("画像 の 名前", 6, ["画像", "の", "名前"]),
        // A space that does not fit ends the line; it is not carried to the next one.
        ("hello world", 5, ["hello", "world"]),
        ("hello world foo", 11, ["hello world", "foo"]),
        ("a b c d", 3, ["a b", "c d"]),
        ("日本語 テキスト", 6, ["日本語", "テキス", "ト"]),
    ]

    @Test("wrap by columns, at spaces when a word fits", arguments: wraps)
    func wrap(text: String, width: Int, expected: [String]) {
        #expect(TextLayout.wrap(text, width: width) == expected)
    }

    @Test("wrapped lines never exceed the width and lose no words",
          arguments: [("the quick brown fox jumps over the lazy dog", 10),
                      ("Image disk_format qcow2 does not match stream data raw", 12),
                      ("画像 名前 とても 長い 説明 です", 7),
                      ("supercalifragilisticexpialidocious is long", 8)])
    func wrapInvariants(text: String, width: Int) {
        let lines = TextLayout.wrap(text, width: width)
        for line in lines { #expect(DisplayWidth.of(line) <= width, "\(line)") }
        let words = text.split(separator: " ").joined()
        #expect(String(lines.joined().filter { $0 != " " }) == words)
    }
}

@Suite("TextLayout keeps control characters for draw() to escape")
struct TextLayoutEscapeTests {
    init() { _ = utf8Locale }

    // Views draw what truncate/wrap return with `escapedStyle`; that only works if the control
    // characters are still there, not already turned into look-alike text ("\x1b" typed by a user
    // and a real ESC must stay distinguishable on screen).
    @Test("truncate keeps the control character, not its visible escape")
    func truncateKeepsControl() {
        let result = TextLayout.truncate("\u{1B}[2J wipes the screen", to: 10)
        #expect(result == "\u{1B}[2J w…")
        #expect(DisplayWidth.of(result) == 10)
    }

    @Test("wrap keeps the control character, not its visible escape")
    func wrapKeepsControl() {
        #expect(TextLayout.wrap("a\u{1B}b", width: 20) == ["a\u{1B}b"])
        #expect(TextLayout.wrap("ok name\u{202E}txt.exe", width: 17) == ["ok", "name\u{202E}txt.exe"])
    }

    @Test("truncate and wrap leave ordinary text alone when it fits", arguments: ["plain", "日本語", "e\u{301}te"])
    func untouched(text: String) {
        #expect(TextLayout.truncate(text, to: 20) == text)
        #expect(TextLayout.wrap(text, width: 20) == [text])
    }
}
