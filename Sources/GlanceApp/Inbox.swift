import Foundation
import GlanceCore
import Synchronization

/// Messages from background work to the UI thread. Posting appends under a lock and writes one
/// byte to a pipe the UI loop polls, so the loop sleeps until there is something to do.
public final class Inbox: Sendable {
    private let queue = Mutex<(messages: [Msg], signalled: Bool)>(([], false))
    public let readFD: Int32
    private let writeFD: Int32

    public init() throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        readFD = fds[0]
        writeFD = fds[1]
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        _ = fcntl(readFD, F_SETFD, FD_CLOEXEC)
        _ = fcntl(writeFD, F_SETFD, FD_CLOEXEC)
    }

    deinit {
        close(readFD)
        close(writeFD)
    }

    public func post(_ msg: Msg) {
        let wake = queue.withLock { state -> Bool in
            state.messages.append(msg)
            defer { state.signalled = true }
            return !state.signalled
        }
        if wake {
            var byte: UInt8 = 1
            _ = write(writeFD, &byte, 1)
        }
    }

    /// Everything posted so far, in order; empties the pipe.
    public func drain() -> [Msg] {
        var scratch = [UInt8](repeating: 0, count: 64)
        while read(readFD, &scratch, scratch.count) > 0 {}
        return queue.withLock { state in
            defer { state = ([], false) }
            return state.messages
        }
    }
}
