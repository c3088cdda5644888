import Foundation
import GlanceAPI

/// `-f table|json|csv|yaml|value`, printed as the openstack CLI (cliff) prints them: a boxed
/// table, pretty JSON, CSV with every text quoted, YAML, or the bare values a shell reads.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, json, csv, yaml, value

    /// A listing: `headers` and a row of cells per item.
    public func list(_ headers: [String], _ rows: [[JSONValue]]) -> String {
        switch self {
        case .table: return Self.table(headers, rows.map { $0.map(Self.cell) })
        case .json: return Self.json(.array(rows.map { row in .object(Dictionary(zip(headers, row).map { ($0, $1) }, uniquingKeysWith: { a, _ in a })) }))
        case .csv:
            return ([headers.map(Self.quoted).joined(separator: ",")]
                    + rows.map { $0.map { Self.csvCell($0) }.joined(separator: ",") }).joined(separator: "\n") + "\n"
        case .yaml: return rows.isEmpty ? "[]\n" : rows.map { row in Self.yamlMapping(Array(zip(headers, row)), indent: 0, firstPrefix: "- ") }.joined()
        case .value: return rows.map { $0.map(Self.machine).joined(separator: " ") }.map { $0 + "\n" }.joined()
        }
    }

    /// What cliff prints for machines (csv, value): a list as Python writes one, `['a', 'b']`.
    static func machine(_ value: JSONValue) -> String {
        switch value {
        case .array(let items): return "[" + items.map { "'" + cell($0) + "'" }.joined(separator: ", ") + "]"
        default: return cell(value)
        }
    }

    /// One item (`show`): Field and Value for a table, an object in JSON.
    public func one(_ pairs: [(key: String, value: JSONValue)]) -> String {
        switch self {
        case .table: return Self.table(["Field", "Value"], pairs.map { [$0.key, Self.cell($0.value)] })
        case .json: return Self.json(.object(Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })))
        case .csv: return pairs.map { Self.quoted($0.key) }.joined(separator: ",") + "\n" + pairs.map { Self.csvCell($0.value) }.joined(separator: ",") + "\n"
        case .yaml: return Self.yamlMapping(pairs.map { ($0.key, $0.value) }, indent: 0, firstPrefix: "")
        case .value: return pairs.map { Self.machine($0.value) + "\n" }.joined()
        }
    }

    // MARK: - Cells

    /// A cell as text: lists as `'a', 'b'` and properties as `k='v'`, as cliff shows them.
    static func cell(_ value: JSONValue) -> String {
        switch value {
        case .null: return ""
        case .string(let s): return s
        case .bool(let b): return b ? "True" : "False"
        case .number: return value.displayText
        // osc-lib's ListColumn: sorted, comma-separated, for people.
        case .array(let items): return items.map(cell).sorted().joined(separator: ", ")
        case .object(let o): return o.keys.sorted().map { "\($0)='\(cell(o[$0]!))'" }.joined(separator: ", ")
        }
    }

    static func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// cliff writes CSV with QUOTE_NONNUMERIC: numbers and booleans bare, text quoted.
    static func csvCell(_ value: JSONValue) -> String {
        switch value {
        case .number, .bool: return cell(value)
        case .null: return "\"\""
        default: return quoted(machine(value))
        }
    }

    // MARK: - Table

    static func table(_ headers: [String], _ rows: [[String]]) -> String {
        var widths = headers.map { $0.count }
        for row in rows { for (i, c) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        let rule = "+" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+") + "+"
        func line(_ cells: [String]) -> String {
            "|" + cells.enumerated().map { i, c in " " + c + String(repeating: " ", count: widths[i] - c.count) + " " }.joined(separator: "|") + "|"
        }
        return ([rule, line(headers), rule] + rows.map(line) + [rule]).joined(separator: "\n") + "\n"
    }

    // MARK: - JSON and YAML

    /// Keys sorted (a JSON reader does not care for their order; a diff does).
    static func json(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else { return "" }
        // Foundation writes `"key" : value`; Python's json `"key": value`. Only after a key.
        guard let regex = try? NSRegularExpression(pattern: #"^(\s*"(?:[^"\\]|\\.)*") : "#, options: .anchorsMatchLines) else { return text + "\n" }
        return regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "$1: ") + "\n"
    }

    static func yamlScalar(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number: return value.displayText
        case .string(let s):
            // Plain only when no YAML reader could take it for anything but this string: starts
            // with a letter, no spaces at the ends, no `: ` or ` #`, not a word YAML gives meaning.
            let plain = s.range(of: #"^[A-Za-z_/][A-Za-z0-9_./ -]*$"#, options: .regularExpression) != nil
                && !s.hasSuffix(" ") && !s.contains(" #")
                && !["true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"].contains(s.lowercased())
            if plain { return s }
            if s.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) }) {
                // JSON's escapes are YAML's in a double-quoted scalar.
                return Self.json(.string(s)).trimmingCharacters(in: .newlines)
            }
            return "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
        default: return ""
        }
    }

    static func yamlMapping(_ pairs: [(String, JSONValue)], indent: Int, firstPrefix: String) -> String {
        var out = ""
        let pad = String(repeating: " ", count: indent)
        for (i, (key, value)) in pairs.enumerated() {
            let lead = i == 0 ? pad + firstPrefix : pad + String(repeating: " ", count: firstPrefix.count)
            switch value {
            case .array(let items):
                out += lead + yamlKey(key) + ":" + (items.isEmpty ? " []\n" : "\n")
                for item in items { out += pad + String(repeating: " ", count: firstPrefix.count) + "- " + yamlScalar(item) + "\n" }
            case .object(let o):
                out += lead + yamlKey(key) + ":" + (o.isEmpty ? " {}\n" : "\n")
                out += yamlMapping(o.keys.sorted().map { ($0, o[$0]!) }, indent: indent + firstPrefix.count + 2, firstPrefix: "")
            default:
                out += lead + yamlKey(key) + ": " + yamlScalar(value) + "\n"
            }
        }
        return out
    }

    static func yamlKey(_ key: String) -> String { yamlScalar(.string(key)) }
}
