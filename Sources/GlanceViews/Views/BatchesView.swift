import GlanceAPI
import GlanceCore
import TerminalKit

/// The batch pane (`:batches`): the shown batch's heading, then a row per image with how it
/// ended — done, skipped (why), conflict (what changed), failed (the server's sentence).
enum BatchesView {
    static func draw(_ pane: BatchesState, theme: Theme, marker: RowMarker, into buffer: inout ScreenBuffer) {
        guard let batch = pane.shown else {
            buffer.drawField(" No batches yet: mark images with Space, then a write such as :tag +release",
                             x: 0, y: 1, width: buffer.width, style: theme[.rowDim], escapedStyle: theme[.escaped])
            return
        }
        let position = pane.batches.count > 1 ? " (\((pane.batches.firstIndex { $0.id == batch.id } ?? 0) + 1) of \(pane.batches.count))" : ""
        buffer.drawField(" " + batch.summary + position, x: 0, y: 1, width: buffer.width,
                         style: theme[batch.failures.isEmpty ? .section : .statusFailed], escapedStyle: theme[.escaped])
        let height = max(0, buffer.height - 3)
        let first = pane.rows.top
        for (offset, row) in batch.rows.dropFirst(first).prefix(height).enumerated() {
            let index = first + offset
            draw(row, selected: index == pane.rows.cursor, marker: marker, y: 2 + offset, theme: theme, into: &buffer)
        }
    }

    static func draw(_ row: Batch.Row, selected: Bool, marker: RowMarker, y: Int, theme: Theme, into buffer: inout ScreenBuffer) {
        let (word, detail, role) = describe(row.outcome)
        let base = marker.style(selected: selected, normal: theme[.row], theme: theme)
        let highlighted = marker.highlights(selected)
        buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1), style: base)
        let wordWidth = 10
        // The word's leading space and the one before it are the marker column.
        let x = marker.width / 2
        buffer.drawField(" " + word, x: x, y: y, width: wordWidth - x, style: highlighted ? base : theme[role])
        marker.draw(selected: selected, x: 0, y: y, rowStyle: base, theme: theme, into: &buffer)
        let nameWidth = min(40, max(10, (buffer.width - wordWidth) / 2))
        buffer.drawField(row.name.isEmpty ? row.imageID : row.name, x: wordWidth, y: y, width: nameWidth, style: base,
                         escapedStyle: theme[.escaped])
        buffer.drawField(" " + detail, x: wordWidth + nameWidth, y: y, width: buffer.width - wordWidth - nameWidth,
                         style: highlighted ? base : theme[.rowDim], escapedStyle: theme[.escaped])
    }

    static func describe(_ outcome: BatchOutcome?) -> (String, String, Role) {
        switch outcome {
        case nil: ("waiting", "", .statusPending)
        case .done?: ("done", "", .statusActive)
        case .skipped(let why)?: ("skipped", why, .statusPending)
        case .conflict(let what)?: ("conflict", what.joined(separator: "; ") + " — not written, theirs kept", .statusFailed)
        case .failed(let why)?: ("failed", why, .statusFailed)
        case .cancelled?: ("cancelled", "not sent", .statusPending)
        }
    }
}
