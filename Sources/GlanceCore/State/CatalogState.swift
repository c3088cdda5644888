import GlanceAPI

/// The image list: what was loaded, which rows show, the cursor, the query that listed them,
/// how they are sorted and filtered here, and which are marked.
public struct CatalogState: Equatable, Sendable {
    /// Every image loaded, in the server's order; `searchKeys` runs parallel to it.
    public var images: [Image] = []
    public var searchKeys: [SearchKey] = []
    /// Indices into `images` of the rows shown, after the `/` filter and any local sort.
    public var rows: [Int] = []
    public var listing: AppState.Listing = .idle
    public var cursor = ListViewport()
    public var query = ImageQuery()
    /// The consumer's view (`:shared`): only images other projects share with mine.
    public var sharedWithMe = false
    /// Images shared with my project by status (pending, accepted, rejected), for the header.
    public var sharedCounts: [String: Int]?
    public var localSort: AppState.LocalSort?
    public var columns = ColumnID.defaults
    /// The applied `/` text (kept after Enter, cleared by Esc).
    public var quickFilter = ""
    public var savedViews: [SavedView] = []
    /// Pages are loaded without asking up to this many images; past it, as the cursor nears the end.
    public var eagerLimit = 10_000
    /// G was pressed while pages remained: load them all, then put the cursor on the last row.
    public var jumpToEndWhenLoaded = false
    /// The images marked for a batch, kept by id across scrolling, sorting and filters.
    public var marks = Marks()
    /// Findings per image from the last `:lint` (0: linted, nothing found), for the LINT column.
    public var lintCounts: [String: Int] = [:]
    /// Servers per image for the USED column (-1: cannot be seen from this project).
    public var usedCounts: [String: Int] = [:]
    /// The count of servers under way for the USED column.
    public var useCount: RequestID?

    public init() {}

    public var selectedImage: Image? {
        rows.indices.contains(cursor.cursor) ? images[rows[cursor.cursor]] : nil
    }

    /// The images as shown, in order.
    public var shown: [Image] { rows.map { images[$0] } }
}

/// The bottom line while something is typed: the `:` command line, the `/` filter, a prompt.
public struct PromptState: Equatable, Sendable {
    public var input: AppState.Input = .keys
    /// Why the line was refused; nothing was sent.
    public var message: String?
    /// What Tab could complete to, when more than one thing.
    public var candidates: [String] = []
    public var history: [String] = []
    public var historyIndex: Int?

    public init() {}
}
