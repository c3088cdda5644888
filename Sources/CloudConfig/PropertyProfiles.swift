import Foundation
import GlanceAPI
import Yams

/// Vendor property profiles: YAML files that say what a cloud's extra image properties may hold,
/// for properties the image schema and the cloud's metadata definitions do not describe
/// (StarlingX's `hw_wrs_live_migration_timeout`, say). Operators write their own; glance-tui
/// ships some in the repository's `profiles/` directory. profiles/README.md documents the same.
///
/// Format (one profile per file, `*.yaml` or `*.yml`):
///
///     name: starlingx                 # optional; the file name without .yaml by default
///     description: StarlingX image properties   # optional
///     heading: StarlingX              # optional; the detail pane groups these properties under it
///     properties:                     # required; key -> rule, in the order shown
///       hw_wrs_live_migration_timeout:
///         type: integer               # boolean | integer | number | string (default string)
///         ranges: ["0", "120-800"]    # integer/number: allowed values, any one suffices
///         unit: seconds               # shown after the range
///         description: Live migration timeout; 0 disables it.
///       hw_wrs_live_migration_max_downtime:
///         type: integer
///         minimum: 100                # integer/number: inclusive bounds (either or both)
///         maximum: 10000
///       os_flavor_hint:
///         choices: [small, large]     # only these values (any type but boolean)
///         max_length: 64              # string: at most this many characters
///       cache_raw_url:
///         readonly: set by StarlingX's image cache   # the reason shown; `true` gives a generic one
///
/// Every rule has `source: "profile NAME"` and `isCore: false`: extra properties are sent as
/// strings whatever their type. A mistake (an unknown field, a type that does not exist, a range
/// that cannot be read, `minimum` on a string) is an error naming the file, the line and the
/// key; nothing is silently ignored, because a rule that is not applied lets bad values through.
///
/// Where they are read from (`searchDirectories`): the user's
/// `$XDG_CONFIG_HOME/glance-tui/profiles` (default `~/.config/glance-tui/profiles`) first, then
/// the shipped directories beside the program. A user's file with the same profile `name` as a
/// shipped one replaces it; for a key that several profiles describe, the first profile in
/// search order (user before shipped, then by file name) wins.
public struct PropertyProfile: Sendable, Equatable {
    public var name: String
    public var description: String?
    /// The file it was read from, for messages.
    public var file: String
    /// In file order.
    public var rules: [PropertyRule]

    public init(name: String, description: String? = nil, file: String, rules: [PropertyRule]) {
        self.name = name
        self.description = description
        self.file = file
        self.rules = rules
    }

    public static func source(_ name: String) -> String { "profile " + name }
}

/// Why a profile file cannot be used: the file, the line and the key at fault, and what to fix.
public struct PropertyProfileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// The property key (or, for a top-level problem, the top-level key) at fault.
    public var key: String?
    public var line: Int?
    public var problem: String

    public init(file: String, key: String? = nil, line: Int? = nil, problem: String) {
        self.file = file
        self.key = key
        self.line = line
        self.problem = problem
    }

    public var message: String {
        var text = file
        if let line { text += ":\(line)" }
        if let key { text += ": \"\(key)\"" }
        return text + ": " + problem
    }

    public var description: String { message }
}

public enum PropertyProfiles {
    public static let types = ["boolean", "integer", "number", "string"]
    static let fields: Set<String> = ["type", "choices", "minimum", "maximum", "ranges", "unit", "max_length",
                                      "readonly", "description"]
    static let topLevel: Set<String> = ["name", "description", "heading", "properties"]

    // MARK: parsing

