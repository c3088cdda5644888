import GlanceAPI
import TerminalKit

/// The whole state of the program. Views read it; only `update` changes it.
public struct AppState: Equatable, Sendable {
    public enum Screen: Equatable, Sendable {
        case list
        case detail
        case editor
        case members
        case transfers
        /// `:batches`: the writes to many images, a row per image.
        case batches
        /// `:log`: every write of the session with its openstack equivalent.
        case log
        /// `:lineage`: the shown images grouped by lineage, folded.
        case lineages
        /// `:retire`: a retention plan waiting to be confirmed.
        case retire
        /// `:lint`: the linter's findings and their fixes.
        case lint
        /// `:used-by`: the servers that boot from an image.
        case usedBy
        /// `:stores`: the cloud's stores and what of the loaded images each holds.
        case stores
        /// `:usage`: the project's quotas against its use.
        case usage
        /// `:tasks`: Glance's background tasks, and one whole.
        case tasks
        /// `:cache`: the image cache of the API node.
        case cache
    }

    public enum Connection: Equatable, Sendable {
        case signingIn
        case signedIn(SessionInfo)
        case failed(APIError)
    }

    public enum Listing: Equatable, Sendable {
        case idle
        /// Pages are arriving; `pages` counts those received for the current request.
        case loading(RequestID, pages: Int)
        /// Paused past the eager limit: more pages exist and are fetched as the cursor nears
        /// the end, or all at once on G.
        case partial(RequestID, pages: Int, next: String)
        case complete
        case failed(APIError)

        public var requestID: RequestID? {
            switch self {
            case .loading(let id, _), .partial(let id, _, _): id
            default: nil
            }
        }
    }

    /// Where typed keys go: the key table, or a line being edited.
    public enum Input: Equatable, Sendable {
        case keys
        case command(LineEditor)
        case quickFilter(LineEditor)
        /// A transfer's question (where to save, which file, which store…).
        case transfer(TransferPrompt, LineEditor)
        /// A delete batch asks for its count to be typed, not a key.
        case typedConfirmation(BatchPlan, LineEditor)
    }

    /// A sort done here rather than by the server, for when every image is already loaded.
    public struct LocalSort: Equatable, Sendable {
        public var column: ColumnID
        public var direction: ImageQuery.SortDirection
        public init(_ column: ColumnID, _ direction: ImageQuery.SortDirection) {
            self.column = column
            self.direction = direction
        }
    }

    public var cloudName: String
    public var size: TerminalSize
    public var screen: Screen = .list
    public var connection: Connection = .signingIn
    /// A `:cloud`, `:region` or `:project` signing in; the current session stays meanwhile.
    public var switching: CloudSwitch?
    /// What those commands complete from.
    public var choices = CloudChoices()
    /// The image list (the main pane), its query, sorting, filtering and marks.
    public var catalog = CatalogState()
    /// What is being typed on the bottom line, and the command history.
    public var prompt = PromptState()
    public var detail: DetailState?
    public var editor: EditorState?
    public var members: MembersState?
    public var transfers = TransfersState()
    public var batches = BatchesState()
    public var lineages = LineageState()
    public var retire: RetireState?
    public var lint: LintState?
    /// A delete or deactivation waiting for Compute's count of servers before it is asked.
    public var useCheck: UseCheck?
    public var usedBy: UsedByState?
    public var stores: StoresState?
    /// The project's image quotas, read after sign-in where the API has them.
    public var quota: QuotaState?
    public var tasks: TasksState?
    public var cache: CacheState?
    public var lintSettings = LintSettings()
    /// `clipboard: false` in the settings turns OSC 52 copies off.
    public var clipboardEnabled = true
    /// The session's key table: the declared bindings with the settings' remaps applied at start.
    public var keymap = Keymap.standard
    /// `--mouse` or `mouse: true`: clicks select and open rows, the wheel scrolls.
    public var mouseEnabled = false
    /// `Y`'s menu of what to copy, while it is open.
    public var copyMenu: CopyMenuState?
    /// `--low-bandwidth` (or `low_bandwidth: true`): nothing animates and the selected row is
    /// marked in a column of its own instead of highlighted, so a cursor move rewrites two
    /// cells, not two rows.
    public var lowBandwidth = false
    /// Where `:batches` and `:log` go back to.
    public var screenBeforePane: Screen = .list
    /// A question on the bottom line before a write that cannot be undone.
    public var confirmation: Confirmation?
    /// Property rules by key, fetched once after sign-in; empty until then (fallbacks apply).
    public var rules: [String: PropertyRule] = [:]
    public var showsHelp = false
    /// First help row shown, when the help is taller than the terminal (the view bounds it).
    public var helpScroll = 0
    /// The last failure, kept in the status bar until the next successful action replaces it.
    public var lastError: String?
    /// A short message for the user that is not an error (e.g. a key not available yet).
    public var notice: String?
    public var requestsInFlight: Set<RequestID> = []
    public var spinnerFrame = 0
    public var spinnerScheduled = false
    public var nextRequest = 1
    public var quitting = false

