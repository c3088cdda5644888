/// Splits text into what occupies one terminal cell: a printable scalar with the zero-width
/// scalars that follow it (combining marks), as ncurses' cchar_t holds them. Anything that could
/// drive the terminal (C0/C1 controls, ESC, DEL, bidi controls) becomes a visible escape such as
/// `\x1b`, marked `escaped` so views can style it.
public struct TextSegments: Sequence {
    public struct Segment: Equatable, Sendable {
        /// What the cell shows: the scalar and its marks, or the visible escape.
        public var text: String
        public var width: Int
        public var escaped: Bool
        /// The scalars this segment came from, so cut or wrapped text can be drawn again
        /// (and escaped again, in its style) rather than carrying escapes as plain text.
        public var source: String
    }

    private let text: String
    public init(_ text: String) { self.text = text }

    /// ncurses keeps at most CCHARW_MAX (5) wide characters per cell.
    static let maxScalarsPerCell = 5

    public func makeIterator() -> Iterator { Iterator(scalars: text.unicodeScalars.makeIterator()) }

    public struct Iterator: IteratorProtocol {
        var scalars: String.UnicodeScalarView.Iterator
        var pending: Unicode.Scalar?
        var queued: [Segment] = []

        public mutating func next() -> Segment? {
            if !queued.isEmpty { return queued.removeFirst() }
            guard let first = pending ?? scalars.next() else { return nil }
            pending = nil
            guard let width = DisplayWidth.of(first) else {
                let escape = Self.escape(first)
                return Segment(text: escape, width: escape.count, escaped: true, source: String(first))
            }
            var cell = String(first)
            var count = 1
            if width == 0 {
                // A mark with nothing to sit on: give it a dotted circle, as fonts do.
                cell = "\u{25CC}" + cell
                count = 2
            }
            while let s = scalars.next() {
                if DisplayWidth.of(s) == 0, count < TextSegments.maxScalarsPerCell {
                    cell.unicodeScalars.append(s)
                    count += 1
                } else if DisplayWidth.of(s) == 0 {
                    continue // more marks than a cell holds: drop the excess rather than misalign
                } else {
                    pending = s
                    break
                }
            }
            return Segment(text: cell, width: Swift.max(width, 1), escaped: false, source: cell)
        }

        static func escape(_ s: Unicode.Scalar) -> String {
            switch s.value {
            case 0x0A: return "\\n"
            case 0x0D: return "\\r"
            case 0x09: return "\\t"
            case 0..<0x100: return "\\x" + hex(s.value, digits: 2)
            case 0..<0x10000: return "\\u" + hex(s.value, digits: 4)
            default: return "\\U" + hex(s.value, digits: 8)
            }
        }

        static func hex(_ v: UInt32, digits: Int) -> String {
            let h = String(v, radix: 16)
            return String(repeating: "0", count: Swift.max(0, digits - h.count)) + h
        }
    }
}
