import GlanceAPI
import GlanceCore
import TerminalKit

/// `Y`'s menu, over the pane it was opened from: each form of the image that can be copied,
/// its key as the key table has it, and what would go to the clipboard, so the choice is seen
/// before it is made. Values are drawn escaped: a name never drives the terminal.
enum CopyMenuView {
    static func draw(_ state: AppState, theme: Theme, into buffer: inout ScreenBuffer) {
        guard let menu = state.copyMenu else { return }
        let choices = Update.YankWhat.allCases
        let width = min(buffer.width - 2, 76)
        // Blank lines around the choices and the footer go first on a short terminal.
        let roomy = buffer.height - 2 >= choices.count + 5
        let height = min(buffer.height - 2, choices.count + (roomy ? 5 : 2))
        guard width >= 12, height >= 3 else { return }
        let images = Update.copyText(state, .id).images
        let what = images.count == 1 ? (images[0].displayName.isEmpty ? images[0].id : images[0].displayName)
            : "\(images.count) marked images"
        let box = Dialog.frame(width: width, height: height, title: " Copy · " + what + " ", theme: theme, into: &buffer)
        let inner = width - 4
        let keyWidth = 3
        let labelWidth = min(18, max(0, inner - keyWidth - 4))
        var y = box.y + (roomy ? 2 : 1)
        // Fewer lines than choices (a tiny terminal): the highlighted one stays in view.
        let room = box.maxY - 1 - y
        let first = max(0, menu.selection - room + 1)
        for (i, choice) in choices.enumerated().dropFirst(first) where y < box.maxY - 1 {
            let selected = i == menu.selection
            let style = selected ? theme[.rowSelected] : theme[.helpText]
            buffer.fill(Rect(x: box.x + 1, y: y, width: width - 2, height: 1), style: style)
            let key = state.keymap.keys(for: choice.action, in: .copyMenu).first?.description ?? ""
            buffer.drawField(key, x: box.x + 2, y: y, width: keyWidth, style: selected ? style : theme[.helpKey])
            buffer.drawField(choice.label, x: box.x + 2 + keyWidth, y: y, width: labelWidth, style: style)
            let valueX = box.x + 3 + keyWidth + labelWidth
            buffer.drawField(preview(state, choice, count: images.count), x: valueX, y: y, width: max(0, box.maxX - 2 - valueX),
                             style: selected ? style : theme[.rowDim], escapedStyle: theme[.escaped])
            y += 1
        }
        if roomy {
            buffer.drawField(state.keymap.hints(for: .copyMenu, session: state.session), x: box.x + 2, y: box.maxY - 2,
                             width: inner, style: theme[.helpUnavailable])
        }
    }

    /// The value itself for one image (YAML by its length); for marked images, how many lines.
    static func preview(_ state: AppState, _ what: Update.YankWhat, count: Int) -> String {
        let text = Update.copyText(state, what).text
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        if count > 1 { return what == .yaml ? "\(count) documents, \(lines) lines" : "\(count) lines, one per image" }
        return what == .yaml ? "\(lines) lines" : text
    }
}
