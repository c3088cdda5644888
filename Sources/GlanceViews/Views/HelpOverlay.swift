import GlanceCore
import TerminalKit

/// A framed box listing every key binding, generated from `Keymap.bindings`.
enum HelpOverlay {
    static func lines() -> [(keys: String, help: String, available: Bool, isTitle: Bool)] {
        var out: [(String, String, Bool, Bool)] = []
        for (i, section) in Keymap.helpSections().enumerated() {
            if i > 0 { out.append(("", "", true, false)) }
            out.append((section.title, "", true, true))
            for b in section.rows {
                let help = b.unavailableReason.map { b.help + " (\($0))" } ?? b.help
                out.append((b.keys.map(\.description).joined(separator: " "), help, b.unavailableReason == nil, false))
            }
        }
        return out
    }

    static func draw(theme: Theme, into buffer: inout ScreenBuffer) {
        let rows = lines()
        let keyWidth = min(20, rows.map { DisplayWidth.of($0.keys) }.max() ?? 0)
        let helpWidth = rows.map { DisplayWidth.of($0.help) }.max() ?? 0
        let width = min(buffer.width - 2, keyWidth + helpWidth + 5)
        let height = min(buffer.height - 2, rows.count + 2)
        guard width >= 10, height >= 3 else { return }
        let box = Rect(x: (buffer.width - width) / 2, y: (buffer.height - height) / 2, width: width, height: height)
        buffer.fill(box, style: theme[.helpText])
        let frame = theme[.helpFrame]
        let horizontal = String(repeating: "─", count: width - 2)
        buffer.draw("┌" + horizontal + "┐", x: box.x, y: box.y, style: frame)
        buffer.draw("└" + horizontal + "┘", x: box.x, y: box.maxY - 1, style: frame)
        buffer.draw(" Keys (any key closes) ", x: box.x + 2, y: box.y, maxX: box.maxX - 1, style: theme[.helpKey])
        for y in (box.y + 1)..<(box.maxY - 1) {
            buffer.draw("│", x: box.x, y: y, style: frame)
            buffer.draw("│", x: box.maxX - 1, y: y, style: frame)
        }
        let inner = width - 4
        for (i, row) in rows.prefix(height - 2).enumerated() {
            let y = box.y + 1 + i
            if row.isTitle {
                buffer.drawField(row.keys, x: box.x + 2, y: y, width: inner, style: theme[.section])
                continue
            }
            let keyStyle = row.available ? theme[.helpKey] : theme[.helpUnavailable]
            let textStyle = row.available ? theme[.helpText] : theme[.helpUnavailable]
            buffer.drawField(row.keys, x: box.x + 2, y: y, width: min(keyWidth, inner), style: keyStyle)
            if inner > keyWidth + 1 {
                buffer.drawField(row.help, x: box.x + 3 + keyWidth, y: y, width: inner - keyWidth - 1, style: textStyle)
            }
        }
    }
}
