import CNCursesW
import TerminalKit

/// What one wget_wch result means.
public enum TerminalInput: Equatable, Sendable {
    case key(Key)
    case resize
    case mouse(MouseEvent)
}

/// Turns wget_wch results into keys: one table, tested without a terminal.
public enum KeyDecoder {
    /// `isKeyCode` is wget_wch's KEY_CODE_YES: `value` is then a KEY_* code, otherwise a character.
    public static func decode(isKeyCode: Bool, value: UInt32) -> TerminalInput? {
        if isKeyCode {
            switch Int32(value) {
            case KEY_RESIZE: return .resize
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_HOME: return .key(.home)
            case KEY_END: return .key(.end)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_BACKSPACE: return .key(.backspace)
            case KEY_DC: return .key(.delete)
            case KEY_IC: return .key(.insert)
            case KEY_ENTER: return .key(.enter)
            case KEY_BTAB: return .key(.backTab)
            case (KEY_F0 + 1)...(KEY_F0 + 24): return .key(.function(Int(Int32(value) - KEY_F0)))
            // KEY_MOUSE is read with getmouse and decoded by `decodeMouse`; never a key.
            default: return nil
            }
        }
        switch value {
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 9: return .key(.tab)
        case 8, 127: return .key(.backspace)
        case 0: return .key(.ctrl(" "))
        case 1...26: return .key(.ctrl(Character(Unicode.Scalar(value + 96)!)))
        default:
            guard let scalar = Unicode.Scalar(value), value >= 32 else { return nil }
            return .key(.char(Character(scalar)))
        }
    }

    /// One getmouse report: a button-1 press or a wheel notch at a cell; releases, other
    /// buttons and motion mean nothing here.
    public static func decodeMouse(bstate: mmask_t, x: Int32, y: Int32) -> TerminalInput? {
        guard x >= 0, y >= 0 else { return nil }
        let kind: MouseEvent.Kind
        if bstate & gt_button4_pressed() != 0 {
            kind = .wheelUp
        } else if bstate & gt_button5_pressed() != 0 {
            kind = .wheelDown
        } else if bstate & gt_button1_pressed() != 0 {
            kind = .press
        } else {
            return nil
        }
        return .mouse(MouseEvent(kind, x: Int(x), y: Int(y)))
    }
}
