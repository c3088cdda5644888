import GlanceAPI
import GlanceCore
import TerminalKit

/// Before a delete batch runs: every image it deletes, in as many columns as fit, and those it
/// leaves out with why — a delete cannot be undone, so nothing is hidden behind "and more"
/// while there is room to show it.
enum DeleteConfirmation {
    static func draw(_ plan: BatchPlan, theme: Theme, into buffer: inout ScreenBuffer) {
        let width = min(buffer.width - 2, 100)
        let height = buffer.height - 3
        guard width >= 20, height >= 4 else { return }
        let names = plan.items.map { $0.name.isEmpty ? $0.imageID : $0.name }
        let skipped = plan.skipped.map { "\($0.name.isEmpty ? $0.imageID : $0.name): \($0.reason)" }
        let inner = width - 4
        let column = min(inner, max(16, (names.map(DisplayWidth.of).max() ?? 16) + 2))
        let perLine = max(1, inner / column)
        var lines: [String] = plan.warning.map { ["⚠ " + $0] } ?? []
        if let note = plan.note { lines.append(note) }
        if !lines.isEmpty { lines.append("") }
        var row = ""
        for (i, name) in names.enumerated() {
            let cut = TextLayout.truncate(name, to: column - 2)
            row += cut + String(repeating: " ", count: max(0, column - DisplayWidth.of(cut)))
            if (i + 1) % perLine == 0 || i == names.count - 1 {
                lines.append(row)
                row = ""
            }
        }
        if !skipped.isEmpty {
            lines.append("")
            lines.append("Left out (\(skipped.count)):")
            lines += skipped
        }
        let box = Dialog.frame(width: width, height: min(height, lines.count + 2),
                               title: " Delete \(names.count) image\(names.count == 1 ? "" : "s") — cannot be undone ",
                               theme: theme, into: &buffer)
        let room = box.height - 2
        let shown = lines.count > room ? Array(lines.prefix(room - 1)) + ["… and \(lines.count - room + 1) more lines"] : lines
        for (i, line) in shown.enumerated() {
            buffer.drawField(line, x: box.x + 2, y: box.y + 1 + i, width: inner, style: theme[.helpText], escapedStyle: theme[.escaped])
        }
    }
}
