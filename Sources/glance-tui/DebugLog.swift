import Foundation
import GlanceAPI
import Synchronization

/// `--debug-log FILE`: timestamped lines, appended; every line passes through a redactor that
/// knows this session's secrets, so a password or token never reaches the file.
final class DebugLog: Sendable {
    private let handle: FileHandle
    private let redactor: Redactor
    private let lock = Mutex<Void>(())
    private let start = Date()

    init(path: String, secrets: [Secret]) throws {
        if !FileManager.default.fileExists(atPath: path) {
            // Owner-only: request logs name hosts, projects and image ids.
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteNoPermission)
            }
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        handle.seekToEndOfFile()
        var r = Redactor()
        for s in secrets { r.add(s) }
        redactor = r
    }

    func write(_ line: String) {
        let elapsed = String(format: "%9.3f", Date().timeIntervalSince(start))
        let text = "\(elapsed) \(redactor.scrub(line))\n"
        lock.withLock { _ in handle.write(Data(text.utf8)) }
    }
}
