import Foundation
import GlanceAPI
import Testing
@testable import GlanceTransfer

/// A Downloader over a real ImageClient talking to the scripted server, writing into a scratch
/// directory.
struct DownloadRig {
    static let imageID = "img-1"
    let transport: ScriptedTransport
    let client: ImageClient
    let scratch: Scratch
    let data: Data
    let destination: String

    init(size: Int = 100_003, chunkSize: Int = 8192, chunkDelay: Double = 0, status: String = "active") throws {
        transport = ScriptedTransport(chunkSize: chunkSize, chunkDelay: chunkDelay)
        client = ImageClient(profile: ScriptedTransport.profile, transport: transport)
        scratch = try Scratch()
        data = Bytes.pattern(size)
        destination = scratch.file("cirros.img")
        transport.addImage(id: Self.imageID, data: data, status: status)
    }

    var size: Int { data.count }
    var partPath: String { destination + ".part" }
    var corruptPath: String { destination + ".corrupt" }
    var fileURL: String { ScriptedTransport.imageRoot + "/v2/images/\(Self.imageID)/file" }

    func job(retry: RetryPolicy = .quick(), overwrite: Bool = false) -> DownloadJob {
        DownloadJob(imageID: Self.imageID, destination: destination, overwrite: overwrite, retry: retry)
    }

    func run(_ job: DownloadJob? = nil, log: ProgressLog = ProgressLog(),
             cancel: CancellationFlag = CancellationFlag(),
             watchdog: Double = Watchdog.seconds) throws(DownloadRefusal) -> TransferOutcome {
        Watchdog.arm(cancel, after: watchdog)
        return try Downloader(backend: ImageV2Backend(client: client)).run(job ?? self.job(), cancel: cancel, progress: log.closure)
    }

    var verified: TransferOutcome {
        .completed(location: destination, bytes: Int64(size), verification: .verified(["md5", "sha512"]))
    }

    func writePart(_ bytes: Data) throws {
        try bytes.write(to: URL(fileURLWithPath: partPath))
    }
}

extension TransferOutcome {
    var failure: (message: String, partKept: String?)? {
        if case .failed(let message, let partKept) = self { (message, partKept) } else { nil }
    }
}

