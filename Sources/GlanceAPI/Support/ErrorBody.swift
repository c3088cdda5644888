import Foundation

/// Extracts the server's own sentence from an error response. Glance answers errors as webob HTML
/// pages, Keystone and Nova as JSON of several shapes, proxies as plain text: users should read
/// the sentence, never markup.
public enum ErrorBody {
    public static let maxLength = 400

    public static func message(from body: Data, contentType: String?, status: Int) -> String {
        guard !body.isEmpty else { return "" }
        let text = String(decoding: body.prefix(64 * 1024), as: UTF8.self)
        let type = contentType?.lowercased() ?? ""
        if type.contains("json") || text.first(where: { !$0.isWhitespace }) == "{" {
            if let m = jsonMessage(body) { return clip(m) }
        }
        if type.contains("html") || text.range(of: "<html", options: .caseInsensitive) != nil
            || text.range(of: "<body", options: .caseInsensitive) != nil {
            return clip(htmlMessage(text, status: status))
        }
        return clip(collapseWhitespace(text))
    }

    /// Glance's JSON errors carry webob's HTML too ("No image found<br /><br />"), so every
    /// message is reduced to plain text.
    static func jsonMessage(_ body: Data) -> String? {
        rawJSONMessage(body).map { collapseWhitespace(decodeEntities(stripTags($0))) }
    }

    static func stripTags(_ s: String) -> String {
        guard s.contains("<") else { return s }
        return s.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
    }

    static func rawJSONMessage(_ body: Data) -> String? {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: body),
              let object = value.objectValue else { return nil }
        if let m = object["message"]?.stringValue ?? object["detail"]?.stringValue
            ?? object["faultstring"]?.stringValue {
            return collapseWhitespace(m)
        }
        // Keystone {"error": {...}}, Nova {"itemNotFound": {...}}: one level down.
        for key in object.keys.sorted() {
            if let inner = object[key]?.objectValue,
               let m = inner["message"]?.stringValue ?? inner["detail"]?.stringValue {
                return collapseWhitespace(m)
            }
        }
        if let errors = object["errors"]?.arrayValue,
           let first = errors.first?.objectValue,
           let m = first["detail"]?.stringValue ?? first["title"]?.stringValue {
            return collapseWhitespace(m)
        }
        return nil
    }

    static func htmlMessage(_ html: String, status: Int) -> String {
        var source = html
        if let open = source.range(of: "<body", options: .caseInsensitive),
           let close = source.range(of: "</body>", options: [.caseInsensitive, .backwards]),
           open.upperBound <= close.lowerBound {
            source = String(source[open.lowerBound..<close.lowerBound])
        }
        // webob repeats the status as <h1>; the status is already shown, so drop it.
        source = source.replacingOccurrences(of: "<h1>[^<]*</h1>", with: " ", options: [.regularExpression, .caseInsensitive])
        source = source.replacingOccurrences(of: "<(script|style)[^>]*>.*?</\\1>", with: " ",
                                             options: [.regularExpression, .caseInsensitive])
        source = source.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        return collapseWhitespace(decodeEntities(source))
    }

    static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "&", let semi = s[i...].prefix(12).firstIndex(of: ";") {
                let name = s[s.index(after: i)..<semi]
                if let decoded = entity(String(name)) {
                    out.append(decoded)
                    i = s.index(after: semi)
                    continue
                }
            }
            out.append(s[i])
            i = s.index(after: i)
        }
        return out
    }

    private static func entity(_ name: String) -> String? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos", "#39", "#x27": return "'"
        case "nbsp": return " "
        default:
            let code: UInt32?
            if name.hasPrefix("#x") || name.hasPrefix("#X") { code = UInt32(name.dropFirst(2), radix: 16) }
            else if name.hasPrefix("#") { code = UInt32(name.dropFirst()) }
            else { code = nil }
            return code.flatMap(Unicode.Scalar.init).map { String($0) }
        }
    }

    static func collapseWhitespace(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func clip(_ s: String) -> String {
        s.count <= maxLength ? s : String(s.prefix(maxLength - 1)) + "…"
    }
}
