import Foundation
import GlanceAPI
import GlanceCore
import TerminalKit

/// `:retire`'s plan before anything is sent: per lineage, each build with "goes" or "keeps"
/// and the reason, so the operator sees exactly why an image stays or goes.
enum RetirePlanView {
    static func draw(_ state: AppState, theme: Theme, into buffer: inout ScreenBuffer) {
        guard let retire = state.retire else { return }
        let area = Rect(x: 0, y: 2, width: buffer.width, height: ScreenLayout.listRows(state.size))
        buffer.fill(Rect(x: 0, y: 1, width: buffer.width, height: 1), style: theme[.columnHeader])
        guard let plan = retire.plan else {
            let count = if case .checking(_, let n) = retire.phase { n } else { 0 }
            buffer.drawField(" :retire " + retire.policy.text, x: 0, y: 1, width: buffer.width, style: theme[.columnHeader])
            CenteredMessage.draw(["Reading the \(count) images again and asking Compute which servers use them…", "\(state.keymap.name(of: .back, in: .retire)) leaves; nothing is sent"],
                                 in: area, headStyle: theme[.message], bodyStyle: theme[.rowDim], escaped: theme[.escaped], into: &buffer)
            return
        }
        let heading = " \(plan.going.count) of \(plan.decisions.count) go (\(plan.policy.action.rawValue)) · " + (plan.usageNote ?? "")
        buffer.drawField(heading, x: 0, y: 1, width: buffer.width, style: theme[.columnHeader], escapedStyle: theme[.escaped])
        let rows = retire.rows
        guard !rows.isEmpty else {
            CenteredMessage.draw(["No lineage matches", ":retire lineage=… names one as :lineage shows it"], in: area,
                                 headStyle: theme[.message], bodyStyle: theme[.rowDim], escaped: theme[.escaped], into: &buffer)
            return
        }
        let last = min(rows.count, retire.cursor.top + area.height)
        let marker = RowMarker(state)
        for (offset, index) in (retire.cursor.top..<last).enumerated() {
            let selected = index == retire.cursor.cursor, y = area.y + offset
            switch rows[index] {
            case .lineage(let key, let going, let count):
                let style = marker.style(selected: selected, normal: theme[.section], theme: theme)
                buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1), style: style)
                // Its leading space and the one before it are the marker column.
                let x = marker.width / 2
                buffer.drawField(" " + (key.isEmpty ? "(\((plan.policy.by ?? .standard).missingText))" : key) + "  — \(going) of \(count) go",
                                 x: x, y: y, width: buffer.width - x, style: style, escapedStyle: theme[.escaped])
                marker.draw(selected: selected, x: 0, y: y, rowStyle: style, theme: theme, into: &buffer)
            case .decision(let decision):
                draw(decision, selected: selected, marker: marker, y: y, theme: theme, into: &buffer)
            }
        }
    }

    static func draw(_ decision: RetentionPlan.Decision, selected: Bool, marker: RowMarker, y: Int, theme: Theme,
                     into buffer: inout ScreenBuffer) {
        let base = marker.style(selected: selected, normal: theme[decision.goes ? .row : .rowDim], theme: theme)
        buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1), style: base)
        let word = decision.goes ? "goes" : "keeps"
        buffer.drawField("   " + word, x: 0, y: y, width: 9,
                         style: marker.highlights(selected) ? base : theme[decision.goes ? .statusFailed : .statusActive])
        marker.draw(selected: selected, x: 0, y: y, rowStyle: base, theme: theme, into: &buffer)
        let nameWidth = min(44, max(10, (buffer.width - 9) / 2))
        buffer.drawField(decision.image.displayName.isEmpty ? decision.image.id : decision.image.displayName, x: 9, y: y,
                         width: nameWidth, style: base, escapedStyle: theme[.escaped])
        buffer.drawField(" " + decision.reason, x: 9 + nameWidth, y: y, width: buffer.width - 9 - nameWidth, style: base,
                         escapedStyle: theme[.escaped])
    }
}
