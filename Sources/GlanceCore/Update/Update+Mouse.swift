import TerminalKit

/// `--mouse`: a click selects the row under the pointer, a click on the selected row does what
/// the pane's Enter does, the wheel moves three rows. Rows are found from the same layout the
/// views draw with, so a click lands where the row is seen.
extension Update {
    static let wheelRows = 3

    static func mousePressed(_ state: inout AppState, _ event: MouseEvent) -> [Effect] {
        guard state.mouseEnabled else { return [] }
        // As with a key: a click or a notch while Compute is asked drops that question, which
        // would otherwise appear over another row and take the next y for the first image.
        let dropped = dropUseCheck(&state)
        guard dropped.isEmpty else {
            state.notice = nil   // "Asking Compute…" is over
            let effects = mousePressed(&state, event)
            if state.notice == nil, state.confirmation == nil { state.notice = "Not asked: a click came before Compute answered (ask again)" }
            return dropped + effects
        }
        // A mode (a question, a line being typed, the help, the copy menu) is answered with
        // keys only: a stray click must never answer a question.
        let scopes = Keymap.scopes(for: state)
        guard let scope = scopes.first, !KeyScope.modes.contains(scope) else { return [] }
        switch event.kind {
        case .wheelUp: return move(&state, .by(-wheelRows))
        case .wheelDown: return move(&state, .by(wheelRows))
        case .press: break
        }
        guard let (row, selected) = rowUnderPointer(state, line: event.y) else { return [] }
        guard row == selected else { return move(&state, .to(row)) }
        // Enter as the table has it in this pane (remapped or not), through the same dispatch.
        guard let key = state.keymap.keys(for: .open, in: scope).first else { return [] }
        return keyPressed(&state, key)
    }

    /// The row on screen line `line` of the pane, and the selected row; nil off the rows.
    static func rowUnderPointer(_ state: AppState, line: Int) -> (row: Int, selected: Int)? {
        let listHeight = ScreenLayout.listRows(state.size)
        let viewport: ListViewport, count: Int, height: Int
        switch state.screen {
        case .list:
            (viewport, count, height) = (state.catalog.cursor, state.catalog.rows.count, listHeight)
        case .lineages:
            (viewport, count, height) = (state.lineages.cursor, state.lineages.rows.count, listHeight)
        case .usedBy, .stores, .tasks, .cache:
            guard let table = activeTable(state) else { return nil }
            (viewport, count, height) = (table.cursor, table.shown.count, tableHeight(state))
        default:
            return nil
        }
        guard let row = ScreenLayout.row(atLine: line, top: viewport.top, count: count, height: height) else { return nil }
        return (row, viewport.cursor)
    }
}
