import Foundation
import GlanceAPI
import GlanceCore
import TerminalKit

/// The list pane: a header row of column titles and one row per image in the viewport.
enum ImageListView {
    static func draw(_ state: AppState, theme: Theme, now: Date, into buffer: inout ScreenBuffer) {
        let area = Rect(x: 0, y: 2, width: buffer.width, height: ScreenLayout.listRows(state.size))
        // While anything is marked, a two-cell mark column leads every row (after the cursor's
        // marker column at low bandwidth).
        let marker = RowMarker(state)
        let markWidth = state.catalog.marks.isEmpty ? 0 : 2
        let lead = marker.width + markWidth
        let columns = ImageColumn.layout(width: buffer.width - lead, columns: ImageColumn.named(state.catalog.columns))
        drawHeader(columns, sort: Update.activeSort(state), markWidth: lead, theme: theme, into: &buffer)
        if state.catalog.rows.isEmpty {
            drawEmpty(state, area: area, theme: theme, into: &buffer)
            return
        }
        let last = min(state.catalog.rows.count, state.catalog.cursor.top + area.height)
        for (offset, row) in (state.catalog.cursor.top..<last).enumerated() {
            let image = state.catalog.images[state.catalog.rows[row]]
            drawRow(image, selected: row == state.catalog.cursor.cursor, marker: marker,
                    marked: markWidth > 0 ? state.catalog.marks.contains(image.id) : nil,
                    columns: columns, y: area.y + offset, context: RowContext(now: now, projectID: state.session?.projectID,
                                                                      lintCounts: state.catalog.lintCounts,
                                                                      usedCounts: state.catalog.usedCounts),
                    theme: theme, into: &buffer)
        }
    }

    /// Titles, with ▲ or ▼ on the column the list is sorted by.
    static func drawHeader(_ columns: [(ImageColumn, Int)], sort: AppState.LocalSort?, markWidth: Int = 0, theme: Theme,
                           into buffer: inout ScreenBuffer) {
        buffer.fill(Rect(x: 0, y: 1, width: buffer.width, height: 1), style: theme[.columnHeader])
        var x = markWidth
        for (column, width) in columns {
            var title = column.title
            if let sort, sort.column == column.id { title += sort.direction == .asc ? "▲" : "▼" }
            buffer.drawField(title, x: x, y: 1, width: width, style: theme[.columnHeader], alignRight: column.alignRight)
            x += width + 1
        }
    }

    /// `marked` nil: no mark column; else whether this row is marked (its own style too).
    static func drawRow(_ image: Image, selected: Bool, marker: RowMarker = RowMarker(lowBandwidth: false), marked: Bool? = nil,
                        columns: [(ImageColumn, Int)], y: Int, context: RowContext, theme: Theme, into buffer: inout ScreenBuffer) {
        let isMarked = marked == true
        let highlighted = marker.highlights(selected)
        let rowStyle = marker.style(selected: selected, normal: theme[isMarked ? .rowMarked : .row], theme: theme)
        buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1), style: rowStyle)
        var x = marker.draw(selected: selected, x: 0, y: y, rowStyle: rowStyle, theme: theme, into: &buffer)
        if let marked {
            buffer.draw(marked ? "● " : "  ", x: x, y: y, style: rowStyle)
            x += 2
        }
        for (column, width) in columns {
            let style = highlighted || isMarked ? rowStyle : theme[column.role(image)]
            buffer.drawField(column.text(image, context), x: x, y: y, width: width, style: style,
                             escapedStyle: theme[.escaped], alignRight: column.alignRight)
            x += width + 1
        }
    }

    static func drawEmpty(_ state: AppState, area: Rect, theme: Theme, into buffer: inout ScreenBuffer) {
        let lines: [String]
        var isError = false
        switch (state.connection, state.catalog.listing) {
        case (.signingIn, _):
            lines = ["Signing in to \(state.cloudName)…"]
        case (.failed(let error), _):
            lines = ["Could not sign in to \(state.cloudName)", error.userMessage, "\(state.keymap.name(of: .refresh, in: .list)) retry · \(state.keymap.name(of: .quit, in: .list)) quit"]
            isError = true
        case (_, .failed(let error)):
            lines = ["Could not list images", error.userMessage, "\(state.keymap.name(of: .refresh, in: .list)) retry · \(state.keymap.name(of: .quit, in: .list)) quit"]
            isError = true
        case (_, _) where !state.catalog.images.isEmpty:
            lines = ["No loaded image matches /\(state.catalog.quickFilter)", "\(state.keymap.name(of: .clearQuickFilter, in: .list)) clears the filter"]
        case (_, .loading), (_, .idle):
            lines = ["Loading images…"]
        case (.signedIn, _) where state.catalog.query.hasFilters:
            lines = ["No images match the filter", FilterParser.describe(state.catalog.query), ":filter alone clears it"]
        case (.signedIn(let session), .complete), (.signedIn(let session), .partial):
            lines = ["No images in project \(session.projectName ?? session.projectID ?? "?")", "\(state.keymap.name(of: .refresh, in: .list)) reload · \(state.keymap.name(of: .quit, in: .list)) quit"]
        }
        CenteredMessage.draw(lines, in: area, headStyle: theme[isError ? .messageError : .message],
                             bodyStyle: theme[.message], escaped: theme[.escaped], into: &buffer)
    }
}
