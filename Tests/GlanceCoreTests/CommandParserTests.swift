import GlanceAPI
@testable import GlanceCore
import Testing

/// What follows `:`: command names and their unique prefixes, arguments, and `SortParser`.
@Suite struct CommandParserTests {
    private static func query(_ build: (inout ImageQuery) -> Void) -> ImageQuery {
        var q = ImageQuery()
        build(&q)
        return q
    }

    private static let commandList = "filter, sort, hidden, columns, view, shared, quit, mark, batches, log, undo, download, copy, lineage, retire, lint, used-by, stores, usage, tasks, cache, export, yank, cloud, region, project, transfers, resume, dismiss"
    /// Unknown commands list the write verbs too.
    private static let everyCommand = commandList + ", tag, set, unset, hide, unhide, protect, unprotect, deactivate, reactivate, "
        + "visibility, share, unshare, accept, reject, delete, delete-from"
    private static let columnList = "name, status, visibility, format, size, updated, created, owner, tags, id, lint, used"
    private static let sortKeyList = "name, status, container_format, disk_format, size, id, created_at, updated_at"

    struct Accepted: CustomTestStringConvertible, Sendable {
        var line: String
        var command: Command
        var testDescription: String { line }
        init(_ line: String, _ command: Command) {
            self.line = line
            self.command = command
        }
    }

    static let accepted: [Accepted] = [
        // filter and its prefixes
        Accepted("filter", .filter(ImageQuery())),
        Accepted("f", .filter(ImageQuery())),
        Accepted("fi", .filter(ImageQuery())),
        Accepted("fil name=x", .filter(query { $0.name = "x" })),
        Accepted("filte status=active", .filter(query { $0.status = "active" })),
        Accepted("filter name=\"my image\" tag=a", .filter(query { $0.name = "my image"; $0.tags = ["a"] })),
        Accepted("   filter    name=x   ", .filter(query { $0.name = "x" })),
        Accepted("filter\tname=x", .filter(query { $0.name = "x" })),
        // sort
        Accepted("sort", .sort([])),
        Accepted("s", .sort([])),
        Accepted("so name", .sort([.init(.name, .asc)])),
        Accepted("sort name:desc,size", .sort([.init(.name, .desc), .init(.size, .asc)])),
        Accepted("sort NAME:DESC size:Asc", .sort([.init(.name, .desc), .init(.size, .asc)])),
        Accepted("sort created_at:desc, updated_at:asc", .sort([.init(.created_at, .desc), .init(.updated_at, .asc)])),
        // hidden
        Accepted("hidden", .toggleHidden),
        Accepted("h", .toggleHidden),
        Accepted("hid  ", .toggleHidden),
        // columns
        Accepted("columns", .columns(ColumnID.defaults)),
        Accepted("c", .columns(ColumnID.defaults)),
        Accepted("col name,size", .columns([.name, .size])),
        Accepted("columns Name SIZE id", .columns([.name, .size, .id])),
        Accepted("columns size,name", .columns([.size, .name])),
        Accepted("columns name,,size, id", .columns([.name, .size, .id])),
        Accepted("columns name,status,visibility,format,size,updated,created,owner,tags,id,lint,used", .columns(ColumnID.allCases)),
        // view
        Accepted("view", .listViews),
        Accepted("v", .listViews),
        Accepted("view prod", .view("prod")),
        Accepted("vi  my view  ", .view("my view")),
        Accepted("view 画像", .view("画像")),
        // quit
        Accepted("quit", .quit),
        Accepted("q", .quit),
        Accepted("qu", .quit),
    ]

    @Test(arguments: accepted)
    func parses(_ c: Accepted) {
        #expect(CommandParser.parse(c.line) == .success(c.command))
    }

    static let refused: [(String, String)] = [
        ("", "Type a command: \(commandList)"),
        ("    ", "Type a command: \(commandList)"),
        ("bogus", "Unknown command \"bogus\" (commands: \(everyCommand))"),
        ("filterx", "Unknown command \"filterx\" (commands: \(everyCommand))"),
        ("x name=a", "Unknown command \"x\" (commands: \(everyCommand))"),
        (":filter", "Unknown command \":filter\" (commands: \(everyCommand))"),
        ("hidden now", ":hidden takes no arguments"),
        ("h x", ":hidden takes no arguments"),
        ("quit now", ":quit takes no arguments"),
        ("q!", "Unknown command \"q!\" (commands: \(everyCommand))"),
        // Argument errors come through with the sub-parser's message.
        ("filter status=bogus", "status must be one of queued, saving, uploading, importing, active, deactivated, killed, deleted, pending_delete"),
        ("f name=\"open", "A quote is not closed"),
        ("sort foo", "Glance cannot sort by \"foo\" (sort keys: \(sortKeyList))"),
        ("sort visibility:asc", "Glance cannot sort by \"visibility\" (sort keys: \(sortKeyList))"),
        ("sort name:up", "Sort direction \"up\" is neither asc nor desc"),
        ("sort name,NAME:desc", "Sort key name given twice"),
        ("columns size", "The name column cannot be left out"),
        ("columns name,bogus", "Unknown column \"bogus\" (columns: \(columnList))"),
        ("columns name,name", "Column \"name\" given twice"),
        ("resume", ":resume takes an interrupted transfer's id (Tab lists them) or all"),
        ("dismiss a b", ":dismiss takes an interrupted transfer's id (Tab lists them) or all"),
        ("transfers now", ":transfers takes no arguments"),
        ("columns name,NAME", "Column \"NAME\" given twice"),
    ]

