import Foundation

/// Scrubs known secret values and secret-bearing headers from text before it is logged or shown.
/// Defence in depth: the code never puts secrets into messages on purpose, but server errors can
/// echo a request back (Keystone quotes bad JSON, proxies quote headers).
public struct Redactor: Sendable {
    public static let mask = "***"
    public static let secretHeaders: Set<String> = ["x-auth-token", "x-subject-token", "authorization", "x-service-token"]
    private var secrets: [String]

    public init(secrets: [String] = []) {
        // Short values would mask innocent text; Keystone secrets of under 4 characters are not realistic.
        self.secrets = secrets.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
    }

    public mutating func add(_ secret: Secret) {
        let v = secret.reveal()
        guard v.count >= 4, !secrets.contains(v) else { return }
        secrets.append(v)
        secrets.sort { $0.count > $1.count }
    }

    public func scrub(_ text: String) -> String {
        var out = text
        for s in secrets where out.contains(s) {
            out = out.replacingOccurrences(of: s, with: Self.mask)
        }
        return out
    }

    public func headerValue(name: String, value: String) -> String {
        Self.secretHeaders.contains(name.lowercased()) ? Self.mask : scrub(value)
    }
}
