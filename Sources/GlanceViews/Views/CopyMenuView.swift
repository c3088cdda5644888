import GlanceAPI
import GlanceCore
import TerminalKit

/// `Y`'s menu, over the pane it was opened from: each form of the image that can be copied,
/// its key as the key table has it, and what would go to the clipboard, so the choice is seen
/// before it is made. Values are drawn escaped: a name never drives the terminal. The title and
/// the previews were made when the menu opened; nothing is built per frame.
enum CopyMenuView {
    static func draw(_ state: AppState, theme: Theme, into buffer: inout ScreenBuffer) {
        guard let menu = state.copyMenu else { return }
        let choices = Update.YankWhat.allCases
        let width = min(buffer.width - 2, 76)
        // Blank lines around the choices and the footer go first on a short terminal.
        let roomy = buffer.height - 2 >= choices.count + 5
        let height = min(buffer.height - 2, choices.count + (roomy ? 5 : 2))
        // Too short for a box (3 or 4 lines): the menu becomes the status line, so keys never
        // go to a menu that cannot be seen.
        guard width >= 12, height >= 3 else { return drawInStatusLine(state, menu, theme: theme, into: &buffer) }
        let box = Dialog.frame(width: width, height: height, title: " Copy · " + menu.title + " ", theme: theme, into: &buffer)
        let inner = width - 4
        let keyWidth = 3
        let labelWidth = min(18, max(0, inner - keyWidth - 4))
        var y = box.y + (roomy ? 2 : 1)
        // Fewer lines than choices (a tiny terminal): the highlighted one stays in view.
        let room = box.maxY - 1 - y
        let first = max(0, menu.selection - room + 1)
        // At --low-bandwidth the choice is marked with `>` in the blank column before its key,
        // as every list marks its row, so j and k rewrite two cells rather than two rows.
        let marker = RowMarker(state)
        for (i, choice) in choices.enumerated().dropFirst(first) where y < box.maxY - 1 {
            let selected = i == menu.selection
            let highlighted = marker.highlights(selected)
            let style = marker.style(selected: selected, normal: theme[.helpText], theme: theme)
            buffer.fill(Rect(x: box.x + 1, y: y, width: width - 2, height: 1), style: style)
            marker.drawGlyph(selected: selected, x: box.x + 1, y: y, rowStyle: style, theme: theme, into: &buffer)
            let key = state.keymap.keys(for: choice.action, in: .copyMenu).first?.description ?? ""
            buffer.drawField(key, x: box.x + 2, y: y, width: keyWidth, style: highlighted ? style : theme[.helpKey])
            buffer.drawField(choice.label, x: box.x + 2 + keyWidth, y: y, width: labelWidth, style: style)
            let valueX = box.x + 3 + keyWidth + labelWidth
            buffer.drawField(menu.previews.indices.contains(i) ? menu.previews[i] : "", x: valueX, y: y,
                             width: max(0, box.maxX - 2 - valueX), style: highlighted ? style : theme[.rowDim], escapedStyle: theme[.escaped])
            y += 1
        }
        if roomy {
            buffer.drawField(state.keymap.hints(for: .copyMenu, session: state.session), x: box.x + 2, y: box.maxY - 2,
                             width: inner, style: theme[.helpUnavailable])
        }
    }

    /// The one-line form: "Copy: i id  n name  u URL …", the highlighted choice marked.
    static func drawInStatusLine(_ state: AppState, _ menu: CopyMenuState, theme: Theme, into buffer: inout ScreenBuffer) {
        let y = buffer.height - 1
        buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1), style: theme[.statusBar])
        var x = buffer.draw("Copy:", x: 0, y: y, style: theme[.statusBarNotice])
        for (i, choice) in Update.YankWhat.allCases.enumerated() where x < buffer.width {
            let key = state.keymap.keys(for: choice.action, in: .copyMenu).first?.description ?? ""
            let style = i == menu.selection ? theme[.rowSelected] : theme[.statusBar]
            x = buffer.draw(" ", x: x, y: y, style: theme[.statusBar])
            x = buffer.draw(key + " " + String(choice.label.split(separator: " ").last ?? ""), x: x, y: y, style: style)
        }
    }
}
