import Foundation
import GlanceAPI

/// One transfer as the journal under `$XDG_STATE_HOME/glance-tui/transfers/` keeps it, so that
/// a transfer outlives the program that ran it. Holds what resuming needs and what a person
/// needs to recognise it — never a token or a password: the session it names is a cloud name
/// from clouds.yaml, whose secrets stay there.
public struct JournalEntry: Codable, Equatable, Sendable {
    public static let format = "glance-tui transfer"
    public static let version = 1

    public enum State: String, Codable, Sendable {
        /// Its owner was running it when this was written; if the owner is gone, it was interrupted.
        case running
        /// The program ended (a signal) while it ran; it can be resumed.
        case interrupted
        case completed, failed, cancelled

        public var hasEnded: Bool { self == .completed || self == .failed || self == .cancelled }
    }

    /// The process that runs it: a pid alone is reused, so its start time (from /proc, in clock
    /// ticks since boot) and the boot's id say whether the process now at that pid is the same.
    public struct Owner: Codable, Equatable, Sendable {
        public var pid: Int32
        public var startTicks: UInt64
        public var bootID: String?
        public init(pid: Int32, startTicks: UInt64, bootID: String?) {
            self.pid = pid
            self.startTicks = startTicks
            self.bootID = bootID
        }
    }

    /// How an upload or import sends its data, so that a resume sends it the same way.
    public struct Sending: Codable, Equatable, Sendable {
        /// "direct", "glance-direct" or "web-download".
        public var method: String
        public var store: String?
        public var stores: [String]?
        public var uri: String?
        /// The URL carried a password or query parameters (a signed URL's signature), which are
        /// credentials: `uri` keeps the rest, and the import cannot be resumed from the journal.
        public var uriWithheld: Bool?
        /// The new image's fields, for an upload interrupted before its image was created.
        public var fields: [String: JSONValue]?
        public var allStoresMustSucceed: Bool
    }

    public var format = JournalEntry.format
    public var version = JournalEntry.version
    public var id: String
    public var kind: TransferKind
    public var cloud: String
    public var region: String?
    public var project: String?
    public var imageID: String?
    public var imageName: String
    /// The file written (the `.part` of a download) or read (an upload's source).
    public var path: String?
    /// Where a download lands once verified.
    public var destination: String?
    public var size: Int64?
    /// By algorithm ("md5", "sha512"), as the image records them, once known.
    public var checksums: [String: String]
    public var bytesDone: Int64
    public var state: State
    /// How it ended, in the engine's words.
    public var message: String?
    public var started: Date
    public var updated: Date
    public var ended: Date?
    public var owner: Owner
    public var sending: Sending?
    /// The stores a copy-image import copies to.
    public var copyStores: [String]?

    public init(id: String, kind: TransferKind, cloud: String, region: String?, project: String?, imageID: String?,
                imageName: String, path: String?, destination: String? = nil, size: Int64? = nil,
                checksums: [String: String] = [:], bytesDone: Int64 = 0, state: State = .running, message: String? = nil,
                started: Date, updated: Date? = nil, ended: Date? = nil, owner: Owner, sending: Sending? = nil,
                copyStores: [String]? = nil) {
        self.id = id
        self.kind = kind
        self.cloud = cloud
        self.region = region
        self.project = project
        self.imageID = imageID
        self.imageName = imageName
        self.path = path
        self.destination = destination
        self.size = size
        self.checksums = checksums
        self.bytesDone = bytesDone
        self.state = state
        self.message = message
        self.started = started
        self.updated = updated ?? started
        self.ended = ended
        self.owner = owner
        self.sending = sending
        self.copyStores = copyStores
    }
}

