import Foundation
import GlanceAPI
import GlanceCore
import TerminalKit

/// `:cache`: the images the answering API node has cached (size, hits, last use) and those
/// queued, or Glance's own sentence where the cache API is off.
enum CacheView {
    static func draw(_ state: AppState, theme: Theme, into buffer: inout ScreenBuffer) {
        guard let pane = state.cache else { return }
        let area = Rect(x: 0, y: 2, width: buffer.width, height: ScreenLayout.listRows(state.size))
        buffer.fill(Rect(x: 0, y: 1, width: buffer.width, height: 1), style: theme[.columnHeader])
        let cache: ImageCacheState
        switch pane.phase {
        case .loading:
            CenteredMessage.draw(["Reading the image cache…"], in: area, headStyle: theme[.message], bodyStyle: theme[.rowDim],
                                 escaped: theme[.escaped], into: &buffer)
            return
        case .failed(let why):
            CenteredMessage.draw(["The image cache could not be read", why, "\(state.keymap.name(of: .refresh, in: .cache)) asks again · \(state.keymap.name(of: .back, in: .cache)) back"], in: area,
                                 headStyle: theme[.messageError], bodyStyle: theme[.rowDim], escaped: theme[.escaped], into: &buffer)
            return
        case .loaded(let c):
            cache = c
        }
        TableView.draw(pane.table, keymap: state.keymap, scope: .cache, theme: theme, in: Rect(x: 0, y: 1, width: buffer.width, height: area.height),
                       empty: ["Nothing cached or queued on this API node", ":cache queue on marked images fills it"],
                       marker: RowMarker(state), into: &buffer)
        let bytes = cache.cached.reduce(Int64(0)) { $0 + ($1.size ?? 0) }
        let note = "\(cache.cached.count) cached (\(ByteFormat.human(bytes))) · \(cache.queued.count) queued · "
            + "one API node's cache: another node may hold others"
        buffer.drawField(" " + note, x: 0, y: area.y + area.height - 1, width: buffer.width, style: theme[.fieldNote])
    }
}
