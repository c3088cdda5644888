import Testing
@testable import TerminalKit

let red = Style(foreground: .red)
let boldRed = Style(foreground: .red, attributes: [.bold])
let escapedStyle = Style(foreground: .yellow, attributes: [.reverse])

/// A buffer of one row pre-filled with dots, so untouched cells are visible in assertions.
func dots(_ width: Int, height: Int = 1) -> ScreenBuffer {
    ScreenBuffer(width: width, height: height, fill: Cell("."))
}

/// Every cell's text, continuation cells as "_" (so a wide character reads "日_").
func cellTexts(_ buffer: ScreenBuffer, row: Int = 0) -> String {
    (0..<buffer.width).map { buffer[$0, row].isContinuation ? "_" : buffer[$0, row].text }.joined()
}

/// A continuation cell must follow a wide character and a wide character must be followed by one.
func expectWellFormed(_ buffer: ScreenBuffer, sourceLocation: SourceLocation = #_sourceLocation) {
    for y in 0..<buffer.height {
        for x in 0..<buffer.width {
            let cell = buffer[x, y]
            if cell.isContinuation {
                let lead = buffer[x - 1, y]
                #expect(x > 0 && !lead.isContinuation && DisplayWidth.of(lead.text) == 2,
                        "orphan continuation at \(x),\(y): \(cellTexts(buffer, row: y))", sourceLocation: sourceLocation)
            } else if DisplayWidth.of(cell.text) == 2 {
                #expect(x + 1 < buffer.width && buffer[x + 1, y].isContinuation,
                        "wide character without continuation at \(x),\(y): \(cellTexts(buffer, row: y))",
                        sourceLocation: sourceLocation)
            }
        }
    }
}

@Suite("ScreenBuffer.draw")
struct ScreenBufferDrawTests {
    init() { _ = utf8Locale }

    @Test("ASCII text lands where asked and returns the next column")
    func ascii() {
        var b = ScreenBuffer(width: 10, height: 2)
        let end = b.draw("hello", x: 2, y: 1, style: red)
        #expect(end == 7)
        #expect(b.textLines() == ["          ", "  hello   "])
        #expect((2..<7).allSatisfy { b[$0, 1].style == red })
        #expect(b[1, 1].style == .plain)
        #expect(b[7, 1].style == .plain)
    }

    static let clipping: [(String, Int, Int?, String, Int)] = [
        // text, x, maxX, row afterwards, returned column
        ("hello world", 0, 5, "hello...", 5),
        ("hello world", 3, 6, "...hel..", 6),
        ("hello", 5, nil, ".....hel", 8),
        ("hello", 0, 100, "hello...", 5),
        ("hello", 8, nil, "........", 8),
        ("hello", 0, 0, "........", 0),
        ("hello", -2, nil, "llo.....", 3),
        // A wide character that would straddle the limit becomes a space.
        ("ab日", 5, nil, ".....ab ", 8),
        ("日本", 0, 3, "日_ .....", 3),
        ("日本語", 1, nil, ".日_本_語_.", 7),
        ("日本語", 3, nil, "...日_本_ ", 8),
        // Escapes are cut character by character.
        ("\u{1B}x", 0, 3, "\\x1.....", 3),
        ("a\u{1B}", 0, nil, "a\\x1b...", 5),
        // Marks stay with their base character in one cell.
        ("e\u{301}x", 0, nil, "e\u{301}x......", 2),
    ]

    @Test("clipping at maxX and at the edge", arguments: clipping)
    func clip(text: String, x: Int, maxX: Int?, expected: String, end: Int) {
        var b = dots(8)
        #expect(b.draw(text, x: x, y: 0, maxX: maxX, style: red) == end)
        #expect(cellTexts(b) == expected)
        expectWellFormed(b)
    }

    @Test("rows outside the buffer draw nothing", arguments: [-1, 1, 5])
    func outsideRows(y: Int) {
        var b = dots(4)
        #expect(b.draw("abc", x: 0, y: y, style: red) == 0)
        #expect(b == dots(4))
    }

    @Test("a wide character takes its cell and a continuation cell")
    func wideCells() {
        var b = ScreenBuffer(width: 4, height: 1)
        #expect(b.draw("日", x: 1, y: 0, style: red) == 3)
        #expect(b[1, 0] == Cell("日", style: red))
        #expect(b[2, 0].isContinuation)
        #expect(b[2, 0].style == red)
        #expect(b.textLines() == [" 日 "])
    }

