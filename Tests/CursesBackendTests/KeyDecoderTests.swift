import CNCursesW
@testable import CursesBackend
import TerminalKit
import Testing

@Suite struct KeyDecoderTests {
    @Test(arguments: [
        (false, UInt32(UInt8(ascii: "j")), TerminalInput.key(.char("j"))),
        (false, 13, .key(.enter)),
        (false, 10, .key(.enter)),
        (false, 27, .key(.escape)),
        (false, 127, .key(.backspace)),
        (false, 8, .key(.backspace)),
        (false, 9, .key(.tab)),
        (false, 3, .key(.ctrl("c"))),
        (false, 6, .key(.ctrl("f"))),
        (false, 0x6D4B, .key(.char("测"))),
        (true, UInt32(KEY_UP), .key(.up)),
        (true, UInt32(KEY_DOWN), .key(.down)),
        (true, UInt32(KEY_NPAGE), .key(.pageDown)),
        (true, UInt32(KEY_PPAGE), .key(.pageUp)),
        (true, UInt32(KEY_HOME), .key(.home)),
        (true, UInt32(KEY_END), .key(.end)),
        (true, UInt32(KEY_ENTER), .key(.enter)),
        (true, UInt32(KEY_BACKSPACE), .key(.backspace)),
        (true, UInt32(KEY_BTAB), .key(.backTab)),
        (true, UInt32(KEY_F0 + 1), .key(.function(1))),
        (true, UInt32(KEY_RESIZE), .resize),
    ])
    func decodes(isKeyCode: Bool, value: UInt32, expected: TerminalInput) {
        #expect(KeyDecoder.decode(isKeyCode: isKeyCode, value: value) == expected)
    }

    @Test func unknownKeyCodesAndInvalidScalarsAreDropped() {
        #expect(KeyDecoder.decode(isKeyCode: true, value: UInt32(KEY_MOUSE)) == nil)
        #expect(KeyDecoder.decode(isKeyCode: false, value: 0xD800) == nil)
        #expect(KeyDecoder.decode(isKeyCode: false, value: 0x1F) == nil)
    }
}

/// getmouse reports as the program sees them: button 1 pressed is a press at its cell, buttons 4
/// and 5 the wheel; a release, another button or a report off the screen is nothing.
@Suite struct MouseDecoderTests {
    @Test(arguments: [
        (gt_button1_pressed(), Int32(4), Int32(7), TerminalInput.mouse(MouseEvent(.press, x: 4, y: 7)) as TerminalInput?),
        (gt_button4_pressed(), 0, 3, .mouse(MouseEvent(.wheelUp, x: 0, y: 3))),
        (gt_button5_pressed(), 79, 23, .mouse(MouseEvent(.wheelDown, x: 79, y: 23))),
        // curses.h's mask for mouse version 2: state bits (released 1, pressed 2, clicked 4)
        // shifted 5 bits per button; Swift does not import the macros.
        (mmask_t(1), 4, 7, nil),
        (mmask_t(2 << 10), 4, 7, nil),
        (mmask_t(4), 4, 7, nil),
        (gt_button1_pressed(), -1, 7, nil),
    ])
    func decodesPressesAndTheWheel(bstate: mmask_t, x: Int32, y: Int32, expected: TerminalInput?) {
        #expect(KeyDecoder.decodeMouse(bstate: bstate, x: x, y: y) == expected)
    }

    @Test func theMaskIsTheOneTheTestsAssume() {
        #expect(gt_button1_pressed() == 2 && gt_button4_pressed() == 2 << 15)
    }

    /// A click's release, and buttons 2 and 3, are asked for although they do nothing: an event
    /// left out of the mask makes ncurses wait in wget_wch for the next byte despite nodelay,
    /// freezing the screen until a key, which was then lost.
    @Test func theMaskAsksForEveryButtonsPressAndRelease() {
        let wanted = gt_mouse_wanted()
        for button in 0..<3 {
            #expect(wanted & (mmask_t(1) << (5 * button)) != 0, "button \(button + 1) released")
            #expect(wanted & (mmask_t(2) << (5 * button)) != 0, "button \(button + 1) pressed")
        }
        #expect(wanted & gt_button4_pressed() != 0 && wanted & gt_button5_pressed() != 0)
    }