    @Test(arguments: refused)
    func refuses(_ line: String, _ message: String) {
        #expect(CommandParser.parse(line) == .failure(CommandError(message)))
    }

    /// Every prefix of a command names it, except where an earlier command in the list shares
    /// it (":s" is sort, listed first; ":sh" is shared) or where the prefix is a write verb,
    /// which is only ever its whole name (":share" is share, not shared).
    @Test(arguments: CommandParser.commands)
    func everyPrefixResolves(_ command: String) {
        #expect(CommandParser.commands == ["filter", "sort", "hidden", "columns", "view", "shared", "quit",
                                           "mark", "batches", "log", "undo", "download", "copy", "lineage", "retire", "lint", "used-by", "stores", "usage", "tasks", "cache", "export", "yank",
                                           "cloud", "region", "project", "transfers", "resume", "dismiss"])
        let arguments = ["mark": " all", "download": " /tmp", "copy": " cheap", "retire": " keep=2", "export": " x.csv",
                         "cloud": " Prod", "region": " R2", "project": " alt", "resume": " all", "dismiss": " 0a1b2c3d"]
        for length in 1...command.count {
            let prefix = String(command.prefix(length))
            let earlier = CommandParser.commands.prefix { $0 != command }.filter { $0.hasPrefix(prefix) }
            if !earlier.isEmpty || WriteCommands.verbs.contains(prefix) { continue }
            switch CommandParser.parse(prefix + (arguments[command] ?? "")) {
            case .success(let parsed):
                let expected: Command = switch command {
                case "filter": .filter(ImageQuery())
                case "sort": .sort([])
                case "hidden": .toggleHidden
                case "columns": .columns(ColumnID.defaults)
                case "view": .listViews
                case "shared": .shared(.pending)
                case "mark": .mark(.all)
                case "batches": .showBatches
                case "log": .showLog
                case "undo": .undo
                case "download": .downloadAll(directory: "/tmp")
                case "copy": .copyAll(stores: ["cheap"])
                case "lineage": .lineage(by: nil)
                case "retire": .retire(RetentionPolicy(keep: 2))
                case "lint": .lint
                case "used-by": .usedBy
                case "stores": .stores
                case "usage": .usage
                case "tasks": .tasks(TasksCommand())
                case "cache": .cache
                case "export": .export("x.csv")
                case "yank": .yank(.id)
                case "cloud": .switchTo(.cloud("Prod"))
                case "region": .switchTo(.region("R2"))
                case "project": .switchTo(.project("alt"))
                case "transfers": .transfers
                case "resume": .resume(nil)
                case "dismiss": .dismiss("0a1b2c3d")
                default: .quit
                }
                #expect(parsed == expected, "\(prefix)")
            case .failure(let error):
                Issue.record("\(prefix): \(error.message)")
            }
        }
    }

    // MARK: - SortParser

    @Test(arguments: [
        ("", []),
        ("   ", []),
        (",,", []),
        ("name", [ImageQuery.Sort(.name, .asc)]),
        ("name:", [.init(.name, .asc)]),
        ("name:desc", [.init(.name, .desc)]),
        ("Size:DESC", [.init(.size, .desc)]),
        ("status:asc,disk_format:desc,container_format", [.init(.status, .asc), .init(.disk_format, .desc), .init(.container_format, .asc)]),
        ("id created_at:desc", [.init(.id, .asc), .init(.created_at, .desc)]),
        ("updated_at:desc, name", [.init(.updated_at, .desc), .init(.name, .asc)]),
    ] as [(String, [ImageQuery.Sort])])
    func sorts(_ text: String, _ expected: [ImageQuery.Sort]) throws {
        #expect(try SortParser.parse(text) == expected)
    }

    @Test(arguments: ImageQuery.SortKey.allCases)
    func everySortKey(_ key: ImageQuery.SortKey) throws {
        #expect(try SortParser.parse(key.rawValue + ":desc") == [.init(key, .desc)])
        #expect(try SortParser.parse(key.rawValue.uppercased()) == [.init(key, .asc)])
    }

    @Test(arguments: [
        ("foo", "Glance cannot sort by \"foo\" (sort keys: \(sortKeyList))"),
        ("owner:asc", "Glance cannot sort by \"owner\" (sort keys: \(sortKeyList))"),
        (":desc", "Glance cannot sort by \"desc\" (sort keys: \(sortKeyList))"),
        ("name:up", "Sort direction \"up\" is neither asc nor desc"),
        ("name:asc:desc", "Sort direction \"asc:desc\" is neither asc nor desc"),
        ("name:desc,size:descending", "Sort direction \"descending\" is neither asc nor desc"),
        ("size,size", "Sort key size given twice"),
        ("size:asc,name,SIZE:desc", "Sort key size given twice"),
    ])
    func badSorts(_ text: String, _ message: String) {
        #expect(throws: CommandError(message)) { try SortParser.parse(text) }
    }
}
