import Foundation
import GlanceCore
import TerminalKit

/// Draws the whole screen for a state. Pure: same state, theme and clock, same cells.
public enum RootView {
    public static let minimumSize = ScreenLayout.minimum

    public static func render(_ state: AppState, theme: Theme, now: Date) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: state.size.width, height: state.size.height)
        guard state.size.width >= minimumSize.width, state.size.height >= minimumSize.height else {
            let message = ["Terminal too small", "Too small", "Small"].first { $0.count <= state.size.width } ?? ""
            buffer.draw(message, x: 0, y: 0, style: theme[.messageError])
            return buffer
        }
        switch state.screen {
        case .list:
            TitleBar.draw(title: "Images", state: state, theme: theme, into: &buffer)
            ImageListView.draw(state, theme: theme, now: now, into: &buffer)
        case .detail:
            let name = state.detail?.image.name ?? state.detail?.imageID ?? ""
            TitleBar.draw(title: "Image " + name, state: state, theme: theme, into: &buffer)
            DetailView.draw(state, theme: theme, into: &buffer)
        case .editor:
            let name = state.editor?.plan?.loaded.name ?? state.editor?.imageID ?? ""
            let count = state.editor?.plan?.changes.count ?? 0
            let title = state.editor?.isCreating == true ? "New image" : "Edit " + name + (count > 0 ? " (\(count) unsaved)" : "")
            TitleBar.draw(title: title, state: state, theme: theme, into: &buffer)
            EditorView.draw(state, theme: theme, into: &buffer)
        case .members:
            TitleBar.draw(title: "Members of " + (state.members?.image.name ?? state.members?.image.id ?? ""), state: state, theme: theme, into: &buffer)
            MembersView.draw(state, theme: theme, now: now, into: &buffer)
        case .transfers:
            TitleBar.draw(title: "Transfers", state: state, theme: theme, into: &buffer)
            TransfersView.draw(state, theme: theme, into: &buffer)
        case .batches:
            TitleBar.draw(title: "Batches", state: state, theme: theme, into: &buffer)
            BatchesView.draw(state.batches, theme: theme, marker: RowMarker(state), into: &buffer)
        case .log:
            TitleBar.draw(title: "Command log", state: state, theme: theme, into: &buffer)
            CommandLogView.draw(state.batches, theme: theme, marker: RowMarker(state), into: &buffer)
        case .lineages:
            TitleBar.draw(title: "Lineages", state: state, theme: theme, into: &buffer)
            LineagesView.draw(state, theme: theme, now: now, into: &buffer)
        case .retire:
            TitleBar.draw(title: "Retire: " + (state.retire?.policy.text ?? ""), state: state, theme: theme, into: &buffer)
            RetirePlanView.draw(state, theme: theme, into: &buffer)
        case .lint:
            TitleBar.draw(title: "Lint", state: state, theme: theme, into: &buffer)
            LintView.draw(state, theme: theme, into: &buffer)
        case .usedBy:
            TitleBar.draw(title: "Used by " + (state.usedBy?.image.name ?? state.usedBy?.image.id ?? ""), state: state, theme: theme,
                          into: &buffer)
            UsedByView.draw(state, theme: theme, into: &buffer)
        case .stores:
            TitleBar.draw(title: "Stores", state: state, theme: theme, into: &buffer)
            StoresView.draw(state, theme: theme, into: &buffer)
        case .usage:
            TitleBar.draw(title: "Quotas", state: state, theme: theme, into: &buffer)
            UsageView.draw(state, theme: theme, into: &buffer)
        case .tasks:
            let of = state.tasks?.imageID.map { " of image " + $0.prefix(8) } ?? ""
            TitleBar.draw(title: (state.tasks?.opened.map { "Task " + $0.id } ?? "Tasks") + of, state: state, theme: theme, into: &buffer)
            TasksView.draw(state, theme: theme, into: &buffer)
        case .cache:
            TitleBar.draw(title: "Image cache", state: state, theme: theme, into: &buffer)
            CacheView.draw(state, theme: theme, into: &buffer)
        }
        if case .typedConfirmation(let plan, _) = state.prompt.input { DeleteConfirmation.draw(plan, theme: theme, into: &buffer) }
        StatusBar.draw(state, theme: theme, into: &buffer)
        CopyMenuView.draw(state, theme: theme, into: &buffer)
        if state.showsHelp { HelpOverlay.draw(scroll: state.helpScroll, keymap: state.keymap, session: state.session, theme: theme, into: &buffer) }
        return buffer
    }
}

enum CenteredMessage {
    /// Draws wrapped lines centred in `area`; the first in `headStyle`.
    static func draw(_ lines: [String], in area: Rect, headStyle: Style, bodyStyle: Style, escaped: Style,
                     into buffer: inout ScreenBuffer) {
        let width = max(1, min(area.width - 2, 72))
        let wrapped = lines.enumerated().flatMap { i, line in
            TextLayout.wrap(line, width: width).map { (i == 0, $0) }
        }
        let shown = wrapped.prefix(area.height)
        var y = area.y + max(0, (area.height - shown.count) / 2)
        for (isHead, line) in shown {
            let x = area.x + max(0, (area.width - DisplayWidth.of(line)) / 2)
            buffer.draw(line, x: x, y: y, maxX: area.maxX, style: isHead ? headStyle : bodyStyle, escapedStyle: escaped)
            y += 1
        }
    }
}
