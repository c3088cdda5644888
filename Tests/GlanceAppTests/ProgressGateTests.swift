import Foundation
import GlanceAPI
@testable import GlanceApp
import Synchronization
import Testing

/// At low bandwidth a transfer's progress reaches the screen once a second; a new phase at once.
@Suite struct ProgressGateTests {
    final class Clock: Sendable {
        let now = Mutex(100.0)
        func advance(_ seconds: Double) { now.withLock { $0 += seconds } }
        var read: @Sendable () -> Double { { self.now.withLock { $0 } } }
    }

    static func at(_ phase: TransferPhase, _ bytes: Int64) -> TransferProgress {
        TransferProgress(phase: phase, bytesDone: bytes, totalBytes: 1000)
    }

    @Test func onceASecondExceptWhenThePhaseChanges() {
        let clock = Clock()
        let gate = ProgressGate(interval: 1, clock: clock.read)
        var passed: [Int64] = []
        for step in 0..<25 {
            let phase: TransferPhase = step < 20 ? .transferring : .verifying
            if gate.admits(Self.at(phase, Int64(step))) { passed.append(Int64(step)) }
            clock.advance(0.125)
        }
        // Eight reports a second come in: the first passes, then one a second, then the new phase at once.
        #expect(passed == [0, 8, 16, 20])
    }

    @Test func withoutAnIntervalEveryReportPasses() {
        let gate = ProgressGate(interval: 0, clock: { Issue.record("no clock needed"); return 0 })
        #expect((0..<5).allSatisfy { gate.admits(Self.at(.transferring, Int64($0))) })
    }
}
