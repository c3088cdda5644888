import Foundation
import GlanceAPI
import GlanceTransfer
import Synchronization
import Testing

/// What the transfer tests share: a scratch directory, random files, the images a test made
/// (deleted again by `cleanUp`), downloads on a background thread, and scripts/devcloud.
final class TransferRun {
    static let mib = 1 << 20
    /// Every verified transfer on the local cloud: Glance records md5 and sha512 (os_hash_algo).
    static let bothDigests = Verification.verified(["md5", "sha512"])

    /// The images made through TestImages (PUT in one request) carry the run's marker and name.
    let images: TestImages
    let dir: String
    /// Images made by the code under test (Uploader), with the client that owns each.
    private var extra: [(id: String, client: ImageClient)] = []
    private var mounts: [String] = []

    var client: ImageClient { images.demo.client }

    init(_ label: String) throws {
        images = try TestImages(label)
        dir = (NSTemporaryDirectory() as NSString).appendingPathComponent(images.run)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { (dir as NSString).appendingPathComponent(name) }

    /// The create body for an image the Uploader makes: named and marked like TestImages' own.
    func fields(_ name: String, disk: String = "raw") -> [String: JSONValue] {
        ["name": .string(images.fullName(name)), "disk_format": .string(disk), "container_format": .string("bare"),
         TestImages.marker: .string(images.run)]
    }

    func track(_ id: String, client: ImageClient? = nil) {
        extra.append((id, client ?? self.client))
    }

    /// Deletes the tracked images (404 is fine: a failed upload deletes its own), then those of
    /// TestImages, unmounts what `mountTmpfs` mounted and removes the scratch directory.
    func cleanUp() {
        for (id, client) in extra.reversed() {
            do {
                try client.delete(id: id)
            } catch where error.status == 404 {
                continue
            } catch {
                Issue.record("could not delete test image \(id): \(error)")
            }
        }
        extra = []
        images.deleteAll()
        for mount in mounts.reversed() { unmount(mount) }
        try? FileManager.default.removeItem(atPath: dir)
    }

    // MARK: files

    static func randomData(_ count: Int) throws -> Data {
        let handle = try #require(FileHandle(forReadingAtPath: "/dev/urandom"))
        defer { try? handle.close() }
        var data = Data()
        while data.count < count {
            data += try #require(try handle.read(upToCount: count - data.count))
        }
        return data
    }

    /// A file of `count` random bytes in the scratch directory; its contents are returned.
    @discardableResult
    func randomFile(_ name: String, _ count: Int) throws -> Data {
        let data = try Self.randomData(count)
        try data.write(to: URL(fileURLWithPath: path(name)))
        return data
    }

    func contents(_ name: String) -> Data? { FileManager.default.contents(atPath: path(name)) }
    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }
    func size(_ name: String) -> Int64? {
        (try? FileManager.default.attributesOfItem(atPath: path(name))[.size] as? NSNumber)?.int64Value
    }

    /// An active raw image of random bytes, uploaded in one plain PUT (not through the code under test).
    func activeImage(_ name: String, _ count: Int, as owner: TestImages.Account? = nil) throws -> (image: Image, data: Data) {
        let data = try Self.randomData(count)
        let image = try images.create(name, data: data, as: owner)
        #expect(image.status == "active")
        #expect(image.size == Int64(count))
        return (image, data)
    }

    // MARK: a small disk

    /// A tmpfs of `size` (as mount's size= option) at `name`, unmounted by `cleanUp`; nil when
    /// mounting is not possible here (not root, or no CAP_SYS_ADMIN in a container).
    func mountTmpfs(_ name: String, size: String) -> String? {
        guard getuid() == 0 else { return nil }
        let target = path(name)
        try? FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        guard let result = try? Shell.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", target], timeout: 10),
              result.status == 0 else { return nil }
        mounts.append(target)
        return target
    }

    private func unmount(_ target: String) {
        let result = try? Shell.run("/bin/umount", [target], timeout: 10)
        if result?.status != 0 {
            _ = try? Shell.run("/bin/umount", ["-l", target], timeout: 10)
            Issue.record("umount \(target): \(result?.output ?? "did not run"); unmounted lazily")
        }
        mounts.removeAll { $0 == target }
    }
}

/// Every progress report of one transfer, safe to read from the test's thread while the
/// transfer's thread appends.
final class ProgressLog: Sendable {
    private let entries = Mutex<[TransferProgress]>([])

    func record(_ progress: TransferProgress) { entries.withLock { $0.append(progress) } }

    var all: [TransferProgress] { entries.withLock { $0 } }
    var maxDone: Int64 { all.map(\.bytesDone).max() ?? 0 }

    var retries: [(attempt: Int, reason: String, resumeAt: Int64)] {
        all.compactMap { progress in
            if case .retrying(let attempt, let reason, let resumeAt) = progress.phase { return (attempt, reason, resumeAt) }
            return nil
        }
    }

    func saw(_ phase: TransferPhase) -> Bool { all.contains { $0.phase == phase } }

