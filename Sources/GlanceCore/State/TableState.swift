import Foundation

/// A pane of rows and columns that the operator's views share (`:used-by`, and the views of
/// tasks, stores and the cache): the same moving keys as the list, `/` to filter the rows as
/// typed, digits to sort by a column (again: reversed). Rows are data; views draw them.
public struct TableState: Equatable, Sendable {
    public struct Column: Equatable, Sendable {
        public var title: String
        /// The narrowest it may be drawn; a flexible column takes what is left.
        public var width: Int
        public var flexible: Bool
        public var alignRight: Bool
        /// Sorted as numbers (sizes, counts): cells carry the number in `Row.sortKeys`.
        public var numeric: Bool

        public init(_ title: String, width: Int, flexible: Bool = false, alignRight: Bool = false, numeric: Bool = false) {
            self.title = title
            self.width = width
            self.flexible = flexible
            self.alignRight = alignRight
            self.numeric = numeric
        }
    }

    public struct Row: Equatable, Sendable {
        /// What the row stands for (a server id, a task id, a store id).
        public var id: String
        public var cells: [String]
        /// For numeric columns: the value to sort by (a size in bytes for "2.0 GiB").
        public var sortKeys: [Double?]
        public var dim: Bool

        public init(id: String, cells: [String], sortKeys: [Double?] = [], dim: Bool = false) {
            self.id = id
            self.cells = cells
            self.sortKeys = sortKeys
            self.dim = dim
        }
    }

    public var columns: [Column]
    public private(set) var rows: [Row] = []
    /// Indices into `rows` as shown: filtered, then sorted.
    public private(set) var shown: [Int] = []
    public private(set) var filter = ""
    public private(set) var sort: (column: Int, descending: Bool)?
    public var cursor = ListViewport()

    public init(columns: [Column], rows: [Row] = []) {
        self.columns = columns
        self.rows = rows
        shown = Array(rows.indices)
    }

    public static func == (a: TableState, b: TableState) -> Bool {
        a.columns == b.columns && a.rows == b.rows && a.shown == b.shown && a.filter == b.filter
            && a.sort?.column == b.sort?.column && a.sort?.descending == b.sort?.descending && a.cursor == b.cursor
    }

    public var selected: Row? { shown.indices.contains(cursor.cursor) ? rows[shown[cursor.cursor]] : nil }

    /// New rows (a refresh), keeping the filter, the sort and the cursor on the same row.
    public mutating func replaceRows(_ rows: [Row], height: Int) {
        let selectedID = selected?.id
        self.rows = rows
        rebuild(keeping: selectedID, height: height)
    }

    public mutating func setFilter(_ text: String, height: Int) {
        filter = text
        rebuild(keeping: selected?.id, height: height)
    }

    /// Digit n: sort by the nth column; the same digit again reverses it.
    public mutating func sort(byColumn n: Int, height: Int) {
        guard columns.indices.contains(n) else { return }
        if let sort, sort.column == n {
            self.sort = (n, !sort.descending)
        } else {
            sort = (n, columns[n].numeric)
        }
        rebuild(keeping: selected?.id, height: height)
    }

    public mutating func move(_ delta: Int, height: Int) { cursor.move(by: delta, count: shown.count, height: height) }
    public mutating func page(_ direction: Int, height: Int) { cursor.page(direction, count: shown.count, height: height) }
    public mutating func move(to row: Int, height: Int) { cursor.move(to: row, count: shown.count, height: height) }

    mutating func rebuild(keeping id: String?, height: Int) {
        let needle = filter.lowercased()
        var order = rows.indices.filter { needle.isEmpty || rows[$0].cells.contains { $0.lowercased().contains(needle) } }
        if let sort {
            let c = sort.column, numeric = columns[c].numeric
            order.sort { a, b in
                let (x, y) = (rows[a], rows[b])
                if numeric {
                    let (p, q) = (x.sortKeys.indices.contains(c) ? x.sortKeys[c] : nil, y.sortKeys.indices.contains(c) ? y.sortKeys[c] : nil)
                    // Missing values last either way; ties by id so the order is stable.
                    switch (p, q) {
                    case (let p?, let q?) where p != q: return sort.descending ? p > q : p < q
                    case (.some, nil): return true
                    case (nil, .some): return false
                    default: return x.id < y.id
                    }
                }
                let (p, q) = (x.cells[c].lowercased(), y.cells[c].lowercased())
                return p == q ? x.id < y.id : (sort.descending ? p > q : p < q)
            }
        }
        shown = order
        if let id, let at = shown.firstIndex(where: { rows[$0].id == id }) {
            cursor.move(to: at, count: shown.count, height: height)
        } else {
            cursor.clamp(count: shown.count, height: height)
        }
    }
}