    /// Parses one profile; `file` names it in errors and gives the default name.
    public static func parse(_ text: String, file: String) throws(PropertyProfileError) -> PropertyProfile {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw describe(error, file: file)
        } catch {
            throw PropertyProfileError(file: file, problem: "unreadable YAML")
        }
        guard let root, case .mapping(let top) = root else {
            throw PropertyProfileError(file: file, line: root?.mark?.line,
                                       problem: "a profile is a mapping with name, description and properties")
        }
        var name = defaultName(file)
        var description: String?
        var heading: String?
        var properties: Node.Mapping?
        var seen = Set<String>()
        for (keyNode, value) in top {
            let key = keyNode.string ?? ""
            guard seen.insert(key).inserted else {
                throw PropertyProfileError(file: file, key: key, line: keyNode.mark?.line, problem: "appears twice")
            }
            switch key {
            case "name":
                guard let s = scalar(value), !s.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw PropertyProfileError(file: file, key: key, line: value.mark?.line ?? keyNode.mark?.line,
                                               problem: "the name must be a non-empty text")
                }
                name = s.trimmingCharacters(in: .whitespaces)
            case "description":
                description = scalar(value)
            case "heading":
                guard let s = scalar(value), !s.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw PropertyProfileError(file: file, key: key, line: value.mark?.line ?? keyNode.mark?.line,
                                               problem: "the heading must be a non-empty text")
                }
                heading = s.trimmingCharacters(in: .whitespaces)
            case "properties":
                if case .mapping(let m) = value {
                    properties = m
                } else if scalar(value) == nil, value.null != nil {
                    properties = Node.Mapping([])
                } else {
                    throw PropertyProfileError(file: file, key: key, line: value.mark?.line ?? keyNode.mark?.line,
                                               problem: "must be a mapping of property keys to rules")
                }
            default:
                throw PropertyProfileError(file: file, key: key, line: keyNode.mark?.line,
                                           problem: "unknown top-level key; use name, description, heading and properties")
            }
        }
        guard let properties else {
            throw PropertyProfileError(file: file, line: root.mark?.line, problem: "has no \"properties:\" mapping")
        }
        var rules: [PropertyRule] = []
        var keys = Set<String>()
        for (keyNode, value) in properties {
            guard let key = keyNode.string, !key.isEmpty else {
                throw PropertyProfileError(file: file, line: keyNode.mark?.line, problem: "a property key must be a non-empty text")
            }
            guard keys.insert(key).inserted else {
                throw PropertyProfileError(file: file, key: key, line: keyNode.mark?.line, problem: "is described twice")
            }
            var rule = try rule(key: key, value, profile: name, file: file, line: keyNode.mark?.line)
            rule.group = heading
            rules.append(rule)
        }
        return PropertyProfile(name: name, description: description, file: file, rules: rules)
    }

    static func rule(key: String, _ node: Node, profile: String, file: String, line: Int?) throws(PropertyProfileError) -> PropertyRule {
        func fail(_ problem: String, at n: Node? = nil) -> PropertyProfileError {
            PropertyProfileError(file: file, key: key, line: n?.mark?.line ?? line, problem: problem)
        }
        guard case .mapping(let fieldsNode) = node else {
            throw fail("must be a mapping of type, choices, minimum, maximum, ranges, unit, max_length, readonly, description", at: node)
        }
        var fields: [String: Node] = [:]
        for (k, v) in fieldsNode {
            let field = k.string ?? ""
            guard Self.fields.contains(field) else {
                throw fail("unknown field \"\(field)\"; use " + Self.fields.sorted().joined(separator: ", "), at: k)
            }
            guard fields[field] == nil else { throw fail("field \"\(field)\" appears twice", at: k) }
            fields[field] = v
        }
        var rule = PropertyRule(key: key, source: PropertyProfile.source(profile))
        if let t = fields["type"] {
            guard let s = scalar(t), let kind = PropertyRule.Kind(rawValue: s), types.contains(s) else {
                throw fail("type \"\(scalar(t) ?? "?")\" is not one of " + types.joined(separator: ", "), at: t)
            }
            rule.kind = kind
        }
        let numeric = rule.kind == .integer || rule.kind == .number

        func number(_ field: String) throws(PropertyProfileError) -> Double? {
            guard let n = fields[field] else { return nil }
            guard numeric else { throw fail("\(field) applies only to type integer or number", at: n) }
            guard let text = scalar(n), let d = parseNumber(text, integer: rule.kind == .integer) else {
                throw fail("\(field) must be \(rule.kind == .integer ? "an integer" : "a number")", at: n)
            }
            return d
        }
        let minimum = try number("minimum")
        let maximum = try number("maximum")
        if let minimum, let maximum, minimum > maximum { throw fail("minimum is greater than maximum", at: fields["maximum"]) }
        if let r = fields["ranges"] {
            guard numeric else { throw fail("ranges applies only to type integer or number", at: r) }
            guard minimum == nil, maximum == nil else { throw fail("use either ranges or minimum/maximum, not both", at: r) }
            guard case .sequence(let items) = r, !items.isEmpty else {
                throw fail("ranges must be a list such as [\"0\", \"120-800\"]", at: r)
            }
            for item in items {
                guard let text = scalar(item), let range = parseRange(text, integer: rule.kind == .integer) else {
                    throw fail("range \"\(scalar(item) ?? "?")\" is not a number or \"LOW-HIGH\" with LOW ≤ HIGH", at: item)
                }
                rule.ranges.append(range)
            }
        } else if minimum != nil || maximum != nil {
            rule.ranges = [(minimum ?? -.infinity)...(maximum ?? .infinity)]
        }
        if let c = fields["choices"] {
            guard rule.kind != .boolean else { throw fail("choices do not apply to a boolean (it is true or false)", at: c) }
            guard case .sequence(let items) = c, !items.isEmpty else { throw fail("choices must be a non-empty list", at: c) }
            var choices: [String] = []
            for item in items {
                guard let text = scalar(item) else { throw fail("each choice must be a single value", at: item) }
                if numeric, parseNumber(text, integer: rule.kind == .integer) == nil {
                    throw fail("choice \"\(text)\" is not \(rule.kind == .integer ? "an integer" : "a number")", at: item)
                }
                choices.append(text)
            }
            rule.choices = choices
        }
        if let m = fields["max_length"] {
            guard rule.kind == .string else { throw fail("max_length applies only to type string", at: m) }
            guard let text = scalar(m), let n = Int(text), n > 0 else { throw fail("max_length must be a positive integer", at: m) }
            rule.maxLength = n
        }
        if let u = fields["unit"] {
            guard let text = scalar(u) else { throw fail("unit must be a text such as seconds", at: u) }
            rule.unit = text
        }
        if let d = fields["description"] {
            guard let text = scalar(d) else { throw fail("description must be a text", at: d) }
            rule.description = text
        }
        if let r = fields["readonly"] {
            if r.tag.description == Tag.Name.bool.rawValue, let b = r.bool {
                rule.readOnlyReason = b ? "read-only in profile \(profile)" : nil
            } else if let text = scalar(r), !text.trimmingCharacters(in: .whitespaces).isEmpty {
                rule.readOnlyReason = text
            } else {
                throw fail("readonly must be the reason shown to the user (or true)", at: r)
            }
        }
        return rule
    }

    /// A scalar's text (numbers and booleans as written); nil for lists, mappings and null.
    static func scalar(_ node: Node) -> String? {
        guard case .scalar(let s) = node else { return nil }
        if node.tag.description == Tag.Name.null.rawValue { return nil }
        return s.string
    }

    static func parseNumber(_ text: String, integer: Bool) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if integer { return Int64(t).map(Double.init) }
        guard t.allSatisfy({ $0.isNumber || "+-.eE".contains($0) }), let d = Double(t), d.isFinite else { return nil }
        return d
    }

    /// "120", "120-800", "120..800", "120–800", "-10--5".
    static func parseRange(_ text: String, integer: Bool) -> ClosedRange<Double>? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let single = parseNumber(t, integer: integer) { return single...single }
        for separator in ["..", "–", "-"] {
            // The separator after the first character, so a leading minus is the low bound's sign.
            guard t.count > 1, let r = t.dropFirst().range(of: separator) else { continue }
            let low = parseNumber(String(t[..<r.lowerBound]), integer: integer)
            let high = parseNumber(String(t[r.upperBound...]), integer: integer)
            if let low, let high, low <= high { return low...high }
        }
        return nil
    }

    static func defaultName(_ file: String) -> String {
        var base = (file as NSString).lastPathComponent
        for ext in [".yaml", ".yml"] where base.hasSuffix(ext) {
            base.removeLast(ext.count)
            break
        }
        return base
    }

    private static func describe(_ error: YamlError, file: String) -> PropertyProfileError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) (\($0.text))" } ?? problem
            return PropertyProfileError(file: file, line: mark.line, problem: "not valid YAML: \(detail)")
        case .reader(let problem, _, _, _):
            return PropertyProfileError(file: file, problem: "not valid YAML: \(problem)")
        default:
            return PropertyProfileError(file: file, problem: "unreadable YAML")
        }
    }

    // MARK: finding and loading

    /// The user's directory first, then `shipped` (see `shippedDirectories`).
    public static func searchDirectories(environment: [String: String], homeDirectory: String,
                                         shipped: [String]) -> [String] {
        let xdg = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        let user = (xdg ?? homeDirectory + "/.config") + "/glance-tui/profiles"
        var seen = Set<String>()
        return ([user] + shipped).filter { seen.insert($0).inserted }
    }

    /// Where the shipped profiles are for a program at `executablePath`: an installed
    /// `../share/glance-tui/profiles`, then `profiles/` in the directories above it (a build
    /// directory inside the repository), as the themes are found.
    public static func shippedDirectories(executablePath: String) -> [String] {
        var dir = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        var dirs = [dir.appendingPathComponent("../share/glance-tui/profiles").standardized.path]
        for _ in 0..<5 {
            dirs.append(dir.appendingPathComponent("profiles").path)
            dir = dir.deletingLastPathComponent()
        }
        return dirs
    }

    public struct Loaded: Sendable, Equatable {
        /// In precedence order: the first that describes a key wins.
        public var profiles: [PropertyProfile]
        /// Files that could not be used; the others still load.
        public var errors: [PropertyProfileError]

        /// Every rule, one per key, the first profile's winning.
        public var rules: [PropertyRule] {
            var seen = Set<String>()
            return profiles.flatMap(\.rules).filter { seen.insert($0.key).inserted }
        }
    }

    /// Lists a directory's file names; nil when it does not exist.
    public typealias DirectoryLister = @Sendable (_ path: String) -> [String]?

    public static let listDirectory: DirectoryLister = { path in
        try? FileManager.default.contentsOfDirectory(atPath: path)
    }

    /// Reads every `*.yaml` / `*.yml` in `directories` (in that order, files by name). A profile
    /// whose name was already loaded from an earlier directory is skipped (the user's replaces
    /// the shipped one); a broken file is reported and the others still load.
    public static func load(directories: [String], listDirectory: DirectoryLister = PropertyProfiles.listDirectory,
                            readFile: ConfigFileReader = ConfigFiles.read) -> Loaded {
        var loaded = Loaded(profiles: [], errors: [])
        var names = Set<String>()
        for directory in directories {
            let files = (listDirectory(directory) ?? [])
                .filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(".") }
                .sorted()
            for name in files {
                let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
                guard let text = readFile(path) else { continue }
                do {
                    let profile = try parse(text, file: path)
                    if names.insert(profile.name).inserted { loaded.profiles.append(profile) }
                } catch {
                    loaded.errors.append(error)
                }
            }
        }
        return loaded
    }

    /// The profiles for the running program: the user's, then the shipped ones.
    public static func loadInstalled(environment: [String: String] = ProcessInfo.processInfo.environment,
                                     homeDirectory: String = NSHomeDirectory(),
                                     executablePath: String = CommandLine.arguments.first ?? "") -> Loaded {
        load(directories: searchDirectories(environment: environment, homeDirectory: homeDirectory,
                                            shipped: shippedDirectories(executablePath: executablePath)))
    }
}
