import GlanceAPI

/// The list's row functions (CatalogState+Rows), given the list's height by the root.
extension Update {
    static func rebuildRows(_ state: inout AppState) {
        rebuildRows(&state, keeping: state.selectedImage?.id)
    }

    /// `keeping` is taken by the caller when `images` was just replaced and the old rows no
    /// longer point at the old selection.
    static func rebuildRows(_ state: inout AppState, keeping selected: String?) {
        state.catalog.rebuildRows(keeping: selected, height: ScreenLayout.listRows(state.size))
        if state.screen == .lineages { regroupLineages(&state) }
    }

    static func narrowRows(_ state: inout AppState) {
        state.catalog.narrowRows(height: ScreenLayout.listRows(state.size))
        if state.screen == .lineages { regroupLineages(&state) }
    }

    static func appendRows(_ state: inout AppState, from start: Int) {
        state.catalog.appendRows(from: start, height: ScreenLayout.listRows(state.size))
        if state.screen == .lineages { regroupLineages(&state) }
    }

    static func restoreSelection(_ state: inout AppState, _ id: String?) {
        state.catalog.restoreSelection(id, height: ScreenLayout.listRows(state.size))
    }
}

/// How a column sorts when done locally: missing values last (either direction), text
/// case-insensitively, ties by id. Keys are computed once per row and compared as bytes or numbers, so sorting 100,000 rows
/// costs a fraction of a second instead of seconds of Unicode-aware string comparison.
public enum LocalOrder {
    enum Key {
        case text([UInt8]?)
        case number(Double?)
    }

    public static func sort(_ rows: inout [Int], of images: [Image], searchKeys: [SearchKey], by sort: AppState.LocalSort,
                            lintCounts: [String: Int] = [:], usedCounts: [String: Int] = [:]) {
        let keys: [Key] = rows.map { i in
            switch sort.column {
            case .lint: .number(lintCounts[images[i].id].map(Double.init))
            case .used: .number(usedCounts[images[i].id].flatMap { $0 < 0 ? nil : Double($0) })
            default: key(images[i], searchKeys[i], sort.column)
            }
        }
        var order = Array(rows.indices)
        let descending = sort.direction == .desc
        order.sort { a, b in
            // Missing values (no name, a queued image's size) come last in either direction.
            let m = missingOrder(keys[a], keys[b])
            if m != 0 { return m < 0 }
            let c = compare(keys[a], keys[b])
            if c != 0 { return descending ? c > 0 : c < 0 }
            return images[rows[a]].id < images[rows[b]].id
        }
        rows = order.map { rows[$0] }
    }

    static func key(_ image: Image, _ search: SearchKey, _ column: ColumnID) -> Key {
        func folded(_ s: String?) -> Key { .text(s.map { SearchKey(needle: $0).bytes }) }
        switch column {
        case .name:
            // The search key starts with the folded name, then \u{1}: exactly the order wanted.
            return image.name == nil ? .text(nil) : .text(Array(search.bytes.prefix { $0 != 1 }))
        case .status: return folded(image.status.rawValue)
        case .visibility: return folded(image.visibility?.rawValue)
        case .format: return folded(image.diskFormat)
        case .size: return .number(image.size.map(Double.init))
        case .updated: return .number(image.updated?.timeIntervalSince1970)
        case .created: return folded(image.createdAt)
        case .owner: return folded(image.owner)
        case .tags: return image.tags.isEmpty ? .text(nil) : folded(image.tags.joined(separator: ","))
        case .id: return folded(image.id)
        case .lint, .used: return .number(nil)
        }
    }

    /// Orders present against missing values; zero when both or neither are missing.
    static func missingOrder(_ a: Key, _ b: Key) -> Int {
        switch (a, b) {
        case (.text(nil), .text(.some)): 1
        case (.text(.some), .text(nil)): -1
        case (.number(nil), .number(.some)): 1
        case (.number(.some), .number(nil)): -1
        default: 0
        }
    }

    /// Negative, zero or positive, for two present values (missing ones are ordered first).
    static func compare(_ a: Key, _ b: Key) -> Int {
        switch (a, b) {
        case (.text(let x), .text(let y)):
            switch (x, y) {
            case (nil, nil): return 0
            case (nil, _): return 1
            case (_, nil): return -1
            case (let x?, let y?):
                let n = min(x.count, y.count)
                for i in 0..<n where x[i] != y[i] { return x[i] < y[i] ? -1 : 1 }
                return x.count - y.count
            }
        case (.number(let x), .number(let y)):
            switch (x, y) {
            case (nil, nil): return 0
            case (nil, _): return 1
            case (_, nil): return -1
            case (let x?, let y?): return x < y ? -1 : (x > y ? 1 : 0)
            }
        default: return 0
        }
    }
}
