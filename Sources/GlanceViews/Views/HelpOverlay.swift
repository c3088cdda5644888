import GlanceAPI
import GlanceCore
import TerminalKit

/// A framed box listing every key binding, generated from the session's key table (`AppState.keymap`).
enum HelpOverlay {
    /// Available bindings by scope, then the reserved keys on as few lines as fit, so the whole
    /// table fits an 80x24 terminal.
    /// A binding the session cannot use (its backend lacks the capability, or it is read-only)
    /// stays in the list, dimmed, with the reason.
    static func lines(width: Int, keymap: Keymap, session: SessionInfo? = nil) -> [(keys: String, help: String, available: Bool, isTitle: Bool)] {
        var out: [(String, String, Bool, Bool)] = []
        for section in keymap.helpSections() {
            let rows = section.rows.filter { $0.unavailableReason == nil }
            guard !rows.isEmpty else { continue }
            if !out.isEmpty { out.append(("", "", true, false)) }
            out.append((section.title, "", true, true))
            for b in rows {
                let keys = b.keys.isEmpty ? "any key" : b.keys.map(\.description).joined(separator: " ")
                if let why = b.unavailable(in: session) {
                    out.append((keys, keys + "  " + b.help + " — " + why, false, false))
                } else {
                    out.append((keys, b.help, true, false))
                }
            }
        }
        let reserved = keymap.bindings.filter { $0.unavailableReason != nil }
        if let reason = reserved.first?.unavailableReason {
            out.append(("", "", true, false))
            out.append(("Reserved, \(reason)", "", true, true))
            let text = reserved.map { "\($0.keys.map(\.description).joined(separator: " ")) \($0.help)" }.joined(separator: " · ")
            for line in TextLayout.wrap(text, width: max(10, width)) { out.append(("", line, false, false)) }
        }
        return out
    }

    static func draw(scroll: Int, keymap: Keymap, session: SessionInfo? = nil, theme: Theme, into buffer: inout ScreenBuffer) {
        let width = min(buffer.width - 2, 64)
        var rows = lines(width: width - 4, keymap: keymap, session: session)
        if rows.count + 2 > buffer.height - 2 {
            // Short terminal: the section titles separate well enough without blank lines.
            rows.removeAll { $0.keys.isEmpty && $0.help.isEmpty }
        }
        let keyWidth = min(20, rows.filter { !$0.isTitle }.map { DisplayWidth.of($0.keys) }.max() ?? 0)
        let height = min(buffer.height - 2, rows.count + 2)
        guard width >= 10, height >= 3 else { return }
        let visible = height - 2
        let first = max(0, min(scroll, rows.count - visible))
        let title = rows.count > visible ? " Keys (j/k scroll, any other key closes) " : " Keys (any key closes) "
        let box = Dialog.frame(width: width, height: height, title: title, theme: theme, into: &buffer)
        if first + visible < rows.count {
            buffer.draw(" ↓ more ", x: box.maxX - 10, y: box.maxY - 1, maxX: box.maxX - 1, style: theme[.helpKey])
        }
        let inner = width - 4
        for (i, row) in rows.dropFirst(first).prefix(visible).enumerated() {
            let y = box.y + 1 + i
            if row.isTitle {
                buffer.drawField(row.keys, x: box.x + 2, y: y, width: inner, style: theme[.section])
                continue
            }
            if !row.available {
                buffer.drawField(row.help, x: box.x + 2, y: y, width: inner, style: theme[.helpUnavailable])
                continue
            }
            let keyStyle = theme[.helpKey]
            let textStyle = theme[.helpText]
            buffer.drawField(row.keys, x: box.x + 2, y: y, width: min(keyWidth, inner), style: keyStyle)
            if inner > keyWidth + 1 {
                buffer.drawField(row.help, x: box.x + 3 + keyWidth, y: y, width: inner - keyWidth - 1, style: textStyle)
            }
        }
    }
}
