import Foundation

/// Percent-encoding for query strings and path segments (RFC 3986 unreserved characters kept).
public enum QueryString {
    public static func encode(_ items: [(String, String)]) -> String {
        guard !items.isEmpty else { return "" }
        return "?" + items.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }

    public static func escape(_ s: String) -> String {
        var out = ""
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: ":"), UInt8(ascii: ","):
                // Glance's operators ("gte:2026-01-01") and lists ("in:a,b") read better unescaped,
                // and both are legal in a query.
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    public static func escapePathSegment(_ s: String) -> String {
        // "." and ".." would be collapsed by URL normalisation into another path.
        if s == "." || s == ".." { return String(repeating: "%2E", count: s.count) }
        return escape(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    /// Replaces (or adds) one parameter of a URL's query, leaving the others as they were sent.
    public static func replacing(_ name: String, with value: String, in url: String) -> String {
        let parts = url.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let base = String(parts[0])
        var pairs = parts.count > 1 ? parts[1].split(separator: "&").map(String.init) : []
        let encoded = escape(name) + "=" + escape(value)
        if let i = pairs.firstIndex(where: { $0 == escape(name) || $0.hasPrefix(escape(name) + "=") }) {
            pairs[i] = encoded
        } else {
            pairs.append(encoded)
        }
        return base + "?" + pairs.joined(separator: "&")
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
