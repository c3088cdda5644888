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
            CenteredMessage.draw(["Compute could not say which servers use it", why, "\(state.keymap.name(of: .refresh, in: .usedBy)) asks again · \(state.keymap.name(of: .back, in: .usedBy)) back"], in: area,
                                 headStyle: theme[.messageError], bodyStyle: theme[.rowDim], escaped: theme[.escaped], into: &buffer)
            return
        case .loaded:
            break
        }
        TableView.draw(pane.table, keymap: state.keymap, scope: .usedBy, theme: theme, in: Rect(x: 0, y: 1, width: buffer.width, height: area.height),
                       empty: ["No server boots from it", pane.scopeText ?? ""],
                       marker: RowMarker(state), into: &buffer)
        buffer.drawField(" " + (pane.scopeText ?? ""), x: 0, y: area.y + area.height - 1, width: buffer.width, style: theme[.fieldNote],
                         escapedStyle: theme[.escaped])
    }
}
