import TerminalKit

/// The settings' `keys:` remaps, applied to the key table once at start: an action's keys are
/// replaced wherever the action is bound. What cannot be applied — an unknown action, a key that
/// cannot be read, a key another binding already has where the action works — is said in words
/// and that action keeps its keys, so a typo never leaves an action without a key.
extension Keymap {
    /// One `action: [keys]` entry of the settings, as written.
    public struct Remap: Equatable, Sendable {
        public var action: String
        public var keys: [String]
        public init(action: String, keys: [String]) {
            self.action = action
            self.keys = keys
        }
    }

    /// Actions whose key carries meaning beyond the table: the digits say which column, and a
    /// question names its own key, so neither is remapped.
    static let fixed: Set<Action> = [.sortByColumn, .confirm, .keepAsIs, .closeHelp]

    /// The actions `keys:` can name, in the table's order.
    public static var remappable: [Action] {
        var seen = Set<Action>()
        return standard.bindings.map(\.action).filter { !fixed.contains($0) && seen.insert($0).inserted }
    }

    /// The table with `remaps` applied, and a sentence for each that was not.
    public func remapped(_ remaps: [Remap]) -> (keymap: Keymap, problems: [String]) {
        var problems: [String] = []
        var wanted: [(action: Action, keys: [Key])] = []
        for remap in remaps {
            guard let action = Action(settingName: remap.action) else {
                problems.append("keys: \(remap.action): no such action (README: Remapping keys)")
                continue
            }
            guard !Self.fixed.contains(action), bindings.contains(where: { $0.action == action && !$0.keys.isEmpty }) else {
                problems.append("keys: \(remap.action): its keys cannot be changed")
                continue
            }
            var keys: [Key] = []
            var unreadable: [String] = []
            for text in remap.keys {
                switch Key.parse(setting: text) {
                case .success(let key): if !keys.contains(key) { keys.append(key) }
                case .failure(let why): unreadable.append(why.message)
                }
            }
            // A line's keys must leave typing alone: a character would never reach the line,
            // nor a key the line edits with (← Backspace Ctrl-W …).
            if bindings.contains(where: { $0.action == action && $0.scopes.contains(.line) }),
               let typed = keys.first(where: { LineEditor.edits(with: $0) }) {
                let why = if case .char = typed { "is typed into the line" } else { "edits the line" }
                problems.append("keys: \(remap.action): \(typed) \(why); it keeps \(describe(keysOf: action))")
            } else if let first = unreadable.first {
                problems.append("keys: \(remap.action): \(first); it keeps \(describe(keysOf: action))")
            } else if keys.isEmpty {
                problems.append("keys: \(remap.action): no key given; it keeps \(describe(keysOf: action))")
            } else if let earlier = wanted.firstIndex(where: { $0.action == action }) {
                wanted[earlier].keys = keys
            } else {
                wanted.append((action, keys))
            }
        }
        // Remaps are checked together, so two actions may swap keys; one that collides is
        // dropped and the rest checked again, until what remains is free of collisions.
        while true {
            let candidate = applying(wanted)
            let collisions = candidate.collisions(remapped: Set(wanted.map(\.action)), standard: self)
            // Said in the file's order, one at a time: dropping one may free a key for another.
            guard let collision = wanted.lazy.compactMap({ want in collisions.first { $0.action == want.action } }).first else {
                return (candidate, problems)
            }
            problems.append("keys: \(collision.action.settingName): \(collision.key) is already \(collision.other.settingName) in "
                            + "\(collision.scope.title.lowercased()); it keeps \(describe(keysOf: collision.action))")
            wanted.removeAll { $0.action == collision.action }
        }
    }

    func applying(_ wanted: [(action: Action, keys: [Key])]) -> Keymap {
        var table = self
        for i in table.bindings.indices where !table.bindings[i].keys.isEmpty {
            if let keys = wanted.first(where: { $0.action == table.bindings[i].action })?.keys { table.bindings[i].keys = keys }
        }
        return table
    }

    struct Collision {
        var action: Action
        var key: Key
        var other: Action
        var scope: KeyScope
    }

    /// Keys a remapped binding shares with another action's binding where both are looked up
    /// at once: the same scope, or a pane and what works everywhere (the pane's key would hide
    /// the other). Sharings the declared table already has are not the remap's doing.
    func collisions(remapped: Set<Action>, standard: Keymap) -> [Collision] {
        var found: [Collision] = []
        for (i, binding) in bindings.enumerated() where remapped.contains(binding.action) {
            for (j, other) in bindings.enumerated() where j != i && other.action != binding.action {
                for key in binding.keys where other.keys.contains(key) {
                    if standard.bindings[i].keys.contains(key) && standard.bindings[j].keys.contains(key) { continue }
                    if let scope = binding.scopes.first(where: { Self.overlap($0, other.scopes) }) {
                        // Named where the other binding is, when the remapped one works everywhere.
                        let shown = scope == .everywhere ? other.scopes.first { !KeyScope.modes.contains($0) } ?? scope : scope
                        found.append(Collision(action: binding.action, key: key, other: other.action, scope: shown))
                    }
                }
            }
        }
        return found
    }

    /// Modes are looked up alone; a pane together with `.everywhere`.
    static func overlap(_ scope: KeyScope, _ others: [KeyScope]) -> Bool {
        if others.contains(scope) { return true }
        if KeyScope.modes.contains(scope) { return false }
        if scope == .everywhere { return others.contains { !KeyScope.modes.contains($0) } }
        return others.contains(.everywhere)
    }

    func describe(keysOf action: Action) -> String {
        let keys = bindings.first { $0.action == action && !$0.keys.isEmpty }?.keys ?? []
        return keys.map(\.description).joined(separator: " ")
    }
}

extension KeyScope {
    /// The scopes that take every key while they last, looked up alone.
    public static let modes: Set<KeyScope> = [.help, .question, .line, .review, .conflict, .editorBusy, .copyMenu]
}

extension Action {
    /// The action's name in the settings: its words in lower case joined by hyphens
    /// (`yank-menu`, `copy-to-stores`).
    public var settingName: String {
        var out = ""
        var previous: Character?
        for ch in rawValue {
            if ch.isUppercase, let previous, previous.isLowercase { out.append("-") }
            out.append(Character(ch.lowercased()))
            previous = ch
        }
        return out
    }

    /// `yank-menu`, `yank_menu` and `yankMenu` all name `.yankMenu`.
    public init?(settingName name: String) {
        let wanted = name.lowercased().filter { $0 != "-" && $0 != "_" }
        guard let action = Self.allCases.first(where: { $0.rawValue.lowercased() == wanted }) else { return nil }
        self = action
    }
}
