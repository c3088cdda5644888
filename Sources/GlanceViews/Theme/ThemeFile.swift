import Foundation
import TerminalKit

/// Themes as JSON files (themes/*.json), in the manner of k9s skins:
/// `{"name": "default", "roles": {"title": {"fg": "black", "bg": "cyan", "attrs": ["bold"]}}}`.
/// Colours are "default", the ANSI names ("red", "bright-red") or a palette index 0–255.
/// A role left out falls back to the built-in default's style; an unknown role, colour or
/// attribute is an error naming the file and the role, so a typo never passes silently.
public enum ThemeFile {
    public struct LoadError: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    static let colorNames: [String: UInt8] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "bright-black": 8, "gray": 8, "grey": 8, "bright-red": 9, "bright-green": 10, "bright-yellow": 11,
        "bright-blue": 12, "bright-magenta": 13, "bright-cyan": 14, "bright-white": 15,
    ]
    static let attributeNames: [String: TextAttributes] = [
        "bold": .bold, "dim": .dim, "reverse": .reverse, "underline": .underline, "italic": .italic,
    ]

    public static func load(path: String) throws(LoadError) -> Theme {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError(description: "Cannot read theme file \(path)")
        }
        return try parse(data, source: path)
    }

    public static func parse(_ data: Data, source: String) throws(LoadError) -> Theme {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw LoadError(description: "\(source): not a JSON object")
        }
        guard let roles = object["roles"] as? [String: Any] else {
            throw LoadError(description: "\(source): no \"roles\" object")
        }
        var styles = Theme.builtinDefault.styles
        for (name, spec) in roles {
            guard let role = Role(rawValue: name) else {
                throw LoadError(description: "\(source): unknown role \"\(name)\" (roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard let spec = spec as? [String: Any] else {
                throw LoadError(description: "\(source): role \"\(name)\" is not an object")
            }
            styles[role] = try style(spec, role: name, source: source)
        }
        return Theme(name: object["name"] as? String ?? source, styles: styles)
    }

    static func style(_ spec: [String: Any], role: String, source: String) throws(LoadError) -> Style {
        var style = Style()
        style.foreground = try color(spec["fg"], role: role, source: source)
        style.background = try color(spec["bg"], role: role, source: source)
        for name in spec["attrs"] as? [String] ?? [] {
            guard let a = attributeNames[name] else {
                throw LoadError(description: "\(source): role \"\(role)\": unknown attribute \"\(name)\"")
            }
            style.attributes.insert(a)
        }
        return style
    }

    static func color(_ value: Any?, role: String, source: String) throws(LoadError) -> Color {
        switch value {
        case nil: return .default
        case let n as Int where (0...255).contains(n): return .indexed(UInt8(n))
        case let s as String where s == "default": return .default
        case let s as String:
            if let i = colorNames[s] { return .indexed(i) }
            if let n = UInt8(s) { return .indexed(n) }
            throw LoadError(description: "\(source): role \"\(role)\": unknown colour \"\(s)\"")
        default:
            throw LoadError(description: "\(source): role \"\(role)\": a colour is a name or 0–255")
        }
    }

    /// The file form of a theme, used to write themes/default.json from the built-in one.
    public static func encode(_ theme: Theme) -> String {
        let reverseNames = Dictionary(colorNames.filter { !["gray", "grey"].contains($0.key) }.map { ($0.value, $0.key) },
                                      uniquingKeysWith: { a, b in a.count < b.count ? a : b })
        func color(_ c: Color) -> String? {
            switch c {
            case .default: nil
            case .indexed(let i): reverseNames[i].map { "\"\($0)\"" } ?? String(i)
            }
        }
        let lines = Role.allCases.map { role -> String in
            let s = theme[role]
            var parts: [String] = []
            if let fg = color(s.foreground) { parts.append("\"fg\": \(fg)") }
            if let bg = color(s.background) { parts.append("\"bg\": \(bg)") }
            let attrs = attributeNames.sorted { $0.key < $1.key }.filter { s.attributes.contains($0.value) }.map { "\"\($0.key)\"" }
            if !attrs.isEmpty { parts.append("\"attrs\": [\(attrs.joined(separator: ", "))]") }
            return "    \"\(role.rawValue)\": {\(parts.joined(separator: ", "))}"
        }
        return "{\n  \"name\": \"\(theme.name)\",\n  \"roles\": {\n" + lines.joined(separator: ",\n") + "\n  }\n}\n"
    }
}
