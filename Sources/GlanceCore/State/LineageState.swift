import GlanceAPI

/// `:lineage`: the shown images grouped into lineages, folded to one row each until Enter
/// unfolds one. Grouping follows the list (its `/` filter and query), so it is rebuilt from
/// `CatalogState.shown` whenever the list's rows change while the pane is open.
public struct LineageState: Equatable, Sendable {
    public enum Row: Equatable, Sendable {
        case group(Int)
        /// A build: the group, and its place in the group (0 is the current build).
        case build(group: Int, index: Int)
    }

    public var by: LineageKey = .standard
    public var groups: [Lineage] = []
    public var unfolded: Set<String> = []
    public var rows: [Row] = []
    public var cursor = ListViewport()

    public init() {}

    /// Groups `images` again, keeping the cursor on the same lineage or build.
    public mutating func regroup(_ images: [Image], height: Int) {
        let selected = selectedRowIdentity
        groups = Lineage.group(images, by: by)
        rebuildRows(keeping: selected, height: height)
    }

    /// Enter on a lineage: folds or unfolds it.
    public mutating func toggleFold(height: Int) {
        guard case .group(let g)? = selectedRow else { return }
        let key = groups[g].key
        if unfolded.contains(key) { unfolded.remove(key) } else { unfolded.insert(key) }
        rebuildRows(keeping: .group(key), height: height)
    }

    public var selectedRow: Row? { rows.indices.contains(cursor.cursor) ? rows[cursor.cursor] : nil }

    public var selectedGroup: Lineage? {
        switch selectedRow {
        case .group(let g)?, .build(let g, _)?: groups[g]
        case nil: nil
        }
    }

    /// The build under the cursor; nil on a lineage's own row.
    public var selectedImage: Image? {
        guard case .build(let g, let i)? = selectedRow else { return nil }
        return groups[g].images[i]
    }

    /// What a write goes to from here without marks: the lineage's every build, or the one build.
    public var selectedImages: [Image] {
        switch selectedRow {
        case .group(let g)?: groups[g].images
        case .build(let g, let i)?: [groups[g].images[i]]
        case nil: []
        }
    }

    enum Identity: Equatable { case group(String), build(String) }

    var selectedRowIdentity: Identity? {
        switch selectedRow {
        case .group(let g)?: .group(groups[g].key)
        case .build(let g, let i)?: .build(groups[g].images[i].id)
        case nil: nil
        }
    }

    mutating func rebuildRows(keeping selected: Identity?, height: Int) {
        var rows: [Row] = []
        var target: Int?
        for (g, lineage) in groups.enumerated() {
            if selected == .group(lineage.key) { target = rows.count }
            rows.append(.group(g))
            let open = unfolded.contains(lineage.key)
            for (i, image) in lineage.images.enumerated() {
                if selected == .build(image.id) { target = open ? rows.count : rows.count - 1 }
                if open { rows.append(.build(group: g, index: i)) }
            }
        }
        self.rows = rows
        if let target { cursor.move(to: target, count: rows.count, height: height) } else { cursor.clamp(count: rows.count, height: height) }
    }
}
