/// One terminal cell. A wide character occupies its own cell plus a continuation cell to the
/// right whose `text` is empty, as ratatui's buffer does; a backend skips continuation cells.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String = " ", style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public var isContinuation: Bool { text.isEmpty }
}

public struct Rect: Equatable, Sendable {
    public var x, y, width, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
}

/// The in-memory screen every view draws into. Views never touch the terminal: a backend
/// flushes the buffer (only the cells that changed), and tests compare it with golden files.
public struct ScreenBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = Cell()) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// Copies row `y` of `other` (as far as both are wide) over this buffer's row `y`: a view
    /// drawn into a narrower buffer leaves the rest of the row to something else.
    public mutating func copyRow(from other: ScreenBuffer, y: Int) {
        guard y >= 0, y < height, y < other.height else { return }
        for x in 0..<min(width, other.width) { cells[y * width + x] = other.cells[y * other.width + x] }
    }

    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < width, y < height else { return Cell() }
        return cells[y * width + x]
    }

    public mutating func fill(_ rect: Rect, style: Style) {
        let r = clip(rect)
        guard r.width > 0 else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { set(x, y, Cell(" ", style: style)) }
        }
    }

    /// Draws `text` on row `y` from column `x`, never past `maxX` (exclusive, default the right
    /// edge). A wide character that would straddle the limit becomes a space. Escaped controls
    /// get `escapedStyle` when given. Returns the column after the last drawn cell.
    @discardableResult
    public mutating func draw(_ text: String, x: Int, y: Int, maxX: Int? = nil, style: Style,
                              escapedStyle: Style? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let limit = min(maxX ?? width, width)
        var col = x
        for segment in TextSegments(text) {
            if col >= limit { break }
            let cellStyle = segment.escaped ? (escapedStyle ?? style) : style
            if segment.escaped {
                for ch in segment.text where col < limit {
                    if col >= 0 { set(col, y, Cell(String(ch), style: cellStyle)) }
                    col += 1
                }
                continue
            }
            if col + segment.width > limit {
                while col < limit { if col >= 0 { set(col, y, Cell(" ", style: cellStyle)) }; col += 1 }
                break
            }
            if col >= 0 {
                set(col, y, Cell(segment.text, style: cellStyle))
                if segment.width == 2 { set(col + 1, y, Cell("", style: cellStyle)) }
            }
            col += segment.width
        }
        return col
    }

    /// Draws `text` cut to `width` columns with a trailing ellipsis when it does not fit, then
    /// pads with `style` to exactly `width` columns.
    public mutating func drawField(_ text: String, x: Int, y: Int, width: Int, style: Style,
                                   escapedStyle: Style? = nil, alignRight: Bool = false) {
        guard width > 0 else { return }
        let fitted = TextLayout.truncate(text, to: width)
        let used = DisplayWidth.of(fitted)
        var start = x
        if alignRight, used < width {
            fill(Rect(x: x, y: y, width: width - used, height: 1), style: style)
            start = x + width - used
        }
        let end = draw(fitted, x: start, y: y, maxX: x + width, style: style, escapedStyle: escapedStyle)
        if end < x + width { fill(Rect(x: end, y: y, width: x + width - end, height: 1), style: style) }
    }

    private func clip(_ r: Rect) -> Rect {
        let x0 = max(0, r.x), y0 = max(0, r.y)
        return Rect(x: x0, y: y0, width: min(width, r.maxX) - x0, height: min(height, r.maxY) - y0)
    }

    /// Writes one cell, repairing any wide character it cuts in half.
    private mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = y * width + x
        // A continuation cut from its wide character: blank the character's first half.
        if !cell.isContinuation, cells[i].isContinuation, x > 0 { cells[i - 1] = Cell(" ", style: cells[i - 1].style) }
        // A wide character whose first half is overwritten (by anything): blank its second half.
        if !cells[i].isContinuation, x + 1 < width, cells[i + 1].isContinuation {
            cells[i + 1] = Cell(" ", style: cells[i + 1].style)
        }
        cells[i] = cell
    }
}
