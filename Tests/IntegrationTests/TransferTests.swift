import Foundation
import GlanceAPI
import GlanceTransfer
import Testing

/// Downloads, uploads and imports (GlanceTransfer over CurlTransport) against the real Glance of
/// scripts/devcloud: stores "fast" (default) and "cheap", import methods glance-direct,
/// web-download and copy-image. One test stops and restarts Glance (devcloud stop-glance /
/// start-glance) to cut a download off mid-way.
@Suite(.enabled(if: LocalCloud.isConfigured, "needs the local cloud: run scripts/test"), .serialized)
struct TransferTests {
    static let mib = TransferRun.mib
    static let qemuImg = Shell.which("qemu-img")

    // MARK: round trips

    @Test(.enabled(if: qemuImg != nil, "needs qemu-img (apt-get install qemu-utils)"))
    func qcow2UploadThenDownloadRoundTrip() throws {
        let run = try TransferRun("transfer")
        defer { run.cleanUp() }
        let made = try Shell.run(try #require(Self.qemuImg), ["create", "-q", "-f", "qcow2", run.path("disk.qcow2"), "64M"], timeout: 20)
        try #require(made.status == 0, "qemu-img create: \(made.output)")
        try roundTrip(run, file: "disk.qcow2", disk: "qcow2")
    }

    @Test func rawUploadThenDownloadRoundTrip() throws {
        let run = try TransferRun("transfer")
        defer { run.cleanUp() }
        try run.randomFile("disk.raw", 5 * Self.mib + 123)
        try roundTrip(run, file: "disk.raw", disk: "raw")
    }

    private func roundTrip(_ run: TransferRun, file: String, disk: String) throws {
        let original = try #require(run.contents(file))
        let job = UploadJob(file: run.path(file), target: .newImage(run.fields("round trip \(disk)", disk: disk)),
                            method: .direct(store: nil))
        let (uploaded, created) = try run.upload(job)
        let id = try #require(created)
        #expect(uploaded == .completed(location: id, bytes: Int64(original.count), verification: TransferRun.bothDigests))
        let image = try run.client.image(id: id)
        #expect(image.status == "active")
        #expect(image.diskFormat == disk)
        #expect(image.size == Int64(original.count))

        let destination = run.path("back.\(disk)")
        let log = ProgressLog()
        let downloaded = try run.download(DownloadJob(imageID: id, destination: destination), log: log).get()
        #expect(downloaded == .completed(location: destination, bytes: Int64(original.count), verification: TransferRun.bothDigests))
        #expect(run.contents("back.\(disk)") == original)
        #expect(!run.exists("back.\(disk).part"))
        #expect(log.saw(.verifying))
        #expect(log.all.last?.bytesDone == Int64(original.count))
    }

    // MARK: resume

    @Test func aDownloadCutOffByAnOutageResumesAndVerifies() throws {
        let run = try TransferRun("transfer")
        defer { run.cleanUp() }
        let size = 64 * Self.mib
        let (image, data) = try run.activeImage("outage", size)
        let destination = run.path("outage.raw")
        let job = DownloadJob(imageID: image.id, destination: destination,
                              stream: StreamOptions(maxBytesPerSecond: Int64(4 * Self.mib)),
                              retry: RetryPolicy(maxAttempts: 20, baseDelay: 0.5, maxDelay: 2))
        let log = ProgressLog()
        let cancel = CancellationFlag()
        let running = run.startDownload(job, cancel: cancel, log: log)
        // Whatever happens below, the download stops and Glance runs again for the other tests.
        var glanceDown = false
        defer {
            cancel.cancel()
            _ = running.wait(seconds: 15)
            if glanceDown { _ = try? Devcloud.run("start-glance") }
        }

        try #require(log.wait(seconds: 15) { $0.maxDone > Int64(8 * Self.mib) }, "8 MiB did not arrive within 15 s")
        glanceDown = true
        try #require(try Devcloud.run("stop-glance"))
        let cutAt = log.maxDone
        if cutAt >= Int64(size) {
            Issue.record("all \(size) bytes had arrived before Glance stopped: the 4 MiB/s limit did not hold (see aRateLimitedDownloadKeepsToTheLimit), so there was nothing to cut off")
        } else {
            #expect(log.wait(seconds: 20) { !$0.retries.isEmpty }, "no retrying phase reported after Glance stopped")
        }
        try #require(try Devcloud.run("start-glance"))
        glanceDown = false

        let outcome = try #require(running.wait(seconds: 45), "the download did not finish within 45 s of the restart")
        #expect(try outcome.get() == .completed(location: destination, bytes: Int64(size), verification: TransferRun.bothDigests))
        #expect(run.contents("outage.raw") == data)
        #expect(!run.exists("outage.raw.part"))
        let retries = log.retries
        #expect(!retries.isEmpty)
        #expect(retries.contains { $0.resumeAt > 0 }, "retries: \(retries)")
        #expect(retries.allSatisfy { $0.resumeAt < Int64(size) })
    }

    @Test func cancellingKeepsAResumablePart() throws {
        let run = try TransferRun("transfer")
        defer { run.cleanUp() }
        let size = 16 * Self.mib
        let (image, data) = try run.activeImage("cancel", size)
        let destination = run.path("cancel.raw")
        let part = destination + ".part"
        let cancel = CancellationFlag()
        let log = ProgressLog()
        let running = run.startDownload(DownloadJob(imageID: image.id, destination: destination,
                                                    stream: StreamOptions(maxBytesPerSecond: Int64(2 * Self.mib))),
                                        cancel: cancel, log: log)
        defer { cancel.cancel(); _ = running.wait(seconds: 10) }
        try #require(log.wait(seconds: 10) { $0.maxDone > Int64(2 * Self.mib) }, "2 MiB did not arrive within 10 s")
        cancel.cancel()
        let cancelled = try #require(running.wait(seconds: 10), "the cancel was not noticed within 10 s")
        let stopped = try cancelled.get()
        #expect(stopped == .cancelled(partKept: part), "got \(stopped) with \(log.maxDone) bytes reported before the cancel")
        let kept = try #require(run.size("cancel.raw.part"))
        #expect(kept > 0 && kept < Int64(size), "part holds \(kept) bytes")
        #expect(!run.exists("cancel.raw"))

        let again = ProgressLog()
        let resumed = try run.download(DownloadJob(imageID: image.id, destination: destination), log: again).get()
        #expect(resumed == .completed(location: destination, bytes: Int64(size), verification: TransferRun.bothDigests))
        #expect(run.contents("cancel.raw") == data)
        #expect(!run.exists("cancel.raw.part"))
        #expect(again.saw(.checkingPart) || kept == 0, "the kept bytes are re-hashed, not fetched again")
        let firstTransfer = again.all.first { $0.phase == .transferring }
        #expect((firstTransfer?.bytesDone ?? 0) >= kept, "resumed at \(firstTransfer?.bytesDone ?? -1), part had \(kept)")
    }

    /// The cancel test above relies on the limit holding from the start: a rate-limited
    /// download of 16 MiB at 4 MiB/s takes about 4 s, not a burst.
    @Test func aRateLimitedDownloadKeepsToTheLimit() throws {
        let run = try TransferRun("transfer")
        defer { run.cleanUp() }
        let size = 16 * Self.mib
        let (image, data) = try run.activeImage("rate limit", size)
        let destination = run.path("limited.raw")
        let started = Date()
        let outcome = try run.download(DownloadJob(imageID: image.id, destination: destination,
                                                   stream: StreamOptions(maxBytesPerSecond: Int64(4 * Self.mib)))).get()
        let seconds = Date().timeIntervalSince(started)
        #expect(outcome == .completed(location: destination, bytes: Int64(size), verification: TransferRun.bothDigests))
        #expect(run.contents("limited.raw") == data)
        // 4 s at the limit; curl may run ahead by a socket buffer or two at the start.
        #expect(seconds >= 2.5, "16 MiB at 4 MiB/s arrived in \(String(format: "%.2f", seconds)) s")
    }

    /// A .part that already holds every byte (cancelled after the last one arrived) needs
    /// no more data: Glance answers `Range: bytes=SIZE-` with 416 (and no Content-Range).
    @Test func aPartHoldingEveryByteIsVerifiedAndRenamed() throws {
        let run = try TransferRun("transfer")
        defer { run.cleanUp() }
        let size = 2 * Self.mib
        let (image, data) = try run.activeImage("complete part", size)
        let destination = run.path("complete.raw")
        try data.write(to: URL(fileURLWithPath: destination + ".part"))

        let outcome = try run.download(DownloadJob(imageID: image.id, destination: destination)).get()
        #expect(outcome == .completed(location: destination, bytes: Int64(size), verification: TransferRun.bothDigests))
        #expect(run.contents("complete.raw") == data)
        #expect(!run.exists("complete.raw.part"), "part left with \(run.size("complete.raw.part") ?? -1) bytes")
    }

    @Test func aPartWithForeignBytesFailsVerificationAndIsKeptAsCorrupt() throws {
        let run = try TransferRun("transfer")
        defer { run.cleanUp() }
        let size = 4 * Self.mib
        let (image, _) = try run.activeImage("garbage", size)
        let destination = run.path("garbage.raw")
        try run.randomFile("garbage.raw.part", Self.mib)

        let outcome = try run.download(DownloadJob(imageID: image.id, destination: destination)).get()
        guard case .failed(let message, let partKept) = outcome else {
            Issue.record("expected .failed, got \(outcome)")
            return
        }
        #expect(partKept == destination + ".corrupt")
        #expect(message.contains("mismatch"), "message: \(message)")
        #expect(message.contains(destination + ".corrupt"), "message: \(message)")
        #expect(run.size("garbage.raw.corrupt") == Int64(size), "the foreign MiB plus the rest from the server")
        #expect(!run.exists("garbage.raw"))
        #expect(!run.exists("garbage.raw.part"))
    }

    // MARK: the destination

    @Test func anExistingDestinationIsRefusedUnlessOverwriting() throws {
        let run = try TransferRun("transfer")
        defer { run.cleanUp() }
        let (image, data) = try run.activeImage("exists", Self.mib)
        let destination = run.path("exists.raw")
        let old = Data("an older file".utf8)
        try old.write(to: URL(fileURLWithPath: destination))

        let refused = try run.download(DownloadJob(imageID: image.id, destination: destination))
        #expect(refused == .failure(.destinationExists(destination)))
        #expect(run.contents("exists.raw") == old)
        #expect(!run.exists("exists.raw.part"))

        let replaced = try run.download(DownloadJob(imageID: image.id, destination: destination, overwrite: true)).get()
        #expect(replaced == .completed(location: destination, bytes: Int64(Self.mib), verification: TransferRun.bothDigests))
        #expect(run.contents("exists.raw") == data)
    }

    @Test func aFullDiskFailsWithNoSpaceLeftAndRenamesNothing() throws {
        let run = try TransferRun("transfer")
        defer { run.cleanUp() }
        let (image, _) = try run.activeImage("full disk", 8 * Self.mib)

        if let small = run.mountTmpfs("small", size: "2m") {
            let destination = small + "/full.raw"
            let outcome = try run.download(DownloadJob(imageID: image.id, destination: destination)).get()
            guard case .failed(let message, let partKept) = outcome else {
                Issue.record("expected .failed, got \(outcome)")
                return
            }
            #expect(message.contains("No space left"), "message: \(message)")
            #expect(partKept == destination + ".part")
            #expect(!FileManager.default.fileExists(atPath: destination))
            try? FileManager.default.removeItem(atPath: destination + ".part")
        } else {
            // No tmpfs (not root): the same write failure from the file size limit instead.
            var saved = rlimit()
            getrlimit(Int32(RLIMIT_FSIZE.rawValue), &saved)
            let oldHandler = signal(SIGXFSZ, SIG_IGN)
            var limit = saved
            limit.rlim_cur = rlim_t(2 * Self.mib)
            try #require(setrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit) == 0)
            defer {
                setrlimit(Int32(RLIMIT_FSIZE.rawValue), &saved)
                signal(SIGXFSZ, oldHandler)
            }
            let destination = run.path("full.raw")
            let outcome = try run.download(DownloadJob(imageID: image.id, destination: destination)).get()
            guard case .failed(let message, let partKept) = outcome else {
                Issue.record("expected .failed, got \(outcome)")
                return
            }
            #expect(message.contains("largest file size"), "message: \(message)")
            #expect(partKept == destination + ".part")
            #expect(!run.exists("full.raw"))
        }
    }

    // MARK: uploads the server refuses

    @Test func randomBytesDeclaredQcow2AreRefusedAndTheImageDeleted() throws {
        let run = try TransferRun("transfer")
        defer { run.cleanUp() }
        try run.randomFile("not-qcow2.img", 2 * Self.mib)
        let job = UploadJob(file: run.path("not-qcow2.img"), target: .newImage(run.fields("wrong format", disk: "qcow2")),
                            method: .direct(store: nil))
        let (outcome, created) = try run.upload(job)
        guard case .failed(let message, let partKept) = outcome else {
            Issue.record("expected .failed, got \(outcome)")
            return
        }
        #expect(partKept == nil)
        #expect(message.contains("The server refused the data as not disk_format qcow2"), "message: \(message)")
        #expect(message.contains("looks like raw"), "message: \(message)")
        #expect(message.contains("was deleted again"), "message: \(message)")
        let id = try #require(created, "the upload created no image")
        #expect(LocalCloud.apiError { _ = try run.client.image(id: id) }?.status == 404)
        #expect(try run.images.list(ImageQuery()).isEmpty, "no image of this run is left")
    }

    // MARK: imports and stores

    @Test func glanceDirectImportIntoTheCheapStore() throws {
        let run = try TransferRun("transfer")
        defer { run.cleanUp() }
        let data = try run.randomFile("staged.raw", 3 * Self.mib)
        let log = ProgressLog()
        let job = UploadJob(file: run.path("staged.raw"), target: .newImage(run.fields("glance-direct")),
                            method: .glanceDirect(stores: ["cheap"]))
        let (outcome, created) = try run.upload(job, log: log)
        let id = try #require(created)
        #expect(outcome == .completed(location: id, bytes: Int64(data.count), verification: TransferRun.bothDigests))
        let image = try run.client.image(id: id)
        #expect(image.status == "active")
        #expect(stores(image) == ["cheap"], "stores: \(String(describing: image.fields["stores"]))")

        let back = try run.download(DownloadJob(imageID: id, destination: run.path("staged.back"))).get()
        #expect(back == .completed(location: run.path("staged.back"), bytes: Int64(data.count), verification: TransferRun.bothDigests))
        #expect(run.contents("staged.back") == data)
    }

    @Test func copyImageAddsTheCheapStore() throws {
        let run = try TransferRun("transfer")
        defer { run.cleanUp() }
        // copy-image is for admins only (Glance's copy_image policy).
        let admin = try run.images.account("devcloud-admin")
        let (image, _) = try run.activeImage("copy", 2 * Self.mib, as: admin)
        #expect(stores(try admin.client.image(id: image.id)) == ["fast"])

        let log = ProgressLog()
        let follower = ImportFollower(backend: ImageV2Backend(client: admin.client))
        let cancel = CancellationFlag()
        let running = Background { follower.copy(imageID: image.id, to: ["cheap"], cancel: cancel, progress: { log.record($0) }) }
        defer { cancel.cancel(); _ = running.wait(seconds: 10) }
        let outcome = try #require(running.wait(seconds: 30), "the copy did not finish within 30 s")
        guard case .completed(let location, let bytes, _) = outcome else {
            Issue.record("expected .completed, got \(outcome)")
            return
        }
        #expect(location == image.id)
        #expect(bytes == Int64(2 * Self.mib))
        let copied = try admin.client.image(id: image.id)
        #expect(copied.status == "active")
        #expect(Set(stores(copied)) == ["fast", "cheap"], "stores: \(String(describing: copied.fields["stores"]))")
    }

    /// web-download: Glance fetches the file from a server of the test's own on loopback
    /// (devcloud allows 127.0.0.1 and port 9393 in import_filtering_opts).
    @Test func webDownloadFetchesAURLIntoTheCheapStore() throws {
        let run = try TransferRun("transfer")
        defer { run.cleanUp() }
        let data = try run.randomFile("served.raw", 3 * Self.mib)
        let server = try #require(LoopbackWebServer(directory: run.dir, port: 9393), "python3 -m http.server did not start")
        defer { server.stop() }
        let job = UploadJob(file: nil, target: .newImage(run.fields("web-download")),
                            method: .webDownload(uri: "http://127.0.0.1:9393/served.raw", stores: ["cheap"]))
        let (outcome, created) = try run.upload(job, seconds: 60)
        let id = try #require(created)
        #expect(outcome == .completed(location: id, bytes: Int64(data.count),
                                      verification: .notChecked("the server fetched the data itself")))
        let image = try run.client.image(id: id)
        #expect(image.status == "active")
        #expect(stores(image) == ["cheap"])
        let back = try run.download(DownloadJob(imageID: id, destination: run.path("served.back"))).get()
        #expect(back == .completed(location: run.path("served.back"), bytes: Int64(data.count), verification: TransferRun.bothDigests))
        #expect(run.contents("served.back") == data)
    }

    @Test func importOptionsListTheMethodsAndBothStores() throws {
        let run = try TransferRun("transfer")
        defer { run.cleanUp() }
        let options = try run.client.importOptions()
        #expect(Set(options.methods).isSuperset(of: ["glance-direct", "web-download", "copy-image"]), "methods: \(options.methods)")
        #expect(Set(options.stores.map(\.id)) == ["fast", "cheap"])
        #expect(options.defaultStore == ImageStore(id: "fast", description: "Fast local store", isDefault: true))
        let cheap = try #require(options.stores.first { $0.id == "cheap" })
        #expect(cheap.description == "Cheap local store")
        #expect(!cheap.isDefault)
    }


    private func stores(_ image: Image) -> [String] {
        (image.fields["stores"]?.stringValue ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

/// `python3 -m http.server` serving a directory on 127.0.0.1, for web-download.
final class LoopbackWebServer {
    private let pid: pid_t

    init?(directory: String, port: Int) {
        guard let python = Shell.which("python3") else { return nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let args = [python, "-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", directory]
        let argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, python, &actions, nil, argv, environ) == 0 else { return nil }
        self.pid = pid
        // Wait until it accepts connections.
        for _ in 0..<50 {
            if let answer = try? Shell.run("/usr/bin/curl", ["-sf", "-o", "/dev/null", "http://127.0.0.1:\(port)/"], timeout: 2),
               answer.status == 0 { return }
            usleep(100_000)
        }
        stop()
        return nil
    }

    func stop() {
        // SIGKILL: the test runner may have been started with SIGTERM ignored, which a spawned
        // child inherits, and a server left behind would answer the next run with old bytes.
        kill(pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }
}