    @Test func keyMouseIsNeverAKey() {
        #expect(KeyDecoder.decode(isKeyCode: true, value: UInt32(KEY_MOUSE)) == nil)
    }
}

/// Sequences ncurses hands on byte by byte never act as keys; Esc alone, or before a key that
/// begins no sequence, stays a key.
@Suite struct ControlSequenceFilterTests {
    func read(_ bytes: [UInt32]) -> [TerminalInput] {
        var filter = ControlSequenceFilter()
        return read(bytes, &filter)
    }

    /// One read of the screen: the results of wget_wch, then the end of the read.
    func read(_ bytes: [UInt32], _ filter: inout ControlSequenceFilter) -> [TerminalInput] {
        bytes.flatMap { filter.feed(isKeyCode: false, value: $0) } + filter.endOfRead()
    }

    func ascii(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }
    func keys(_ text: String) -> [TerminalInput] { text.map { .key(.char($0)) } }

    @Test func anX10MouseReportIsDroppedWholeAndTheKeysAfterItRemain() {
        // ESC [ M, then button 0 (a space), column and row: the space must not mark a row.
        #expect(read([27] + ascii("[M &%") + ascii("j")) == [.key(.char("j"))])
    }

    @Test func anSGRMouseReportIsDroppedWhole() {
        #expect(read([27] + ascii("[<0;6;5M") + [27] + ascii("[<0;6;5m") + ascii("k")) == [.key(.char("k"))])
    }

    @Test func anUnknownFunctionKeyIsDropped() {
        #expect(read([27] + ascii("[1;2A") + ascii("3")) == [.key(.char("3"))])
        #expect(read([27] + ascii("[?1;2c") + ascii("3")) == [.key(.char("3"))])
    }

    @Test func escAloneOrBeforeAnotherKeyIsStillEsc() {
        #expect(read([27]) == [.key(.escape)])
        #expect(read([27] + ascii("q")) == [.key(.escape), .key(.char("q"))])
        #expect(read([27, 27]) == [.key(.escape), .key(.escape)])
        var filter = ControlSequenceFilter()
        #expect(filter.feed(isKeyCode: false, value: 27).isEmpty)
        #expect(filter.feed(isKeyCode: true, value: UInt32(KEY_UP)) == [.key(.escape), .key(.up)])
    }

    /// Esc, [ and a letter typed ahead or pasted arrive together: no sequence starts with a
    /// letter after `ESC [` (but M, X10's report), so all three are keys. Alt-[ too.
    @Test func escBracketAndALetterTypedQuicklyAreThreeKeys() {
        #expect(read([27] + ascii("[j")) == [.key(.escape), .key(.char("["))] + keys("j"))
        #expect(read([27] + ascii("[q")) == [.key(.escape), .key(.char("["))] + keys("q"))
        #expect(read([27] + ascii("[[")) == [.key(.escape), .key(.char("[")), .key(.char("["))])
        var filter = ControlSequenceFilter()
        #expect(filter.feed(isKeyCode: false, value: 27).isEmpty)
        #expect(filter.feed(isKeyCode: false, value: 0x5B).isEmpty)
        #expect(filter.feed(isKeyCode: true, value: UInt32(KEY_DOWN)) == [.key(.escape), .key(.char("[")), .key(.down)])
    }

    /// A report whose bytes come in two reads (a slow link) is dropped whole: the filter lasts
    /// as long as the screen, and only a held Esc ends with the read.
    @Test func aReportSplitBetweenTwoReadsIsDroppedWhole() {
        var filter = ControlSequenceFilter()
        #expect(read([27] + ascii("[<0;6"), &filter).isEmpty)
        #expect(read(ascii(";15M") + ascii("j"), &filter) == keys("j"))
        #expect(read([27] + ascii("["), &filter).isEmpty)
        #expect(read(ascii("M &%k"), &filter) == keys("k"))
        // An Esc at the end of a read was the key.
        #expect(read([27], &filter) == [.key(.escape)])
        #expect(read(ascii("[j"), &filter) == keys("[j"))
    }

