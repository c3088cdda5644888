import Foundation

/// A failure of the local disk, with errno's sentence and what to do.
public struct LocalFileError: Error, Sendable, Equatable {
    public var path: String
    public var code: Int32
    public var operation: String

    public var message: String {
        let reason = String(cString: strerror(code))
        switch code {
        case ENOSPC: return "No space left on the device of \(path) (\(reason))"
        case EFBIG: return "\(path) reached the largest file size allowed here (\(reason))"
        case EDQUOT: return "Disk quota exceeded for \(path) (\(reason))"
        default: return "Cannot \(operation) \(path): \(reason)"
        }
    }
}

/// A file descriptor with the few calls transfers need, every one checked.
final class LocalFile {
    let path: String
    let fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    deinit { close(fd) }

    static func openForReading(_ path: String) throws(LocalFileError) -> LocalFile {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw LocalFileError(path: path, code: errno, operation: "open") }
        let file = LocalFile(path: path, fd: fd)
        // Opening a directory succeeds; reading it fails later with a stranger message.
        guard file.isRegularFile || !FileSystem.isDirectory(path) else {
            throw LocalFileError(path: path, code: EISDIR, operation: "open")
        }
        return file
    }

    /// Opens (creating) a partial download for appending after its current bytes.
    static func openPart(_ path: String) throws(LocalFileError) -> LocalFile {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw LocalFileError(path: path, code: errno, operation: "create") }
        return LocalFile(path: path, fd: fd)
    }

    func size() throws(LocalFileError) -> Int64 {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw LocalFileError(path: path, code: errno, operation: "stat") }
        return Int64(info.st_size)
    }

    var isRegularFile: Bool {
        var info = stat()
        return fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    func truncate(to length: Int64) throws(LocalFileError) {
        guard ftruncate(fd, off_t(length)) == 0 else { throw LocalFileError(path: path, code: errno, operation: "truncate") }
        guard lseek(fd, off_t(length), SEEK_SET) >= 0 else { throw LocalFileError(path: path, code: errno, operation: "seek in") }
    }

    func seek(to offset: Int64) throws(LocalFileError) {
        guard lseek(fd, off_t(offset), SEEK_SET) >= 0 else { throw LocalFileError(path: path, code: errno, operation: "seek in") }
    }

    /// Writes all of `bytes`, retrying short writes and EINTR.
    func write(_ bytes: UnsafeRawBufferPointer) throws(LocalFileError) {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw LocalFileError(path: path, code: errno, operation: "write to")
            }
            offset += n
        }
    }

    /// Reads up to `buffer.count` bytes; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(LocalFileError) -> Int {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno != EINTR { throw LocalFileError(path: path, code: errno, operation: "read") }
        }
    }

    func readData(count: Int) throws(LocalFileError) -> Data {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, count), alignment: 16)
        defer { buffer.deallocate() }
        let n = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count]))
        return Data(bytes: buffer.baseAddress!, count: n)
    }

    func sync() throws(LocalFileError) {
        guard fsync(fd) == 0 else { throw LocalFileError(path: path, code: errno, operation: "flush") }
    }

    /// Reads the first `count` bytes and the last `tailCount` (for format detection).
    static func sample(_ path: String, head count: Int, tail tailCount: Int) throws(LocalFileError) -> (head: Data, tail: Data, size: Int64) {
        let file = try openForReading(path)
        let size = try file.size()
        let head = try file.readData(count: count)
        var tail = Data()
        if size > Int64(tailCount) {
            try file.seek(to: size - Int64(tailCount))
            tail = try file.readData(count: tailCount)
        }
        return (head, tail, size)
    }
}

enum FileSystem {
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    static func rename(_ from: String, to: String) throws(LocalFileError) {
        guard Glibc.rename(from, to) == 0 else { throw LocalFileError(path: to, code: errno, operation: "rename \(from) to") }
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func size(_ path: String) -> Int64? {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : nil
    }
}
