import Foundation
import Yams

/// glance-tui's own settings file (not clouds.yaml): `$XDG_CONFIG_HOME/glance-tui/config.yaml`,
/// or `--config FILE`. Today it holds named views:
///
///     views:
///       big-qcow2:
///         filter: disk_format=qcow2 size_min=1G
///         sort: size:desc
///     eager_limit: 10000     # images loaded without asking before paging waits for the cursor
///
/// The texts use the command line's syntax (`:filter`, `:sort`), so a view is what you would type.
public struct AppSettings: Equatable, Sendable {
    public struct View: Equatable, Sendable {
        public var name: String
        public var filter: String
        public var sort: String
    }

    public var views: [View] = []
    public var eagerLimit: Int?
    public var source: String?

    public init() {}

    public static func defaultPath(environment: [String: String], home: String) -> String {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
        return base + "/glance-tui/config.yaml"
    }

    /// A missing default file is no error; a missing `--config` file is.
    public static func load(path: String, required: Bool, read: ConfigFileReader = ConfigFiles.read) throws(ConfigError) -> AppSettings {
        guard let text = read(path) else {
            if required { throw .invalidFile(file: path, reason: "cannot be read") }
            return AppSettings()
        }
        return try parse(text, source: path)
    }

    public static func parse(_ text: String, source: String) throws(ConfigError) -> AppSettings {
        var settings = AppSettings()
        settings.source = source
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw .invalidFile(file: source, reason: "is not valid YAML")
        }
        guard let root = node?.mapping else {
            if node == nil { return settings }
            throw .invalidFile(file: source, reason: "is not a mapping of settings")
        }
        for (keyNode, value) in root {
            switch keyNode.string {
            case "views":
                guard let views = value.mapping else { throw .invalidFile(file: source, reason: "views: is not a mapping of names") }
                for (nameNode, spec) in views {
                    guard let name = nameNode.string, let fields = spec.mapping else {
                        throw .invalidFile(file: source, reason: "each view is a name with filter: and sort:")
                    }
                    var view = View(name: name, filter: "", sort: "")
                    for (k, v) in fields {
                        switch k.string {
                        case "filter": view.filter = v.string ?? ""
                        case "sort": view.sort = v.string ?? ""
                        default: throw .invalidFile(file: source, reason: "view \(name): unknown key \(k.string ?? "?") (filter, sort)")
                        }
                    }
                    settings.views.append(view)
                }
            case "eager_limit":
                guard let n = value.int, n > 0 else { throw .invalidFile(file: source, reason: "eager_limit is a positive number") }
                settings.eagerLimit = n
            default:
                throw .invalidFile(file: source, reason: "unknown setting \(keyNode.string ?? "?") (views, eager_limit)")
            }
        }
        return settings
    }
}