    @Test("escaped controls get escapedStyle, the rest the normal style")
    func escapedStyles() {
        var b = dots(8)
        #expect(b.draw("a\u{1B}b", x: 0, y: 0, style: red, escapedStyle: escapedStyle) == 6)
        #expect(cellTexts(b) == "a\\x1bb..")
        #expect((0..<6).map { b[$0, 0].style } == [red, escapedStyle, escapedStyle, escapedStyle, escapedStyle, red])
    }

    @Test("without escapedStyle, escapes take the normal style")
    func escapedDefault() {
        var b = dots(6)
        b.draw("\u{7F}", x: 0, y: 0, style: red)
        #expect((0..<4).allSatisfy { b[$0, 0].style == red })
    }

    static let repairs: [(String, String, Int, String)] = [
        // first drawing at 0, second drawing at column, resulting five cells ("_" = continuation)
        ("日", "x", 1, " x..."),      // right half overwritten: the left half becomes a space
        ("日", "x", 0, "x ..."),      // left half overwritten: the right half becomes a space
        ("日本", "x", 2, "日_x ."),
        ("日本", "x", 1, " x本_."),
        ("ab", "日", 0, "日_..."),
        ("日本", "中", 3, "日_ 中_"),
        // A wide character whose right half lands on the left half of another wide character:
        // that one loses its left half, so its right half must become a space too.
        ("日本", "中", 1, " 中_ ."),
        ("日本語", "中", 1, " 中_  "),   // 語 did not fit in five columns: a space at 4
    ]

    @Test("overwriting half of a wide character repairs the other half", arguments: repairs)
    func repair(first: String, second: String, x: Int, expected: String) {
        var b = dots(5)
        b.draw(first, x: 0, y: 0, style: red)
        b.draw(second, x: x, y: 0, style: boldRed)
        #expect(cellTexts(b) == expected)
        expectWellFormed(b)
    }

    @Test("a repaired half keeps the style it had")
    func repairKeepsStyle() {
        var b = dots(4)
        b.draw("日", x: 0, y: 0, style: red)
        b.draw("x", x: 1, y: 0, style: boldRed)
        #expect(b[0, 0] == Cell(" ", style: red))
        #expect(b[1, 0] == Cell("x", style: boldRed))
    }

    @Test("fill clips to the buffer and repairs wide characters")
    func fill() {
        var b = dots(4, height: 2)
        b.draw("日", x: 0, y: 0, style: red)
        b.fill(Rect(x: 1, y: -1, width: 10, height: 2), style: boldRed)
        #expect(cellTexts(b, row: 0) == "    ")
        #expect(cellTexts(b, row: 1) == "....")
        #expect(b[0, 0].style == red)
        #expect((1..<4).allSatisfy { b[$0, 0].style == boldRed })
        expectWellFormed(b)
    }

    @Test("subscript outside the buffer gives a blank cell")
    func outOfBounds() {
        let b = dots(2)
        #expect(b[-1, 0] == Cell())
        #expect(b[2, 0] == Cell())
        #expect(b[0, 1] == Cell())
        #expect(b[0, 0] == Cell("."))
    }
}

@Suite("ScreenBuffer.drawField")
struct DrawFieldTests {
    init() { _ = utf8Locale }

    static let fields: [(String, Int, Bool, String)] = [
        // text, width, alignRight, the 10 cells from x = 1 (field, then untouched dots)
        ("hello world", 5, false, "hell…....."),
        ("hello", 5, false, "hello....."),
        ("ab", 5, false, "ab   ....."),
        ("ab", 5, true, "   ab....."),
        ("", 3, false, "   ......."),
        ("hello world", 1, false, "…........."),
        ("日本語", 5, false, "日_本_…....."),
        ("日本語", 4, false, "日_… ......"),
        ("日本語", 4, true, " 日_…......"),
        ("日本語", 6, true, "日_本_語_...."),
        ("日本", 7, true, "   日_本_..."),
        ("e\u{301}tude", 7, false, "e\u{301}tude  ..."),
        ("x", 0, false, ".........."),
    ]

