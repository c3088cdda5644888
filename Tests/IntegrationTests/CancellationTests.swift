import CurlTransport
import Foundation
import GlanceAPI
import Synchronization
import Testing

/// `.cancel` of a request stops the curl transfer itself: the transport polls the thread's
/// cancellation while it waits on a server that never answers.
@Suite struct CancellationTests {
    /// A loopback socket that listens and never answers: the kernel completes the handshake,
    /// the request goes out, and no byte ever comes back.
    final class SilentServer {
        let fd: Int32
        let port: Int

        init() throws {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            self.fd = fd
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0, listen(fd, 4) == 0 else {
                port = 0
                throw CocoaError(.fileWriteUnknown)
            }
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            port = Int(UInt16(bigEndian: address.sin_port))
        }

        deinit { close(fd) }
    }

    @Test func aCancelledRequestStopsLongBeforeTheServerWouldHaveAnswered() throws {
        let server = try SilentServer()
        let transport = CurlTransport(options: .init(tls: TLSOptions()))
        let flag = CancellationFlag()
        let outcome = Mutex<Result<HTTPResponse, TransportFailure>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let started = Date()
        let url = "http://127.0.0.1:\(server.port)/v2/images"
        Thread.detachNewThread {
            let result: Result<HTTPResponse, TransportFailure>
            do throws(TransportFailure) {
                result = .success(try CancellationScope.run(flag) { () throws(TransportFailure) in
                    try transport.send(HTTPRequest(method: .get, url: url))
                })
            } catch {
                result = .failure(error)
            }
            outcome.withLock { $0 = result }
            done.signal()
        }
        usleep(300_000)
        flag.cancel()
        // The transport gives up a silent server only after its 60-second stall timeout.
        #expect(done.wait(timeout: .now() + 10) == .success, "the request did not stop")
        #expect(outcome.withLock { $0 } == .failure(.cancelled))
        #expect(Date().timeIntervalSince(started) < 10)
        withExtendedLifetime(server) {}
    }

    @Test func aRequestOutsideAnyScopeIsNotCancelledByAnotherThreadsFlag() throws {
        let flag = CancellationFlag()
        flag.cancel()
        let inside = CancellationScope.run(flag) { CancellationScope.shouldContinue }
        #expect(!inside)
        #expect(CancellationScope.shouldContinue, "the scope ended with run")
    }
}
