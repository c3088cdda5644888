import Foundation
import GlanceAPI
import GlanceCore
import TerminalKit

/// The owner's members pane: project (name where known, id always), status in colour, dates.
enum MembersView {
    static func draw(_ state: AppState, theme: Theme, now: Date, into buffer: inout ScreenBuffer) {
        guard let pane = state.members else { return }
        let message: String
        let role: Role
        switch pane.phase {
        case .failed(let why): (message, role) = ("Could not list the members: " + why, .inputError)
        default:
            (message, role) = (pane.message ?? "visibility \(pane.image.visibility ?? "—") · \(pane.members.count) member(s)",
                               pane.messageIsError ? .inputError : (pane.message == nil ? .rowDim : .statusBarNotice))
        }
        buffer.drawField(" " + message, x: 0, y: 1, width: buffer.width, style: theme[role], escapedStyle: theme[.escaped])
        buffer.fill(Rect(x: 0, y: 2, width: buffer.width, height: 1), style: theme[.columnHeader])
        let statusX = max(20, buffer.width - 40)
        buffer.drawField("  PROJECT", x: 0, y: 2, width: statusX, style: theme[.columnHeader])
        buffer.drawField("STATUS     ADDED     ANSWERED", x: statusX, y: 2, width: buffer.width - statusX, style: theme[.columnHeader])
        if case .loading = pane.phase {
            buffer.draw("  loading the members…", x: 0, y: 3, style: theme[.message])
            return
        }
        if pane.members.isEmpty, pane.phase == .ready {
            buffer.draw("  No members. a adds a project.", x: 0, y: 3, style: theme[.message])
        }
        let height = ScreenLayout.editorRows(state.size)
        let last = min(pane.members.count, pane.cursor.top + height)
        for (offset, i) in (pane.cursor.top..<last).enumerated() {
            let entry = pane.members[i]
            let y = 3 + offset
            let selected = i == pane.cursor.cursor
            let marker = RowMarker(state)
            let base = marker.style(selected: selected, normal: theme[.row], theme: theme)
            buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1), style: base)
            let project = entry.projectName.map { "\($0) (\(entry.member.memberID))" } ?? entry.member.memberID
            buffer.drawField("  " + project, x: 0, y: y, width: statusX, style: base, escapedStyle: theme[.escaped])
            // The project's indent holds the marker column.
            marker.draw(selected: selected, x: 0, y: y, rowStyle: base, theme: theme, into: &buffer)
            let statusRole: Role = switch entry.member.status {
            case .accepted: .statusActive
            case .pending: .statusPending
            case .rejected: .statusFailed
            default: .statusOther
            }
            buffer.drawField(entry.member.status.rawValue, x: statusX, y: y, width: 10, style: marker.highlights(selected) ? base : theme[statusRole])
            buffer.drawField(RelativeTime.describe(entry.member.created, now: now), x: statusX + 11, y: y, width: 9, style: base)
            buffer.drawField(RelativeTime.describe(entry.member.updated, now: now), x: statusX + 21, y: y, width: 9, style: base)
        }
    }
}