    @Test("truncates with an ellipsis and pads to exactly the width", arguments: fields)
    func field(text: String, width: Int, alignRight: Bool, expected: String) {
        var b = dots(11)
        b.drawField(text, x: 1, y: 0, width: width, style: red, alignRight: alignRight)
        #expect(cellTexts(b) == "." + expected)
        #expect((1..<(1 + width)).allSatisfy { b[$0, 0].style == red })
        #expect(b[0, 0] == Cell("."))
        if 1 + width < 11 { #expect(b[1 + width, 0] == Cell(".")) }
        expectWellFormed(b)
    }

    @Test("a field at the right edge is cut by the buffer")
    func edge() {
        var b = dots(6)
        b.drawField("abcdef", x: 3, y: 0, width: 10, style: red)
        #expect(cellTexts(b) == "...abc")
    }

    @Test("escapes in a field that fits keep escapedStyle")
    func escapesFit() {
        var b = dots(10)
        b.drawField("a\u{1B}", x: 0, y: 0, width: 8, style: red, escapedStyle: escapedStyle)
        #expect(cellTexts(b) == "a\\x1b   ..")
        #expect((1..<5).allSatisfy { b[$0, 0].style == escapedStyle })
        #expect(b[0, 0].style == red)
        #expect((5..<8).allSatisfy { b[$0, 0].style == red })
    }

    @Test("escapes in a field that is truncated keep escapedStyle")
    func escapesTruncated() {
        // An image name such as "\e[2J wipes the screen" in a 10-column list column.
        var b = dots(12)
        b.drawField("\u{1B}[2J wipes the screen", x: 0, y: 0, width: 10, style: red, escapedStyle: escapedStyle)
        #expect(cellTexts(b) == "\\x1b[2J w…..")
        #expect((0..<4).map { b[$0, 0].style } == Array(repeating: escapedStyle, count: 4),
                "a truncated field draws its escapes like ordinary text")
        #expect((4..<10).allSatisfy { b[$0, 0].style == red })
    }
}

@Suite("ScreenBuffer.changes(since:)")
struct DiffTests {
    init() { _ = utf8Locale }

    static func sample() -> ScreenBuffer {
        var b = ScreenBuffer(width: 8, height: 3)
        b.draw("glance", x: 0, y: 0, style: boldRed)
        b.draw("画像 ok", x: 1, y: 1, style: red)
        return b
    }

    @Test("identical buffers give no runs")
    func identical() {
        #expect(Self.sample().changes(since: Self.sample()) == [])
        #expect(ScreenBuffer(width: 0, height: 0).changes(since: ScreenBuffer(width: 0, height: 0)) == [])
    }

    @Test("one changed cell gives one run of one cell")
    func oneCell() {
        var b = Self.sample()
        b.draw("X", x: 6, y: 2, style: red)
        #expect(b.changes(since: Self.sample()) == [CellRun(x: 6, y: 2, cells: [Cell("X", style: red)])])
    }

    @Test("a style-only change is a change")
    func styleOnly() {
        var b = Self.sample()
        b.fill(Rect(x: 7, y: 0, width: 1, height: 1), style: red)
        #expect(b.changes(since: Self.sample()) == [CellRun(x: 7, y: 0, cells: [Cell(" ", style: red)])])
    }

