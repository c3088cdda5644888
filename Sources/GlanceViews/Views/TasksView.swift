import Foundation
import GlanceAPI
import GlanceCore
import TerminalKit

/// `:tasks`: the tasks as a table; a task opened with Enter, whole — status, times, its
/// message and its input and result as indented JSON.
enum TasksView {
    static func draw(_ state: AppState, theme: Theme, into buffer: inout ScreenBuffer) {
        guard let pane = state.tasks else { return }
        let area = Rect(x: 0, y: 2, width: buffer.width, height: ScreenLayout.listRows(state.size))
        buffer.fill(Rect(x: 0, y: 1, width: buffer.width, height: 1), style: theme[.columnHeader])
        if let task = pane.opened { return drawTask(task, scroll: pane.openedScroll, area: Rect(x: 0, y: 1, width: buffer.width, height: area.height + 1),
                                                    theme: theme, into: &buffer) }
        switch pane.phase {
        case .loading:
            CenteredMessage.draw(["Reading the tasks…"], in: area, headStyle: theme[.message], bodyStyle: theme[.rowDim],
                                 escaped: theme[.escaped], into: &buffer)
            return
        case .failed(let why):
            CenteredMessage.draw(["The tasks could not be read", why, "\(state.keymap.name(of: .refresh, in: .tasks)) asks again · \(state.keymap.name(of: .back, in: .tasks)) back"], in: area,
                                 headStyle: theme[.messageError], bodyStyle: theme[.rowDim], escaped: theme[.escaped], into: &buffer)
            return
        case .loaded:
            break
        }
        TableView.draw(pane.table, keymap: state.keymap, scope: .tasks, theme: theme, in: Rect(x: 0, y: 1, width: buffer.width, height: area.height),
                       empty: [pane.imageID == nil ? "No tasks (Glance keeps them about two days)" : "This image has no tasks"],
                       marker: RowMarker(state), into: &buffer)
        let filters = [pane.query.status.map { "status=\($0.rawValue)" }, pane.query.type.map { "type=\($0)" }].compactMap { $0 }
        let note = "\(pane.tasks.count) task\(pane.tasks.count == 1 ? "" : "s")" + (filters.isEmpty ? "" : " · " + filters.joined(separator: " "))
            + (pane.tasks.allSatisfy(\.isStub) && !pane.tasks.isEmpty ? " · Glance's list gives no image or message: \(state.keymap.name(of: .open, in: .tasks)) reads a task whole"
                : " · \(state.keymap.name(of: .open, in: .tasks)) shows one whole")
        buffer.drawField(" " + note, x: 0, y: area.y + area.height - 1, width: buffer.width, style: theme[.fieldNote])
    }

    static func drawTask(_ task: GlanceTask, scroll: Int, area: Rect, theme: Theme, into buffer: inout ScreenBuffer) {
        var lines: [(String, String)] = [("id", task.id), ("type", task.type), ("status", task.status.rawValue), ("owner", task.owner ?? "—"),
                                         ("created", task.createdAt ?? "—"), ("updated", task.updatedAt ?? "—"),
                                         ("expires", task.expiresAt ?? "—")]
        if let image = task.imageID { lines.append(("image", image)) }
        if let request = task.requestID { lines.append(("request", request)) }
        lines.append(("message", (task.message ?? "").isEmpty ? "—" : task.message!))
        var text: [(String, String)] = []
        for (key, value) in lines {
            for (i, part) in TextLayout.wrap(value, width: max(10, area.width - 14)).enumerated() { text.append((i == 0 ? key : "", part)) }
        }
        for (title, json) in [("input", task.input), ("result", task.result ?? .null)] {
            text.append(("", ""))
            text.append((title, ""))
            for line in json.prettyLines() { text.append(("", "  " + line)) }
        }
        let shown = text.dropFirst(min(scroll, max(0, text.count - area.height)))
        for (offset, (key, value)) in shown.prefix(area.height).enumerated() {
            buffer.drawField(" " + key, x: 0, y: area.y + offset, width: 12, style: theme[.fieldKey])
            buffer.drawField(value, x: 13, y: area.y + offset, width: area.width - 13, style: theme[.fieldValue], escapedStyle: theme[.escaped])
        }
    }
}

extension JSONValue {
    /// Indented lines for reading, keys sorted.
    func prettyLines() -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return [displayText] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
