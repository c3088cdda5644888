/// A parsed clouds.yaml / secure.yaml / clouds.json document, kept untyped until a cloud is
/// chosen: openstacksdk merges files and region overrides as plain dictionaries before it looks
/// at any key, and mirroring that order is easier on a tree than on Codable structs.
enum ConfigValue: Sendable, Equatable {
    case string(String)
    case bool(Bool)
    case list([ConfigValue])
    case map([String: ConfigValue])
    case null

    var mapValue: [String: ConfigValue]? {
        if case .map(let m) = self { return m }
        return nil
    }

    var listValue: [ConfigValue]? {
        if case .list(let l) = self { return l }
        return nil
    }

    /// Scalars as text. Numbers arrive as their source text, like openstacksdk's
    /// `normalize_keys` turning ints into strings (a numeric project_id must stay usable).
    /// Empty strings count as absent because keystoneauth tests options with `if value:`.
    var text: String? {
        switch self {
        case .string(let s): s.isEmpty ? nil : s
        case .bool(let b): b ? "True" : "False"
        default: nil
        }
    }

    /// Strict truth as in openstacksdk's `get_boolean`: only a real true or the text "true"
    /// (any case) counts, so `insecure: "yes"` stays secure.
    var strictBool: Bool {
        switch self {
        case .bool(let b): b
        case .string(let s): s.lowercased() == "true"
        default: false
        }
    }

    /// `verify` is not one of openstacksdk's boolean keys; requests would read "False" as a CA
    /// path. Reading the usual spellings of false as false is the behaviour users expect.
    var lenientBool: Bool? {
        switch self {
        case .bool(let b): return b
        case .string(let s):
            switch s.lowercased() {
            case "false", "no", "off", "0": return false
            case "true", "yes", "on", "1": return true
            default: return nil
            }
        default: return nil
        }
    }
}

extension Dictionary where Key == String, Value == ConfigValue {
    /// `openstack.config._util.merge_clouds`: nested maps merge key by key, anything else is
    /// replaced, so a secure.yaml holding only `auth.password` keeps the rest of `auth`.
    func deepMerged(with newer: [String: ConfigValue]) -> [String: ConfigValue] {
        var result = self
        for (key, value) in newer {
            if case .map(let newMap) = value, case .map(let oldMap)? = result[key] {
                result[key] = .map(oldMap.deepMerged(with: newMap))
            } else {
                result[key] = value
            }
        }
        return result
    }

    /// `openstack.config._util.normalize_keys`: `project-name` and `project_name` are the same
    /// option, at every depth of a cloud entry.
    func normalizingKeys() -> [String: ConfigValue] {
        var result: [String: ConfigValue] = [:]
        for (key, value) in self {
            let normalized = key.replacingOccurrences(of: "-", with: "_")
            if case .map(let inner) = value {
                result[normalized] = .map(inner.normalizingKeys())
            } else {
                result[normalized] = value
            }
        }
        return result
    }

    func text(_ key: String) -> String? { self[key]?.text }
}
