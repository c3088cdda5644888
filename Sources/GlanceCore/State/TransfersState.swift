import GlanceAPI

/// Identifies one transfer for its whole life, across progress messages and cancels.
public struct TransferID: Hashable, Sendable, CustomStringConvertible {
    public let value: Int
    public init(_ value: Int) { self.value = value }
    public var description: String { "transfer \(value)" }
}

/// What a transfer was asked to do, kept so that a failed or cancelled one can be started again.
public enum TransferRequest: Equatable, Sendable {
    case download(DownloadJob)
    case upload(UploadJob)
    case copy(imageID: String, stores: [String])
}

/// One transfer as the transfers pane lists it.
public struct TransferEntry: Equatable, Sendable {
    public var id: TransferID
    public var kind: TransferKind
    /// The image's name (downloads, copies) or the file's (uploads).
    public var title: String
    public var imageID: String?
    /// The local file written or read.
    public var path: String?
    public var request: TransferRequest
    public var progress: TransferProgress
    /// Nil while it runs.
    public var outcome: TransferOutcome?
    public var cancelRequested = false
    /// The cloud it runs on, which stays its cloud when the browser switches to another.
    public var scope: CloudScope?
    /// Its id in the transfer journal, for one read back from it (`:resume ID`, `:dismiss ID`).
    public var journalID: String?
    /// Set while the program that ran it is gone and it waits to be resumed (R) or dropped (D).
    public var interruption: Interruption?

    public init(id: TransferID, kind: TransferKind, title: String, imageID: String?, path: String?,
                request: TransferRequest) {
        self.id = id
        self.kind = kind
        self.title = title
        self.imageID = imageID
        self.path = path
        self.request = request
        self.progress = TransferProgress(phase: .preparing)
    }

    public var isRunning: Bool { outcome == nil }

    /// An interrupted download of `destination`, waiting to be resumed.
    func writes(_ destination: String) -> Bool {
        guard interruption != nil, case .download(let job) = request else { return false }
        // The journal keeps whole paths, the prompt what was typed: compared whole, as the runner's claim does.
        return JournalEntry.absolute(job.destination) == JournalEntry.absolute(destination)
    }
}

/// Every transfer of this session, newest last, and the pane's cursor.
public struct TransfersState: Equatable, Sendable {
    public var entries: [TransferEntry] = []
    public var selection = 0
    public var scroll = 0
    public var nextID = 1
    /// The screen `t` came from, to go back to.
    public var returnScreen: AppState.Screen = .list
    /// Import methods and stores, once asked for (upload and copy prompts offer them).
    public var importOptions: ImportOptions?
    /// Journal entries dropped with D this session: a journal read begun before the D (one runs
    /// after every sign-in) must not list them again.
    public var dismissed: Set<String> = []

    public init() {}

    public var running: [TransferEntry] { entries.filter(\.isRunning) }
    /// Left unfinished by an earlier run, for the status bar's count.
    public var interrupted: [TransferEntry] { entries.filter { $0.interruption != nil } }

    public mutating func makeID() -> TransferID {
        defer { nextID += 1 }
        return TransferID(nextID)
    }

    public func index(of id: TransferID) -> Int? { entries.firstIndex { $0.id == id } }

    /// Overall progress of the running transfers whose size is known, for the status bar.
    public var runningFraction: Double? {
        let sized = running.compactMap { e in e.progress.totalBytes.map { (e.progress.bytesDone, $0) } }
        let total = sized.reduce(Int64(0)) { $0 + $1.1 }
        guard total > 0 else { return nil }
        return Double(sized.reduce(Int64(0)) { $0 + $1.0 }) / Double(total)
    }
}

/// The local file an upload will send, as inspected before asking for the rest.
public struct UploadDraft: Equatable, Sendable {
    public var file: String
    public var size: Int64
    public var guess: FormatGuess
    public var name: String
    public var diskFormat: String
    public var method: String = "direct"
    public var store: String?

    public init(file: String, size: Int64, guess: FormatGuess, name: String) {
        self.file = file
        self.size = size
        self.guess = guess
        self.name = name
        self.diskFormat = guess.diskFormat
    }
}

/// A question on the bottom line that transfers ask, with the line being typed.
public enum TransferPrompt: Equatable, Sendable {
    case downloadPath(imageID: String, name: String)
    case uploadFile
    /// Inspecting the file (size, format) and asking the cloud for methods and stores.
    case uploadName(UploadDraft)
    case uploadFormat(UploadDraft)
    case uploadMethod(UploadDraft)
    case uploadStore(UploadDraft)
    case copyStores(imageID: String, name: String)

    /// Values Tab cycles through, where the answer is one of a few.
    public func choices(_ options: ImportOptions?) -> [String] {
        switch self {
        case .uploadFormat: ["raw", "qcow2", "vmdk", "vhd", "vhdx", "vdi", "iso", "ploop", "ami", "ari", "aki"]
        case .uploadMethod:
            ["direct"] + ((options?.methods ?? []).contains("glance-direct") ? ["glance-direct"] : [])
        case .uploadStore, .copyStores: (options?.stores ?? []).filter { !$0.isReadOnly }.map(\.id)
        default: []
        }
    }
}
