import Foundation

/// The requests one piece of work sent, as "METHOD /path → status": what the command log
/// shows of a write, read from what actually went out rather than from what was meant to.
/// The client notes each request on the thread doing the work, inside `record`; the path is
/// scrubbed of secrets like every logged URL, and no header or body is kept.
public final class RequestTrail: @unchecked Sendable {
    private static let key = "glance-tui.request-trail"
    private var lines: [String] = []

    /// Runs `body`, returning what it returned and the requests it sent.
    public static func record<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> (T, [String]) {
        let trail = RequestTrail()
        let dictionary = Thread.current.threadDictionary
        let previous = dictionary[key]
        dictionary[key] = trail
        defer { dictionary[key] = previous }
        let value = try body()
        return (value, trail.lines)
    }

    /// Notes a request if this thread is recording; `status` nil when no answer came.
    static func note(_ method: HTTPMethod, _ url: String, status: Int?) {
        guard let trail = Thread.current.threadDictionary[key] as? RequestTrail else { return }
        trail.lines.append("\(method.rawValue) \(path(of: url)) → \(status.map(String.init) ?? "no answer")")
    }

    /// The URL without scheme and host: the log names the cloud elsewhere.
    static func path(of url: String) -> String {
        guard let scheme = url.range(of: "://"), let slash = url[scheme.upperBound...].firstIndex(of: "/") else { return url }
        return String(url[slash...])
    }
}
