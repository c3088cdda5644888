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
///     batch_concurrency: 4   # images a batch writes at once
///     lineage_by: os_distro+os_version+architecture   # or name, or image_original_user …
///     lint:                  # the linter's rule sets, each on unless turned off
///       scs: false
///       property_quota: 128  # Glance's image_property_quota, which its API does not publish
///     mouse: true            # clicks and the wheel (off: the terminal's own selection)
///     keys:                  # action → keys, replacing the action's own (README: the names)
///       download: [D]
///       delete: ctrl-d
///     low_bandwidth: true    # a marker column instead of a highlighted row, nothing animates
///     clouds:
///       production:
///         read_only: true    # every write refused, [RO] in the title bar
///         theme: alert       # a theme name or file, so production looks different
///
/// The texts use the command line's syntax (`:filter`, `:sort`), so a view is what you would type.
public struct AppSettings: Equatable, Sendable {
    public struct View: Equatable, Sendable {
        public var name: String
        public var filter: String
        public var sort: String
    }

    /// What the settings say of one cloud of clouds.yaml.
    public struct Cloud: Equatable, Sendable {
        public var readOnly = false
        public var theme: String?
        public init(readOnly: Bool = false, theme: String? = nil) {
            self.readOnly = readOnly
            self.theme = theme
        }
    }

    public var views: [View] = []
    public var eagerLimit: Int?
    public var batchConcurrency: Int?
    /// How `:lineage` and `:retire` group builds, as `:lineage by=` takes it (checked by the caller).
    public var lineageBy: String?
    /// Lint rule sets by name and whether they are on; names are checked by the caller.
    public var lint: [String: Bool] = [:]
    public var lintPropertyQuota: Int?
    /// `clipboard: false`: no OSC 52 copies (a terminal that shows them as text).
    public var clipboard: Bool?
    /// `mouse: true`: clicks select and open rows, the wheel scrolls (as --mouse).
    public var mouse: Bool?
    /// `low_bandwidth: true`: as `--low-bandwidth`.
    public var lowBandwidth: Bool?
    public var clouds: [String: Cloud] = [:]
    /// One `keys:` entry as written: an action's name and its key names, checked by the caller.
    public struct KeyEntry: Equatable, Sendable {
        public var action: String
        public var keys: [String]
        public init(action: String, keys: [String]) {
            self.action = action
            self.keys = keys
        }
    }

    /// `keys:` in the file's order.
    public var keys: [KeyEntry] = []
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
            case "batch_concurrency":
                guard let n = value.int, (1...32).contains(n) else {
                    throw .invalidFile(file: source, reason: "batch_concurrency is a number from 1 to 32")
                }
                settings.batchConcurrency = n
            case "clouds":
                settings.clouds = try parseClouds(value, source: source)
            case "clipboard":
                guard let on = value.bool else { throw .invalidFile(file: source, reason: "clipboard is true or false") }
                settings.clipboard = on
            case "mouse":
                guard let on = value.bool else { throw .invalidFile(file: source, reason: "mouse is true or false") }
                settings.mouse = on
            case "keys":
                settings.keys = try parseKeys(value, source: source)
            case "low_bandwidth":
                guard let on = value.bool else { throw .invalidFile(file: source, reason: "low_bandwidth is true or false") }
                settings.lowBandwidth = on
            case "lineage_by":
                guard let by = value.string, !by.isEmpty else { throw .invalidFile(file: source, reason: "lineage_by is name or properties joined by +") }
                settings.lineageBy = by
            case "lint":
                guard let sets = value.mapping else { throw .invalidFile(file: source, reason: "lint: is a mapping of rule sets to true or false") }
                for (k, v) in sets {
                    if k.string == "property_quota" {
                        guard let n = v.int, n > 0 else { throw .invalidFile(file: source, reason: "lint: property_quota is a positive number") }
                        settings.lintPropertyQuota = n
                        continue
                    }
                    guard let name = k.string, let on = v.bool else {
                        throw .invalidFile(file: source, reason: "lint: each rule set is true or false")
                    }
                    settings.lint[name] = on
                }
            default:
                throw .invalidFile(file: source, reason: "unknown setting \(keyNode.string ?? "?") (views, eager_limit, batch_concurrency, lineage_by, lint, clipboard, mouse, keys, low_bandwidth, clouds)")
            }
        }
        return settings
    }

    /// `keys: {download: [D], delete: ctrl-d}`: one key or a list per action.
    static func parseKeys(_ node: Node, source: String) throws(ConfigError) -> [KeyEntry] {
        guard let entries = node.mapping else { throw .invalidFile(file: source, reason: "keys: is a mapping of actions to keys") }
        var result: [KeyEntry] = []
        for (actionNode, value) in entries {
            guard let action = actionNode.string else { throw .invalidFile(file: source, reason: "keys: each entry is an action name") }
            if let one = value.scalar?.string {
                result.append(KeyEntry(action: action, keys: [one]))
            } else if let list = value.sequence, list.allSatisfy({ $0.scalar != nil }) {
                result.append(KeyEntry(action: action, keys: list.compactMap { $0.scalar?.string }))
            } else {
                throw .invalidFile(file: source, reason: "keys: \(action): a key or a list of keys ([D, ctrl-d])")
            }
        }
        return result
    }

    static func parseClouds(_ node: Node, source: String) throws(ConfigError) -> [String: Cloud] {
        guard let clouds = node.mapping else { throw .invalidFile(file: source, reason: "clouds: is a mapping of cloud names") }
        var result: [String: Cloud] = [:]
        for (nameNode, spec) in clouds {
            guard let name = nameNode.string, let fields = spec.mapping else {
                throw .invalidFile(file: source, reason: "each cloud under clouds: is a name with read_only: and theme:")
            }
            var cloud = Cloud()
            for (k, v) in fields {
                switch k.string {
                case "read_only":
                    guard let flag = v.bool else { throw .invalidFile(file: source, reason: "cloud \(name): read_only is true or false") }
                    cloud.readOnly = flag
                case "theme":
                    guard let theme = v.string, !theme.isEmpty else { throw .invalidFile(file: source, reason: "cloud \(name): theme is a name or a file") }
                    cloud.theme = theme
                default:
                    throw .invalidFile(file: source, reason: "cloud \(name): unknown key \(k.string ?? "?") (read_only, theme)")
                }
            }
            result[name] = cloud
        }
        return result
    }
}
