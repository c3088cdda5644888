import Dispatch
import Foundation
import GlanceAPI
import Synchronization

/// Runs one write over many images in the background: a few at a time, each read again and
/// checked against its guard before anything is sent, 429 and 503 waited out with back-off,
/// stoppable between images. Reports every image's outcome as it comes.
public struct BatchRunner: Sendable {
    public var concurrency: Int
    /// Seconds to wait before each new attempt after a 429/503: the server is asking for less.
    public var backoff: [Double]
    let backend: any ImageGetter
    let writer: ImageWrite.Writer

    public init(backend: any ImageGetter, writer: ImageWrite.Writer, concurrency: Int = 4,
                backoff: [Double] = [1, 2, 4, 8, 16]) {
        self.backend = backend
        self.writer = writer
        self.concurrency = max(1, concurrency)
        self.backoff = backoff
    }

    /// Blocks until every item has an outcome (or is cancelled); `report` is called from the
    /// worker threads, once per item, with the requests that item sent.
    public func run(_ items: [BatchItem], cancel: CancellationFlag,
                    report: @escaping @Sendable (String, BatchOutcome, [String]) -> Void) {
        // Items for one image (an undo of a share: unshare, then the old visibility) run in
        // order on one worker; different images run side by side.
        var order: [String] = []
        var byImage: [String: [BatchItem]] = [:]
        for item in items {
            if byImage[item.imageID] == nil { order.append(item.imageID) }
            byImage[item.imageID, default: []].append(item)
        }
        let groups = order.map { byImage[$0] ?? [] }
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(concurrency, max(1, groups.count))) { _ in
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < groups.count else { return }
                for item in groups[index] {
                    guard !cancel.isCancelled else {
                        report(item.imageID, .cancelled, [])
                        continue
                    }
                    let (outcome, requests) = RequestTrail.record { CancellationScope.run(cancel) { perform(item, cancel) } }
                    report(item.imageID, outcome, requests)
                }
            }
        }
    }

    func perform(_ item: BatchItem, _ cancel: CancellationFlag) -> BatchOutcome {
        switch write(item, cancel) {
        case .written(let before): .done(before: before)
        case .notWritten(let outcome): outcome
        case .refused(let error): outcome(of: error, cancel)
        }
    }

    /// How one write ended, with the server's error kept whole (its status matters to a
    /// single write's message).
    enum Written {
        case written(before: Image)
        case notWritten(BatchOutcome)
        case refused(APIError)
    }

    /// Reads the image again, checks the guard and whether the write still applies, writes.
    /// `planned` false (a single write the user pointed at) leaves whether it applies to the
    /// server's policy: the question the user answered was about that image.
    func write(_ item: BatchItem, _ cancel: CancellationFlag, planned: Bool = true) -> Written {
        let current: Image
        switch attempt(cancel, { () throws(APIError) in try backend.image(id: item.imageID) }) {
        case .success(let image): current = image
        case .failure(let error) where error.status == 404 && item.write.appliesWithoutImage:
            current = Image(id: item.imageID, name: item.name, status: .deleted)
        case .failure(let error): return .refused(error)
        }
        let conflicts = item.guarded.conflicts(with: current)
        guard conflicts.isEmpty else { return .notWritten(.conflict(conflicts)) }
        if planned, let reason = item.write.skipReason(for: current, by: writer) { return .notWritten(.skipped(reason)) }
        switch attempt(cancel, { () throws(APIError) in try item.write.apply(to: current, on: backend, writer: writer) }) {
        case .success: return .written(before: current)
        case .failure(let error): return .refused(error)
        }
    }

    private func outcome(of error: APIError, _ cancel: CancellationFlag) -> BatchOutcome {
        cancel.isCancelled ? .cancelled : .failed(error.userMessage)
    }

    /// The call, again after a pause while the server answers 429 or 503.
    private func attempt<T>(_ cancel: CancellationFlag, _ call: () throws(APIError) -> T) -> Result<T, APIError> {
        var waits = backoff[...]
        while true {
            do throws(APIError) {
                return .success(try call())
            } catch where [429, 503].contains(error.status ?? 0) && !waits.isEmpty && !cancel.isCancelled {
                let seconds = waits.removeFirst()
                var waited = 0.0
                while waited < seconds, !cancel.isCancelled {
                    usleep(50_000)
                    waited += 0.05
                }
            } catch {
                return .failure(error)
            }
        }
    }
}
