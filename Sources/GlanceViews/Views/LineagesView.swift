import Foundation
import GlanceAPI
import GlanceCore
import TerminalKit

/// `:lineage`: one row per lineage (how many builds, the newest and oldest, their size), and
/// under an unfolded one its builds, the current one first and the older ones dimmed with age.
enum LineagesView {
    static func draw(_ state: AppState, theme: Theme, now: Date, into buffer: inout ScreenBuffer) {
        let pane = state.lineages
        let area = Rect(x: 0, y: 2, width: buffer.width, height: ScreenLayout.listRows(state.size))
        buffer.fill(Rect(x: 0, y: 1, width: buffer.width, height: 1), style: theme[.columnHeader])
        buffer.drawField("  LINEAGE (by \(pane.by.description))", x: 0, y: 1, width: buffer.width, style: theme[.columnHeader])
        guard !pane.rows.isEmpty else {
            CenteredMessage.draw(["No images shown to group", "\(state.keymap.name(of: .back, in: .lineages)) back to the list"], in: area, headStyle: theme[.message],
                                 bodyStyle: theme[.rowDim], escaped: theme[.escaped], into: &buffer)
            return
        }
        let last = min(pane.rows.count, pane.cursor.top + area.height)
        for (offset, index) in (pane.cursor.top..<last).enumerated() {
            let selected = index == pane.cursor.cursor
            let y = area.y + offset
            switch pane.rows[index] {
            case .group(let g):
                drawLineage(pane.groups[g], open: pane.unfolded.contains(pane.groups[g].key), by: pane.by,
                            marked: markedCount(pane.groups[g], state), selected: selected, marker: RowMarker(state), y: y, now: now,
                            theme: theme, into: &buffer)
            case .build(let g, let i):
                let image = pane.groups[g].images[i]
                drawBuild(image, current: i == 0 && !pane.groups[g].key.isEmpty, marked: state.catalog.marks.contains(image.id),
                          selected: selected, marker: RowMarker(state), y: y, now: now, theme: theme, into: &buffer)
            }
        }
    }

    static func markedCount(_ lineage: Lineage, _ state: AppState) -> Int {
        state.catalog.marks.isEmpty ? 0 : lineage.images.filter { state.catalog.marks.contains($0.id) }.count
    }

    /// "▸ ubuntu 22.04 x86_64   5 builds   newest 13d ago   oldest 5mo ago   12.3 GiB"
    static func drawLineage(_ lineage: Lineage, open: Bool, by: LineageKey, marked: Int, selected: Bool, marker: RowMarker,
                            y: Int, now: Date, theme: Theme, into buffer: inout ScreenBuffer) {
        let style = marker.style(selected: selected, normal: theme[marked > 0 ? .rowMarked : .section], theme: theme)
        buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1), style: style)
        let name = lineage.key.isEmpty ? "(\(by.missingText))" : lineage.key
        let count = lineage.images.count
        var facts = ["\(count) build\(count == 1 ? "" : "s")"]
        if marked > 0 { facts.append("\(marked) marked") }
        facts.append("newest " + RelativeTime.describe(lineage.newestDate, now: now))
        if count > 1 { facts.append("oldest " + RelativeTime.describe(lineage.oldestDate, now: now)) }
        facts.append(ByteFormat.human(lineage.totalSize))
        let factsText = facts.joined(separator: "  ")
        let factsWidth = min(DisplayWidth.of(factsText) + 1, max(0, buffer.width - 20))
        let x = marker.draw(selected: selected, x: 0, y: y, rowStyle: style, theme: theme, into: &buffer)
        buffer.drawField((open ? "▾ " : "▸ ") + name, x: x, y: y, width: buffer.width - factsWidth - x, style: style,
                         escapedStyle: theme[.escaped])
        buffer.drawField(factsText, x: buffer.width - factsWidth, y: y, width: factsWidth, style: style, alignRight: true)
    }

    /// "    ● current  ubuntu-22.04-20261120   2026-11-20  13d ago  2.1 GiB  active"
    static func drawBuild(_ image: Image, current: Bool, marked: Bool, selected: Bool, marker: RowMarker, y: Int, now: Date,
                          theme: Theme, into buffer: inout ScreenBuffer) {
        let base = marker.style(selected: selected, normal: theme[marked ? .rowMarked : (current ? .row : .rowDim)], theme: theme)
        buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1), style: base)
        let date = Lineage.buildDate(of: image)
        // Fixed columns, so ages, sizes and states line up down an unfolded lineage.
        let flags = image.status.rawValue + (image.isHidden == true ? " hidden" : "") + (image.isProtected == true ? " protected" : "")
        let columns: [(String, Int, Bool)] = [(current ? "current" : RelativeTime.describe(date, now: now), 9, true),
                                               (image.size.map(ByteFormat.human) ?? "—", 10, true), (flags, 22, false)]
        let tailWidth = buffer.width >= 64 ? columns.reduce(0) { $0 + $1.1 + 1 } : 0
        buffer.drawField((marked ? "  ● " : "    ") + image.displayName, x: 0, y: y, width: buffer.width - tailWidth, style: base,
                         escapedStyle: theme[.escaped])
        // The build's indent holds the marker column.
        marker.draw(selected: selected, x: 0, y: y, rowStyle: base, theme: theme, into: &buffer)
        var x = buffer.width - tailWidth
        for (text, width, right) in columns where tailWidth > 0 {
            buffer.drawField(text, x: x, y: y, width: width, style: base, alignRight: right)
            x += width + 1
        }
    }
}
