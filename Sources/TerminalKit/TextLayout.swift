/// Cutting and wrapping text by terminal columns, never by Characters. Results keep the source
/// scalars (control characters included), so drawing them escapes and styles them as usual.
public enum TextLayout {
    public static let ellipsis = "…"

    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        var out = ""
        var used = 0
        for segment in TextSegments(text) {
            if used + segment.width > width - 1 { break }
            out += segment.source
            used += segment.width
        }
        return out + ellipsis
    }

    /// Wraps to lines of at most `width` columns, breaking at spaces when a word fits and inside
    /// a word when it does not; the space a line breaks at is dropped.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line: [TextSegments.Segment] = []
        var lineWidth = 0
        var lastSpace: Int?
        func emit(_ segments: ArraySlice<TextSegments.Segment>) {
            lines.append(segments.map(\.source).joined())
        }
        for segment in TextSegments(text) {
            let isSpace = !segment.escaped && segment.text == " "
            if lineWidth + segment.width > width, !line.isEmpty {
                if isSpace {
                    emit(line[...])
                    line = []
                    lineWidth = 0
                    lastSpace = nil
                    continue
                }
                if let space = lastSpace, space > 0 {
                    emit(line[..<space])
                    line = Array(line[(space + 1)...])
                    lineWidth = line.reduce(0) { $0 + $1.width }
                } else {
                    emit(line[...])
                    line = []
                    lineWidth = 0
                }
                lastSpace = nil
            }
            if isSpace { lastSpace = line.count }
            line.append(segment)
            lineWidth += segment.width
        }
        if !line.isEmpty || lines.isEmpty { emit(line[...]) }
        return lines
    }
}
