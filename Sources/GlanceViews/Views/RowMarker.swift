import GlanceCore
import TerminalKit

/// How every list and table shows its selected row. Normally the whole row takes the selected
/// style. With `--low-bandwidth` each row starts with a marker column — `>` on the selected row,
/// blank on the others — and keeps its own style, so a cursor move rewrites two cells rather
/// than two whole rows (a few bytes instead of a few hundred over a slow link).
struct RowMarker {
    var lowBandwidth: Bool

    init(_ state: AppState) { lowBandwidth = state.lowBandwidth }
    init(lowBandwidth: Bool) { self.lowBandwidth = lowBandwidth }

    static let glyph = ">"

    /// Columns the marker takes at the start of every row (and of the header above them).
    var width: Int { lowBandwidth ? 2 : 0 }

    /// The row's style: `normal`, unless it is selected and selection is shown by highlight.
    func style(selected: Bool, normal: Style, theme: Theme) -> Style {
        selected && !lowBandwidth ? theme[.rowSelected] : normal
    }

    /// Whether a row draws its cells in `selected` style (normal mode only).
    func highlights(_ selected: Bool) -> Bool { selected && !lowBandwidth }

    /// Only the `>` cell at `x`, for a row whose second cell says something of its own (the
    /// editor's change mark).
    func drawGlyph(selected: Bool, x: Int, y: Int, rowStyle: Style, theme: Theme, into buffer: inout ScreenBuffer) {
        guard lowBandwidth else { return }
        buffer.draw(selected ? Self.glyph : " ", x: x, y: y, style: selected ? theme[.rowSelected] : rowStyle)
    }

    /// Draws the marker column at `x` on a row drawn in `rowStyle` (nothing in normal mode);
    /// returns the x after it.
    @discardableResult
    func draw(selected: Bool, x: Int, y: Int, rowStyle: Style, theme: Theme, into buffer: inout ScreenBuffer) -> Int {
        guard lowBandwidth else { return x }
        buffer.draw(selected ? Self.glyph : " ", x: x, y: y, style: selected ? theme[.rowSelected] : rowStyle)
        buffer.draw(" ", x: x + 1, y: y, style: rowStyle)
        return x + width
    }
}