    public init(cloudName: String, size: TerminalSize) {
        self.cloudName = cloudName
        self.size = size
    }

    public var session: SessionInfo? {
        if case .signedIn(let s) = connection { s } else { nil }
    }

    public var selectedImage: Image? { screen == .lineages ? lineages.selectedImage : catalog.selectedImage }

    /// The list's compact copy of `image`: core fields, and the properties lineages need.
    public func summarize(_ image: Image) -> Image { image.summary(keeping: lineages.by.keptProperties.union(["stores"])) }

    /// Property keys a vendor profile lists under its own heading in the detail pane.
    public var propertyGroups: [String: String] { rules.compactMapValues(\.group) }

    /// Fields the session's API does not expose, and why.
    public var unavailableFields: [String: String] { session?.unavailableFields ?? [:] }

    public var isBusy: Bool { !requestsInFlight.isEmpty || connection == .signingIn }

    mutating func makeRequestID() -> RequestID {
        defer { nextRequest += 1 }
        return RequestID(nextRequest)
    }
}

/// The detail pane: which image, the freshest copy we have of it, and how far it is scrolled.
public struct DetailState: Equatable, Sendable {
    public var imageID: String
    public var image: Image
    public var scroll = 0
    public var refresh: RequestID?
    public var refreshError: String?
    /// The image's import tasks, read when it is importing or an import failed, so the pane says
    /// why next to os_glance_importing_to_stores and os_glance_failed_import.
    public var tasks: [GlanceTask]?
    public var tasksRequest: RequestID?

    public init(image: Image) {
        imageID = image.id
        self.image = image
    }
}

/// "Delete NAME? y deletes it": what will happen, and the one key that makes it happen. One
/// case per kind of question, so a confirmation always confirms exactly one thing.
public enum Confirmation: Equatable, Sendable {
    /// A write to one image.
    case image(ImageAction, question: String, key: Character)
    /// A step of a transfer (overwrite a file, cancel, quit while transfers run).
    case transfer(TransferStep, question: String, key: Character)
    /// A batch over many images, as planned (a delete's count is typed instead: see Input).
    case batch(BatchPlan)
    /// Undoing a batch.
    case undo(Batch)
    /// A batch made whole beforehand, each image its own write (the linter's fixes).
    case prepared(Batch, question: String)
    /// Emptying the image cache or its queue.
    case clearCache(CacheClearTarget, question: String)
    /// `:export` to a file that exists.
    case overwriteExport(path: String, question: String)

    public init(question: String, action: ImageAction, confirmKey: Character = "y") {
        self = .image(action, question: question, key: confirmKey)
    }

    public init(question: String, transferStep: TransferStep, confirmKey: Character = "y") {
        self = .transfer(transferStep, question: question, key: confirmKey)
    }

    public init(batch: BatchPlan) { self = .batch(batch) }
    public init(undo: Batch) { self = .undo(undo) }

    public var question: String {
        switch self {
        case .image(_, let question, _), .transfer(_, let question, _), .prepared(_, let question), .clearCache(_, let question),
             .overwriteExport(_, let question): question
        case .batch(let plan): plan.question
        case .undo(let undo):
            "z: \(undo.title) on \(undo.items.count) image\(undo.items.count == 1 ? "" : "s"), each checked first — y undoes it, any other key keeps it"
        }
    }

    /// The one key that confirms; any other key keeps things as they are.
    public var confirmKey: Character {
        switch self {
        case .image(_, _, let key), .transfer(_, _, let key): key
        case .batch(let plan): if case .key(let key) = plan.confirm { key } else { "y" }
        case .undo, .prepared, .clearCache, .overwriteExport: "y"
        }
    }

    public var action: ImageAction? { if case .image(let action, _, _) = self { action } else { nil } }
    public var transferStep: TransferStep? { if case .transfer(let step, _, _) = self { step } else { nil } }
}

/// Transfer steps that ask first.
public enum TransferStep: Equatable, Sendable {
    case overwrite(DownloadJob, title: String)
    case cancel(TransferID)
    case quitCancellingTransfers
}
