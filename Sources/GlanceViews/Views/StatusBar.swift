import GlanceAPI
import GlanceCore
import TerminalKit

/// The bottom row: spinner, where we are (cloud, region, project), how much is loaded, and the
/// last error or notice, which gets the room it needs before the rest.
enum StatusBar {
    static let spinnerFrames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    static func draw(_ state: AppState, theme: Theme, into buffer: inout ScreenBuffer) {
        let y = buffer.height - 1
        buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1), style: theme[.statusBar])
        var x = 0
        let spinner = state.isBusy ? spinnerFrames[state.spinnerFrame % spinnerFrames.count] : " "
        x = buffer.draw(" " + spinner + " ", x: x, y: y, style: theme[.spinner])
        let info = location(state) + " │ " + loaded(state)
        if let message = state.lastError ?? state.notice {
            let role: Role = state.lastError != nil ? .statusBarError : .statusBarNotice
            let room = buffer.width - x
            let infoWidth = min(DisplayWidth.of(info) + 1, max(0, room - min(room, DisplayWidth.of(message) + 2)))
            if infoWidth > 0 { buffer.drawField(info, x: x, y: y, width: infoWidth, style: theme[.statusBar]) }
            buffer.drawField(" " + message, x: x + infoWidth, y: y, width: buffer.width - x - infoWidth,
                             style: theme[role], escapedStyle: theme[.escaped])
        } else {
            buffer.drawField(info, x: x, y: y, width: buffer.width - x, style: theme[.statusBar],
                             escapedStyle: theme[.escaped])
        }
    }

    static func location(_ state: AppState) -> String {
        guard let s = state.session else { return state.cloudName }
        return [s.cloud, s.region, s.projectName ?? s.projectID].compactMap { $0 }.joined(separator: " │ ")
    }

    static func loaded(_ state: AppState) -> String {
        let count = CountFormat.grouped(state.images.count)
        switch state.listing {
        case .idle: return "—"
        case .loading(_, let pages): return pages == 0 && state.images.isEmpty ? "loading…" : "\(count) images, loading…"
        case .complete: return state.images.count == 1 ? "1 image" : "\(count) images"
        case .failed: return "\(count) images (incomplete)"
        }
    }
}
