import Foundation
import GlanceAPI

/// Parses what follows `:`. Pure; every mistake is a `CommandError` whose message the command
/// line shows in place, and nothing is sent to the server.
public enum CommandParser {
    /// Browsing commands, matched by prefix in this order (":s" is sort); the write verbs of
    /// `WriteCommands` only by their whole name.
    public static let commands = ["filter", "sort", "hidden", "columns", "view", "shared", "quit",
                                  "mark", "batches", "log", "undo", "download", "copy",
                                  "lineage", "retire", "lint", "used-by", "stores", "usage", "tasks", "cache", "export", "yank",
                                  "cloud", "region", "project", "transfers", "resume", "dismiss"]

    public static func parse(_ line: String) -> Result<Command, CommandError> {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let name = String(trimmed.prefix { !$0.isWhitespace })
        let rest = String(trimmed.dropFirst(name.count)).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return .failure(CommandError("Type a command: \(commands.joined(separator: ", "))")) }
        do {
            if let write = try WriteCommands.parse(verb: name, arguments: rest) { return .success(.write(write)) }
        } catch {
            return .failure(error)
        }
        // A prefix names the first command it starts, in the order of `commands` (":s" is sort).
        guard let command = commands.first(where: { $0.hasPrefix(name) }) else {
            return .failure(CommandError("Unknown command \"\(name)\" (commands: \((commands + WriteCommands.verbs).joined(separator: ", ")))"))
        }
        do {
            switch command {
            case "filter": return .success(.filter(try FilterParser.parse(rest)))
            case "sort": return .success(.sort(try SortParser.parse(rest)))
            case "hidden":
                guard rest.isEmpty else { throw CommandError(":hidden takes no arguments") }
                return .success(.toggleHidden)
            case "columns": return .success(.columns(try parseColumns(rest)))
            case "view": return .success(rest.isEmpty ? .listViews : .view(rest))
            case "shared":
                guard let status = rest.isEmpty ? .pending : ImageQuery.MemberStatus(rawValue: rest.lowercased()) else {
                    throw CommandError(":shared takes pending, accepted, rejected or all")
                }
                return .success(.shared(status))
            case "mark":
                switch rest.lowercased() {
                case "all": return .success(.mark(.all))
                case "none": return .success(.mark(.none))
                case "invert": return .success(.mark(.invert))
                case "": throw CommandError(":mark takes all, none, invert, or a pattern as / takes it")
                default: return .success(.mark(.matching(rest)))
                }
            case "batches": return .success(.showBatches)
            case "log": return .success(.showLog)
            case "undo": return .success(.undo)
            case "lineage":
                guard !rest.isEmpty else { return .success(.lineage(by: nil)) }
                guard rest.hasPrefix("by=") else { throw CommandError(":lineage takes by=name or by=PROPERTY+PROPERTY (os_distro+os_version)") }
                return .success(.lineage(by: try LineageKey.parse(String(rest.dropFirst(3)))))
            case "yank":
                guard let what = Update.YankWhat(rawValue: rest.isEmpty ? "id" : rest) else {
                    throw CommandError(":yank copies id, name, url, command or yaml")
                }
                return .success(.yank(what))
            case "transfers":
                guard rest.isEmpty else { throw CommandError(":transfers takes no arguments") }
                return .success(.transfers)
            case "resume", "dismiss":
                guard !rest.isEmpty, !rest.contains(" ") else {
                    throw CommandError(":\(command) takes an interrupted transfer's id (Tab lists them) or all")
                }
                let which = rest.lowercased() == "all" ? nil : rest
                return .success(command == "resume" ? .resume(which) : .dismiss(which))
            case "export":
                guard !rest.isEmpty else { throw CommandError(":export takes a file: images.csv, images.json or images.yaml") }
                return .success(.export(rest))
            case "cache":
                switch rest {
                case "": return .success(.cache)
                case "queue": return .success(.write(.cache(true)))
                case "remove": return .success(.write(.cache(false)))
                default: throw CommandError(":cache alone shows it; :cache queue and :cache remove act on the marked or selected images")
                }
            case "tasks":
                return .success(.tasks(try TasksCommand.parse(try FilterParser.tokens(rest))))
            case "usage":
                guard rest.isEmpty else { throw CommandError(":usage takes no arguments") }
                return .success(.usage)
            case "stores":
                guard rest.isEmpty else { throw CommandError(":stores takes no arguments") }
                return .success(.stores)
            case "used-by":
                guard rest.isEmpty else { throw CommandError(":used-by takes no arguments: it lists the servers of the selected image") }
                return .success(.usedBy)
            case "lint":
                guard rest.isEmpty else { throw CommandError(":lint takes no arguments: it checks the images shown (the settings choose the rule sets)") }
                return .success(.lint)
            case "retire":
                return .success(.retire(try RetentionPolicy.parse(try FilterParser.tokens(rest))))
            case "cloud", "region", "project":
                // Names are taken as written: clouds.yaml, regions and projects are case-sensitive.
                guard !rest.isEmpty, !rest.contains(where: \.isWhitespace) else {
                    throw CommandError(":\(command) takes one name (Tab completes it)")
                }
                return .success(.switchTo(command == "cloud" ? .cloud(rest) : command == "region" ? .region(rest) : .project(rest)))
            case "download":
                guard !rest.isEmpty else { throw CommandError(":download takes the directory to save the marked images in") }
                return .success(.downloadAll(directory: rest))
            case "copy":
                let stores = rest.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
                guard !stores.isEmpty else { throw CommandError(":copy takes one or more stores") }
                return .success(.copyAll(stores: stores))
            default:
                guard rest.isEmpty else { throw CommandError(":quit takes no arguments") }
                return .success(.quit)
            }
        } catch let error as CommandError {
            return .failure(error)
        } catch {
            return .failure(CommandError("\(error)"))
        }
    }

    public static func parseColumns(_ text: String) throws -> [ColumnID] {
        guard !text.isEmpty else { return ColumnID.defaults }
        var columns: [ColumnID] = []
        for part in text.split(whereSeparator: { $0 == "," || $0 == " " }) {
            guard let column = ColumnID(rawValue: part.lowercased()) else {
                throw CommandError("Unknown column \"\(part)\" (columns: \(ColumnID.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard !columns.contains(column) else { throw CommandError("Column \"\(part)\" given twice") }
            columns.append(column)
        }
        guard columns.contains(.name) else { throw CommandError("The name column cannot be left out") }
        return columns
    }
}

public enum SortParser {
    /// `key:dir,key:dir` (dir defaults to asc); empty means the server's default order.
    public static func parse(_ text: String) throws(CommandError) -> [ImageQuery.Sort] {
        var sorts: [ImageQuery.Sort] = []
        for part in text.split(whereSeparator: { $0 == "," || $0 == " " }) {
            let pieces = part.split(separator: ":", maxSplits: 1).map(String.init)
            guard let key = ImageQuery.SortKey(rawValue: pieces[0].lowercased()) else {
                throw CommandError("Glance cannot sort by \"\(pieces[0])\" (sort keys: \(ImageQuery.SortKey.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let direction: ImageQuery.SortDirection
            if pieces.count == 2 {
                guard let d = ImageQuery.SortDirection(rawValue: pieces[1].lowercased()) else {
                    throw CommandError("Sort direction \"\(pieces[1])\" is neither asc nor desc")
                }
                direction = d
            } else {
                direction = .asc
            }
            guard !sorts.contains(where: { $0.key == key }) else { throw CommandError("Sort key \(key.rawValue) given twice") }
            sorts.append(ImageQuery.Sort(key, direction))
        }
        return sorts
    }
}
