import GlanceAPI

/// Tab completion on the command line: command names, filter keys, their enumerated values,
/// sort keys, column names and saved views.
public enum CommandCompletion {
    public struct Result: Equatable {
        /// Text to insert at the cursor (the common part of all candidates beyond what is typed).
        public var insert: String?
        public var candidates: [String]
        /// Nothing to offer yet: the regions or projects have not been read from the cloud.
        public var needsScopes = false
    }

    /// `interrupted`: the journal ids `:resume` and `:dismiss` complete from.
    public static func complete(_ beforeCursor: String, views: [String], propertyKeys: [String] = [],
                                choices: CloudChoices = CloudChoices(), interrupted: [String] = []) -> Result {
        let words = beforeCursor.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let current = words.last ?? ""
        if words.count <= 1 {
            return finish(current, (CommandParser.commands + WriteCommands.verbs).map { $0 + " " })
        }
        // A write verb is only ever its whole name; the others complete from a prefix.
        let command = WriteCommands.verbs.contains(words[0]) ? words[0]
            : CommandParser.commands.first { $0.hasPrefix(words[0]) && !words[0].isEmpty } ?? words[0]
        switch command {
        case "filter":
            if let eq = current.firstIndex(of: "=") {
                let key = String(current[..<eq]), typed = String(current[current.index(after: eq)...])
                let values = values(forFilter: key)
                // An operator ("gte:", "in:") is followed by its value, not by a space.
                return finish(typed, values.map { $0.hasSuffix(":") ? $0 : $0 + " " })
            }
            return finish(current, FilterParser.keys.map { $0 + "=" } + [FilterParser.propertyPrefix])
        case "sort":
            let part = String(current.split(separator: ",", omittingEmptySubsequences: false).last ?? "")
            if part.contains(":") {
                let typed = String(part.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).last ?? "")
                return finish(typed, ImageQuery.SortDirection.allCases.map(\.rawValue))
            }
            return finish(part, ImageQuery.SortKey.allCases.map { $0.rawValue + ":" })
        case "columns":
            let part = String(current.split(separator: ",", omittingEmptySubsequences: false).last ?? "")
            return finish(part, ColumnID.allCases.map(\.rawValue))
        case "view":
            return finish(current, views)
        case "cloud":
            return finish(current, choices.clouds, caseSensitive: true)
        case "region", "project":
            let names = command == "region" ? choices.regions : choices.projects
            guard !names.isEmpty else { return Result(insert: nil, candidates: [], needsScopes: !choices.scopesRead) }
            return finish(current, names, caseSensitive: true)
        case "shared":
            return finish(current, ImageQuery.MemberStatus.allCases.map(\.rawValue))
        case "mark":
            return finish(current, ["all", "none", "invert"])
        case "resume", "dismiss":
            return finish(current, interrupted + ["all"])
        case "yank":
            return finish(current, Update.YankWhat.allCases.map { $0.rawValue + " " })
        case "cache":
            return finish(current, ["queue ", "remove "])
        case "tasks":
            if current.hasPrefix("status=") { return finish(String(current.dropFirst(7)), TaskStatus.known.map { $0.rawValue + " " }) }
            return finish(current, ["image ", "status=", "type=import "])
        case "lineage":
            if current.hasPrefix("by=") { return finish(String(current.dropFirst(3)), ["name", "os_distro+os_version", "image_original_user"]) }
            return finish(current, ["by="])
        case "retire":
            if current.hasPrefix("action=") { return finish(String(current.dropFirst(7)), RetentionPolicy.Retire.allCases.map { $0.rawValue + " " }) }
            if current.hasPrefix("by=") { return finish(String(current.dropFirst(3)), ["name ", "os_distro+os_version "]) }
            return finish(current, ["keep=", "older-than=", "action=", "lineage=", "by=", "force "])
        case "visibility":
            return finish(current, ImageVisibility.documented.map(\.rawValue))
        case "set", "unset":
            // Extra property keys the cloud's rules know, as the editor offers them.
            let typed = current.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            return current.contains("=") ? Result(insert: nil, candidates: []) : finish(typed, propertyKeys.map { command == "set" ? $0 + "=" : $0 + " " })
        default:
            return Result(insert: nil, candidates: [])
        }
    }

    static func values(forFilter key: String) -> [String] {
        switch key {
        case "status": FilterParser.statuses
        case "visibility": ImageQuery.Visibility.allCases.map(\.rawValue)
        case "member_status": ImageQuery.MemberStatus.allCases.map(\.rawValue)
        case "hidden", "protected": ["true", "false"]
        case "created_at", "updated_at": ImageQuery.Comparison.allCases.map { $0.rawValue + ":" }
        case "id": ["in:"]
        default: []
        }
    }

    static func finish(_ typed: String, _ options: [String], caseSensitive: Bool = false) -> Result {
        // Keys and values are lower-case; what was typed is matched as the parser reads it.
        let typed = caseSensitive ? typed : typed.lowercased()
        let matches = options.filter { $0.hasPrefix(typed) }
        guard let first = matches.first else { return Result(insert: nil, candidates: []) }
        var common = first
        for m in matches.dropFirst() {
            while !m.hasPrefix(common) { common.removeLast() }
        }
        let insert = String(common.dropFirst(typed.count))
        return Result(insert: insert.isEmpty ? nil : insert, candidates: matches)
    }
}
