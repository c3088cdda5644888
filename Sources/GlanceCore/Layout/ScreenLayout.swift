import TerminalKit

/// Where the fixed parts of the screen go; shared by `update` (how many rows a page is) and the
/// views (where to draw), so the two can never disagree.
public enum ScreenLayout {
    /// Below this the screen says only that it is too small: nothing else can be seen, so
    /// nothing that takes every key (the copy menu) may stay open.
    public static let minimum = TerminalSize(width: 16, height: 3)
    public static func fits(_ size: TerminalSize) -> Bool { size.width >= minimum.width && size.height >= minimum.height }

    /// Title bar and column headers above the list, status bar below.
    public static let listChromeRows = 3
    /// Title bar above the detail text, status bar below.
    public static let detailChromeRows = 2

    public static func listRows(_ size: TerminalSize) -> Int { max(1, size.height - listChromeRows) }
    /// The screen line of the list's first row (under the title and the column header); the
    /// lineages and the table panes start there too.
    public static let firstRowLine = 2

    /// The row drawn on screen line `y` of a list showing `count` rows from `top` in `height`
    /// lines, or nil when `y` shows none (the title, the header, the status bar, past the end).
    public static func row(atLine y: Int, top: Int, count: Int, height: Int) -> Int? {
        let offset = y - firstRowLine
        guard offset >= 0, offset < height, top + offset < count else { return nil }
        return top + offset
    }
    public static func detailRows(_ size: TerminalSize) -> Int { max(1, size.height - detailChromeRows) }
    /// Title, a message line and a column header above the rows, the status line below.
    public static let editorChromeRows = 4
    public static func editorRows(_ size: TerminalSize) -> Int { max(1, size.height - editorChromeRows) }
    /// Title and header above the transfers, status line below; each transfer takes two lines.
    public static let transfersChromeRows = 3
    public static func transferRows(_ size: TerminalSize) -> Int { max(1, (size.height - transfersChromeRows) / 2) }
}
