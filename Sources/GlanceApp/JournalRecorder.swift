import Foundation
import GlanceAPI
import GlanceCore
import GlanceTransfer

/// Keeps one transfer's journal entry in step with it: written as it starts, then at most once
/// per `interval` as bytes move (the engines report up to ten times a second; a chunk never
/// writes), and as it ends. Called from the transfer's own thread.
public final class JournalRecorder: @unchecked Sendable {
    public let journal: TransferJournal
    private(set) public var entry: JournalEntry
    private let interval: TimeInterval
    private let clock: () -> Date
    private var lastWrite: Date?
    private let lock = NSLock()
    /// How many times the entry was written, for the tests of the throttle.
    private(set) public var writes = 0
    /// The first write that failed, said once by whoever runs the transfer.
    private(set) public var problem: String?

    /// It took over an interrupted entry (a download to the same file): that entry is not this run's to delete.
    public let claimed: Bool

    public init(journal: TransferJournal, entry: JournalEntry, claimed: Bool = false, interval: TimeInterval = 1,
                clock: @escaping () -> Date = Date.init) {
        self.journal = journal
        self.claimed = claimed
        self.entry = entry
        self.interval = interval
        self.clock = clock
    }

    public func started() {
        lock.withLock { save(durable: true) }
    }

    public func progressed(_ progress: TransferProgress) {
        lock.withLock {
            entry.bytesDone = progress.bytesDone
            if let total = progress.totalBytes { entry.size = total }
            let now = clock()
            if let last = lastWrite, now.timeIntervalSince(last) < interval { return }
            save(durable: false)
        }
    }

    /// The image as the engine read or created it: its id, name, size and checksums.
    public func imageKnown(_ image: Image) {
        lock.withLock {
            entry.imageID = image.id
            if let name = image.name, !name.isEmpty { entry.imageName = name }
            if let size = image.size { entry.size = size }
            if let md5 = image.checksum { entry.checksums["md5"] = md5 }
            if let algorithm = image.hashAlgorithm, let value = image.hashValue { entry.checksums[algorithm] = value }
            save(durable: false)
        }
    }

    /// `interrupted`: the program is ending, not the user cancelling — the entry stays resumable.
    public func ended(_ outcome: TransferOutcome, interrupted: Bool) {
        lock.withLock {
            let now = clock()
            switch outcome {
            case .completed(_, let bytes, let verification):
                entry.state = .completed
                entry.bytesDone = bytes
                entry.message = Downloader.describe(verification)
            case .failed(let message, _):
                entry.state = .failed
                entry.message = message
            case .cancelled:
                entry.state = interrupted ? .interrupted : .cancelled
            }
            entry.updated = now
            if entry.state != .interrupted { entry.ended = now }
            save(durable: true)
        }
    }

    /// Nothing moved (the file exists, the image has no data): no trace is kept — unless the
    /// entry was an interrupted one taken over, which goes back to interrupted, its .part still
    /// there to resume.
    public func withdrawn() {
        lock.withLock {
            guard claimed else { return journal.remove(entry.id) }
            entry.state = .interrupted
            save(durable: true)
        }
    }

    private func save(durable: Bool) {
        let now = clock()
        entry.updated = now
        lastWrite = now
        writes += 1
        if let failure = journal.write(entry, durable: durable), problem == nil { problem = failure }
    }
}
