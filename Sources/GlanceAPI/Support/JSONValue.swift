import Foundation

/// A JSON value kept as the server sent it, so that fields glance-tui does not model (vendor
/// extensions, new API fields) are shown rather than dropped.
public enum JSONValue: Sendable, Equatable, Hashable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var objectValue: [String: JSONValue]? { if case .object(let o) = self { o } else { nil } }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { a } else { nil } }

    /// Integer value, accepting the strings ("400") and floats some vendors send.
    public var looseInt: Int64? {
        switch self {
        case .number(let d) where d.rounded() == d && abs(d) < 9.2e18: Int64(d)
        case .string(let s): Int64(s.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }

    /// Boolean value, accepting "True"/"false" strings as Image API extra properties carry them.
    public var looseBool: Bool? {
        switch self {
        case .bool(let b): b
        case .string(let s):
            switch s.lowercased() {
            case "true", "yes", "1", "on": true
            case "false", "no", "0", "off": false
            default: nil
            }
        default: nil
        }
    }

    /// The value as one line of text for display: strings unquoted, everything else as compact JSON.
    public var displayText: String {
        switch self {
        case .string(let s): s
        case .number(let d): d.rounded() == d && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .bool(let b): b ? "true" : "false"
        case .null: "null"
        case .array, .object: compactJSON
        }
    }

    public var compactJSON: String {
        switch self {
        case .string(let s): Self.quote(s)
        case .array(let a): "[" + a.map(\.compactJSON).joined(separator: ", ") + "]"
        case .object(let o):
            "{" + o.keys.sorted().map { Self.quote($0) + ": " + o[$0]!.compactJSON }.joined(separator: ", ") + "}"
        default: displayText
        }
    }

    private static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .number(let d): try c.encode(d)
        case .bool(let b): try c.encode(b)
        case .null: try c.encodeNil()
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }
}
