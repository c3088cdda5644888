import Foundation
import GlanceCore
import TerminalKit

/// A table pane: its header (with ▲/▼ on the sorted column), the rows in view, and a line for
/// an empty table. Every cell is drawn escaped: names come from the cloud.
enum TableView {
    /// `area` starts with the header row; the rows fill the rest.
    static func draw(_ table: TableState, keymap: Keymap, scope: KeyScope, theme: Theme, in area: Rect, empty: [String], marker: RowMarker,
                     into buffer: inout ScreenBuffer) {
        let widths = layout(table.columns, width: area.width - marker.width)
        buffer.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), style: theme[.columnHeader])
        var x = area.x + marker.width
        for (i, column) in table.columns.enumerated() where widths[i] > 0 {
            var title = column.title
            if let sort = table.sort, sort.column == i { title += sort.descending ? "▼" : "▲" }
            buffer.drawField(title, x: x, y: area.y, width: widths[i], style: theme[.columnHeader], alignRight: column.alignRight)
            x += widths[i] + 1
        }
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: max(0, area.height - 1))
        guard !table.shown.isEmpty else {
            let lines = table.filter.isEmpty ? empty : ["No row matches /" + table.filter, "\(keymap.name(of: .quickFilter, in: scope)) then \(keymap.name(of: .cancelLine, in: .line)) clears it"]
            CenteredMessage.draw(lines, in: body, headStyle: theme[.message], bodyStyle: theme[.rowDim], escaped: theme[.escaped],
                                 into: &buffer)
            return
        }
        let last = min(table.shown.count, table.cursor.top + body.height)
        for (offset, index) in (table.cursor.top..<last).enumerated() {
            let row = table.rows[table.shown[index]], y = body.y + offset
            let selected = index == table.cursor.cursor
            let style = marker.style(selected: selected, normal: theme[row.dim ? .rowDim : .row], theme: theme)
            buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style)
            var x = marker.draw(selected: selected, x: area.x, y: y, rowStyle: style, theme: theme, into: &buffer)
            for (i, column) in table.columns.enumerated() where widths[i] > 0 {
                buffer.drawField(row.cells.indices.contains(i) ? row.cells[i] : "", x: x, y: y, width: widths[i], style: style,
                                 escapedStyle: theme[.escaped], alignRight: column.alignRight)
                x += widths[i] + 1
            }
        }
    }

    /// Fixed columns at their width, the flexible one takes the rest; on a narrow screen the
    /// last columns go first (0: not drawn).
    static func layout(_ columns: [TableState.Column], width: Int) -> [Int] {
        var widths = columns.map(\.width)
        while widths.count > 1, widths.reduce(0, +) + widths.filter { $0 > 0 }.count - 1 > width,
              let last = widths.lastIndex(where: { $0 > 0 }), last > 0 {
            widths[last] = 0
        }
        let used = widths.reduce(0, +) + widths.filter { $0 > 0 }.count - 1
        if let flexible = columns.firstIndex(where: \.flexible), widths[flexible] > 0 {
            widths[flexible] += max(0, width - used)
        }
        return widths
    }
}
