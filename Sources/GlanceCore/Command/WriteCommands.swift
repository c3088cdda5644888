import GlanceAPI

/// The `:` commands that write to the marked images (or the selected one): each parses to an
/// `ImageWrite`. Unlike the browsing commands, a write verb is never guessed from a prefix —
/// `:de` must not be taken for `:delete`.
public enum WriteCommands {
    public static let verbs = ["tag", "set", "unset", "hide", "unhide", "protect", "unprotect", "deactivate", "reactivate",
                               "visibility", "share", "unshare", "accept", "reject", "delete", "delete-from"]

    /// Nil when `verb` is not a write verb; a `CommandError` naming the mistake when its
    /// arguments are wrong.
    public static func parse(verb: String, arguments rest: String) throws(CommandError) -> ImageWrite? {
        guard verbs.contains(verb) else { return nil }
        return try parse(verb: verb, words: try FilterParser.tokens(rest))
    }

    /// The same from words already split (a shell's argv).
    public static func parse(verb: String, words args: [String]) throws(CommandError) -> ImageWrite? {
        guard verbs.contains(verb) else { return nil }
        func none(_ write: ImageWrite) throws(CommandError) -> ImageWrite {
            guard args.isEmpty else { throw CommandError(":\(verb) takes no arguments") }
            return write
        }
        func one(_ what: String) throws(CommandError) -> String {
            guard args.count == 1, !args[0].isEmpty else { throw CommandError(":\(verb) takes one \(what)") }
            return args[0]
        }
        switch verb {
        case "tag": return try tags(args)
        case "set": return try properties(args)
        case "unset":
            guard !args.isEmpty else { throw CommandError(":unset takes the keys to remove") }
            for key in args { try checkKey(key) }
            return .properties(set: [:], unset: args)
        case "hide": return try none(.hidden(true))
        case "unhide": return try none(.hidden(false))
        case "protect": return try none(.protected(true))
        case "unprotect": return try none(.protected(false))
        case "deactivate": return try none(.active(false))
        case "reactivate": return try none(.active(true))
        case "visibility":
            let v = try one("visibility (private, shared, community, public)").lowercased()
            guard ImageVisibility.documented.map(\.rawValue).contains(v) else {
                throw CommandError("\(v) is not a visibility: private, shared, community or public")
            }
            return .visibility(v)
        case "share": return .share(project: try one("project (name or id)"))
        case "unshare": return .unshare(project: try one("project (name or id)"))
        case "accept": return try none(.answer(.accepted))
        case "reject": return try none(.answer(.rejected))
        case "delete-from": return .deleteFrom(store: try one("store (:stores lists them)"))
        default: return try none(.delete)
        }
    }

    /// `+T` adds, `-T` removes, a bare word adds.
    static func tags(_ args: [String]) throws(CommandError) -> ImageWrite {
        var add: [String] = [], remove: [String] = []
        for arg in args {
            let removing = arg.hasPrefix("-"), tag = arg.hasPrefix("+") || removing ? String(arg.dropFirst()) : arg
            guard !tag.isEmpty else { throw CommandError("An empty tag: write +TAG to add, -TAG to remove") }
            guard tag.count <= 255 else { throw CommandError("Tag \(tag.prefix(20))… is longer than Glance's 255 characters") }
            if removing { remove.append(tag) } else { add.append(tag) }
        }
        guard !add.isEmpty || !remove.isEmpty else { throw CommandError(":tag takes +TAG to add and -TAG to remove") }
        if let both = add.first(where: remove.contains) { throw CommandError("Tag \(both) is both added and removed") }
        return .tags(add: add, remove: remove)
    }

    static func properties(_ args: [String]) throws(CommandError) -> ImageWrite {
        guard !args.isEmpty else { throw CommandError(":set takes key=value pairs") }
        var values: [String: String] = [:]
        for arg in args {
            guard let eq = arg.firstIndex(of: "="), eq != arg.startIndex else {
                throw CommandError("\(arg) is not key=value (quote a value with spaces: k=\"a b\")")
            }
            let key = String(arg[..<eq])
            try checkKey(key)
            guard values[key] == nil else { throw CommandError("\(key) is given twice") }
            values[key] = String(arg[arg.index(after: eq)...])
        }
        return .properties(set: values, unset: [])
    }

    /// Extra properties only: core fields have their own commands or the editor, and Glance
    /// keeps os_glance_* for itself.
    static func checkKey(_ key: String) throws(CommandError) {
        if key.hasPrefix("os_glance_") { throw CommandError("\(key) is reserved for Glance") }
        if Image.coreKeys.contains(key) || key == "os_hidden" {
            throw CommandError("\(key) is a core field: use its own command (:visibility, :protect, :hide…) or e to edit it")
        }
    }
}
