import Foundation
import GlanceAPI
@testable import GlanceApp
import Synchronization
import Testing

/// A write over many images: a few at a time, every image read again and checked before
/// anything is sent, the server's "slow down" waited out, a cancel honoured between images.
@Suite struct BatchRunnerTests {
    static let writer = ImageWrite.Writer(projectID: "p1", isAdmin: false)

    static func image(_ id: String, tags: [String] = []) -> Image {
        Image(id: id, name: id, status: .active, fields: ["owner": .string("p1"), "tags": .array(tags.map(JSONValue.string))])
    }

    final class Outcomes: Sendable {
        let all = Mutex<[String: BatchOutcome]>([:])
        func record(_ id: String, _ outcome: BatchOutcome, _ requests: [String]) { all.withLock { $0[id] = outcome } }
        var value: [String: BatchOutcome] { all.withLock { $0 } }
    }

    @Test func eachImageIsReadAgainAndAChangedOneIsAConflictNotAWrite() {
        let backend = TestBackend()
        backend.show = { (id: String) throws(APIError) in
            // Someone tagged i2 between the load and the batch.
            Self.image(id, tags: id == "i2" ? ["release"] : [])
        }
        backend.tag = { (_: (String, String, Bool)) throws(APIError) in }
        let items = ["i1", "i2", "i3"].map { BatchItem(.tags(add: ["release"], remove: []), on: Self.image($0)) }
        let out = Outcomes()
        BatchRunner(backend: backend, writer: Self.writer, concurrency: 1).run(items, cancel: CancellationFlag(), report: out.record)
        #expect(out.value["i1"] == .done(before: Self.image("i1")))
        #expect(out.value["i2"] == .conflict(["tag release was added meanwhile"]))
        #expect(out.value["i3"] == .done(before: Self.image("i3")))
        #expect(backend.calls.withLock { $0 }.filter { $0.hasPrefix("setTag") } == ["setTag i1 release true", "setTag i3 release true"])
    }

    @Test func aServerAskingForLessIsWaitedOutAndTheBatchGoesOn() {
        let backend = TestBackend()
        let refusals = Mutex(2)
        backend.show = { (id: String) throws(APIError) in Self.image(id) }
        backend.protect = { (_: (String, Bool)) throws(APIError) in
            if refusals.withLock({ $0 -= 1; return $0 >= 0 }) { throw .http(status: 429, message: "Too Many Requests", url: "u") }
        }
        let out = Outcomes()
        BatchRunner(backend: backend, writer: Self.writer, concurrency: 1, backoff: [0.01, 0.01, 0.01])
            .run([BatchItem(.protected(true), on: Self.image("i1"))], cancel: CancellationFlag(), report: out.record)
        #expect(out.value["i1"] == .done(before: Self.image("i1")))
        #expect(backend.calls.withLock { $0 }.filter { $0.hasPrefix("setProtected") }.count == 3)
    }

    @Test func aRefusalIsThatImagesSentenceAndTheRestGoOn() {
        let backend = TestBackend()
        backend.show = { (id: String) throws(APIError) in Self.image(id) }
        backend.remove = { (id: String) throws(APIError) in
            if id == "i1" { throw .http(status: 403, message: "You are not permitted to delete this image.", url: "u") }
        }
        let out = Outcomes()
        let items = ["i1", "i2"].map { BatchItem(.delete, on: Self.image($0)) }
        BatchRunner(backend: backend, writer: Self.writer, concurrency: 2).run(items, cancel: CancellationFlag(), report: out.record)
        guard case .failed(let sentence)? = out.value["i1"] else {
            Issue.record("i1: \(String(describing: out.value["i1"]))")
            return
        }
        #expect(sentence.contains("You are not permitted to delete this image."))
        #expect(out.value["i2"] == .done(before: Self.image("i2")))
    }

    @Test func aCancelledBatchSendsNothingMore() {
        let backend = TestBackend()
        let cancel = CancellationFlag()
        cancel.cancel()
        let out = Outcomes()
        let items = (1...5).map { BatchItem(.hidden(true), on: Self.image("i\($0)")) }
        BatchRunner(backend: backend, writer: Self.writer).run(items, cancel: cancel, report: out.record)
        #expect(out.value.count == 5 && out.value.values.allSatisfy { $0 == .cancelled })
        #expect(backend.calls.withLock { $0 }.isEmpty)
    }

    @Test func noMoreThanTheConcurrencyRunAtOnce() {
        let backend = TestBackend()
        let running = Mutex((now: 0, most: 0, first: true))
        // The first read waits until a second one runs beside it (or 5 s pass), so a loaded
        // machine that is slow to start workers cannot make a working runner look sequential.
        let overlap = DispatchSemaphore(value: 0)
        backend.show = { (id: String) throws(APIError) in
            let (now, first) = running.withLock { r in
                r.now += 1
                r.most = max(r.most, r.now)
                defer { r.first = false }
                return (r.now, r.first)
            }
            if first { _ = overlap.wait(timeout: .now() + 5) } else if now >= 2 { overlap.signal() }
            usleep(5_000)
            running.withLock { $0.now -= 1 }
            return Self.image(id)
        }
        backend.protect = { (_: (String, Bool)) throws(APIError) in }
        let out = Outcomes()
        let items = (1...12).map { BatchItem(.protected(true), on: Self.image("i\($0)")) }
        BatchRunner(backend: backend, writer: Self.writer, concurrency: 3).run(items, cancel: CancellationFlag(), report: out.record)
        #expect(out.value.count == 12)
        #expect(running.withLock { $0.most } <= 3)
        #expect(running.withLock { $0.most } >= 2, "ran one at a time")
    }
}

extension BatchRunnerTests {
    @Test func stepsForOneImageRunInOrderOnOneWorker() {
        let backend = TestBackend()
        let order = Mutex<[String]>([])
        let protected = Mutex(false)
        @Sendable func current(_ id: String) -> Image {
            var image = Self.image(id)
            image.isProtected = protected.withLock { $0 }
            return image
        }
        backend.show = { (id: String) throws(APIError) in current(id) }
        backend.protect = { (input: (String, Bool)) throws(APIError) in
            usleep(input.1 ? 30_000 : 0)
            protected.withLock { $0 = input.1 }
            order.withLock { $0.append("\(input.0) \(input.1)") }
        }
        let image = current("i1")
        let items = [BatchItem(.protected(true), on: image), BatchItem(.protected(false), on: image.applying(.protected(true)))]
        let out = Outcomes()
        BatchRunner(backend: backend, writer: Self.writer, concurrency: 4).run(items, cancel: CancellationFlag(), report: out.record)
        #expect(order.withLock { $0 } == ["i1 true", "i1 false"], "the slow first step finished before the second began")
    }
}

extension Image {
    fileprivate func applying(_ write: ImageWrite) -> Image { write.applied(to: self) }
}