    /// Polls until `condition` holds or `seconds` pass; true when it held.
    func wait(seconds: Double, until condition: (ProgressLog) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(self) { return true }
            usleep(50_000)
        }
        return condition(self)
    }
}

/// Runs `body` on its own thread (transfers block); `wait` gives its result or nil on timeout.
final class Background<T: Sendable>: Sendable {
    private let result = Mutex<T?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ body: @escaping @Sendable () -> T) {
        let thread = Thread { [self] in
            let value = body()
            result.withLock { $0 = value }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    func wait(seconds: Double) -> T? {
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        done.signal() // a later wait returns at once too
        return result.withLock { $0 }
    }
}

typealias DownloadResult = Result<TransferOutcome, DownloadRefusal>

extension TransferRun {
    /// Starts a download on a background thread, every progress report going into `log`.
    func startDownload(_ job: DownloadJob, cancel: CancellationFlag = CancellationFlag(),
                       log: ProgressLog = ProgressLog()) -> Background<DownloadResult> {
        let downloader = Downloader(backend: ImageV2Backend(client: client))
        return Background {
            do throws(DownloadRefusal) {
                return .success(try downloader.run(job, cancel: cancel, progress: { log.record($0) }))
            } catch {
                return .failure(error)
            }
        }
    }

    /// A download run to its end within `seconds` (cancelled and recorded as an issue past that).
    func download(_ job: DownloadJob, seconds: Double = 30, log: ProgressLog = ProgressLog(),
                  sourceLocation: SourceLocation = #_sourceLocation) throws -> DownloadResult {
        let cancel = CancellationFlag()
        let running = startDownload(job, cancel: cancel, log: log)
        if let result = running.wait(seconds: seconds) { return result }
        cancel.cancel()
        _ = running.wait(seconds: 10)
        Issue.record("the download took longer than \(Int(seconds)) s", sourceLocation: sourceLocation)
        throw TimedOut()
    }

    /// The Uploader run to its end within `seconds`; the image it creates is tracked for clean-up.
    func upload(_ job: UploadJob, seconds: Double = 30, log: ProgressLog = ProgressLog(),
                as owner: ImageClient? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> (outcome: TransferOutcome, created: String?) {
        let client = owner ?? self.client
        let uploader = Uploader(backend: ImageV2Backend(client: client))
        let cancel = CancellationFlag()
        let createdID = Mutex<String?>(nil)
        let running = Background {
            uploader.run(job, cancel: cancel, progress: { log.record($0) },
                         created: { image in createdID.withLock { $0 = image.id } })
        }
        let outcome = running.wait(seconds: seconds)
        if outcome == nil {
            cancel.cancel()
            _ = running.wait(seconds: 10)
        }
        let id = createdID.withLock { $0 }
        if let id { track(id, client: client) }
        guard let outcome else {
            Issue.record("the upload took longer than \(Int(seconds)) s", sourceLocation: sourceLocation)
            throw TimedOut()
        }
        return (outcome, id)
    }
}

struct TimedOut: Error {}

/// Runs a program with its output in a file (a server it starts may keep a pipe open forever).
/// posix_spawn and waitpid rather than Foundation's Process, whose waitUntilExit was seen to
/// miss the exit of a devcloud that had just started a server (the child stayed a zombie).
enum Shell {
    struct SpawnFailed: Error { let code: Int32 }

    static func run(_ executable: String, _ arguments: [String], environment extra: [String: String] = [:],
                    timeout: Double) throws -> (status: Int32, output: String) {
        let outputFile = NSTemporaryDirectory() + "gtt-shell-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: outputFile) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }.map { "\($0.key)=\($0.value)" }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer { for p in argv + envp { free(p) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw SpawnFailed(code: spawned) }

        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(timeout)
        var finished = false
        while !finished {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { finished = true; break }
            if r < 0, errno != EINTR { return (-2, "waitpid: \(String(cString: strerror(errno)))") }
            if Date() >= deadline { break }
            usleep(50_000)
        }
        if !finished {
            kill(pid, SIGKILL)
            _ = waitpid(pid, &status, 0)
            return (-1, "timed out after \(Int(timeout)) s: \(executable) \(arguments.joined(separator: " "))")
        }
        let text = String(decoding: FileManager.default.contents(atPath: outputFile) ?? Data(), as: UTF8.self)
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (code, text)
    }

    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") + ["/usr/bin"] {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// scripts/devcloud of this checkout, on the cloud whose clouds.yaml GLANCE_TUI_CLOUDS names.
enum Devcloud {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/devcloud").path

    /// The directory that holds clouds.yaml is the cloud's DEVCLOUD_DIR.
    static var directory: String? {
        LocalCloud.cloudsFile.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }
    }

    @discardableResult
    static func run(_ command: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Bool {
        let dir = try #require(directory)
        let result = try Shell.run("/bin/bash", [script, command], environment: ["DEVCLOUD_DIR": dir], timeout: 120)
        #expect(result.status == 0, "devcloud \(command): \(result.output)", sourceLocation: sourceLocation)
        return result.status == 0
    }
}
