import ArgumentParser
import Foundation
import GlanceAPI
import GlanceApp
import GlanceCore

/// `glance-tui list` and `glance-tui show`: the catalog without the browser, in the shapes of
/// `openstack image list` / `openstack image show` (column names, JSON keys), so a script can
/// move from the openstack CLI and lose nothing.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List images as `openstack image list` does (-f table|json|csv|yaml|value, -c COLUMN).",
        discussion: """
        --filter and --sort take what the browser's :filter and :sort take; --columns the browser's column names \
        (name,status,size,…); --long the openstack CLI's long columns. -c picks columns by their printed names \
        (ID, Name, Status, Size, …), as openstack's -c does.
        """)

    @OptionGroup var cloud: CloudOptions
    @Option(name: .customLong("filter"), help: "As :filter takes it (name=, status=, tag=, prop.KEY=…).")
    var filter: String?
    @Option(name: .customLong("sort"), help: "As :sort takes it (name:asc,size:desc).")
    var sort: String?
    @Option(name: .customLong("columns"), help: "The browser's columns, comma-separated (name,status,visibility,format,size,…).")
    var columns: String?
    @Flag(name: .customLong("long"), help: "openstack image list --long's columns.")
    var long = false
    @Option(name: [.customShort("f"), .customLong("format")], help: "table, json, csv, yaml or value")
    var format = "table"
    @Option(name: [.customShort("c"), .customLong("column")], help: "Only this column (repeatable), by its printed name.")
    var pick: [String] = []

    func run() throws {
        try runReportingFailures("list") {
            guard let output = OutputFormat(rawValue: format) else { throw CLIFailure.usage("-f takes table, json, csv, yaml or value") }
            var headers = long ? ImageOutput.longColumns : ImageOutput.listColumns
            if let columns {
                let ids: [ColumnID]
                do { ids = try CommandParser.parseColumns(columns) } catch let error as CommandError {
                    throw CLIFailure.usage("--columns: " + error.message)
                }
                headers = ["ID"] + ids.filter { $0 != .id }.map(ImageOutput.header)
            }
            headers = try Self.pick(pick, from: headers)
            var query: ImageQuery
            do {
                query = try FilterParser.parse(filter ?? "")
                if let sort { query.sort = try SortParser.parse(sort) }
            } catch let error as CommandError {
                throw CLIFailure.usage(error.message)
            }
            let signedIn = try cloud.signedIn()
            let session = try signedIn.currentSession()
            let plan = session.querySupport.plan(query)
            if let refusal = plan.refusal { throw CLIFailure.usage(refusal) }
            var images: [Image]
            do throws(APIError) { images = try signedIn.backend.listAll(plan.server) } catch { throw CLIFailure.failed(error.userMessage) }
            if !plan.local.isEmpty { images = images.filter(plan.local.matches) }
            let rows = images.map { image in headers.map { ImageOutput.value($0, of: image) } }
            FileHandle.standardOutput.write(Data(Self.safe(output.list(headers, rows), output).utf8))
        }
    }

    /// `-c` as openstack takes it: printed names, in the order given; an unknown one is refused.
    static func pick(_ wanted: [String], from headers: [String]) throws -> [String] {
        guard !wanted.isEmpty else { return headers }
        var seen = Set<String>()
        let wanted = wanted.filter { seen.insert($0).inserted }
        let all = ImageOutput.longColumns + ["Updated At", "Created At"]
        for name in wanted where !all.contains(name) {
            throw CLIFailure.usage("-c \(name): no such column (\(all.joined(separator: ", ")))")
        }
        return wanted
    }

    /// Names from the cloud are escaped whenever the output is a terminal, whatever the format:
    /// CSV and YAML carry control characters as they are. Into a pipe or a file, the text is exact.
    static func safe(_ text: String, _ format: OutputFormat) -> String {
        guard isatty(1) == 1 || format == .table else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalSafe.line(String($0)) }.joined(separator: "\n")
    }
}

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one image as `openstack image show` does (-f table|json|csv|yaml|value, -c FIELD).")

    @OptionGroup var cloud: CloudOptions
    @Argument(help: "The image's id or its name.")
    var image: String
    @Option(name: [.customShort("f"), .customLong("format")], help: "table, json, csv, yaml or value")
    var format = "table"
    @Option(name: [.customShort("c"), .customLong("column")], help: "Only this field (repeatable).")
    var pick: [String] = []

    func run() throws {
        try runReportingFailures("show") {
            guard let output = OutputFormat(rawValue: format) else { throw CLIFailure.usage("-f takes table, json, csv, yaml or value") }
            let signedIn = try cloud.signedIn()
            let found = try ImageLookup.find(image, backend: signedIn.backend)
            var fields = ImageOutput.show(found)
            if !pick.isEmpty {
                for name in pick where !fields.contains(where: { $0.key == name }) {
                    throw CLIFailure.usage("-c \(name): no such field (\(fields.map(\.key).joined(separator: ", ")))")
                }
                var seen = Set<String>()
                fields = pick.filter { seen.insert($0).inserted }.compactMap { name in fields.first { $0.key == name } }
            }
            FileHandle.standardOutput.write(Data(ListCommand.safe(output.one(fields), output).utf8))
        }
    }
}