extension JournalEntry {
    /// `path` whole: `~` expanded, a relative one put under `directory` (the current one). A
    /// resume may run elsewhere (`glance-tui resume` from cron), and must write and read the same files.
    public static func absolute(_ path: String, in directory: String = FileManager.default.currentDirectoryPath) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        guard !expanded.hasPrefix("/") else { return expanded }
        return directory.hasSuffix("/") ? directory + expanded : directory + "/" + expanded
    }

    /// The entry for `request` as it starts; `session` names where it runs. Its paths are kept whole.
    public init(id: String, request: TransferRequest, title: String, session: SessionInfo?, owner: Owner, at time: Date) {
        switch request.withAbsolutePaths {
        case .download(let job):
            self.init(id: id, kind: .download, cloud: session?.cloud ?? "", region: session?.region,
                      project: session?.projectName ?? session?.projectID, imageID: job.imageID, imageName: title,
                      path: job.partPath, destination: job.destination, started: time, owner: owner)
        case .upload(let job):
            var imageID: String?
            var fields: [String: JSONValue]?
            switch job.target {
            case .existing(let id): imageID = id
            case .newImage(let f): fields = f
            }
            let sending: Sending = switch job.method {
            case .direct(let store):
                Sending(method: "direct", store: store, fields: fields, allStoresMustSucceed: job.allStoresMustSucceed)
            case .glanceDirect(let stores):
                Sending(method: "glance-direct", stores: stores, fields: fields, allStoresMustSucceed: job.allStoresMustSucceed)
            case .webDownload(let uri, let stores):
                Sending(method: "web-download", stores: stores, uri: Self.withoutCredentials(uri),
                        uriWithheld: Self.withoutCredentials(uri) == uri ? nil : true,
                        fields: fields, allStoresMustSucceed: job.allStoresMustSucceed)
            }
            self.init(id: id, kind: job.kind, cloud: session?.cloud ?? "", region: session?.region,
                      project: session?.projectName ?? session?.projectID, imageID: imageID, imageName: title,
                      path: job.file, started: time, owner: owner, sending: sending)
        case .copy(let imageID, let stores):
            self.init(id: id, kind: .copyImage, cloud: session?.cloud ?? "", region: session?.region,
                      project: session?.projectName ?? session?.projectID, imageID: imageID, imageName: title,
                      path: nil, started: time, owner: owner, copyStores: stores)
        }
    }

    /// Why this entry cannot be resumed although it holds a request: a path kept relative (by
    /// an older glance-tui) says nothing of the directory it meant.
    public var resumeProblem: String? {
        for p in [path, destination].compactMap({ $0 }) where !p.hasPrefix("/") {
            return "entry \(id) names a relative path (\(destination ?? p)), so it cannot be resumed"
        }
        if sending?.uriWithheld == true {
            return "entry \(id) imports from a URL whose password or query the journal does not keep: start the import again"
        }
        return nil
    }

    /// `uri` without a password and without its query: what a journal may keep of it.
    static func withoutCredentials(_ uri: String) -> String {
        guard var parts = URLComponents(string: uri) else { return uri.contains("@") || uri.contains("?") ? "(a URL)" : uri }
        parts.password = nil
        parts.query = nil
        return parts.string ?? "(a URL)"
    }

    /// What resuming asks for: a download again to the same file (the Downloader resumes from
    /// its `.part`); an upload into the image it created, if it got that far (Glance takes data
    /// again only while the image is queued), else as new; a copy asked again.
    public var resumeRequest: TransferRequest? {
        guard resumeProblem == nil else { return nil }
        switch kind {
        case .download:
            guard let imageID, let destination else { return nil }
            return .download(DownloadJob(imageID: imageID, destination: destination))
        case .copyImage:
            guard let imageID, let stores = copyStores else { return nil }
            return .copy(imageID: imageID, stores: stores)
        case .upload, .glanceDirect, .webDownload:
            guard let sending else { return nil }
            let target: UploadJob.Target
            if let imageID { target = .existing(imageID) } else if let fields = sending.fields { target = .newImage(fields) } else { return nil }
            let method: UploadJob.Method
            switch sending.method {
            case "direct": method = .direct(store: sending.store)
            case "glance-direct": method = .glanceDirect(stores: sending.stores)
            case "web-download":
                guard let uri = sending.uri else { return nil }
                method = .webDownload(uri: uri, stores: sending.stores)
            default: return nil
            }
            return .upload(UploadJob(file: path, target: target, method: method, allStoresMustSucceed: sending.allStoresMustSucceed))
        }
    }

    /// The `.part` a download leaves, where one may be on disk.
    public var partPath: String? { kind == .download ? path : nil }
}

extension TransferRequest {
    /// The request with its files named whole (see `JournalEntry.absolute`).
    public var withAbsolutePaths: TransferRequest {
        switch self {
        case .download(var job):
            job.destination = JournalEntry.absolute(job.destination)
            return .download(job)
        case .upload(var job):
            job.file = job.file.map { JournalEntry.absolute($0) }
            return .upload(job)
        case .copy: return self
        }
    }
}
