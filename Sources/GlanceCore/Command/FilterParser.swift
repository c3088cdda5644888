import Foundation
import GlanceAPI

/// `key=value ...` into an `ImageQuery`, validating each value as the Image API would, so that
/// a mistake is caught before anything is sent. Values with spaces are double-quoted.
public enum FilterParser {
    public static let keys = [
        "name", "status", "visibility", "member_status", "owner", "tag", "size_min", "size_max",
        "created_at", "updated_at", "hidden", "protected", "id", "disk_format", "container_format",
        "changes-since",
    ]
    /// Extra properties are matched with `prop.KEY=value`.
    public static let propertyPrefix = "prop."
    public static let statuses = ["queued", "saving", "uploading", "importing", "active", "deactivated",
                                  "killed", "deleted", "pending_delete"]

    public static func parse(_ text: String) throws(CommandError) -> ImageQuery {
        var query = ImageQuery()
        var seen: Set<String> = []
        for token in try tokens(text) {
            guard let eq = token.firstIndex(of: "=") else {
                throw CommandError("\"\(token)\" is not key=value (keys: \(keys.joined(separator: ", ")))")
            }
            // Filter names are case-insensitive; property names are Glance's, case and all.
            let raw = String(token[..<eq])
            var key = raw.lowercased()
            if key.hasPrefix(propertyPrefix) { key = propertyPrefix + raw.dropFirst(propertyPrefix.count) }
            if key == "os_hidden" { key = "hidden" }
            let value = String(token[token.index(after: eq)...])
            guard !value.isEmpty else { throw CommandError("\(key)= needs a value") }
            // Glance matches every tag, but of several created_at (or updated_at) conditions it
            // applies only the last, so a second one would silently widen the listing.
            let repeatable: Set<String> = ["tag"]
            if !repeatable.contains(key), !seen.insert(key).inserted {
                if key == "created_at" || key == "updated_at" {
                    throw CommandError("\(key) takes one condition (Glance applies only the last of several)")
                }
                throw CommandError("\(key) given twice")
            }
            try apply(key: key, value: value, to: &query)
        }
        return query
    }

    static func apply(key: String, value: String, to query: inout ImageQuery) throws(CommandError) {
        switch key {
        case "name": query.name = value
        case "status": query.status = try oneOf(value, statuses, key)
        case "visibility": query.visibility = ImageQuery.Visibility(rawValue: try oneOf(value, ImageQuery.Visibility.allCases.map(\.rawValue), key))
        case "member_status": query.memberStatus = ImageQuery.MemberStatus(rawValue: try oneOf(value, ImageQuery.MemberStatus.allCases.map(\.rawValue), key))
        case "owner": query.owner = value
        case "tag":
            guard value.count <= 255 else { throw CommandError("A tag is at most 255 characters") }
            query.tags.append(value)
        case "size_min": query.sizeMin = try size(value, key)
        case "size_max": query.sizeMax = try size(value, key)
        case "created_at": query.createdAt.append(try time(value, key))
        case "updated_at": query.updatedAt.append(try time(value, key))
        case "hidden": query.hidden = try boolean(value, key)
        case "protected": query.isProtected = try boolean(value, key)
        case "id":
            let list = value.hasPrefix("in:") ? String(value.dropFirst(3)) : value
            query.ids = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !query.ids.isEmpty else { throw CommandError("id= needs one or more ids: id=in:a,b,c") }
        case "disk_format": query.diskFormat = value
        case "container_format": query.containerFormat = value
        case "changes-since":
            // Some vendors' v2 (and Image API v1) filter by this; a plain time, no operator.
            let filter = try time(value, key)
            guard filter.comparison == .eq else { throw CommandError("changes-since takes a time, not an operator: changes-since=2024-05-01") }
            query.changesSince = filter.time
        default:
            if key.hasPrefix(propertyPrefix), key.count > propertyPrefix.count {
                query.properties[String(key.dropFirst(propertyPrefix.count))] = value
            } else {
                throw CommandError("Unknown filter \"\(key)\" (filters: \(keys.joined(separator: ", ")), prop.KEY)")
            }
        }
        if let min = query.sizeMin, let max = query.sizeMax, min > max {
            throw CommandError("size_min (\(min)) is larger than size_max (\(max))")
        }
    }

    static func oneOf(_ value: String, _ allowed: [String], _ key: String) throws(CommandError) -> String {
        let v = value.lowercased()
        guard allowed.contains(v) else { throw CommandError("\(key) must be one of \(allowed.joined(separator: ", "))") }
        return v
    }

    static func boolean(_ value: String, _ key: String) throws(CommandError) -> Bool {
        switch value.lowercased() {
        case "true": return true
        case "false": return false
        default: throw CommandError("\(key) is true or false")
        }
    }

