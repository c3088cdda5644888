import Foundation
import Testing
@testable import GlanceAPI

/// The ImageClient with the token cache on and off, over a transport that answers only what each
/// test lists (anything else is a 599 that fails it).
@Suite struct TokenCacheClientTests {
    static let password = "s3cret-Passw0rd-never-written"
    static let tokensURL = "http://127.0.0.1:5000/v3/auth/tokens"

    static func profile(cache: String?, auth: AuthMethod? = nil) -> CloudProfile {
        CloudProfile(name: "devcloud", authURL: "http://127.0.0.1:5000/v3",
                     auth: auth ?? .password(user: .name("demo", domain: .name("Default")), password: Secret(password),
                                             scope: .project(.name("demo", domain: .name("Default")))),
                     regionName: "RegionOne", tokenCachePath: cache)
    }

    /// Keystone's real answer (the fixture) with an expiry an hour from now.
    static func keystoneToken(_ value: String) throws -> FakeTransport.Answer {
        guard case .object(var root) = try JSONDecoder().decode(JSONValue.self, from: try Fixture.data("keystone-token-response.json")),
              case .object(var token) = root["token"] else { throw CancellationError() }
        token["expires_at"] = .string(Date().addingTimeInterval(3600).formatted(.iso8601))
        root["token"] = .object(token)
        return .success(HTTPResponse(status: 201, headers: ["Content-Type": "application/json", "X-Subject-Token": value],
                                     body: try JSONEncoder().encode(JSONValue.object(root))))
    }

    static let unauthorized = Canned.status(401, text: #"{"error": {"code": 401, "message": "The request you have made requires authentication."}}"#,
                                            contentType: "application/json")

    @Test func aSecondClientSignsInFromTheCacheWithoutAskingKeystone() throws {
        let dir = try StateDirectory()
        let first = FakeTransport(keystone: [try Self.keystoneToken("gAAAAAB-cached-one")])
        let signedIn = try ImageClient(profile: Self.profile(cache: dir.cachePath), transport: first).signIn()
        #expect(first.requests.map(\.url) == [Self.tokensURL])
        #expect(dir.contents.contains("gAAAAAB-cached-one"))
        #expect(!dir.contents.contains(Self.password))

        let second = FakeTransport(other: [try Canned.page()])
        let log = LogSink()
        let client = ImageClient(profile: Self.profile(cache: dir.cachePath), transport: second, log: log.closure)
        let session = try client.signIn()
        #expect(session == signedIn)
        #expect(second.requests.isEmpty)
        _ = try client.listImages(.first(query: ImageQuery(), limit: 3))
        #expect(second.requests.map(\.method) == [.get])
        #expect(second.requests.first?.header("X-Auth-Token") == "gAAAAAB-cached-one")
        #expect(log.lines.contains { $0.hasPrefix("token cache: using the token cached in \(dir.cachePath)") })
        #expect(!log.lines.joined().contains("gAAAAAB-cached-one"))
    }

    @Test func aRefusedCachedTokenIsDroppedAndKeystoneAskedOnceThenTheRequestRetried() throws {
        let dir = try StateDirectory()
        let seed = FakeTransport(keystone: [try Self.keystoneToken("gAAAAAB-revoked")])
        try ImageClient(profile: Self.profile(cache: dir.cachePath), transport: seed).signIn()

        let transport = FakeTransport(keystone: [try Self.keystoneToken("gAAAAAB-fresh")],
                                      other: [Self.unauthorized, try Canned.page()])
        let client = ImageClient(profile: Self.profile(cache: dir.cachePath), transport: transport)
        let page = try client.listImages(.first(query: ImageQuery(), limit: 3))
        #expect(page.images.count == 3)
        let requests = transport.requests
        #expect(requests.map(\.method) == [.get, .post, .get])
        #expect(requests.map { $0.header("X-Auth-Token") } == ["gAAAAAB-revoked", nil, "gAAAAAB-fresh"])
        #expect(!dir.contents.contains("gAAAAAB-revoked"))
        #expect(dir.contents.contains("gAAAAAB-fresh"))

        // The next start uses the new token.
        let next = FakeTransport(other: [try Canned.page()])
        _ = try ImageClient(profile: Self.profile(cache: dir.cachePath), transport: next).listImages(.first(query: ImageQuery(), limit: 3))
        #expect(next.requests.map { $0.header("X-Auth-Token") } == ["gAAAAAB-fresh"])
    }

    @Test func aCorruptCacheMeansOneSignInAndIsReplaced() throws {
        let dir = try StateDirectory()
        try FileManager.default.createDirectory(atPath: dir.root + "/glance-tui", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: dir.cachePath, contents: Data("{\"tokens\": [".utf8), attributes: [.posixPermissions: 0o600])
        let transport = FakeTransport(keystone: [try Self.keystoneToken("gAAAAAB-new")])
        let log = LogSink()
        try ImageClient(profile: Self.profile(cache: dir.cachePath), transport: transport, log: log.closure).signIn()
        #expect(transport.requests.map(\.url) == [Self.tokensURL])
        #expect(log.lines.contains("token cache: \(dir.cachePath) ignored (not a token cache this program wrote); it is replaced after signing in"))
        #expect(dir.contents.contains("gAAAAAB-new"))
    }

    @Test func withoutTheOptInNothingIsWritten() throws {
        let dir = try StateDirectory()
        let transport = FakeTransport(keystone: [try Self.keystoneToken("gAAAAAB-one"), try Self.keystoneToken("gAAAAAB-two")],
                                      other: [Self.unauthorized, try Canned.page()])
        let client = ImageClient(profile: Self.profile(cache: nil), transport: transport)
        _ = try client.listImages(.first(query: ImageQuery(), limit: 3))
        #expect(transport.requests.map(\.method) == [.post, .get, .post, .get])
        #expect(dir.files.isEmpty)
    }

    @Test func tokenAuthAndApplicationCredentialsKeepTheirSecretsOutOfTheFile() throws {
        let dir = try StateDirectory()
        let given = FakeTransport(keystone: [try Self.keystoneToken("gAAAAAB-rescoped")])
        try ImageClient(profile: Self.profile(cache: dir.cachePath, auth: .token(Secret("gAAAAAB-given-by-the-user"), scope: .unscoped)),
                        transport: given).signIn()
        #expect(dir.files.isEmpty, "a token sign-in is not cached")

        let credential = FakeTransport(keystone: [try Self.keystoneToken("gAAAAAB-from-credential")])
        try ImageClient(profile: Self.profile(cache: dir.cachePath, auth: .applicationCredential(.id("cred-1"), user: nil,
                                                                                                 secret: Secret("app-cred-secret-xyz"))),
                        transport: credential).signIn()
        #expect(dir.contents.contains("gAAAAAB-from-credential"))
        #expect(!dir.contents.contains("app-cred-secret-xyz"))
    }
}
