import GlanceAPI
import TerminalKit

/// The detail pane as rows of text at a given width: every field the server returned, core
/// fields first in the API reference's order, then extra properties sorted, long values wrapped.
/// Pure, so `update` can bound scrolling and the view can draw the same rows.
public enum DetailLayout {
    public enum Row: Equatable, Sendable {
        case section(String)
        /// `key` is empty on the continuation lines of a wrapped value.
        case field(key: String, value: String, note: String?)
        case blank
    }

    public static let coreOrder = [
        "id", "name", "status", "visibility", "owner", "protected", "os_hidden", "size", "virtual_size",
        "min_disk", "min_ram", "disk_format", "container_format", "created_at", "updated_at", "checksum",
        "os_hash_algo", "os_hash_value", "tags", "stores", "locations", "direct_url", "file", "self", "schema",
    ]

    static let maxKeyWidth = 34

    public static func keyWidth(for image: Image, width: Int) -> Int {
        let longest = shownFields(image).keys.map { DisplayWidth.of($0) }.max() ?? 4
        return min(longest, maxKeyWidth, max(8, width / 3))
    }

    /// `groups` maps property keys to the heading they are listed under (a vendor's, from its
    /// profile: "StarlingX"); the rest are "Properties".
    /// `unavailable` names fields the session's API does not expose, with the reason: they are
    /// listed as unavailable rather than left out, so an absent value is not read as empty.
    public static func rows(for image: Image, width: Int, groups: [String: String] = [:],
                            unavailable: [String: String] = [:], tasks: [GlanceTask]? = nil) -> [Row] {
        let keyWidth = keyWidth(for: image, width: width)
        let valueWidth = max(8, width - keyWidth - 3)
        var rows: [Row] = [.section("Image")]
        let fields = shownFields(image)
        for key in coreOrder {
            guard let value = fields[key] else {
                if let reason = unavailable[key] { rows.append(.field(key: key, value: "unavailable", note: reason)) }
                continue
            }
            append(key: key, text: text(key: key, value: value), image: image, width: valueWidth, to: &rows)
        }
        if let tasks, !tasks.isEmpty {
            // Newest first: the task that says why the import is where it is.
            rows.append(.blank)
            rows.append(.section("Import tasks (\(tasks.count))"))
            for task in tasks.sorted(by: { ($0.updated ?? .distantPast) > ($1.updated ?? .distantPast) }).prefix(5) {
                let said = (task.message ?? "").isEmpty ? "" : ": " + task.message!
                append(key: String(task.id.prefix(8)), text: task.status.rawValue + said, image: image, width: valueWidth, to: &rows)
            }
        }
        rows.append(.blank)
        if image.isSummary {
            rows.append(.section("Properties (loading…)"))
            return rows
        }
        let extras = image.extraProperties.filter { groups[$0.key] == nil }
        rows.append(.section(extras.isEmpty ? "Properties (none)" : "Properties (\(extras.count))"))
        for (key, value) in extras {
            append(key: key, text: value.displayText, image: image, width: valueWidth, to: &rows)
        }
        let grouped = Dictionary(grouping: image.extraProperties.filter { groups[$0.key] != nil }) { groups[$0.key]! }
        for heading in grouped.keys.sorted() {
            let members = grouped[heading]!
            rows.append(.blank)
            rows.append(.section("\(heading) (\(members.count))"))
            for (key, value) in members {
                append(key: key, text: value.displayText, image: image, width: valueWidth, to: &rows)
            }
        }
        return rows
    }

    static func shownFields(_ image: Image) -> [String: JSONValue] {
        image.isSummary ? image.coreFields : image.fields
    }

    private static func append(key: String, text: String, image: Image, width: Int, to rows: inout [Row]) {
        let note = image.typeMismatches.contains(key) ? "unexpected type" : nil
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            .flatMap { TextLayout.wrap(String($0), width: width) }
        for (i, line) in lines.enumerated() {
            rows.append(.field(key: i == 0 ? key : "", value: line, note: i == 0 ? note : nil))
        }
    }

    static func text(key: String, value: JSONValue) -> String {
        switch (key, value) {
        case (_, .null): return "(none)"
        case ("size", _), ("virtual_size", _):
            guard let bytes = value.looseInt else { return value.displayText }
            return "\(bytes) bytes (\(ByteFormat.human(bytes)))"
        case ("min_disk", _): return value.displayText + " GiB"
        case ("min_ram", _): return value.displayText + " MiB"
        case ("tags", .array(let tags)): return tags.isEmpty ? "(none)" : tags.map(\.displayText).joined(separator: ", ")
        case ("locations", .array(let locations)):
            return locations.isEmpty ? "(none)" : locations.map(\.compactJSON).joined(separator: "\n")
        default: return value.displayText
        }
    }
}

/// Byte counts in binary units, as Glance sizes are.
public enum ByteFormat {
    public static func human(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(bytes) B" }
        return value >= 100 ? "\(Int(value.rounded())) \(units[unit])" : String(format1: value) + " " + units[unit]
    }
}

extension String {
    /// One decimal place without Foundation's locale-dependent formatters.
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(tenths % 10)"
    }
}
