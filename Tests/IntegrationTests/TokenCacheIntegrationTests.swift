import CloudConfig
import Foundation
import GlanceAPI
import Synchronization
import Testing

/// The opt-in token cache against the real Keystone and Glance: a second client lists without
/// signing in, and a token Keystone has revoked is dropped and replaced with one sign-in.
@Suite(.enabled(if: LocalCloud.isConfigured, "needs the local cloud: run scripts/test"), .serialized)
struct TokenCacheIntegrationTests {
    final class Lines: Sendable {
        private let storage = Mutex<[String]>([])
        var all: [String] { storage.withLock { $0 } }
        var log: @Sendable (String) -> Void { { line in self.storage.withLock { $0.append(line) } } }
        var signIns: Int { all.filter { $0.hasPrefix("POST ") && $0.contains("/auth/tokens") }.count }
    }

    static func cachedProfile(in directory: String) throws -> CloudProfile {
        var profile = try LocalCloud.profile()
        profile.tokenCachePath = directory + "/glance-tui/token-cache.json"
        return profile
    }

    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.path + "/fs-token-cache-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func cachedToken(_ profile: CloudProfile) throws -> Token {
        let key = try #require(TokenCacheKey(profile: profile))
        guard case .hit(let token) = TokenCacheFile(path: try #require(profile.tokenCachePath)).lookup(key) else {
            Issue.record("no usable token in the cache")
            throw CancellationError()
        }
        return token
    }

    @Test func aSecondClientListsWithTheCachedTokenAndNoSignIn() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let profile = try Self.cachedProfile(in: directory)
        let first = Lines()
        let session = try LocalCloud.client(profile, log: first.log).signIn()
        #expect(first.signIns == 1)

        let second = Lines()
        let client = LocalCloud.client(profile, log: second.log)
        #expect(try client.signIn() == session)
        let page = try client.listImages(.first(query: ImageQuery(), limit: 5))
        #expect(!page.images.isEmpty)
        #expect(second.signIns == 0, "\(second.all)")
        #expect(second.all.contains { $0.hasPrefix("GET ") && $0.contains("/v2/images") && $0.contains("-> 200") })
    }

    @Test func aRevokedCachedTokenIsRefusedByGlanceDroppedAndReplacedWithOneSignIn() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let profile = try Self.cachedProfile(in: directory)
        // Signed in, but not yet used with Glance, whose middleware would otherwise remember it as valid.
        try LocalCloud.client(profile).signIn()
        let revoked = try Self.cachedToken(profile)
        let revoke = try LocalCloud.keystone(.delete, "/auth/tokens", token: revoked.value.reveal(),
                                             headers: [("X-Subject-Token", revoked.value.reveal())])
        #expect(revoke.status == 204)

        let lines = Lines()
        let client = LocalCloud.client(profile, log: lines.log)
        try client.signIn()
        let page = try client.listImages(.first(query: ImageQuery(), limit: 5))
        #expect(!page.images.isEmpty)
        let requests = lines.all.filter { !$0.hasPrefix("token cache") }.map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
        #expect(requests.count == 3, "\(lines.all)")
        #expect(lines.signIns == 1)
        #expect(lines.all.contains { $0.contains("/v2/images") && $0.contains("-> 401") })
        #expect(lines.all.contains("token cache: dropping the refused token"))
        #expect(lines.all.last?.contains("-> 200") == true)
        let fresh = try Self.cachedToken(profile)
        #expect(fresh.value != revoked.value)
        let text = try String(contentsOfFile: try #require(profile.tokenCachePath), encoding: .utf8)
        #expect(!text.contains(revoked.value.reveal()))
        for secret in profile.auth.secrets { #expect(!text.contains(secret.reveal())) }
    }
}