    @Test("adjacent changes form one run, separate changes separate runs, rows never merge")
    func runs() {
        var b = Self.sample()
        b.draw("AB", x: 0, y: 2, style: red)
        b.draw("C", x: 4, y: 2, style: red)
        b.draw("Z", x: 7, y: 1, style: red)
        #expect(b.changes(since: Self.sample()) == [
            CellRun(x: 7, y: 1, cells: [Cell("Z", style: red)]),
            CellRun(x: 0, y: 2, cells: [Cell("A", style: red), Cell("B", style: red)]),
            CellRun(x: 4, y: 2, cells: [Cell("C", style: red)]),
        ])
    }

    @Test("no previous buffer or a size change gives everything, one run per row",
          arguments: [nil, ScreenBuffer(width: 9, height: 3), ScreenBuffer(width: 8, height: 2), ScreenBuffer(width: 3, height: 8)])
    func everything(previous: ScreenBuffer?) {
        let b = Self.sample()
        let runs = b.changes(since: previous)
        #expect(runs.count == 3)
        for (y, run) in runs.enumerated() {
            #expect(run.x == 0)
            #expect(run.y == y)
            #expect(run.cells == (0..<8).map { b[$0, y] })
        }
    }

    @Test("a changed wide character brings its continuation cell even when that did not change")
    func wideBringsContinuation() {
        var before = ScreenBuffer(width: 6, height: 1)
        before.draw("日", x: 2, y: 0, style: red)
        var after = ScreenBuffer(width: 6, height: 1)
        after.draw("本", x: 2, y: 0, style: red)
        #expect(after[3, 0] == before[3, 0])
        #expect(after.changes(since: before) == [CellRun(x: 2, y: 0, cells: [Cell("本", style: red), Cell("", style: red)])])
    }

    @Test("drawing a wide character over ASCII gives one run with the continuation")
    func wideOverASCII() {
        var before = ScreenBuffer(width: 5, height: 1)
        before.draw("abcde", x: 0, y: 0, style: .plain)
        var after = before
        after.draw("日", x: 1, y: 0, style: .plain)
        #expect(after.changes(since: before) == [CellRun(x: 1, y: 0, cells: [Cell("日"), Cell("")])])
    }

    @Test("applying the runs to the previous buffer reproduces the new one")
    func applyingRunsReproduces() {
        var before = Self.sample()
        before.draw("日本語", x: 0, y: 2, style: red)
        var after = before
        after.draw("中", x: 1, y: 2, style: boldRed)
        after.draw("x", x: 5, y: 1, style: red)
        after.draw("テ", x: 6, y: 0, style: red)
        var replay = before
        for run in after.changes(since: before) {
            for (i, cell) in run.cells.enumerated() where !cell.isContinuation {
                replay.draw(cell.text, x: run.x + i, y: run.y, style: cell.style)
            }
        }
        #expect(replay.textLines() == after.textLines())
    }
}

@Suite("ScreenBuffer snapshot and Style")
struct SnapshotTests {
    init() { _ = utf8Locale }

    @Test("snapshot: size, text rows between bars, one letter per style, legend in order of first use")
    func snapshot() {
        var b = ScreenBuffer(width: 4, height: 2)
        b.draw("ab", x: 0, y: 0, style: .plain)
        b.draw("日", x: 1, y: 1, style: boldRed)
        #expect(b.snapshot() == """
        size 4x2
        |ab  |
        | 日 |
        styles
        aaaa
        abba
        legend
        a fg=default bg=default
        b fg=1 bg=default bold

        """)
    }

    @Test("snapshot of an escape shows the escape text")
    func snapshotEscape() {
        var b = ScreenBuffer(width: 6, height: 1)
        b.draw("\u{1B}", x: 0, y: 0, style: .plain, escapedStyle: escapedStyle)
        #expect(b.snapshot() == "size 6x1\n|\\x1b  |\nstyles\naaaabb\nlegend\na fg=3 bg=default reverse\nb fg=default bg=default\n")
    }

    @Test("textLines skips continuation cells")
    func textLines() {
        var b = ScreenBuffer(width: 6, height: 1)
        b.draw("日本", x: 1, y: 0, style: .plain)
        #expect(b.textLines() == [" 日本 "])
    }

    @Test("Style descriptions", arguments: [
        (Style.plain, "fg=default bg=default"),
        (Style(foreground: .indexed(7), background: .indexed(236), attributes: [.bold, .dim, .reverse, .underline, .italic]),
         "fg=7 bg=236 bold dim reverse underline italic"),
        (Style(background: .blue, attributes: [.underline]), "fg=default bg=4 underline"),
    ])
    func styleDescription(style: Style, expected: String) {
        #expect(style.description == expected)
    }

    @Test("Color.basic folds 256 colours onto the 8 basic ones", arguments: [
        (Color.default, Color.default), (.indexed(3), .indexed(3)), (.indexed(9), .red), (.indexed(15), .white),
        (.indexed(16), .black), (.indexed(196), .red), (.indexed(21), .blue), (.indexed(46), .green),
        (.indexed(231), .white), (.indexed(232), .black), (.indexed(243), .black), (.indexed(244), .white),
        (.indexed(255), .white),
    ])
    func basic(color: Color, expected: Color) {
        #expect(color.basic == expected)
    }

    @Test("Key descriptions for the help screen", arguments: [
        (Key.char(" "), "Space"), (.char("q"), "q"), (.ctrl("l"), "Ctrl-L"), (.up, "↑"), (.pageDown, "PgDn"),
        (.enter, "Enter"), (.escape, "Esc"), (.backTab, "Shift-Tab"), (.function(5), "F5"),
    ])
    func keyDescription(key: Key, expected: String) {
        #expect(key.description == expected)
    }
}
