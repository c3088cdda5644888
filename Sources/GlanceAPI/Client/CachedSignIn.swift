import Foundation

/// An `ImageClient`'s side of the token cache: its profile's key in the file, and what each
/// step says to the debug log (never the token).
struct CachedSignIn: Sendable {
    let file: TokenCacheFile
    let key: TokenCacheKey

    /// Nil when the profile does not opt in, or signs in with a token of its own.
    init?(profile: CloudProfile) {
        guard let path = profile.tokenCachePath, let key = TokenCacheKey(profile: profile) else { return nil }
        file = TokenCacheFile(path: path)
        self.key = key
    }

    /// The cached token when it is still good; otherwise nil, and the log says why.
    func token(log: (@Sendable (String) -> Void)?, now: Date = Date()) -> Token? {
        switch file.lookup(key, now: now) {
        case .hit(let token):
            log?("token cache: using the token cached in \(file.path), valid until \(Self.time(token.expiresAt))")
            return token
        case .absent:
            log?("token cache: no token for this sign-in in \(file.path)")
        case .expired(let at):
            log?("token cache: the cached token expires at \(Self.time(at)), too soon to use; signing in")
        case .unusable(let reason):
            log?("token cache: \(file.path) ignored (\(reason)); it is replaced after signing in")
        }
        return nil
    }

    func save(_ token: Token, log: (@Sendable (String) -> Void)?) {
        if let problem = file.save(token, for: key) {
            log?("token cache: not saved: \(problem)")
        } else {
            log?("token cache: token saved in \(file.path), valid until \(Self.time(token.expiresAt))")
        }
    }

    func drop(log: (@Sendable (String) -> Void)?) {
        log?("token cache: dropping the refused token")
        if let problem = file.drop(key) { log?("token cache: cannot drop it: \(problem)") }
    }

    static func time(_ date: Date?) -> String { date?.formatted(.iso8601) ?? "?" }
}
