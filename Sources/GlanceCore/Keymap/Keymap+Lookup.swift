import GlanceAPI
import TerminalKit

extension Keymap {
    /// The scopes a key is looked up in now, most specific first: a mode takes every key while
    /// it lasts; otherwise the pane's own keys, then those that work everywhere.
    public static func scopes(for state: AppState) -> [KeyScope] {
        if state.showsHelp { return [.help] }
        if state.confirmation != nil { return [.question] }
        if state.copyMenu != nil { return [.copyMenu] }
        switch state.prompt.input {
        case .keys: break
        case .command, .quickFilter, .transfer, .typedConfirmation: return [.line]
        }
        switch state.screen {
        case .editor:
            guard let editor = state.editor else { return [.editor, .everywhere] }
            switch editor.prompt {
            case .confirmDiscard?: return [.question]
            case .some: return [.line]
            case nil: break
            }
            switch editor.phase {
            case .loading, .checking, .saving, .refreshing: return [.editorBusy]
            case .reviewing: return [.review]
            case .conflict: return [.conflict]
            case .editing: return [.editor, .everywhere]
            }
        case .members:
            switch state.members?.prompt {
            case .confirmShare?, .confirmRemove?: return [.question]
            case .addMember?, .visibility?: return [.line]
            case nil: return [.members, .everywhere]
            }
        case .list: return [.list, .everywhere]
        case .detail: return [.detail, .everywhere]
        case .transfers: return [.transfers, .everywhere]
        case .batches: return [.batches, .everywhere]
        case .log: return [.log, .everywhere]
        case .lineages: return [.lineages, .everywhere]
        case .retire: return [.retire, .everywhere]
        case .lint: return [.lint, .everywhere]
        case .usedBy: return [.usedBy, .everywhere]
        case .stores: return [.stores, .everywhere]
        case .usage: return [.usage, .everywhere]
        case .tasks: return [.tasks, .everywhere]
        case .cache: return [.cache, .everywhere]
        }
    }

    /// The binding for `key` in the first of `scopes` that binds it; in a mode, a key it does
    /// not bind takes the mode's catch-all (any other key closes the help, keeps things as they
    /// are) — in a line, it edits the line, which no binding does.
    public func binding(for key: Key, in scopes: [KeyScope]) -> KeyBinding? {
        for scope in scopes {
            if let found = bindings.first(where: { $0.scopes.contains(scope) && $0.keys.contains(key) }) { return found }
        }
        guard let mode = scopes.first, scopes.count == 1 else { return nil }
        return bindings.first { $0.scopes.contains(mode) && $0.keys.isEmpty }
    }

    /// The binding for `key` on `screen` with no mode active.
    public func binding(for key: Key, on screen: AppState.Screen) -> KeyBinding? {
        binding(for: key, in: [KeyScope(screen), .everywhere])
    }
}

extension KeyScope {
    /// The scope of `screen`'s own keys.
    public init(_ screen: AppState.Screen) {
        self = switch screen {
        case .list: .list
        case .detail: .detail
        case .editor: .editor
        case .members: .members
        case .transfers: .transfers
        case .batches: .batches
        case .log: .log
        case .lineages: .lineages
        case .retire: .retire
        case .lint: .lint
        case .usedBy: .usedBy
        case .stores: .stores
        case .usage: .usage
        case .tasks: .tasks
        case .cache: .cache
        }
    }
}

extension Keymap {
    /// The keys `action` has in `scope`, as the help and the menus name them.
    public func keys(for action: Action, in scope: KeyScope) -> [Key] {
        bindings.first { $0.action == action && $0.scopes.contains(scope) }?.keys ?? []
    }

    /// How a message names `action`'s key where `scope`'s keys are looked up (the pane's, then
    /// everywhere's): "Esc", or the key a remap gave it.
    public func name(of action: Action, in scope: KeyScope) -> String {
        (keys(for: action, in: scope).first ?? keys(for: action, in: .everywhere).first)?.description ?? "?"
    }

    /// The help overlay's rows, grouped by scope in a fixed order; the copy menu's heading
    /// names the key that opens it.
    public func helpSections() -> [(title: String, rows: [KeyBinding])] {
        KeyScope.allCases.map { scope in
            let opens = scope == .copyMenu ? keys(for: .yankMenu, in: .list).first.map { " (\($0))" } ?? "" : ""
            return (scope.title + opens, bindings.filter { $0.scopes.contains(scope) })
        }
        .filter { !$0.rows.isEmpty }
    }

    /// The status bar's hints for `scope`: the bindings with a hint that the session can use,
    /// "Enter edit · a add · +/- tag", ending with the help key. Neighbours with one hint share it.
    public func hints(for scope: KeyScope, session: SessionInfo?) -> String {
        var parts: [(keys: String, hint: String)] = []
        for binding in bindings where binding.scopes.contains(scope) {
            guard let hint = binding.hint, binding.unavailable(in: session) == nil, let key = binding.keys.first else { continue }
            if let last = parts.last, last.hint == hint {
                parts[parts.count - 1].keys += "/" + key.description
            } else {
                parts.append((key.description, hint))
            }
        }
        let help = (keys(for: .toggleHelp, in: scope).first ?? keys(for: .toggleHelp, in: .everywhere).first).map { ["\($0) keys"] } ?? []
        return (parts.map { "\($0.keys) \($0.hint)" } + help).joined(separator: " · ")
    }
}
