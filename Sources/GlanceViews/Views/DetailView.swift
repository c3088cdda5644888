import GlanceCore
import TerminalKit

/// The detail pane: `DetailLayout`'s rows from the current scroll position.
enum DetailView {
    static func draw(_ state: AppState, theme: Theme, into buffer: inout ScreenBuffer) {
        guard let detail = state.detail else { return }
        let rows = DetailLayout.rows(for: detail.image, width: buffer.width, groups: state.propertyGroups, unavailable: state.unavailableFields,
                                     tasks: detail.tasks)
        let keyWidth = DetailLayout.keyWidth(for: detail.image, width: buffer.width)
        let height = ScreenLayout.detailRows(state.size)
        let visible = rows.dropFirst(detail.scroll).prefix(height)
        for (offset, row) in visible.enumerated() {
            let y = 1 + offset
            switch row {
            case .blank: break
            case .section(let title):
                buffer.drawField(title, x: 1, y: y, width: buffer.width - 1, style: theme[.section])
            case .field(let key, let value, let note):
                buffer.drawField(key, x: 1, y: y, width: keyWidth, style: theme[.fieldKey], escapedStyle: theme[.escaped])
                let end = buffer.draw(value, x: keyWidth + 3, y: y, style: theme[.fieldValue], escapedStyle: theme[.escaped])
                if let note { buffer.draw("  (\(note))", x: end, y: y, style: theme[.fieldNote]) }
            }
        }
    }
}
