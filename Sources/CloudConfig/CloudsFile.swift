import Foundation
import Yams

/// The `clouds:` section of clouds.yaml with secure.yaml merged over it, plus where it came from.
struct CloudsFile: Sendable, Equatable {
    /// The clouds.yaml actually read, for "cloud x not found in FILE".
    var path: String?
    var securePath: String?
    /// Cloud names are kept verbatim; only the keys inside each entry are normalised.
    var clouds: [String: [String: ConfigValue]]
    /// `cache: auth: true`: keep tokens between runs.
    var cacheAuth = false

    static let empty = CloudsFile(path: nil, securePath: nil, clouds: [:])

    /// Mirrors `OpenStackConfig.__init__` (openstack/config/loader.py:234-253): the first
    /// existing clouds file, the first existing secure file, deep-merged with secure winning.
    static func load(configCandidates: [String], secureCandidates: [String],
                     readFile: ConfigFileReader) throws(ConfigError) -> CloudsFile {
        let config = try firstDocument(in: configCandidates, readFile: readFile)
        let secure = try firstDocument(in: secureCandidates, readFile: readFile)
        let merged = (config?.root ?? [:]).deepMerged(with: secure?.root ?? [:])
        let cacheAuth = try cacheAuth(merged["cache"], file: config?.path ?? secure?.path)
        guard let section = merged["clouds"] else {
            return CloudsFile(path: config?.path, securePath: secure?.path, clouds: [:], cacheAuth: cacheAuth)
        }
        guard let cloudMap = section.mapValue else {
            throw .invalidFile(file: config?.path ?? secure?.path ?? "clouds.yaml",
                               reason: "\"clouds\" must be a mapping of cloud names to settings")
        }
        var clouds: [String: [String: ConfigValue]] = [:]
        for (name, entry) in cloudMap {
            guard let settings = entry.mapValue else {
                throw .invalidFile(file: config?.path ?? secure?.path ?? "clouds.yaml",
                                   reason: "cloud \"\(name)\" must be a mapping of settings")
            }
            clouds[name] = settings.normalizingKeys()
        }
        return CloudsFile(path: config?.path, securePath: secure?.path, clouds: clouds, cacheAuth: cacheAuth)
    }

    /// `_parse_section__cache` (loader.py:347-400): the section is top-level, beside `clouds:`,
    /// and applies to every cloud; its keys are normalised and `auth` is read by `get_boolean`
    /// (true, or the text "true" in any case). A `cache:` inside one cloud's entry is not read
    /// for this by openstacksdk either (`_handle_value_types` only coerces it to a boolean).
    /// openstacksdk fails on a section that is not a mapping; here that is said in words.
    private static func cacheAuth(_ section: ConfigValue?, file: String?) throws(ConfigError) -> Bool {
        guard let section, section != .null else { return false }
        guard let settings = section.mapValue?.normalizingKeys() else {
            throw .invalidFile(file: file ?? "clouds.yaml", reason: "\"cache\" must be a mapping, such as \"cache: {auth: true}\"")
        }
        return settings["auth"]?.strictBool ?? false
    }

    /// `_load_yaml_json_file` (loader.py:661-680) takes the first path that exists. Unreadable
    /// files are skipped there too (EACCES). It skips files that fail to parse with only a log
    /// warning; glance-tui has no log the user sees, so a broken file is an error naming it.
    private static func firstDocument(in candidates: [String], readFile: ConfigFileReader)
        throws(ConfigError) -> (path: String, root: [String: ConfigValue])? {
        for path in candidates {
            guard let text = readFile(path) else { continue }
            let value = try parse(text, path: path)
            switch value {
            case .map(let root):
                return (path, root)
            case .null, .list([]), .string(""):
                // An empty file is "no configuration" (loader.py:236 checks truthiness first).
                return (path, [:])
            default:
                // loader.py:687-690 `_validate_config_file`.
                throw .invalidFile(file: path, reason: "the file is empty or not a valid mapping")
            }
        }
        return nil
    }

    static func parse(_ text: String, path: String) throws(ConfigError) -> ConfigValue {
        path.hasSuffix("json") ? try parseJSON(text, path: path) : try parseYAML(text, path: path)
    }

    private static func parseYAML(_ text: String, path: String) throws(ConfigError) -> ConfigValue {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw describe(error, path: path)
        } catch {
            throw .yamlParse(file: path, line: nil, column: nil, problem: "unreadable YAML")
        }
        return node.map(value(of:)) ?? .null
    }

    /// YamlError's own description quotes the offending line, which may be a password line.
    private static func describe(_ error: YamlError, path: String) -> ConfigError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) (\($0.text))" } ?? problem
            return .yamlParse(file: path, line: mark.line, column: mark.column, problem: detail)
        case .reader(let problem, _, _, _):
            return .yamlParse(file: path, line: nil, column: nil, problem: problem)
        default:
            return .yamlParse(file: path, line: nil, column: nil, problem: "unreadable YAML")
        }
    }

    private static func value(of node: Node) -> ConfigValue {
        switch node {
        case .scalar(let scalar):
            // Quoted "false" resolves to a string tag, so it stays text as in PyYAML.
            switch node.tag.description {
            case Tag.Name.null.rawValue: return .null
            case Tag.Name.bool.rawValue: return node.bool.map(ConfigValue.bool) ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .sequence(let sequence):
            return .list(sequence.map(value(of:)))
        case .mapping(let mapping):
            var result: [String: ConfigValue] = [:]
            var inherited: [String: ConfigValue] = [:]
            for (key, child) in mapping {
                // PyYAML's safe_load honours `<<: *anchor`; people share auth blocks that way.
                if key.tag.description == Tag.Name.merge.rawValue || (key.string == "<<" && key.scalar?.style == .plain) {
                    let sources = child.sequence.map(Array.init) ?? [child]
                    for source in sources.reversed() {
                        if case .map(let m) = value(of: source) { inherited.merge(m) { _, new in new } }
                    }
                } else if let name = key.string {
                    result[name] = value(of: child)
                }
            }
            return .map(inherited.merging(result) { _, explicit in explicit })
        }
    }

    private static func parseJSON(_ text: String, path: String) throws(ConfigError) -> ConfigValue {
        do {
            return try JSONDecoder().decode(JSONConfigValue.self, from: Data(text.utf8)).value
        } catch {
            // Foundation's message can quote the bytes around the error; say only what failed.
            throw .yamlParse(file: path, line: nil, column: nil, problem: "not valid JSON")
        }
    }
}

/// Decodes JSON into `ConfigValue`, keeping true/false apart from numbers (which become text).
private struct JSONConfigValue: Decodable {
    let value: ConfigValue

    init(from decoder: any Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            var items: [ConfigValue] = []
            while !array.isAtEnd { items.append(try array.decode(JSONConfigValue.self).value) }
            value = .list(items)
        } else if let object = try? decoder.container(keyedBy: AnyKey.self) {
            var map: [String: ConfigValue] = [:]
            for key in object.allKeys { map[key.stringValue] = try object.decode(JSONConfigValue.self, forKey: key).value }
            value = .map(map)
        } else {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() { value = .null }
            else if let b = try? single.decode(Bool.self) { value = .bool(b) }
            else if let s = try? single.decode(String.self) { value = .string(s) }
            else if let i = try? single.decode(Int.self) { value = .string(String(i)) }
            else { value = .string(String(try single.decode(Double.self))) }
        }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
