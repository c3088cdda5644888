import Foundation
import GlanceAPI
import GlanceCore
import TerminalKit

/// `:used-by`: the servers that boot from an image — name, id, status, project — and how far
/// Compute let this session look.
enum UsedByView {
    static func draw(_ state: AppState, theme: Theme, into buffer: inout ScreenBuffer) {
        guard let pane = state.usedBy else { return }
        let area = Rect(x: 0, y: 2, width: buffer.width, height: ScreenLayout.listRows(state.size))
        buffer.fill(Rect(x: 0, y: 1, width: buffer.width, height: 1), style: theme[.columnHeader])
        switch pane.phase {
        case .loading:
            CenteredMessage.draw(["Asking Compute which servers boot from it…"], in: area, headStyle: theme[.message],
                                 bodyStyle: theme[.rowDim], escaped: theme[.escaped], into: &buffer)
            return
        case .failed(let why):
            CenteredMessage.draw(["Compute could not say which servers use it", why, "r asks again · Esc back"], in: area,
                                 headStyle: theme[.messageError], bodyStyle: theme[.rowDim], escaped: theme[.escaped], into: &buffer)
            return
        case .loaded:
            break
        }
        let widths = (name: max(10, buffer.width - 8 - 10 - 14 - 4), id: 8, status: 10, project: 14)
        var x = 0
        for (title, width) in [("NAME", widths.name), ("ID", widths.id), ("STATUS", widths.status), ("PROJECT", widths.project)] {
            buffer.drawField(title, x: x, y: 1, width: width, style: theme[.columnHeader])
            x += width + 1
        }
        guard !pane.servers.isEmpty else {
            CenteredMessage.draw(["No server boots from it", pane.scopeText ?? ""], in: area, headStyle: theme[.message],
                                 bodyStyle: theme[.rowDim], escaped: theme[.escaped], into: &buffer)
            return
        }
        let listHeight = area.height - 1
        let last = min(pane.servers.count, pane.cursor.top + listHeight)
        for (offset, index) in (pane.cursor.top..<last).enumerated() {
            let server = pane.servers[index], y = area.y + offset
            let style = theme[index == pane.cursor.cursor ? .rowSelected : .row]
            buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1), style: style)
            var x = 0
            for (text, width) in [(server.name, widths.name), (String(server.id.prefix(8)), widths.id), (server.status, widths.status),
                                  (String((server.projectID ?? "—").prefix(14)), widths.project)] {
                buffer.drawField(text, x: x, y: y, width: width, style: style, escapedStyle: theme[.escaped])
                x += width + 1
            }
        }
        buffer.drawField(" " + (pane.scopeText ?? ""), x: 0, y: area.y + area.height - 1, width: buffer.width, style: theme[.fieldNote],
                         escapedStyle: theme[.escaped])
    }
}
