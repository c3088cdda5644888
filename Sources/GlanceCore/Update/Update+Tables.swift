import Foundation
import TerminalKit

/// The keys every table pane shares (`:used-by` and the operator's views): moving, `/` to
/// filter as typed, digits to sort. The pane is found from the screen, so a new view only
/// says where its table lives.
extension Update {
    /// The table of the pane on screen, if it is a table pane.
    static func activeTable(_ state: AppState) -> TableState? {
        switch state.screen {
        case .usedBy: state.usedBy?.table
        case .stores: state.stores?.table
        case .tasks: state.tasks?.opened == nil ? state.tasks?.table : nil
        case .cache: state.cache?.table
        default: nil
        }
    }

    static func updateActiveTable(_ state: inout AppState, _ change: (inout TableState) -> Void) {
        switch state.screen {
        case .usedBy: if state.usedBy != nil { change(&state.usedBy!.table) }
        case .stores: if state.stores != nil { change(&state.stores!.table) }
        case .tasks: if state.tasks != nil { change(&state.tasks!.table) }
        case .cache: if state.cache != nil { change(&state.cache!.table) }
        default: break
        }
    }

    /// Rows a table pane shows: the list's, less the line under the table that says its scope.
    static func tableHeight(_ state: AppState) -> Int { max(1, ScreenLayout.listRows(state.size) - 1) }

    static func moveInTable(_ state: inout AppState, _ movement: Movement) {
        let height = tableHeight(state)
        updateActiveTable(&state) { table in
            switch movement {
            case .by(let d): table.move(d, height: height)
            case .page(let d): table.page(d, height: height)
            case .to(let row): table.move(to: row, height: height)
            }
        }
    }

    static func filterTableKey(_ state: inout AppState, _ editor: LineEditor, _ key: Key) -> [Effect] {
        var editor = editor
        let height = tableHeight(state)
        switch editor.handle(key) {
        case .cancel:
            state.prompt.input = .keys
            updateActiveTable(&state) { $0.setFilter("", height: height) }
        case .submit:
            state.prompt.input = .keys
        case .edited:
            state.prompt.input = .quickFilter(editor)
            updateActiveTable(&state) { $0.setFilter(editor.text, height: height) }
        case .moved, .unhandled:
            state.prompt.input = .quickFilter(editor)
            switch key {
            case .up: moveInTable(&state, .by(-1))
            case .down: moveInTable(&state, .by(1))
            default: break
            }
        }
        return []
    }
}
