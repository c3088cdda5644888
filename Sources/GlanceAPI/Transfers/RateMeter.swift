import Foundation

/// Transfer rate over a sliding window of recent samples, so a stall shows within seconds and a
/// burst does not make the ETA jump about. Times are seconds from any fixed origin.
public struct RateMeter: Sendable, Equatable {
    private var samples: [(time: Double, bytes: Int64)] = []
    public let window: Double

    public init(window: Double = 5) { self.window = window }

    public mutating func record(bytes: Int64, at time: Double) {
        samples.append((time, bytes))
        // Keep one sample older than the window so the span covers all of it.
        while samples.count > 2, samples[1].time <= time - window { samples.removeFirst() }
    }

    /// Bytes per second, once samples span a fifth of a second.
    public var rate: Double? {
        guard let first = samples.first, let last = samples.last, last.time - first.time >= 0.2 else { return nil }
        return Double(last.bytes - first.bytes) / (last.time - first.time)
    }

    public func eta(total: Int64?) -> Double? {
        guard let total, let rate, rate > 0, let done = samples.last?.bytes else { return nil }
        return Double(max(0, total - done)) / rate
    }

    public static func == (a: RateMeter, b: RateMeter) -> Bool {
        a.window == b.window && a.samples.map(\.time) == b.samples.map(\.time) && a.samples.map(\.bytes) == b.samples.map(\.bytes)
    }
}
