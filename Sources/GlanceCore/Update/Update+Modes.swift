import GlanceAPI
import TerminalKit

/// The modes that take every key while they last: the help, a question, a line being typed,
/// and the editor's review, conflict and busy phases. The key table has decided what the key
/// means; these do it.
extension Update {
    static func helpAction(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .scrollHelpDown: state.helpScroll = min(state.helpScroll + 1, state.keymap.bindings.count * 2)
        case .scrollHelpUp: state.helpScroll = max(0, state.helpScroll - 1)
        default:
            state.showsHelp = false
            state.helpScroll = 0
            if action == .quit { return quit(&state) }
        }
        return []
    }

    /// A question confirms with its own key (y, o, u…), which it names; any other keeps things
    /// as they are.
    static func answerQuestion(_ state: inout AppState, _ key: Key) -> [Effect] {
        if let confirmation = state.confirmation {
            return confirmationKey(&state, confirmation, key)
        }
        // The editor's "leave without saving?" and the members pane's questions confirm with y.
        let canonical: Key = key == .char("y") ? .char("y") : .escape
        if state.screen == .editor { return editorKey(&state, canonical) ?? [] }
        if state.screen == .members { return membersKey(&state, canonical) ?? [] }
        return []
    }

    /// What a line's action is as the line handlers read it.
    static func canonical(_ action: Action?, _ key: Key) -> Key {
        switch action {
        case .submitLine?: .enter
        case .cancelLine?: .escape
        case .completeLine?: .tab
        case .olderLine?: .up
        case .newerLine?: .down
        default: key
        }
    }

    /// A key for the line being typed, wherever it is.
    static func lineKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        switch state.prompt.input {
        case .command(let editor): return commandKey(&state, editor, key)
        case .quickFilter(let editor):
            return activeTable(state) != nil ? filterTableKey(&state, editor, key) : quickFilterKey(&state, editor, key)
        case .transfer(let prompt, let editor): return transferPromptKey(&state, prompt, editor, key)
        case .typedConfirmation(let plan, let editor): return typedConfirmationKey(&state, plan, editor, key)
        case .keys: break
        }
        if state.screen == .editor { return editorKey(&state, key) ?? [] }
        if state.screen == .members { return membersKey(&state, key) ?? [] }
        return []
    }

    /// The editor's review, conflict and busy phases.
    static func editorModeAction(_ state: inout AppState, _ action: Action) -> [Effect] {
        let key: Key = switch action {
        case .saveReviewed: .enter
        case .keepMine: .char("o")
        case .takeTheirs: .char("t")
        default: .escape
        }
        return editorKey(&state, key) ?? []
    }
}
