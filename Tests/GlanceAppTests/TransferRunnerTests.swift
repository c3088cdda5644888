import Foundation
import GlanceAPI
@testable import GlanceApp
import GlanceCore
import Synchronization
import Testing

/// Transfers through the runner: what it posts while one runs.
@Suite struct TransferRunnerTests {
    let session = SessionInfo(cloud: "c", imageEndpoint: "http://127.0.0.1:9292")

    /// An image of `chunks` × 1 KiB whose download sends a chunk every `pause`; anything else fails the test.
    final class SlowImage: ImageLister, ImageGetter, ImageDownloader, @unchecked Sendable {
        let chunks: Int
        let pause: Duration
        init(chunks: Int, pause: Duration) {
            self.chunks = chunks
            self.pause = pause
        }

        var api: ImageAPI { .v2 }
        var unavailableFields: [String: String] { [:] }
        var querySupport: QuerySupport { .imageV2 }

        func listImages(_ page: PageRequest) throws(APIError) -> ImagePage {
            Issue.record("unexpected listImages")
            throw .http(status: 500, message: "unexpected", url: "u")
        }

        func image(id: String) throws(APIError) -> Image {
            guard id == "slow" else {
                Issue.record("unexpected image \(id)")
                throw .http(status: 404, message: "unexpected", url: "u")
            }
            var image = Image(id: id)
            image.name = "slow"
            image.status = "active"
            image.size = Int64(chunks * 1024)
            return image
        }

        func download(id: String, from offset: Int64, sink: any ResponseSink, options: StreamOptions,
                      shouldContinue: () -> Bool) throws(APIError) -> HTTPResponse {
            #expect(id == "slow" && offset == 0)
            _ = sink.begin(status: 200, headers: ["content-length": String(chunks * 1024)])
            let chunk = [UInt8](repeating: 7, count: 1024)
            for _ in 0..<chunks {
                Thread.sleep(forTimeInterval: Double(pause.components.attoseconds) / 1e18 + Double(pause.components.seconds))
                _ = chunk.withUnsafeBytes { sink.receive($0) }
            }
            return HTTPResponse(status: 200)
        }
    }

    /// Runs a download of `SlowImage` with the given interval and returns what was posted.
    func download(progressInterval: Double) async throws -> [Msg] {
        let dir = NSTemporaryDirectory() + "jf-gate-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = EffectRunnerTests.Collected()
        let cloud = TestCloud(session: session, backend: SlowImage(chunks: 12, pause: .milliseconds(120)))
        let runner = EffectRunner(cloud: cloud, progressInterval: progressInterval, post: out.post)
        runner.run(.startTransfer(TransferID(1), .download(DownloadJob(imageID: "slow", destination: dir + "/slow.img"))))
        for _ in 0..<1000 {
            if out.messages.withLock({ $0.contains { if case .transferFinished = $0 { true } else { false } } }) { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        return out.messages.withLock { $0 }
    }

    static func transferring(_ messages: [Msg]) -> Int {
        messages.filter {
            if case .transferProgressed(_, let p) = $0, case .transferring = p.phase { return true }
            return false
        }.count
    }

    /// `--low-bandwidth` keeps progress to once a second: over 1.4 s of bytes, at most two
    /// reports of the transferring phase reach the screen (a change of phase always does).
    @Test func lowBandwidthProgressIsPostedAtMostOncePerInterval() async throws {
        let gated = try await download(progressInterval: 1)
        #expect(gated.contains { if case .transferFinished(_, .completed) = $0 { true } else { false } })
        #expect((1...2).contains(Self.transferring(gated)), "posted \(Self.transferring(gated)) transferring reports")
    }

    /// Without it every report the engine makes (up to ten a second) is posted.
    @Test func withoutLowBandwidthEveryReportIsPosted() async throws {
        let all = try await download(progressInterval: 0)
        #expect(Self.transferring(all) >= 6, "posted \(Self.transferring(all)) transferring reports")
    }

    /// A journal that cannot be written is posted once, however many transfers hit it, and the transfers go on.
    @Test func aJournalThatCannotBeWrittenIsPostedOnce() async throws {
        let dir = NSTemporaryDirectory() + "jf-nojournal-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        FileManager.default.createFile(atPath: dir + "/file", contents: Data())
        let out = EffectRunnerTests.Collected()
        let cloud = TestCloud(session: session, backend: SlowImage(chunks: 1, pause: .milliseconds(1)))
        let runner = EffectRunner(cloud: cloud, journal: TransferJournal(directory: dir + "/file/transfers"), post: out.post)
        runner.run(.startTransfer(TransferID(1), .download(DownloadJob(imageID: "slow", destination: dir + "/a.img"))))
        runner.run(.startTransfer(TransferID(2), .download(DownloadJob(imageID: "slow", destination: dir + "/b.img"))))
        for _ in 0..<500 {
            let finished = out.messages.withLock { $0.filter { if case .transferFinished = $0 { true } else { false } }.count }
            if finished == 2 { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        let messages = out.messages.withLock { $0 }
        let said = messages.compactMap { if case .journalWriteFailed(let problem) = $0 { problem } else { nil } }
        #expect(said.count == 1 && said[0].hasPrefix("cannot create \(dir)/file/transfers"), "\(said)")
        #expect(messages.filter { if case .transferFinished(_, .completed) = $0 { true } else { false } }.count == 2)
    }
}
