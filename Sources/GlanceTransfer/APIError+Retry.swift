import GlanceAPI

extension APIError {
    /// A failure worth another attempt: no answer at all, or a server or gateway in trouble.
    var isRetryable: Bool {
        switch self {
        case .transport(let failure, _): failure != .cancelled
        case .http(let status, _, _): [408, 429, 500, 502, 503, 504].contains(status)
        default: false
        }
    }
}
