import GlanceAPI

/// What the `:` command line can ask for, after parsing and validation.
public enum Command: Equatable, Sendable {
    /// Replace the server-side filters (keeps the sort); an empty query clears them.
    case filter(ImageQuery)
    case sort([ImageQuery.Sort])
    case toggleHidden
    case columns([ColumnID])
    case view(String)
    /// Images shared with my project, by my member status (pending by default: new offers).
    case shared(ImageQuery.MemberStatus)
    case listViews
    case quit
    /// A write to the marked images (or the selected one).
    case write(ImageWrite)
    case mark(MarkSelection)
    /// Queue a verified download of each marked image into a directory.
    case downloadAll(directory: String)
    /// Copy each marked image's data to more stores.
    case copyAll(stores: [String])
    case showBatches
    case showLog
    case undo
    /// `:lineage [by=…]`: the shown images grouped by lineage.
    case lineage(by: LineageKey?)
    /// `:retire keep=N …`: plan which builds go, show the plan, run it when confirmed.
    case retire(RetentionPolicy)
    /// `:lint`: check the shown images' properties against the cloud's rules and the standards.
    case lint
    /// `:used-by`: the servers that boot from the selected image.
    case usedBy
    /// `:stores`: the cloud's stores.
    case stores
    /// `:usage`: the project's quotas.
    case usage
    /// `:tasks …`: Glance's background tasks.
    case tasks(TasksCommand)
    /// `:cache`: the image cache.
    case cache
    /// `:export FILE`: the list as shown, as CSV, JSON or YAML.
    case export(String)
    /// `:yank id|name|url|command|yaml`: copy to the clipboard.
    case yank(Update.YankWhat)
    /// `:cloud NAME`, `:region R`, `:project P`: sign in there and browse it instead.
    case switchTo(CloudTarget)
    /// `:transfers`: the transfers pane, as `t`.
    case transfers
    /// `:resume ID|all`: an interrupted transfer (nil: all of them), as R.
    case resume(String?)
    /// `:dismiss ID|all`: drop an interrupted transfer from the journal, as D.
    case dismiss(String?)
}

public struct CommandError: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// The list's columns, named by `:columns`; views hold how each is drawn.
public enum ColumnID: String, Sendable, CaseIterable, Equatable, Hashable {
    case name, status, visibility, format, size, updated, created, owner, tags, id
    /// Findings of the last `:lint` ("2", "ok", or blank where the image was not linted).
    case lint
    /// Servers that boot from the image, through Compute ("—" until counted, "?" not visible).
    case used

    public static let defaults: [ColumnID] = [.name, .status, .visibility, .format, .size, .updated, .id]

    /// The server's sort key for the column, where Glance can sort by it.
    public var serverSortKey: ImageQuery.SortKey? {
        switch self {
        case .name: .name
        case .status: .status
        case .format: .disk_format
        case .size: .size
        case .updated: .updated_at
        case .created: .created_at
        case .id: .id
        case .visibility, .owner, .tags, .lint, .used: nil
        }
    }
}

/// A named filter plus sort from the config file, as command-line text.
public struct SavedView: Equatable, Sendable {
    public var name: String
    public var filter: String
    public var sort: String
    public init(name: String, filter: String = "", sort: String = "") {
        self.name = name
        self.filter = filter
        self.sort = sort
    }
}

extension Command {
    /// The listing query the command leads to from `current`, for those that change it.
    public func query(after current: ImageQuery) -> ImageQuery? {
        switch self {
        case .filter(var query):
            query.sort = current.sort
            query.hidden = query.hidden ?? current.hidden
            return query
        case .sort(let sort):
            var query = current
            query.sort = sort
            return query
        case .toggleHidden:
            var query = current
            query.hidden = current.hidden == true ? nil : true
            return query
        case .shared(let status):
            var query = ImageQuery()
            query.visibility = .shared
            query.memberStatus = status
            query.sort = current.sort
            return query
        case .columns, .view, .listViews, .quit, .write, .mark, .downloadAll, .copyAll, .showBatches, .showLog, .undo,
             .lineage, .retire, .lint, .usedBy, .stores, .usage, .tasks, .cache, .export, .yank, .switchTo, .transfers, .resume, .dismiss:
            return nil
        }
    }
}

/// What `:mark` marks.
public enum MarkSelection: Equatable, Sendable {
    case all, none, invert
    /// The shown rows a `/`-style pattern matches.
    case matching(String)
}
