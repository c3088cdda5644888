import Foundation
import GlanceAPI

/// Feeds a file to the transport a piece at a time, hashing what it sends so the image's
/// checksums can be compared afterwards.
final class FileSource: RequestBodySource {
    let file: LocalFile
    let length: Int64
    private(set) var sent: Int64 = 0
    private(set) var readError: LocalFileError?
    private var md5 = Digest(algorithm: "md5")
    private var sha512 = Digest(algorithm: "sha512")
    private let onBytes: (Int64) -> Void

    init(file: LocalFile, length: Int64, onBytes: @escaping (Int64) -> Void) {
        self.file = file
        self.length = length
        self.onBytes = onBytes
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        do {
            let n = try file.read(into: buffer)
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
            md5?.update(chunk)
            sha512?.update(chunk)
            sent += Int64(n)
            onBytes(sent)
            return n
        } catch {
            readError = error
            return nil
        }
    }

    func rewind() -> Bool {
        do { try file.seek(to: 0) } catch { return false }
        sent = 0
        md5 = Digest(algorithm: "md5")
        sha512 = Digest(algorithm: "sha512")
        return true
    }

    /// The digests of everything sent, once the whole file went: md5 and sha512 by name.
    func finishDigests() -> [String: String] {
        var result: [String: String] = [:]
        if let md5 { result["md5"] = md5.finalizeHex() }
        if let sha512 { result["sha512"] = sha512.finalizeHex() }
        return result
    }
}
