import CCurl
import Foundation
import GlanceAPI
import Synchronization

/// `HTTPTransport` over libcurl's easy interface. Handles are pooled so that successive requests
/// (pages of a listing) reuse one keep-alive connection instead of a new TCP and TLS handshake.
public final class CurlTransport: StreamingHTTPTransport {
    public struct Options: Sendable {
        public var tls: TLSOptions
        public var connectTimeout: Int = 10
        /// A transfer slower than 1 byte/s for this long is abandoned (a dead link, not a slow one).
        public var stallTimeout: Int = 60
        public var userAgent = "glance-tui/0.1"

        public init(tls: TLSOptions) { self.tls = tls }
    }

    private let options: Options
    private let idleHandles = Mutex<[EasyHandle]>([])

    public init(options: Options) {
        CurlGlobal.initialise()
        self.options = options
    }

    public func send(_ request: HTTPRequest) throws(TransportFailure) -> HTTPResponse {
        let handle = idleHandles.withLock { $0.popLast() } ?? EasyHandle()
        defer { idleHandles.withLock { if $0.count < 8 { $0.append(handle) } } }
        let scope = CancellationScope.current
        return try handle.perform(request, options: options, shouldContinue: { !(scope?.isCancelled ?? false) })
    }

    public func stream(_ request: HTTPRequest, body: (any RequestBodySource)?, sink: (any ResponseSink)?,
                       options streamOptions: StreamOptions,
                       shouldContinue: () -> Bool) throws(TransportFailure) -> HTTPResponse {
        let handle = idleHandles.withLock { $0.popLast() } ?? EasyHandle()
        defer { idleHandles.withLock { if $0.count < 8 { $0.append(handle) } } }
        let scope = CancellationScope.current
        return try handle.perform(request, options: options,
                                  stream: .init(body: body, sink: sink, options: streamOptions),
                                  shouldContinue: { !(scope?.isCancelled ?? false) && shouldContinue() })
    }
}

/// curl_global_init is not thread-safe and must run once before any handle exists.
enum CurlGlobal {
    static let once: Void = { _ = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()
    static func initialise() { _ = once }
}
