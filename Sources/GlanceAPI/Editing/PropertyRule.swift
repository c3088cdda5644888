import Foundation

/// What a property may hold, from wherever the rule came: the image schema (core attributes),
/// the cloud's metadata definitions, or a property profile shipped with the program or written
/// by an operator. The editor refuses a value outside its rule, showing `summary`.
public struct PropertyRule: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable { case string, integer, number, boolean, array }

    public var key: String
    public var kind: Kind
    /// Allowed values, when the rule enumerates them.
    public var choices: [String]?
    /// Allowed numeric ranges (any one suffices), e.g. [0...0, 120...800] for "0 or 120 to 800".
    public var ranges: [ClosedRange<Double>]
    public var maxLength: Int?
    /// Set when the value cannot be changed by the user, with the reason shown in the editor.
    public var readOnlyReason: String?
    public var description: String?
    /// Where the rule came from: "schema", "metadefs OS::Compute::Libvirt", "profile starlingx".
    public var source: String
    public var unit: String?
    /// Core attributes are sent typed (an integer as a number); extra properties are always
    /// strings in Image API v2, even when the rule says integer or boolean.
    public var isCore: Bool
    /// The detail pane lists the property under this heading ("StarlingX") instead of among
    /// the other properties; set by a profile's `heading:`.
    public var group: String?

    public init(key: String, kind: Kind = .string, choices: [String]? = nil, ranges: [ClosedRange<Double>] = [],
                maxLength: Int? = nil, readOnlyReason: String? = nil, description: String? = nil,
                source: String, unit: String? = nil, isCore: Bool = false) {
        self.key = key
        self.kind = kind
        self.choices = choices
        self.ranges = ranges
        self.maxLength = maxLength
        self.readOnlyReason = readOnlyReason
        self.description = description
        self.source = source
        self.unit = unit
        self.isCore = isCore
    }

    public var isReadOnly: Bool { readOnlyReason != nil }

    /// The rule in words, for the editor: "integer, 0 or 120–800 seconds".
    public var summary: String {
        var parts = [kind.rawValue]
        if let choices { parts.append("one of " + choices.joined(separator: ", ")) }
        if !ranges.isEmpty {
            let text = ranges.map { r in
                r.lowerBound == r.upperBound ? Self.number(r.lowerBound)
                    : r.upperBound == .infinity ? "at least " + Self.number(r.lowerBound)
                    : r.lowerBound == -.infinity ? "at most " + Self.number(r.upperBound)
                    : Self.number(r.lowerBound) + "–" + Self.number(r.upperBound)
            }.joined(separator: " or ")
            parts.append(text + (unit.map { " " + $0 } ?? ""))
        } else if let unit {
            parts.append(unit)
        }
        if let maxLength { parts.append("at most \(maxLength) characters") }
        return parts.joined(separator: ", ")
    }

    static func number(_ d: Double) -> String {
        d.rounded() == d && abs(d) < 1e15 ? String(Int64(d)) : String(d)
    }

    public struct Violation: Error, Equatable, Sendable {
        public var key: String
        public var message: String
    }

    /// The value to send for `text`, or why it is refused. Extra properties stay strings.
    public func value(for text: String) -> Result<JSONValue, Violation> {
        func refuse(_ why: String) -> Result<JSONValue, Violation> {
            .failure(Violation(key: key, message: "\(key): \(why) (\(summary); from \(source))"))
        }
        if let reason = readOnlyReason { return refuse("read-only: \(reason)") }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch kind {
        case .string:
            // Glance counts code points: "é" typed as e + U+0301 is two.
            let length = text.unicodeScalars.count
            if let maxLength, length > maxLength { return refuse("\(length) characters is too long") }
            if let choices, !choices.contains(text) { return refuse("\"\(text)\" is not allowed") }
            return .success(.string(text))
        case .boolean:
            let lowered = trimmed.lowercased()
            guard lowered == "true" || lowered == "false" else { return refuse("\"\(text)\" is not true or false") }
            return .success(isCore ? .bool(lowered == "true") : .string(trimmed))
        case .integer, .number:
            let parsed: Double?
            if kind == .integer {
                parsed = Int64(trimmed).map(Double.init)
            } else {
                // Double() also reads hexadecimal ("0x1p3"), which no one means in a property.
                let decimal = trimmed.allSatisfy { $0.isNumber || "+-.eE".contains($0) }
                parsed = decimal ? Double(trimmed).flatMap { $0.isFinite ? $0 : nil } : nil
            }
            guard let n = parsed else { return refuse("\"\(text)\" is not \(kind == .integer ? "an integer" : "a number")") }
            if !ranges.isEmpty, !ranges.contains(where: { $0.contains(n) }) { return refuse("\(trimmed) is out of range") }
            if let choices, !choices.contains(trimmed) { return refuse("\"\(text)\" is not allowed") }
            return .success(isCore ? .number(n) : .string(trimmed))
        case .array:
            let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if let maxLength, let long = items.first(where: { $0.unicodeScalars.count > maxLength }) {
                return refuse("\"\(long)\" is longer than \(maxLength) characters")
            }
            // Extra properties are strings in Image API v2: a list goes as one comma-separated string.
            return .success(isCore ? .array(items.map(JSONValue.string)) : .string(items.joined(separator: ",")))
        }
    }
}
