import Foundation

public enum HTTPMethod: String, Sendable, Equatable {
    case get = "GET", head = "HEAD", post = "POST", put = "PUT", patch = "PATCH", delete = "DELETE"
}

/// A request as data: built by pure functions, performed by an `HTTPTransport`.
public struct HTTPRequest: Sendable, Equatable {
    public var method: HTTPMethod
    public var url: String
    /// Ordered, because some servers care and logs read better; names compared case-insensitively.
    public var headers: [(name: String, value: String)]
    public var body: Data?

    public init(method: HTTPMethod, url: String, headers: [(name: String, value: String)] = [], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    public mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { $0.name.caseInsensitiveCompare(name) == .orderedSame }
        headers.append((name, value))
    }

    public static func == (a: HTTPRequest, b: HTTPRequest) -> Bool {
        a.method == b.method && a.url == b.url && a.body == b.body
            && a.headers.map { "\($0.name.lowercased()): \($0.value)" } == b.headers.map { "\($0.name.lowercased()): \($0.value)" }
    }
}

public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    /// Header names lower-cased; a repeated header keeps its last value.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
    public var isSuccess: Bool { (200..<300).contains(status) }
}

/// Why a request produced no HTTP response at all.
public enum TransportFailure: Error, Sendable, Equatable {
    case cannotResolveHost(String)
    case cannotConnect(String)
    case timedOut(String)
    case tls(String)
    case cancelled
    case other(String)
}

/// Performs one request synchronously; called from a background queue, never the UI thread.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) throws(TransportFailure) -> HTTPResponse
}
