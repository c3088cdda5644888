import Foundation
import Synchronization

/// Set from any thread (a key press, Ctrl-C, a superseded request) and polled by the thread
/// doing the work.
public final class CancellationFlag: Sendable {
    private let cancelled = Atomic<Bool>(false)
    private let interrupted = Atomic<Bool>(false)
    public init() {}
    public func cancel() { cancelled.store(true, ordering: .relaxed) }
    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// Cancels because the program is ending (a signal), not because the user asked: work that
    /// tidies up after a cancel (an upload deleting the image it created) leaves things to
    /// resume instead. A flag the user already cancelled stays a plain cancel.
    public func interrupt() {
        if cancelled.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged {
            interrupted.store(true, ordering: .relaxed)
        }
    }

    public var isInterrupted: Bool { interrupted.load(ordering: .relaxed) }
}

/// The cancellation of the work running on this thread. A transport polls it during every
/// request it makes, so `cancel` stops a request in flight — a listing page, a sign-in — without
/// a flag threaded through every call between the effect runner and the wire.
public enum CancellationScope {
    private static let key = "glance-tui.cancellation"

    /// Runs `body` with `flag` as this thread's cancellation, restoring the one before after.
    public static func run<T, E: Error>(_ flag: CancellationFlag, _ body: () throws(E) -> T) throws(E) -> T {
        let dictionary = Thread.current.threadDictionary
        let previous = dictionary[key]
        dictionary[key] = flag
        defer { dictionary[key] = previous }
        return try body()
    }

    public static var current: CancellationFlag? { Thread.current.threadDictionary[key] as? CancellationFlag }

    /// True unless this thread's work was cancelled.
    public static var shouldContinue: Bool { !(current?.isCancelled ?? false) }
}
