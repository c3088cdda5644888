import Foundation
import GlanceAPI

/// What makes images builds of one thing. SCS and most public clouds label builds with
/// os_distro/os_version/architecture; others only put a date in the name, or record who the
/// image is for in image_original_user. `:lineage by=…` and the `lineage_by:` setting choose.
public enum LineageKey: Equatable, Sendable {
    /// Images with the same values of these properties; the first must be set, or the image
    /// has no lineage.
    case properties([String])
    /// The name with its dates and build stamps taken out: "ubuntu-22.04-amd64-20261120" and
    /// "ubuntu-22.04-amd64-20261001" are one lineage.
    case name

    public static let standard = LineageKey.properties(["os_distro", "os_version", "architecture"])

    /// Extra properties the list must keep in its compact rows for grouping and dating.
    public var keptProperties: Set<String> {
        switch self {
        case .properties(let keys): Set(keys).union(["image_build_date"])
        case .name: ["image_build_date"]
        }
    }

    public func key(of image: Image) -> String {
        switch self {
        case .properties(let names):
            func value(_ name: String) -> String? {
                guard let text = image.fields[name]?.displayText, !text.isEmpty else { return nil }
                return text.lowercased()
            }
            guard let first = names.first, let head = value(first) else { return "" }
            return ([head] + names.dropFirst().compactMap(value)).joined(separator: " ")
        case .name:
            return Self.stripStamps(image.name ?? "")
        }
    }

    /// Dates (2026-11-20, 20261120, 2026.11.20, 20261120T0412Z), build serials after them
    /// (".1", "-2") and the separators they leave dangling are dropped; case is folded.
    static func stripStamps(_ name: String) -> String {
        var text = name.lowercased()
        // Only plausible dates: "cust-10004567" is a customer, not a build stamp.
        let year = #"(19|20)\d{2}"#, month = #"(0[1-9]|1[0-2])"#, day = #"(0[1-9]|[12]\d|3[01])"#
        let patterns = [
            #"(?<!\d)"# + year + #"[-._]"# + month + #"[-._]"# + day + #"(t\d{2}:?\d{2}(:?\d{2})?z?)?([._-]\d{1,3}(?!\d))?"#,
            #"(?<!\d)"# + year + month + day + #"(t?\d{4,6}z?)?([._-]\d{1,3}(?!\d))?(?!\d)"#,
        ]
        for pattern in patterns {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
            text = regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "")
        }
        text = text.replacingOccurrences(of: "()", with: "").replacingOccurrences(of: "[]", with: "")
        let separators = CharacterSet(charactersIn: " -_.").union(.whitespaces)
        let words = text.components(separatedBy: .whitespaces).filter { !$0.isEmpty }.joined(separator: " ")
        var trimmed = words.trimmingCharacters(in: separators)
        while trimmed.contains("--") { trimmed = trimmed.replacingOccurrences(of: "--", with: "-") }
        while trimmed.contains("__") { trimmed = trimmed.replacingOccurrences(of: "__", with: "_") }
        return trimmed
    }

    /// `name`, or property names joined by `+` or `,` ("os_distro+os_version", "image_original_user").
    public static func parse(_ text: String) throws(CommandError) -> LineageKey {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed == "standard" { return .standard }
        if trimmed == "name" { return .name }
        let names = trimmed.split(whereSeparator: { $0 == "+" || $0 == "," }).map { String($0).trimmingCharacters(in: .whitespaces) }
        guard !names.isEmpty, names.allSatisfy({ !$0.isEmpty && !$0.contains(where: \.isWhitespace) }) else {
            throw CommandError("lineage by= takes name, or property names joined by + (os_distro+os_version)")
        }
        return .properties(names)
    }

    public var description: String {
        switch self {
        case .properties(let names): names.joined(separator: "+")
        case .name: "name"
        }
    }

    /// Why an image without the key is in the group of its own.
    public var missingText: String {
        switch self {
        case .properties(let names): "no \(names.first ?? "key")"
        case .name: "no name"
        }
    }
}
