/// A failure a user reads. Every case carries a sentence that says what happened and, where one
/// exists, what to do; none ever carries a credential.
public enum APIError: Error, Sendable, Equatable {
    /// The server answered with a status outside 2xx; `message` is the server's own sentence.
    case http(status: Int, message: String, url: String)
    case transport(TransportFailure, url: String)
    case malformedResponse(String, url: String)
    case serviceNotFound(String)
    case configuration(String)

    public var status: Int? { if case .http(let s, _, _) = self { s } else { nil } }

    public var userMessage: String {
        switch self {
        case .http(let status, let message, _):
            let hint = Self.hint(forStatus: status)
            let head = "\(status) \(Self.reason(status))"
            let body = message.isEmpty ? head : "\(head): \(message)"
            return hint.map { "\(body) (\($0))" } ?? body
        case .transport(let failure, let url):
            switch failure {
            case .cannotResolveHost(let h): return "Cannot resolve host \(h) (\(url))"
            case .cannotConnect(let detail): return "Cannot connect to \(Self.hostPart(url)): \(detail)"
            case .timedOut(let detail): return "Timed out talking to \(Self.hostPart(url)): \(detail)"
            case .tls(let detail): return "TLS failure with \(Self.hostPart(url)): \(detail) (use --os-cacert, or --insecure to skip verification)"
            case .cancelled: return "Request cancelled"
            case .other(let detail): return "Request to \(Self.hostPart(url)) failed: \(detail)"
            }
        case .malformedResponse(let detail, let url): return "Malformed response from \(Self.hostPart(url)): \(detail)"
        case .serviceNotFound(let m), .configuration(let m): return m
        }
    }

    static func hint(forStatus status: Int) -> String? {
        switch status {
        case 401: "check the user name, password or credential for this cloud"
        case 403: "the policy of this cloud does not allow it for your role"
        case 404: "it may have been deleted meanwhile; press r to reload"
        case 409: "it conflicts with the image's current state; press r to reload"
        case 413: "over a quota or size limit"
        case 415: "the data or media type was refused"
        case 503: "the service is unavailable; try again shortly"
        default: nil
        }
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 409: "Conflict"
        case 413: "Request Entity Too Large"
        case 415: "Unsupported Media Type"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "HTTP error"
        }
    }

    static func hostPart(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != "?" }
        return String(url[..<schemeEnd.upperBound]) + host
    }
}
