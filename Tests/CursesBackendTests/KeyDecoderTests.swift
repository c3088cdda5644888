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
