import TerminalKit

/// Drops the control sequences ncurses could not match, which it hands on byte by byte: a
/// mouse report while the mouse is off (`ESC [ M b x y`, or SGR's `ESC [ < 0;5;3 M`), a function
/// key the terminfo entry lacks (`ESC [ 1;2 Q`, `ESC O x`). Read as keys they would act — the
/// report's space marks a row, its digits sort the list. Only what real sequences start with is
/// taken as one: Esc, `[` and a letter typed or pasted quickly stay three keys.
///
/// One filter lives as long as the screen: a report split between two reads is still dropped
/// whole. An Esc is held back until the next result says whether it began a sequence; at the
/// end of a read it was the key.
public struct ControlSequenceFilter {
    enum State: Equatable {
        case ground
        case escape
        /// After `ESC [`: parameters, a private marker (`<`, `?`) or X10's `M` follow.
        case introducer
        case parameters
        /// X10's three bytes after `ESC [ M`: button, column, row.
        case x10(remaining: Int)
        /// After `ESC O` (SS3): a key's final letter, perhaps after a modifier's digits.
        case ss3
        case ss3Parameters
        /// ncurses matched the terminfo's mouse key while the mouse is off and left the rest.
        case unreadMouseReport
    }

    var state = State.ground

    public init() {}

    /// One wget_wch result; the inputs it completes (none while a sequence is being read).
    public mutating func feed(isKeyCode: Bool, value: UInt32) -> [TerminalInput] {
        let byte = isKeyCode ? nil : value
        switch state {
        case .ground:
            if byte == 27 {
                state = .escape
                return []
            }
            return KeyDecoder.decode(isKeyCode: isKeyCode, value: value).map { [$0] } ?? []
        case .escape:
            switch byte {
            case 0x5B?: state = .introducer
            case 0x4F?: state = .ss3
            default:
                state = .ground
                return [.key(.escape)] + feed(isKeyCode: isKeyCode, value: value)
            }
            return []
        case .introducer:
            // Parameters and private markers (0-9 : ; < = > ?), or X10's M; anything else means
            // Esc and [ were keys.
            switch byte ?? 0 {
            case 0x30...0x3F where byte != nil: state = .parameters
            case 0x4D where byte != nil: state = .x10(remaining: 3)
            default:
                state = .ground
                return [.key(.escape), .key(.char("["))] + feed(isKeyCode: isKeyCode, value: value)
            }
            return []
        case .parameters:
            guard let byte, (0x20...0x7E).contains(byte) else {
                state = .ground
                return feed(isKeyCode: isKeyCode, value: value)
            }
            if (0x40...0x7E).contains(byte) { state = .ground }
            return []
        case .ss3, .ss3Parameters:
            if let byte, (0x30...0x3B).contains(byte) {
                state = .ss3Parameters
                return []
            }
            // The letters SS3 keys end in (arrows, Home, End, F1–F4, the keypad).
            if let byte, let scalar = Unicode.Scalar(byte), "ABCDEFHMPQRSXjklmnopqrstuvwxyz".unicodeScalars.contains(scalar) {
                state = .ground
                return []
            }
            let held: [TerminalInput] = state == .ss3 ? [.key(.escape), .key(.char("O"))] : []
            state = .ground
            return held + feed(isKeyCode: isKeyCode, value: value)
        case .unreadMouseReport:
            // SGR (`ESC [ <` matched): parameters to a final byte. X10 (`ESC [ M`): three bytes,
            // this the first.
            if let byte, (0x30...0x39).contains(byte) || byte == 0x3B {
                state = .parameters
            } else {
                state = .x10(remaining: 2)
            }
            return []
        case .x10(let remaining):
            state = remaining > 1 ? .x10(remaining: remaining - 1) : .ground
            return []
        }
    }

    /// wget_wch returned KEY_MOUSE; `report` is what getmouse made of it (nil: nothing to act on).
    /// With the mouse on, ncurses has read the whole report itself — a release or another
    /// button's press it was asked for but the program ignores comes back as nil. With the mouse
    /// off, ncurses matched only the terminfo's mouse key (`ESC [ M`, or `ESC [ <` for xterm) and
    /// left the rest of the report to be read as keys: it is dropped.
    public mutating func mouseKey(_ report: TerminalInput?, mouseEnabled: Bool) -> [TerminalInput] {
        let held = state == .escape ? [TerminalInput.key(.escape)] : []   // an Esc typed before the click comes first
        guard mouseEnabled else {
            state = .unreadMouseReport
            return held
        }
        state = .ground
        return held + (report.map { [$0] } ?? [])
    }

    /// The read is over: an Esc still held was the key. A sequence under way is kept: its
    /// rest may come with the next read.
    public mutating func endOfRead() -> [TerminalInput] {
        guard state == .escape else { return [] }
        state = .ground
        return [.key(.escape)]
    }
}
