import Foundation
import TerminalKit

/// Keys as the settings file writes them: a character as itself (`D`, `/`), `ctrl-d`, and the
/// named keys (`enter`, `esc`, `tab`, `shift-tab`, `space`, `backspace`, `delete`, `insert`,
/// `up`, `down`, `left`, `right`, `pgup`, `pgdn`, `home`, `end`, `f1`…`f24`), names in any case.
extension Key {
    public struct SettingError: Error, Equatable {
        public var message: String
    }

    static let named: [String: Key] = [
        "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape, "tab": .tab,
        "shift-tab": .backTab, "backtab": .backTab, "space": .char(" "), "backspace": .backspace,
        "delete": .delete, "del": .delete, "insert": .insert, "ins": .insert,
        "up": .up, "down": .down, "left": .left, "right": .right,
        "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown, "home": .home, "end": .end,
    ]

    /// Control keys the terminal delivers as another key or keeps for itself.
    static let unavailableControls: [Character: String] = [
        "h": "Backspace", "i": "Tab", "j": "Enter", "m": "Enter", "z": "the terminal's suspend",
        "s": "the terminal's pause (XOFF)", "q": "the terminal's resume (XON)",
        // cbreak keeps Ctrl-C the interrupt: it quits and never arrives as a key.
        "c": "the interrupt, which quits",
    ]

    public static func parse(setting text: String) -> Result<Key, SettingError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.count == 1, let ch = trimmed.first {
            guard !ch.isWhitespace, ch.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else {
                return .failure(SettingError(message: "cannot read the key \"\(text.debugDescription.dropFirst().dropLast())\""))
            }
            return .success(.char(ch))
        }
        let lower = trimmed.lowercased()
        if let key = named[lower] { return .success(key) }
        for prefix in ["ctrl-", "ctrl+", "c-", "^"] where lower.hasPrefix(prefix) && lower.count == prefix.count + 1 {
            let letter = lower.last!
            guard letter.isLetter, letter.isASCII else { break }
            if let taken = unavailableControls[letter] {
                return .failure(SettingError(message: "\(trimmed) cannot be used: the terminal sends it as \(taken)"))
            }
            return .success(.ctrl(letter))
        }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...24).contains(n) { return .success(.function(n)) }
        return .failure(SettingError(message: "cannot read the key \"\(trimmed)\" (write D, ctrl-d, enter, esc, space, f5)"))
    }
}