    /// 512M, 2G, 1.5T, 4096, 10KiB: binary units, as image sizes are.
    public static func size(_ value: String, _ key: String) throws(CommandError) -> Int64 {
        var text = value.trimmingCharacters(in: .whitespaces).uppercased()
        for suffix in ["IB", "B"] where text.hasSuffix(suffix) && text.count > suffix.count {
            text.removeLast(suffix.count)
            break
        }
        let units: [Character: Double] = ["K": 1024, "M": 1024 * 1024, "G": 1024 * 1024 * 1024, "T": 1024 * 1024 * 1024 * 1024]
        var multiplier = 1.0
        if let last = text.last, let m = units[last] {
            multiplier = m
            text.removeLast()
        }
        guard let number = Double(text), number >= 0, number.isFinite, number * multiplier < 9.2e18,
              multiplier > 1 || Int64(text) != nil else {
            throw CommandError("\(key) is a size such as 512M, 2G or a number of bytes")
        }
        return Int64((number * multiplier).rounded())
    }

    /// `[op:]time`: op one of gt, gte, lt, lte, eq, neq (default eq); time ISO 8601, a date
    /// alone meaning midnight UTC.
    public static func time(_ value: String, _ key: String) throws(CommandError) -> ImageQuery.TimeFilter {
        var comparison = ImageQuery.Comparison.eq
        var time = value
        if let colon = value.firstIndex(of: ":"), let op = ImageQuery.Comparison(rawValue: String(value[..<colon]).lowercased()) {
            comparison = op
            time = String(value[value.index(after: colon)...])
        }
        if time.count == 10 { time += "T00:00:00Z" }
        else if !(time.hasSuffix("Z") || time.hasSuffix("z") || time.dropFirst(10).contains("+") || time.dropFirst(10).contains("-")) {
            time += "Z"
        }
        guard ISOTime.parse(time) != nil else {
            throw CommandError("\(key) is [gt|gte|lt|lte|eq|neq:]TIME with TIME in ISO 8601, e.g. gte:2026-01-31 or lt:2026-01-31T12:00:00Z")
        }
        return ImageQuery.TimeFilter(comparison, time)
    }

    /// Splits at spaces outside double quotes; quotes are removed, \" and \\ escape.
    static func tokens(_ text: String) throws(CommandError) -> [String] {
        var out: [String] = []
        var current = ""
        var inQuotes = false
        var escaping = false
        var hasToken = false
        for ch in text {
            if escaping { current.append(ch); escaping = false; continue }
            switch ch {
            case "\\" where inQuotes: escaping = true
            case "\"": inQuotes.toggle(); hasToken = true
            case " ", "\t":
                if inQuotes {
                    current.append(ch)
                } else {
                    if hasToken || !current.isEmpty { out.append(current) }
                    current = ""
                    hasToken = false
                }
            default: current.append(ch); hasToken = true
            }
        }
        guard !inQuotes else { throw CommandError("A quote is not closed") }
        if hasToken || !current.isEmpty { out.append(current) }
        return out
    }

    /// The command-line text for a query: what `:filter` would need to make it. Shown in the
    /// header so a filtered list is never mistaken for the whole catalog.
    public static func describe(_ q: ImageQuery) -> String {
        var parts: [String] = []
        func quote(_ s: String) -> String { s.contains(" ") || s.contains("\"") || s.isEmpty
            ? "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" : s }
        if let v = q.name { parts.append("name=" + quote(v)) }
        if let v = q.status { parts.append("status=" + v) }
        if let v = q.visibility { parts.append("visibility=" + v.rawValue) }
        if let v = q.memberStatus { parts.append("member_status=" + v.rawValue) }
        if let v = q.owner { parts.append("owner=" + quote(v)) }
        for t in q.tags { parts.append("tag=" + quote(t)) }
        if let v = q.sizeMin { parts.append("size_min=" + ByteFormat.compact(v)) }
        if let v = q.sizeMax { parts.append("size_max=" + ByteFormat.compact(v)) }
        for f in q.createdAt { parts.append("created_at=\(f.comparison.rawValue):\(f.time)") }
        for f in q.updatedAt { parts.append("updated_at=\(f.comparison.rawValue):\(f.time)") }
        if let v = q.hidden { parts.append("hidden=\(v)") }
        if let v = q.isProtected { parts.append("protected=\(v)") }
        if !q.ids.isEmpty { parts.append("id=in:" + q.ids.joined(separator: ",")) }
        if let v = q.diskFormat { parts.append("disk_format=" + v) }
        if let v = q.containerFormat { parts.append("container_format=" + v) }
        if let v = q.changesSince { parts.append("changes-since=" + v) }
        for k in q.properties.keys.sorted() { parts.append(propertyPrefix + k + "=" + quote(q.properties[k]!)) }
        return parts.joined(separator: " ")
    }
}

extension ByteFormat {
    /// The shortest exact form for a filter: 2G rather than 2147483648.
    public static func compact(_ bytes: Int64) -> String {
        for (suffix, unit) in [("T", Int64(1) << 40), ("G", Int64(1) << 30), ("M", Int64(1) << 20), ("K", Int64(1) << 10)]
            where bytes >= unit && bytes % unit == 0 {
            return "\(bytes / unit)\(suffix)"
        }
        return String(bytes)
    }
}
