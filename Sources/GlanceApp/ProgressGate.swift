import Foundation
import GlanceAPI
import Synchronization

/// Lets one transfer's progress reports through at most once per `interval` seconds; a change
/// of phase always passes, and the end is a message of its own, so the pane never shows a
/// stale phase or a wrong ending. With interval 0 every report passes (the downloader already
/// keeps them to ten a second).
final class ProgressGate: Sendable {
    private let interval: Double
    private let clock: @Sendable () -> Double
    private let last = Mutex<(time: Double, phase: TransferPhase?)>((-Double.infinity, nil))

    init(interval: Double, clock: @escaping @Sendable () -> Double = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }) {
        self.interval = interval
        self.clock = clock
    }

    func admits(_ progress: TransferProgress) -> Bool {
        guard interval > 0 else { return true }
        let now = clock()
        return last.withLock { last in
            guard progress.phase != last.phase || now - last.time >= interval else { return false }
            last = (now, progress.phase)
            return true
        }
    }
}
