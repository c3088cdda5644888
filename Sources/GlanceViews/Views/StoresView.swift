import Foundation
import GlanceAPI
import GlanceCore
import TerminalKit

/// `:stores`: a row per store, with the loaded images it holds, and what the policy hid.
enum StoresView {
    static func draw(_ state: AppState, theme: Theme, into buffer: inout ScreenBuffer) {
        guard let pane = state.stores else { return }
        let area = Rect(x: 0, y: 2, width: buffer.width, height: ScreenLayout.listRows(state.size))
        buffer.fill(Rect(x: 0, y: 1, width: buffer.width, height: 1), style: theme[.columnHeader])
        let note: String
        switch pane.phase {
        case .loading:
            CenteredMessage.draw(["Reading the stores…"], in: area, headStyle: theme[.message], bodyStyle: theme[.rowDim],
                                 escaped: theme[.escaped], into: &buffer)
            return
        case .failed(let why):
            CenteredMessage.draw(["The stores could not be read", why, "\(state.keymap.name(of: .refresh, in: .stores)) asks again · \(state.keymap.name(of: .back, in: .stores)) back"], in: area,
                                 headStyle: theme[.messageError], bodyStyle: theme[.rowDim], escaped: theme[.escaped], into: &buffer)
            return
        case .loaded(let listing):
            let counted = "IMAGES and SIZE count the \(CountFormat.grouped(state.catalog.images.count)) images loaded"
            note = listing.isDetailed ? counted : "types hidden by the policy (\(listing.detailRefusal ?? "admin only")); " + counted
        }
        TableView.draw(pane.table, keymap: state.keymap, scope: .stores, theme: theme, in: Rect(x: 0, y: 1, width: buffer.width, height: area.height),
                       empty: ["This cloud lists no stores"],
                       marker: RowMarker(state), into: &buffer)
        buffer.drawField(" " + note, x: 0, y: area.y + area.height - 1, width: buffer.width, style: theme[.fieldNote],
                         escapedStyle: theme[.escaped])
    }
}
