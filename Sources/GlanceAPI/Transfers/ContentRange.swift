import Foundation

/// A `Content-Range` response header (RFC 9110 §14.4): which bytes of how many a 206 carries, or,
/// with a 416, only how many there are.
public struct ContentRange: Sendable, Equatable {
    /// Nil in the unsatisfied form, "bytes */1000".
    public var first: Int64?
    public var last: Int64?
    /// Nil when the server does not know the length ("bytes 0-99/*").
    public var total: Int64?

    public init(first: Int64?, last: Int64?, total: Int64?) {
        self.first = first
        self.last = last
        self.total = total
    }

    /// Nil for anything but a byte range a resume can trust: other units, "*/*", an end before
    /// its start, or a length that does not cover the range.
    public static func parse(_ header: String) -> ContentRange? {
        let text = header.trimmingCharacters(in: .whitespaces)
        let unit = "bytes"
        guard text.count > unit.count, text.prefix(unit.count).lowercased() == unit else { return nil }
        let afterUnit = text.dropFirst(unit.count)
        // "bytes" must be followed by a blank; "bytes=" is the Range request syntax, not this.
        guard let separator = afterUnit.first, separator == " " || separator == "\t" else { return nil }

        let halves = afterUnit.split(separator: "/", omittingEmptySubsequences: false)
        guard halves.count == 2 else { return nil }
        let rangeText = halves[0].trimmingCharacters(in: .whitespaces)
        let totalText = halves[1].trimmingCharacters(in: .whitespaces)

        let total: Int64?
        if totalText == "*" {
            total = nil
        } else {
            guard let length = number(totalText) else { return nil }
            total = length
        }

        if rangeText == "*" {
            // "*/*" says nothing at all.
            guard total != nil else { return nil }
            return ContentRange(first: nil, last: nil, total: total)
        }
        let ends = rangeText.split(separator: "-", omittingEmptySubsequences: false)
        guard ends.count == 2,
              let first = number(ends[0].trimmingCharacters(in: .whitespaces)),
              let last = number(ends[1].trimmingCharacters(in: .whitespaces)),
              last >= first
        else { return nil }
        if let total, total <= last { return nil }
        return ContentRange(first: first, last: last, total: total)
    }

    /// Decimal digits only: no sign, no blanks inside, and it must fit in an Int64.
    private static func number(_ text: String) -> Int64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        return Int64(text)
    }
}
