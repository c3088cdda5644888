import GlanceAPI

/// The list's own update functions: keeping `rows` (what the list shows) in step with `images`,
/// the `/` filter, local sorting and the marks. They need nothing of the rest of the state but
/// the list's height, which the root passes down.
extension CatalogState {
    /// Recomputes every row; the cursor stays on `selected` when it is still shown.
    public mutating func rebuildRows(keeping selected: String?, height: Int) {
        var rows: [Int]
        if quickFilter.isEmpty {
            rows = Array(images.indices)
        } else {
            let needle = SearchKey(needle: quickFilter)
            rows = images.indices.filter { searchKeys[$0].contains(needle) }
        }
        if let localSort {
            LocalOrder.sort(&rows, of: images, searchKeys: searchKeys, by: localSort, lintCounts: lintCounts, usedCounts: usedCounts)
        }
        self.rows = rows
        restoreSelection(selected, height: height)
    }

    /// A narrower `/` text can only drop rows, so only the current rows are scanned again.
    public mutating func narrowRows(height: Int) {
        let selected = selectedImage?.id
        let needle = SearchKey(needle: quickFilter)
        rows = rows.filter { searchKeys[$0].contains(needle) }
        restoreSelection(selected, height: height)
    }

    /// Images appended from `start` on (a new page): their rows are added without touching the rest.
    public mutating func appendRows(from start: Int, height: Int) {
        guard localSort == nil else { return rebuildRows(keeping: selectedImage?.id, height: height) }
        if quickFilter.isEmpty {
            rows += start..<images.count
        } else {
            let needle = SearchKey(needle: quickFilter)
            rows += (start..<images.count).filter { searchKeys[$0].contains(needle) }
        }
        cursor.clamp(count: rows.count, height: height)
    }

    public mutating func restoreSelection(_ id: String?, height: Int) {
        if let id, let row = rows.firstIndex(where: { images[$0].id == id }) {
            cursor.move(to: row, count: rows.count, height: height)
        } else if id != nil {
            cursor.move(to: 0, count: rows.count, height: height)
        } else {
            cursor.clamp(count: rows.count, height: height)
        }
    }

    /// `:mark …` and its keys, over the rows shown; a notice of how many are marked.
    public mutating func applyMarks(_ selection: MarkSelection) -> String {
        switch selection {
        case .all: marks.mark(shown)
        case .none: marks.clear()
        case .invert: marks.invert(within: shown)
        case .matching(let pattern):
            let needle = SearchKey(needle: pattern)
            marks.mark(rows.filter { searchKeys[$0].contains(needle) }.map { images[$0] })
        }
        return marks.isEmpty ? "No image marked" : "\(marks.count) marked"
    }
}
