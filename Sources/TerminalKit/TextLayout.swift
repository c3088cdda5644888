/// Cutting and wrapping text by terminal columns, never by Characters.
public enum TextLayout {
    public static let ellipsis = "…"

    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        var out = ""
        var used = 0
        for segment in TextSegments(text) {
            if used + segment.width > width - 1 { break }
            out += segment.text
            used += segment.width
        }
        return out + ellipsis
    }

    /// Wraps to lines of at most `width` columns, breaking at spaces when a word fits.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        var lastSpace: (index: String.Index, width: Int)?
        for segment in TextSegments(text) {
            if lineWidth + segment.width > width {
                if let space = lastSpace, space.width > 0 {
                    let head = String(line[..<space.index])
                    let tail = String(line[line.index(after: space.index)...])
                    lines.append(head)
                    line = tail
                    lineWidth = DisplayWidth.of(tail)
                } else {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                lastSpace = nil
            }
            if segment.text == " " { lastSpace = (line.endIndex, lineWidth) }
            line += segment.text
            lineWidth += segment.width
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

}
