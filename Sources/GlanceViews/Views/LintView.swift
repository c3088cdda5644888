import Foundation
import GlanceAPI
import GlanceCore
import TerminalKit

/// `:lint`: per image with findings, its name, then each finding in words with the fix it
/// proposes ("→ set os_distro=ubuntu") or why there is none.
enum LintView {
    static func draw(_ state: AppState, theme: Theme, into buffer: inout ScreenBuffer) {
        guard let lint = state.lint else { return }
        let area = Rect(x: 0, y: 2, width: buffer.width, height: ScreenLayout.listRows(state.size))
        buffer.fill(Rect(x: 0, y: 1, width: buffer.width, height: 1), style: theme[.columnHeader])
        let sets = state.lintSettings.sets.sorted().map(\.rawValue).joined(separator: ", ")
        guard let report = lint.report else {
            if case .running(_, let count) = lint.phase {
                buffer.drawField(" rule sets: " + sets, x: 0, y: 1, width: buffer.width, style: theme[.columnHeader])
                CenteredMessage.draw(["Reading \(count) image\(count == 1 ? "" : "s") in full and checking their properties…",
                                      "\(state.keymap.name(of: .back, in: .lint)) leaves"], in: area, headStyle: theme[.message], bodyStyle: theme[.rowDim],
                                     escaped: theme[.escaped], into: &buffer)
            }
            return
        }
        let heading = " \(report.findings.count) finding\(report.findings.count == 1 ? "" : "s") · \(report.linted.count) linted · "
            + (report.notes.isEmpty ? "rule sets: " + sets : report.notes.joined(separator: "; "))
        buffer.drawField(heading, x: 0, y: 1, width: buffer.width, style: theme[.columnHeader], escapedStyle: theme[.escaped])
        let rows = lint.rows
        guard !rows.isEmpty else {
            CenteredMessage.draw(["No findings", "Every image shown keeps to the rules (\(sets))"], in: area,
                                 headStyle: theme[.message], bodyStyle: theme[.rowDim], escaped: theme[.escaped], into: &buffer)
            return
        }
        // The selected finding in full at the foot of the pane: rows cut it to their width.
        let listHeight = LintState.listHeight(area.height)
        if listHeight < area.height, let f = selectedFinding(lint, rows) {
            let finding = report.findings[f]
            let text = finding.message + " — " + (finding.fix.map { "fix: " + $0.summary } ?? "no fix: " + (finding.noFix ?? ""))
                + " (\(finding.ruleSet.rawValue))"
            let lines = Array(TextLayout.wrap(text, width: max(1, buffer.width - 2)).prefix(3))
            for (i, line) in lines.enumerated() {
                buffer.drawField(" " + line, x: 0, y: area.y + listHeight + 1 + i, width: buffer.width, style: theme[.fieldNote],
                                 escapedStyle: theme[.escaped])
            }
        }
        let counts = Dictionary(grouping: report.findings, by: \.imageID).mapValues(\.count)
        let marker = RowMarker(state)
        let last = min(rows.count, lint.cursor.top + listHeight)
        for (offset, index) in (lint.cursor.top..<last).enumerated() {
            let selected = index == lint.cursor.cursor, y = area.y + offset
            switch rows[index] {
            case .image(let i):
                let image = report.images[i]
                let style = marker.style(selected: selected, normal: theme[state.catalog.marks.contains(image.id) ? .rowMarked : .section],
                                         theme: theme)
                buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1), style: style)
                // Its leading space and the one before it are the marker column.
                let x = marker.width / 2
                buffer.drawField(" " + (image.displayName.isEmpty ? image.id : image.displayName) + "  (\(counts[image.id] ?? 0))", x: x, y: y,
                                 width: buffer.width - x, style: style, escapedStyle: theme[.escaped])
                marker.draw(selected: selected, x: 0, y: y, rowStyle: style, theme: theme, into: &buffer)
            case .finding(let f):
                draw(report.findings[f], selected: selected, marker: marker, y: y, theme: theme, into: &buffer)
            }
        }
    }

    static func selectedFinding(_ lint: LintState, _ rows: [LintState.Row]) -> Int? {
        guard rows.indices.contains(lint.cursor.cursor), case .finding(let f) = rows[lint.cursor.cursor] else { return nil }
        return f
    }

    static func draw(_ finding: LintFinding, selected: Bool, marker: RowMarker, y: Int, theme: Theme, into buffer: inout ScreenBuffer) {
        let base = marker.style(selected: selected, normal: theme[.row], theme: theme)
        buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1), style: base)
        let remedy = finding.fix.map { "→ " + $0.summary } ?? "no fix"
        let remedyWidth = min(DisplayWidth.of(remedy) + 2, max(0, buffer.width / 3))
        buffer.drawField("   " + finding.message, x: 0, y: y, width: buffer.width - remedyWidth, style: base,
                         escapedStyle: theme[.escaped])
        buffer.drawField(" " + remedy, x: buffer.width - remedyWidth, y: y, width: remedyWidth,
                         style: marker.highlights(selected) ? base : theme[finding.fix == nil ? .rowDim : .statusActive],
                         escapedStyle: theme[.escaped])
        marker.draw(selected: selected, x: 0, y: y, rowStyle: base, theme: theme, into: &buffer)
    }
}
