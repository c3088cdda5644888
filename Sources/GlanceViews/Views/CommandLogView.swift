import Foundation
import GlanceAPI
import GlanceCore
import TerminalKit

/// The command log (`:log`): every write of the session, newest first, two lines each — when,
/// which image, what and how it ended; then the requests sent and the openstack command that
/// does the same, ready to copy.
enum CommandLogView {
    static func draw(_ pane: BatchesState, theme: Theme, marker: RowMarker, into buffer: inout ScreenBuffer) {
        guard !pane.log.isEmpty else {
            buffer.drawField(" Nothing written yet in this session", x: 0, y: 1, width: buffer.width, style: theme[.rowDim])
            return
        }
        buffer.drawField(" \(pane.log.count) write\(pane.log.count == 1 ? "" : "s") this session, newest first · also in the audit log",
                         x: 0, y: 1, width: buffer.width, style: theme[.section])
        let newestFirst = Array(pane.log.reversed())
        let perEntry = 3
        let fit = max(1, (buffer.height - 3) / perEntry)
        let top = max(0, min(pane.logCursor.cursor - fit + 1, newestFirst.count - fit))
        for (offset, record) in newestFirst.dropFirst(top).prefix(fit).enumerated() {
            draw(record, selected: top + offset == pane.logCursor.cursor, marker: marker, y: 2 + offset * perEntry, theme: theme,
                 into: &buffer)
        }
    }

    static func draw(_ record: WriteRecord, selected: Bool, marker: RowMarker, y: Int, theme: Theme, into buffer: inout ScreenBuffer) {
        let base = marker.style(selected: selected, normal: theme[.row], theme: theme)
        let highlighted = marker.highlights(selected)
        buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 3), style: base)
        let time = timeText(record.time)
        let head = " \(time)  \(record.action)  \(record.imageName.isEmpty ? record.imageID : record.imageName)  → \(record.result)"
        // The head's leading space and the one before it are the marker column.
        let x = marker.width / 2
        buffer.drawField(head, x: x, y: y, width: buffer.width - x, style: highlighted ? base : theme[record.ok ? .row : .statusFailed],
                         escapedStyle: theme[.escaped])
        marker.draw(selected: selected, x: 0, y: y, rowStyle: base, theme: theme, into: &buffer)
        // The cloud it went to: the log outlives a :cloud switch.
        let cloud = "on " + record.cloud + (record.project.map { "/" + $0 } ?? "") + " · "
        buffer.drawField("           " + cloud + (record.requests.isEmpty ? "nothing sent" : record.requests.joined(separator: " · ")),
                         x: 0, y: y + 1, width: buffer.width, style: highlighted ? base : theme[.rowDim], escapedStyle: theme[.escaped])
        buffer.drawField("           $ " + record.openstack, x: 0, y: y + 2, width: buffer.width,
                         style: highlighted ? base : theme[.fieldValue], escapedStyle: theme[.escaped])
    }

    /// HH:MM:SS in UTC, as the audit log's times are.
    static func timeText(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970) % 86_400
        return String(format: "%02d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60)
    }
}
