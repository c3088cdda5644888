import Foundation
import GlanceAPI
import Synchronization

/// Turns byte counts into at most `maxPerSecond` progress reports, with rate and ETA; phase
/// changes are reported at once.
final class ProgressReporter {
    private let report: (TransferProgress) -> Void
    private let minInterval: Double
    private var meter = RateMeter()
    private var lastSent = -Double.infinity
    private var last: TransferProgress?
    private let clock: () -> Double

    init(maxPerSecond: Double = 10, clock: @escaping () -> Double = ProgressReporter.now,
         report: @escaping (TransferProgress) -> Void) {
        self.report = report
        self.minInterval = 1 / maxPerSecond
        self.clock = clock
    }

    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    func update(_ phase: TransferPhase, done: Int64, total: Int64?, force: Bool = false) {
        let t = clock()
        meter.record(bytes: done, at: t)
        let phaseChanged = last?.phase != phase
        guard force || phaseChanged || t - lastSent >= minInterval else { return }
        let progress = TransferProgress(phase: phase, bytesDone: done, totalBytes: total,
                                        rate: meter.rate, eta: meter.eta(total: total))
        lastSent = t
        last = progress
        report(progress)
    }

    /// Starts the rate afresh (after a wait, or when bytes are re-read rather than moved).
    func resetRate() { meter = RateMeter(window: meter.window) }
}

/// Sleeps in short steps so a cancel is noticed within a tenth of a second.
func pause(seconds: Double, unless flag: CancellationFlag) {
    var left = seconds
    while left > 0, !flag.isCancelled {
        let step = min(0.1, left)
        usleep(UInt32(step * 1_000_000))
        left -= step
    }
}