    /// SS3 (`ESC O` and a letter) as a keypad or F1–F4 key the terminfo lacks: dropped, so
    /// ESC O A never accepts a share. Esc, O and a key that ends no SS3 key stay keys.
    @Test func anUnknownSS3KeyIsDropped() {
        #expect(read([27] + ascii("OA") + ascii("j")) == keys("j"))
        #expect(read([27] + ascii("O2P") + ascii("j")) == keys("j"))
        #expect(read([27] + ascii("OZ")) == [.key(.escape)] + keys("OZ"))
        #expect(read([27] + ascii("O ")) == [.key(.escape)] + keys("O "))
    }
}

/// KEY_MOUSE as ncurses returns it: with the mouse on, getmouse has the whole report (nil when
/// it is nothing the program acts on); with it off, ncurses matched only the terminfo's mouse
/// key and the rest of the report follows as characters, never keys.
@Suite struct MouseKeyTests {
    func ascii(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    func after(_ filter: inout ControlSequenceFilter, _ text: String) -> [TerminalInput] {
        ascii(text).flatMap { filter.feed(isKeyCode: false, value: $0) } + filter.endOfRead()
    }

    @Test func withTheMouseOnAReportIsTheEvent() {
        var filter = ControlSequenceFilter()
        let press = TerminalInput.mouse(MouseEvent(.press, x: 5, y: 4))
        #expect(filter.mouseKey(press, mouseEnabled: true) == [press])
        #expect(after(&filter, "j") == [.key(.char("j"))])
    }

    /// A release (or a report getmouse refuses) with the mouse on: ncurses read it whole, so
    /// the keys after it are keys — they were lost three at a time.
    @Test func withTheMouseOnAReportOfNothingKeepsTheKeysAfterIt() {
        var filter = ControlSequenceFilter()
        #expect(filter.mouseKey(nil, mouseEnabled: true).isEmpty)
        #expect(after(&filter, "jkj") == [.key(.char("j")), .key(.char("k")), .key(.char("j"))])
    }

    /// TERM=screen, tmux: `ESC [ M` matched, its three bytes follow.
    @Test func withTheMouseOffAnX10ReportsBytesAreDropped() {
        var filter = ControlSequenceFilter()
        #expect(filter.mouseKey(nil, mouseEnabled: false).isEmpty)
        #expect(after(&filter, " &%j") == [.key(.char("j"))])
    }

    /// TERM=xterm-256color: its mouse key is `ESC [ <`, so an SGR report's parameters follow:
    /// 1, 5 (sort) and m (members) of `0;6;15M` got through after three bytes were dropped.
    @Test func withTheMouseOffAnSGRReportsParametersAreDroppedToTheFinalByte() {
        var filter = ControlSequenceFilter()
        #expect(filter.mouseKey(nil, mouseEnabled: false).isEmpty)
        #expect(after(&filter, "0;6;15M").isEmpty)
        #expect(filter.mouseKey(nil, mouseEnabled: false).isEmpty)
        #expect(after(&filter, "0;6;15mj") == [.key(.char("j"))])
        #expect(filter.mouseKey(nil, mouseEnabled: false).isEmpty)
        #expect(after(&filter, "64;120;40Mk") == [.key(.char("k"))])
    }

    @Test func anEscTypedBeforeAClickComesBeforeIt() {
        var filter = ControlSequenceFilter()
        let press = TerminalInput.mouse(MouseEvent(.press, x: 5, y: 4))
        #expect(filter.feed(isKeyCode: false, value: 27).isEmpty)
        #expect(filter.mouseKey(press, mouseEnabled: true) == [.key(.escape), press])
    }
}
