import Foundation

/// Receives a streamed response. Called on the transferring thread, in order: `begin` once the
/// final status and headers are known, then `receive` for each piece of a 2xx body (the body of
/// any other status is collected into the returned `HTTPResponse` instead, for its message).
/// Returning false from either stops the transfer; the transport then throws `.cancelled`.
/// `begin` comes for every attempt's final response, errors included: a sink acts on 2xx only.
public protocol ResponseSink: AnyObject {
    func begin(status: Int, headers: [String: String]) -> Bool
    func receive(_ bytes: UnsafeRawBufferPointer) -> Bool
}

/// Supplies a request body of known length piece by piece, so a multi-GiB upload is never held
/// in memory. `read` fills up to `buffer.count` bytes and returns how many; 0 means the end; nil
/// means reading failed (the source keeps the reason) and stops the transfer.
public protocol RequestBodySource: AnyObject {
    var length: Int64 { get }
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int?
    /// Back to the first byte, for a retry; false when that is impossible.
    func rewind() -> Bool
}

/// Knobs for one streamed transfer.
public struct StreamOptions: Sendable, Equatable {
    /// Bytes per second, either way; nil for as fast as the link allows.
    public var maxBytesPerSecond: Int64?

    public init(maxBytesPerSecond: Int64? = nil) {
        self.maxBytesPerSecond = maxBytesPerSecond
    }
}

/// A transport that can stream bodies both ways. `shouldContinue` is polled several times a
/// second while the transfer runs (also while it waits on the network) and cancels it when false.
public protocol StreamingHTTPTransport: HTTPTransport {
    func stream(_ request: HTTPRequest, body: (any RequestBodySource)?, sink: (any ResponseSink)?,
                options: StreamOptions,
                shouldContinue: () -> Bool) throws(TransportFailure) -> HTTPResponse
}