@Suite("Downloader over a scripted Glance")
struct DownloaderTests {
    @Test("happy path: signs in, reads the image, streams the file, verifies md5 and sha512")
    func happyPath() throws {
        let rig = try DownloadRig()
        defer { rig.scratch.remove() }
        let log = ProgressLog()
        let outcome = try rig.run(log: log)

        #expect(outcome == rig.verified)
        #expect(Scratch.contents(rig.destination) == rig.data)
        #expect(!Scratch.exists(rig.partPath))
        #expect(!Scratch.exists(rig.corruptPath))
        #expect(rig.transport.lines == ["POST /v3/auth/tokens", "GET /v2/images/img-1", "GET /v2/images/img-1/file"])
        let file = try #require(rig.transport.fileRequests.first)
        #expect(file.url == rig.fileURL)
        #expect(file.header("Range") == nil)
        #expect(file.header("X-Auth-Token") == "token-1")
        #expect(file.status == 200)
        #expect(file.delivered == rig.size)
        #expect(log.phases.first == .preparing)
        #expect(log.reports.last == TransferProgress(phase: .verifying, bytesDone: Int64(rig.size), totalBytes: Int64(rig.size),
                                                     rate: log.reports.last?.rate, eta: log.reports.last?.eta))
    }

    @Test("a connection reset after 40% resumes with Range from exactly the bytes written")
    func resumeAfterReset() throws {
        let rig = try DownloadRig()
        defer { rig.scratch.remove() }
        let n = rig.size * 4 / 10
        rig.transport.scriptFile([.reset(after: n)])
        let log = ProgressLog()
        let outcome = try rig.run(log: log)

        #expect(outcome == rig.verified)
        #expect(Scratch.contents(rig.destination) == rig.data)
        #expect(!Scratch.exists(rig.partPath))
        let files = rig.transport.fileRequests
        try #require(files.count == 2)
        #expect(files[0].header("Range") == nil)
        #expect(files[0].delivered == n)
        #expect(files[0].status == 200)
        #expect(files[1].header("Range") == "bytes=\(n)-")
        #expect(files[1].status == 206)
        #expect(files[1].delivered == rig.size - n)
        let retries = log.retries
        try #require(retries.count == 1)
        #expect(retries[0].attempt == 1)
        #expect(retries[0].resumeAt == Int64(n))
        #expect(retries[0].reason.contains(ScriptedTransport.resetMessage))
        // After the wait the transfer goes on from n, not from 0.
        let afterRetry = log.reports.drop { if case .retrying = $0.phase { false } else { true } }.dropFirst()
        #expect(afterRetry.first == TransferProgress(phase: .transferring, bytesDone: Int64(n), totalBytes: Int64(rig.size),
                                                     rate: afterRetry.first?.rate, eta: afterRetry.first?.eta))
        #expect(log.phases.last == .verifying)
    }

    @Test("a 401 on the resumed request signs in again and retries with the new token")
    func reauthenticatesOnResume() throws {
        let rig = try DownloadRig()
        defer { rig.scratch.remove() }
        let n = rig.size * 4 / 10
        rig.transport.scriptFile([.reset(after: n), .unauthorized, .normal])
        let outcome = try rig.run()

        #expect(outcome == rig.verified)
        #expect(Scratch.contents(rig.destination) == rig.data)
        #expect(rig.transport.lines == [
            "POST /v3/auth/tokens", "GET /v2/images/img-1", "GET /v2/images/img-1/file",
            "GET /v2/images/img-1/file", "POST /v3/auth/tokens", "GET /v2/images/img-1/file",
        ])
        let files = rig.transport.fileRequests
        #expect(files.map { $0.header("X-Auth-Token") } == ["token-1", "token-1", "token-2"])
        #expect(files.map { $0.header("Range") } == [nil, "bytes=\(n)-", "bytes=\(n)-"])
        #expect(files.map(\.status) == [200, 401, 206])
        #expect(rig.transport.keystoneRequests.count == 2)
    }

    @Test("a server that ignores Range and sends 200 with everything: the part is rewritten from 0")
    func serverIgnoresRange() throws {
        let rig = try DownloadRig()
        defer { rig.scratch.remove() }
        let n = rig.size * 4 / 10
        rig.transport.scriptFile([.reset(after: n), .serve(.init(honourRange: false))])
        let outcome = try rig.run()

        #expect(outcome == rig.verified)
        let written = try #require(Scratch.contents(rig.destination))
        #expect(written.count == rig.size)
        #expect(written == rig.data)
        let files = rig.transport.fileRequests
        try #require(files.count == 2)
        #expect(files[1].header("Range") == "bytes=\(n)-")
        #expect(files[1].status == 200)
        #expect(files[1].delivered == rig.size)
    }

    @Test("a restart (Range ignored) that drops again resumes from what the restart wrote")
    func restartThenDropAgain() throws {
        let rig = try DownloadRig()
        defer { rig.scratch.remove() }
        let n = rig.size * 4 / 10
        let m = rig.size / 4
        rig.transport.scriptFile([.reset(after: n), .serve(.init(honourRange: false, cutAfter: m)), .normal])
        let log = ProgressLog()
        let outcome = try rig.run(log: log)

        #expect(outcome == rig.verified)
        #expect(Scratch.contents(rig.destination) == rig.data)
        let files = rig.transport.fileRequests
        #expect(files.map { $0.header("Range") } == [nil, "bytes=\(n)-", "bytes=\(m)-"])
        #expect(files.map(\.status) == [200, 200, 206])
        #expect(log.retries.map(\.resumeAt) == [Int64(n), Int64(m)])
    }

    @Test("an existing .part and a server that ignores Range: the rehashed bytes are forgotten")
    func existingPartRangeIgnored() throws {
        let rig = try DownloadRig()
        defer { rig.scratch.remove() }
        let k = rig.size * 3 / 10
        try rig.writePart(rig.data.prefix(k))
        rig.transport.scriptFile([.serve(.init(honourRange: false))])
        let outcome = try rig.run()

        #expect(outcome == rig.verified)
        #expect(Scratch.contents(rig.destination) == rig.data)
        let files = rig.transport.fileRequests
        #expect(files.map { $0.header("Range") } == ["bytes=\(k)-"])
        #expect(files.map(\.status) == [200])
    }

    @Test("a longer stale .part (image size unrecorded) rewritten by a 200 keeps no stale tail")
    func restartTruncatesLongerPart() throws {
        let rig = try DownloadRig()
        defer { rig.scratch.remove() }
        rig.transport.addImage(id: DownloadRig.imageID, data: rig.data, fields: ["size": .null])
        let stale = rig.data + Data(repeating: 0xAB, count: 100)
        try rig.writePart(stale)
        rig.transport.scriptFile([.serve(.init(honourRange: false))])
        let outcome = try rig.run()

        #expect(outcome == rig.verified)
        #expect(Scratch.contents(rig.destination) == rig.data)
        #expect(rig.transport.fileRequests.map { $0.header("Range") } == ["bytes=\(stale.count)-"])
    }

    @Test("a 206 whose Content-Range starts elsewhere fails naming it and keeps the part")
    func wrongContentRange() throws {
        let rig = try DownloadRig()
        defer { rig.scratch.remove() }
        let n = rig.size * 4 / 10
        let elsewhere = n - 1000
        rig.transport.scriptFile([.reset(after: n),
                                  .serve(.init(contentRange: "bytes \(elsewhere)-\(rig.size - 1)/\(rig.size)"))])
        let outcome = try rig.run()

        let failure = try #require(outcome.failure)
        #expect(failure.message.contains("resumed at byte \(elsewhere), not at byte \(n)"))
        #expect(failure.partKept == rig.partPath)
        #expect(Scratch.contents(rig.partPath) == rig.data.prefix(n))
        #expect(!Scratch.exists(rig.destination))
        let files = rig.transport.fileRequests
        #expect(files.count == 2)
        #expect(files.last?.delivered == 0)
    }

    @Test("an existing .part of 30% is rehashed and resumed from its size")
    func resumesExistingPart() throws {
        let rig = try DownloadRig()
        defer { rig.scratch.remove() }
        let k = rig.size * 3 / 10
        try rig.writePart(rig.data.prefix(k))
        let log = ProgressLog()
        let outcome = try rig.run(log: log)

        #expect(outcome == rig.verified)
        #expect(Scratch.contents(rig.destination) == rig.data)
        let files = rig.transport.fileRequests
        try #require(files.count == 1)
        #expect(files[0].header("Range") == "bytes=\(k)-")
        #expect(files[0].delivered == rig.size - k)
        let checking = log.reports.filter { $0.phase == .checkingPart }
        #expect(!checking.isEmpty)
        #expect(checking.last?.bytesDone == Int64(k))
        let firstChecking = try #require(log.phases.firstIndex(of: .checkingPart))
        let firstTransferring = try #require(log.phases.firstIndex(of: .transferring))
        #expect(firstChecking < firstTransferring)
        #expect(log.reports[firstTransferring].bytesDone == Int64(k))
    }

    @Test("an existing .part longer than the image is started over")
    func partLongerThanImage() throws {
        let rig = try DownloadRig()
        defer { rig.scratch.remove() }
        try rig.writePart(rig.data + Data(repeating: 0xAB, count: 100))
        let outcome = try rig.run()

        #expect(outcome == rig.verified)
        #expect(Scratch.contents(rig.destination) == rig.data)
        let files = rig.transport.fileRequests
        try #require(files.count == 1)
        #expect(files[0].header("Range") == nil)
        #expect(files[0].delivered == rig.size)
    }

    @Test("a body with one byte flipped fails verification and is kept as .corrupt")
    func corruptBody() throws {
        let rig = try DownloadRig()
        defer { rig.scratch.remove() }
        var bad = rig.data
        bad[rig.size / 2] ^= 0xFF
        rig.transport.scriptFile([.serve(.init(data: bad))])
        let outcome = try rig.run()

        let failure = try #require(outcome.failure)
        #expect(failure.message.contains("md5 mismatch: expected \(Bytes.md5(rig.data)), got \(Bytes.md5(bad))"))
        #expect(failure.message.contains(rig.corruptPath))
        #expect(failure.partKept == rig.corruptPath)
        #expect(Scratch.contents(rig.corruptPath) == bad)
        #expect(!Scratch.exists(rig.destination))
        #expect(!Scratch.exists(rig.partPath))
    }

    @Test("a Content-MD5 that disagrees with the image's checksum fails as a Content-MD5 mismatch")
    func contentMD5Mismatch() throws {
        let rig = try DownloadRig()
        defer { rig.scratch.remove() }
        let other = Bytes.md5(Data("something else".utf8))
        rig.transport.scriptFile([.serve(.init(contentMD5: other))])
        let outcome = try rig.run()

        let failure = try #require(outcome.failure)
        #expect(failure.message.contains("Content-MD5 mismatch: expected \(Bytes.md5(rig.data)), got \(other)"))
        #expect(failure.partKept == rig.corruptPath)
        #expect(Scratch.contents(rig.corruptPath) == rig.data)
        #expect(!Scratch.exists(rig.destination))
    }

    @Test("a Content-MD5 in base64 (RFC 1864) that agrees verifies")
    func contentMD5Base64Agrees() throws {
        let rig = try DownloadRig()
        defer { rig.scratch.remove() }
        rig.transport.scriptFile([.serve(.init(contentMD5: Bytes.md5Base64(rig.data)))])
        let outcome = try rig.run()
        #expect(outcome == rig.verified)
        #expect(Scratch.contents(rig.destination) == rig.data)
    }

    @Test("a body shorter than its Content-Length (no error) is a drop and is resumed")
    func shortBodyResumes() throws {
        let rig = try DownloadRig()
        defer { rig.scratch.remove() }
        let n = rig.size * 4 / 10
        rig.transport.scriptFile([.serve(.init(cutAfter: n, cutSilently: true))])
        let log = ProgressLog()
        let outcome = try rig.run(log: log)

        #expect(outcome == rig.verified)
        #expect(Scratch.contents(rig.destination) == rig.data)
        let files = rig.transport.fileRequests
        try #require(files.count == 2)
        #expect(files[0].status == 200)
        #expect(files[0].delivered == n)
        #expect(files[1].header("Range") == "bytes=\(n)-")
        #expect(log.retries.map(\.resumeAt) == [Int64(n)])
        #expect(log.retries.first?.reason.contains("closed early") == true)
    }

    @Test("a complete .part of an image of known size is verified without a file request")
    func completePartKnownSize() throws {
        let rig = try DownloadRig()
        defer { rig.scratch.remove() }
        try rig.writePart(rig.data)
        let log = ProgressLog()
        let outcome = try rig.run(log: log)

        #expect(outcome == rig.verified)
        #expect(Scratch.contents(rig.destination) == rig.data)
        #expect(!Scratch.exists(rig.partPath))
        #expect(rig.transport.lines == ["POST /v3/auth/tokens", "GET /v2/images/img-1"])
        #expect(log.phases.contains(.checkingPart))
        #expect(log.phases.last == .verifying)
    }

    @Test("416 bytes */SIZE for a complete .part (image size unrecorded) completes and verifies without a body")
    func alreadyCompleteBy416() throws {
        let rig = try DownloadRig()
        defer { rig.scratch.remove() }
        rig.transport.addImage(id: DownloadRig.imageID, data: rig.data, fields: ["size": .null])
        try rig.writePart(rig.data)
        let outcome = try rig.run()

        #expect(outcome == rig.verified)
        #expect(Scratch.contents(rig.destination) == rig.data)
        #expect(!Scratch.exists(rig.partPath))
        let files = rig.transport.fileRequests
        try #require(files.count == 1)
        #expect(files[0].header("Range") == "bytes=\(rig.size)-")
        #expect(files[0].status == 416)
        #expect(files[0].delivered == 0)
    }

    @Test("416 for a .part longer than the data (image size unrecorded) starts over from byte 0")
    func longerPartBy416Restarts() throws {
        let rig = try DownloadRig()
        defer { rig.scratch.remove() }
        rig.transport.addImage(id: DownloadRig.imageID, data: rig.data, fields: ["size": .null])
        let longer = rig.data + Data(repeating: 0xAB, count: 100)
        try rig.writePart(longer)
        let outcome = try rig.run()

        // ResumeDecision.restart: "throw the part away and write the body from byte 0"; a 416
        // has no body, so the data has to be asked for again from the start.
        #expect(outcome == rig.verified)
        #expect(Scratch.contents(rig.destination) == rig.data)
        let files = rig.transport.fileRequests
        #expect(files.map { $0.header("Range") } == ["bytes=\(longer.count)-", nil])
        #expect(files.map(\.status) == [416, 200])
        if let failure = outcome.failure {
            // Whatever happens, a failure must not destroy the user's bytes while saying none were kept.
            #expect(failure.partKept != nil || !Scratch.exists(rig.partPath),
                    "failed with \"\(failure.message)\"; \(rig.partPath) is \(Scratch.contents(rig.partPath)?.count ?? -1) bytes")
        }
    }

    @Test("a 416 answered to a request without Range (size unrecorded) ends instead of asking forever")
    func endless416() throws {
        let rig = try DownloadRig()
        defer { rig.scratch.remove() }
        rig.transport.addImage(id: DownloadRig.imageID, data: rig.data, fields: ["size": .null])
        // A broken server or proxy: every GET, Range or not, is "range not satisfiable".
        rig.transport.scriptFile([], otherwise: .status(416, headers: ["Content-Range": "bytes */\(rig.size)"]))
        let outcome = try rig.run(rig.job(retry: .quick(3)), watchdog: 3)

        #expect(outcome.failure != nil, "ended as \(outcome) after \(rig.transport.fileRequests.count) file requests")
        #expect(rig.transport.fileRequests.count <= 5)
    }

    @Test("a 206 whose total differs from the image's size fails and keeps the part")
    func partialWithOtherTotal() throws {
        let rig = try DownloadRig()
        defer { rig.scratch.remove() }
        let n = rig.size * 4 / 10
        rig.transport.scriptFile([.reset(after: n),
                                  .serve(.init(contentRange: "bytes \(n)-\(rig.size - 1)/\(rig.size + 10)"))])
        let outcome = try rig.run()
        let failure = try #require(outcome.failure)
        #expect(failure.message.contains("the server reports \(rig.size + 10) bytes but the image records \(rig.size)"))
        #expect(failure.partKept == rig.partPath)
        #expect(Scratch.contents(rig.partPath) == rig.data.prefix(n))
    }

    @Test("cancelling while waiting to retry stops at once and keeps the part")
    func cancelDuringRetryWait() throws {
        let rig = try DownloadRig()
        defer { rig.scratch.remove() }
        let n = rig.size * 4 / 10
        rig.transport.scriptFile([.reset(after: n)])
        let cancel = CancellationFlag()
        let log = ProgressLog()
        log.onReport = { p in if case .retrying = p.phase { cancel.cancel() } }
        let started = Date()
        let outcome = try rig.run(rig.job(retry: RetryPolicy(maxAttempts: 3, baseDelay: 5, maxDelay: 5)), log: log, cancel: cancel)

        #expect(outcome == .cancelled(partKept: rig.partPath))
        #expect(Date().timeIntervalSince(started) < 2, "the 5 s wait was not cut short")
        #expect(rig.transport.fileRequests.count == 1)
        #expect(Scratch.contents(rig.partPath) == rig.data.prefix(n))
    }

    @Test("cancelling from the progress callback keeps exactly the bytes received")
    func cancelFromProgress() throws {
        let rig = try DownloadRig(chunkSize: 1024, chunkDelay: 0.01)
        defer { rig.scratch.remove() }
        let cancel = CancellationFlag()
        let log = ProgressLog()
        log.onReport = { p in if p.phase == .transferring, p.bytesDone > 0 { cancel.cancel() } }
        let outcome = try rig.run(log: log, cancel: cancel)

        #expect(outcome == .cancelled(partKept: rig.partPath))
        let files = rig.transport.fileRequests
        try #require(files.count == 1)
        let delivered = files[0].delivered
        #expect(delivered > 0 && delivered < rig.size)
        #expect(Scratch.contents(rig.partPath) == rig.data.prefix(delivered))
        #expect(!Scratch.exists(rig.destination))
    }

    @Test("retries exhausted: gives up after maxAttempts attempts without progress, the part kept")
    func retriesExhausted() throws {
        let rig = try DownloadRig()
        defer { rig.scratch.remove() }
        let n = rig.size * 4 / 10
        rig.transport.scriptFile([.reset(after: n)] + Array(repeating: .reset(after: 0), count: 20))
        let log = ProgressLog()
        let outcome = try rig.run(rig.job(retry: .quick(3)), log: log)

        let failure = try #require(outcome.failure)
        #expect(failure.message.hasPrefix("Gave up after 3 attempts"))
        #expect(failure.message.contains("keeps \(n) bytes"))
        #expect(failure.partKept == rig.partPath)
        #expect(Scratch.contents(rig.partPath) == rig.data.prefix(n))
        #expect(!Scratch.exists(rig.destination))
        // The first attempt plus three retries, all of them from n.
        let files = rig.transport.fileRequests
        #expect(files.map { $0.header("Range") } == [nil] + Array(repeating: "bytes=\(n)-", count: 3))
        #expect(log.retries.map(\.attempt) == [1, 2, 3])
        #expect(log.retries.allSatisfy { $0.resumeAt == Int64(n) })
    }

    @Test("an attempt that moved bytes starts the retry count afresh")
    func progressResetsAttempts() throws {
        let rig = try DownloadRig()
        defer { rig.scratch.remove() }
        let n = rig.size / 3
        rig.transport.scriptFile([.reset(after: 0), .reset(after: n), .reset(after: 0), .normal])
        let log = ProgressLog()
        let outcome = try rig.run(rig.job(retry: .quick(2)), log: log)

        #expect(outcome == rig.verified)
        #expect(log.retries.map(\.attempt) == [1, 1, 2])
        #expect(log.retries.map(\.resumeAt) == [0, Int64(n), Int64(n)])
        #expect(rig.transport.fileRequests.map { $0.header("Range") } == [nil, nil, "bytes=\(n)-", "bytes=\(n)-"])
    }

    @Test("an existing destination without overwrite is refused before any request")
    func destinationExists() throws {
        let rig = try DownloadRig()
        defer { rig.scratch.remove() }
        try Data("old".utf8).write(to: URL(fileURLWithPath: rig.destination))

        #expect(throws: DownloadRefusal.destinationExists(rig.destination)) { try rig.run() }
        #expect(rig.transport.requests.isEmpty)
        #expect(Scratch.contents(rig.destination) == Data("old".utf8))
        #expect(!Scratch.exists(rig.partPath))
    }

    @Test("overwrite replaces an existing destination")
    func overwrite() throws {
        let rig = try DownloadRig()
        defer { rig.scratch.remove() }
        try Data("old".utf8).write(to: URL(fileURLWithPath: rig.destination))
        let outcome = try rig.run(rig.job(overwrite: true))
        #expect(outcome == rig.verified)
        #expect(Scratch.contents(rig.destination) == rig.data)
    }

    @Test("a queued image is refused as not downloadable, with no file request")
    func queuedImage() throws {
        let rig = try DownloadRig(status: "queued")
        defer { rig.scratch.remove() }
        let refusal = #expect(throws: DownloadRefusal.self) { try rig.run() }
        guard case .notDownloadable(let why)? = refusal else {
            Issue.record("expected notDownloadable, got \(String(describing: refusal))")
            return
        }
        #expect(why.contains("queued"))
        #expect(rig.transport.lines == ["POST /v3/auth/tokens", "GET /v2/images/img-1"])
        #expect(!Scratch.exists(rig.partPath))
    }

    @Test("403 on the file fails at once: one file request, no retry")
    func forbiddenIsNotRetried() throws {
        let rig = try DownloadRig()
        defer { rig.scratch.remove() }
        rig.transport.scriptFile([.status(403, headers: ["Content-Type": "application/json"],
                                          body: #"{"error": {"code": 403, "title": "Forbidden", "message": "You are not authorized to download this image."}}"#)])
        let log = ProgressLog()
        let outcome = try rig.run(log: log)

        let failure = try #require(outcome.failure)
        #expect(failure.message.contains("403 Forbidden"))
        #expect(failure.message.contains("You are not authorized to download this image."))
        #expect(failure.partKept == nil)
        #expect(rig.transport.fileRequests.count == 1)
        #expect(log.retries.isEmpty)
        #expect(!Scratch.exists(rig.destination))
    }

    @Test("a failure that reports no part kept leaves no .part file behind")
    func noStrayEmptyPart() throws {
        let rig = try DownloadRig()
        defer { rig.scratch.remove() }
        rig.transport.scriptFile([.status(403, body: "Forbidden")])
        let outcome = try rig.run()
        let failure = try #require(outcome.failure)
        #expect(failure.partKept == nil)
        #expect(!Scratch.exists(rig.partPath), "the outcome says no part was kept, yet \(rig.partPath) exists (\(Scratch.contents(rig.partPath)?.count ?? -1) bytes)")
    }

    @Test("a 503 is retried from the start when nothing was written")
    func serviceUnavailableIsRetried() throws {
        let rig = try DownloadRig()
        defer { rig.scratch.remove() }
        rig.transport.scriptFile([.status(503, body: "busy"), .normal])
        let log = ProgressLog()
        let outcome = try rig.run(log: log)
        #expect(outcome == rig.verified)
        #expect(rig.transport.fileRequests.map { $0.header("Range") } == [nil, nil])
        #expect(log.retries.map(\.resumeAt) == [0])
    }

    @Test("progress: at most one report per 0.1 s within a phase, the last one is verifying")
    func progressIsThrottled() throws {
        let rig = try DownloadRig(size: 200_000, chunkSize: 2048, chunkDelay: 0.005)
        defer { rig.scratch.remove() }
        let log = ProgressLog()
        let outcome = try rig.run(log: log)
        #expect(outcome == rig.verified)

        let phases = log.phases
        #expect(phases.first == .preparing)
        #expect(phases.last == .verifying)
        #expect(Set(phases.map { "\($0)" }) == ["preparing", "transferring", "verifying"])
        let last = try #require(log.reports.last)
        #expect(last.bytesDone == Int64(rig.size) && last.totalBytes == Int64(rig.size))

        let transferring = log.entries.filter { $0.progress.phase == .transferring }
        let elapsed = try #require(transferring.last).time - transferring[0].time
        // Roughly 100 chunks over half a second or more: without throttling there would be ~100.
        #expect(transferring.count >= 3, "too few reports to show progress: \(transferring.count)")
        #expect(Double(transferring.count) <= elapsed / 0.1 + 2,
                "\(transferring.count) transferring reports in \(elapsed) s")
        for (a, b) in zip(transferring, transferring.dropFirst()) {
            #expect(b.time - a.time >= 0.09, "reports \(b.time - a.time) s apart")
            #expect(b.progress.bytesDone >= a.progress.bytesDone)
        }
        #expect(transferring.contains { $0.progress.rate != nil && $0.progress.eta != nil })
        #expect(transferring.allSatisfy { $0.progress.totalBytes == Int64(rig.size) })
    }
}
