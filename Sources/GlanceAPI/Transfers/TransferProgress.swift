import Foundation

/// What moves image data, as the transfers pane and the command line name it.
public enum TransferKind: String, Sendable, Equatable, Codable {
    case download
    /// PUT /file: the bytes go straight to a store.
    case upload
    /// PUT /stage then POST /import (glance-direct).
    case glanceDirect = "glance-direct"
    /// The server fetches a URL (web-download).
    case webDownload = "web-download"
    /// The server copies an active image's data to more stores (copy-image).
    case copyImage = "copy-image"
}

/// Where a transfer is; the engines report every change, the views show it.
public enum TransferPhase: Sendable, Equatable {
    case preparing
    /// Re-reading the bytes of a `.part` already on disk so the hashes cover them.
    case checkingPart
    case transferring
    /// The connection dropped; waiting before trying again from `resumeAt`.
    case retrying(attempt: Int, reason: String, resumeAt: Int64)
    /// The server is importing into these stores (glance-direct, web-download, copy-image).
    case importing(stores: [String])
    case verifying
}

/// A snapshot of one transfer's progress; `rate` in bytes per second, `eta` in seconds.
public struct TransferProgress: Sendable, Equatable {
    public var phase: TransferPhase
    public var bytesDone: Int64
    public var totalBytes: Int64?
    public var rate: Double?
    public var eta: Double?

    public init(phase: TransferPhase, bytesDone: Int64 = 0, totalBytes: Int64? = nil,
                rate: Double? = nil, eta: Double? = nil) {
        self.phase = phase
        self.bytesDone = bytesDone
        self.totalBytes = totalBytes
        self.rate = rate
        self.eta = eta
    }

    public var fraction: Double? {
        guard let total = totalBytes, total > 0 else { return nil }
        return min(1, Double(bytesDone) / Double(total))
    }
}

/// What checking the bytes against the image's recorded checksums found.
public enum Verification: Sendable, Equatable {
    /// Every listed algorithm matched (for example ["md5", "sha512"]) and the size did too.
    case verified([String])
    case mismatch(algorithm: String, expected: String, actual: String)
    case truncated(expected: Int64, received: Int64)
    /// Nothing to compare against, or an algorithm this build cannot compute.
    case notChecked(String)

    public var isFailure: Bool {
        switch self {
        case .mismatch, .truncated: true
        case .verified, .notChecked: false
        }
    }
}

/// How a transfer ended.
public enum TransferOutcome: Sendable, Equatable {
    /// `location` is the file written (downloads) or the image id (uploads and imports).
    case completed(location: String, bytes: Int64, verification: Verification)
    /// `partKept` names the `.part` (or `.corrupt`) file left for a later resume or a look.
    case failed(message: String, partKept: String?)
    case cancelled(partKept: String?)
}
