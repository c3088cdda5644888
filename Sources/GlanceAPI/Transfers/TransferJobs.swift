import Foundation

/// One download: an image's data to `destination`, through `destination.part`.
public struct DownloadJob: Sendable, Equatable {
    public var imageID: String
    public var destination: String
    /// Replace an existing `destination`; without it an existing file stops the download.
    public var overwrite: Bool
    public var stream: StreamOptions
    public var retry: RetryPolicy

    public init(imageID: String, destination: String, overwrite: Bool = false,
                stream: StreamOptions = StreamOptions(), retry: RetryPolicy = RetryPolicy()) {
        self.imageID = imageID
        self.destination = destination
        self.overwrite = overwrite
        self.stream = stream
        self.retry = retry
    }

    public var partPath: String { destination + ".part" }
    public var corruptPath: String { destination + ".corrupt" }
}

/// Why a download stopped before any byte moved, in the user's words.
public enum DownloadRefusal: Error, Sendable, Equatable {
    case destinationExists(String)
    case notDownloadable(String)

    public var message: String {
        switch self {
        case .destinationExists(let path): "\(path) already exists; choose another name or overwrite it (--force)"
        case .notDownloadable(let why): why
        }
    }
}

/// One upload or import: where the data comes from, which image receives it, and how.
public struct UploadJob: Sendable, Equatable {
    public enum Target: Sendable, Equatable {
        /// Create an image with these fields first (name, disk_format, container_format, …).
        case newImage([String: JSONValue])
        /// A queued image that has no data yet.
        case existing(String)
    }

    public enum Method: Sendable, Equatable {
        /// PUT /file; `store` nil for the cloud's default.
        case direct(store: String?)
        /// PUT /stage, then POST /import to `stores` (nil: the default store).
        case glanceDirect(stores: [String]?)
        /// The server fetches `uri` itself; no local file.
        case webDownload(uri: String, stores: [String]?)
    }

    public var file: String?
    public var target: Target
    public var method: Method
    /// With several stores: fail the import unless every store took the data.
    public var allStoresMustSucceed: Bool
    public var stream: StreamOptions
    public var retry: RetryPolicy

    public init(file: String?, target: Target, method: Method, allStoresMustSucceed: Bool = true,
                stream: StreamOptions = StreamOptions(), retry: RetryPolicy = RetryPolicy()) {
        self.file = file
        self.target = target
        self.method = method
        self.allStoresMustSucceed = allStoresMustSucceed
        self.stream = stream
        self.retry = retry
    }

    public var kind: TransferKind {
        switch method {
        case .direct: .upload
        case .glanceDirect: .glanceDirect
        case .webDownload: .webDownload
        }
    }
}

/// Tries again after a dropped connection: 1 s, 2 s, 4 s … up to `maxDelay`, `maxAttempts`
/// times in a row without progress (an attempt that moved bytes starts the count afresh).
public struct RetryPolicy: Sendable, Equatable {
    public var maxAttempts: Int
    public var baseDelay: Double
    public var maxDelay: Double

    public init(maxAttempts: Int = 8, baseDelay: Double = 1, maxDelay: Double = 30) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    public func delay(beforeAttempt attempt: Int) -> Double {
        min(maxDelay, baseDelay * pow(2, Double(max(0, attempt - 1))))
    }

    public static let none = RetryPolicy(maxAttempts: 0)
}

