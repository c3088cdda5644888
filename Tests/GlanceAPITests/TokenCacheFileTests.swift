import Foundation
import Testing
@testable import GlanceAPI

/// A directory of its own per test, removed afterwards.
final class StateDirectory: Sendable {
    let root: String
    init() throws {
        root = FileManager.default.temporaryDirectory.path + "/token-cache-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: root) }

    var cachePath: String { root + "/glance-tui/token-cache.json" }
    var contents: String { (try? String(contentsOfFile: cachePath, encoding: .utf8)) ?? "" }

    func mode(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_mode & 0o777) : -1
    }

    /// Every file under the directory, relative to it.
    var files: [String] {
        (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }
}

@Suite struct TokenCacheFileTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let key = TokenCacheKey(authURL: "https://keystone.example/v3", identity: "password user name=alice domain=name:Default",
                                   scope: "project name=demo domain=name:Default", region: "RegionOne")

    static func token(_ value: String, expires: Date = now.addingTimeInterval(3600), project: String = "demo") -> Token {
        Token(value: Secret(value), expiresAt: expires, userID: "u1", userName: "alice", projectID: "p-" + project,
              projectName: project, roles: ["member", "reader"],
              catalog: ServiceCatalog(services: [
                  ServiceCatalog.Service(type: "image", name: "glance", endpoints: [
                      ServiceCatalog.Endpoint(interface: "public", region: "RegionOne", url: "https://glance.example:9292"),
                      ServiceCatalog.Endpoint(interface: "internal", region: nil, url: "http://10.0.0.5:9292"),
                  ]),
                  ServiceCatalog.Service(type: "compute", name: nil, endpoints: []),
              ]))
    }

    @Test func aSavedTokenComesBackWholeWithItsCatalogScopeAndExpiry() throws {
        let dir = try StateDirectory()
        let cache = TokenCacheFile(path: dir.cachePath)
        #expect(cache.save(Self.token("gAAAAAB-one"), for: Self.key, now: Self.now) == nil)
        #expect(cache.lookup(Self.key, now: Self.now) == .hit(Self.token("gAAAAAB-one")))
        // Another instance (the next start) reads the same.
        #expect(TokenCacheFile(path: dir.cachePath).lookup(Self.key, now: Self.now) == .hit(Self.token("gAAAAAB-one")))
    }

    @Test func theFileIs0600InA0700DirectoryEvenWhenTheDirectoryWasLooser() throws {
        let dir = try StateDirectory()
        try FileManager.default.createDirectory(atPath: dir.root + "/glance-tui", withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        TokenCacheFile(path: dir.cachePath).save(Self.token("gAAAAAB-one"), for: Self.key, now: Self.now)
        #expect(dir.mode(dir.cachePath) == 0o600)
        #expect(dir.mode(dir.root + "/glance-tui") == 0o700)
        #expect(dir.files == ["glance-tui/token-cache.json"], "no temporary file left behind")
    }

    @Test func aTokenIsUsedUntilTwoMinutesBeforeItExpires() throws {
        let dir = try StateDirectory()
        let cache = TokenCacheFile(path: dir.cachePath)
        let expires = Self.now.addingTimeInterval(3600)
        cache.save(Self.token("gAAAAAB-one", expires: expires), for: Self.key, now: Self.now)
        #expect(cache.lookup(Self.key, now: expires.addingTimeInterval(-121)) == .hit(Self.token("gAAAAAB-one", expires: expires)))
        #expect(cache.lookup(Self.key, now: expires.addingTimeInterval(-119)) == .expired(expires))
        #expect(cache.lookup(Self.key, now: expires.addingTimeInterval(10)) == .expired(expires))
    }

    @Test func aTokenWithoutAnExpiryIsNotKept() throws {
        let dir = try StateDirectory()
        var token = Self.token("gAAAAAB-one")
        token.expiresAt = nil
        #expect(TokenCacheFile(path: dir.cachePath).save(token, for: Self.key, now: Self.now) == "the token has no expiry")
        #expect(dir.files.isEmpty)
    }

    @Test func eachKeyHasItsOwnTokenAndSavingOneKeepsTheOthers() throws {
        let dir = try StateDirectory()
        let cache = TokenCacheFile(path: dir.cachePath)
        var otherRegion = Self.key
        otherRegion.region = "RegionTwo"
        var otherProject = Self.key
        otherProject.scope = "project name=alt domain=name:Default"
        cache.save(Self.token("gAAAAAB-one"), for: Self.key, now: Self.now)
        cache.save(Self.token("gAAAAAB-two"), for: otherRegion, now: Self.now)
        cache.save(Self.token("gAAAAAB-alt", project: "alt"), for: otherProject, now: Self.now)
        #expect(cache.lookup(Self.key, now: Self.now) == .hit(Self.token("gAAAAAB-one")))
        #expect(cache.lookup(otherRegion, now: Self.now) == .hit(Self.token("gAAAAAB-two")))
        #expect(cache.lookup(otherProject, now: Self.now) == .hit(Self.token("gAAAAAB-alt", project: "alt")))
        var unknown = Self.key
        unknown.authURL = "https://elsewhere.example/v3"
        #expect(cache.lookup(unknown, now: Self.now) == .absent)

        // A new token for a key replaces its old one; drop forgets only that key.
        cache.save(Self.token("gAAAAAB-one-again"), for: Self.key, now: Self.now)
        #expect(cache.lookup(Self.key, now: Self.now) == .hit(Self.token("gAAAAAB-one-again")))
        #expect(!dir.contents.contains("gAAAAAB-one\""))
        #expect(cache.drop(Self.key) == nil)
        #expect(cache.lookup(Self.key, now: Self.now) == .absent)
        #expect(cache.lookup(otherRegion, now: Self.now) == .hit(Self.token("gAAAAAB-two")))
    }

    @Test func savingDropsExpiredEntriesOfEveryKey() throws {
        let dir = try StateDirectory()
        let cache = TokenCacheFile(path: dir.cachePath)
        var old = Self.key
        old.region = "RegionOld"
        cache.save(Self.token("gAAAAAB-old", expires: Self.now.addingTimeInterval(60)), for: old, now: Self.now)
        cache.save(Self.token("gAAAAAB-one", expires: Self.now.addingTimeInterval(7200)), for: Self.key, now: Self.now.addingTimeInterval(600))
        #expect(!dir.contents.contains("gAAAAAB-old"))
        #expect(cache.lookup(old, now: Self.now) == .absent)
    }

    @Test(arguments: ["", "{", "not json at all \u{1b}[2J", #"{"version": 99, "tokens": []}"#,
                      #"{"version": 1, "tokens": [{"key": 3}]}"#, "\u{0}\u{0}\u{ff}"])
    func aCorruptFileIsIgnoredAndReplacedBySave(garbage: String) throws {
        let dir = try StateDirectory()
        try FileManager.default.createDirectory(atPath: dir.root + "/glance-tui", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: dir.cachePath, contents: Data(garbage.utf8), attributes: [.posixPermissions: 0o600])
        let cache = TokenCacheFile(path: dir.cachePath)
        #expect(cache.lookup(Self.key, now: Self.now) == .unusable("not a token cache this program wrote"))
        #expect(cache.drop(Self.key) == nil)
        #expect(cache.save(Self.token("gAAAAAB-one"), for: Self.key, now: Self.now) == nil)
        #expect(cache.lookup(Self.key, now: Self.now) == .hit(Self.token("gAAAAAB-one")))
    }

    @Test func anEntryWithAnUnreadableExpiryIsUnusableNotACrash() throws {
        let dir = try StateDirectory()
        let cache = TokenCacheFile(path: dir.cachePath)
        cache.save(Self.token("gAAAAAB-one"), for: Self.key, now: Self.now)
        let broken = dir.contents.replacingOccurrences(of: #""expires_at":""#, with: #""expires_at":"soon"#)
        try broken.write(toFile: dir.cachePath, atomically: false, encoding: .utf8)
        #expect(cache.lookup(Self.key, now: Self.now) == .unusable("an entry is incomplete"))
    }

    @Test func aFileOthersCanReadIsNotTrustedButReplaced() throws {
        let dir = try StateDirectory()
        let cache = TokenCacheFile(path: dir.cachePath)
        cache.save(Self.token("gAAAAAB-one"), for: Self.key, now: Self.now)
        chmod(dir.cachePath, 0o644)
        #expect(cache.lookup(Self.key, now: Self.now) == .unusable("readable by others (mode 644)"))
        cache.save(Self.token("gAAAAAB-two"), for: Self.key, now: Self.now)
        #expect(dir.mode(dir.cachePath) == 0o600)
        #expect(cache.lookup(Self.key, now: Self.now) == .hit(Self.token("gAAAAAB-two")))
    }

    @Test func aSymlinkIsNotFollowed() throws {
        let dir = try StateDirectory()
        let elsewhere = dir.root + "/elsewhere.json"
        _ = FileManager.default.createFile(atPath: elsewhere, contents: Data("keep me".utf8), attributes: [.posixPermissions: 0o600])
        try FileManager.default.createDirectory(atPath: dir.root + "/glance-tui", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.cachePath, withDestinationPath: elsewhere)
        let cache = TokenCacheFile(path: dir.cachePath)
        guard case .unusable = cache.lookup(Self.key, now: Self.now) else {
            Issue.record("a symlink was read")
            return
        }
        cache.save(Self.token("gAAAAAB-one"), for: Self.key, now: Self.now)
        #expect(try String(contentsOfFile: elsewhere, encoding: .utf8) == "keep me")
        #expect(cache.lookup(Self.key, now: Self.now) == .hit(Self.token("gAAAAAB-one")))
    }
}

@Suite struct TokenCacheKeyTests {
    static let base = CloudProfile(name: "a", authURL: "https://keystone.example:5000/v3",
                                   auth: .password(user: .name("alice", domain: .name("Default")), password: Secret("pw-one"),
                                                   scope: .project(.name("demo", domain: .name("Default")))),
                                   regionName: "RegionOne")

    static func with(_ change: (inout CloudProfile) -> Void) -> CloudProfile {
        var profile = base
        change(&profile)
        return profile
    }

    @Test func whatTheKeyHolds() throws {
        let key = try #require(TokenCacheKey(profile: Self.base))
        #expect(key == TokenCacheKey(authURL: "https://keystone.example:5000/v3",
                                     identity: "password user name=alice domain=name:Default",
                                     scope: "project name=demo domain=name:Default", region: "RegionOne"))
    }

    @Test(arguments: [
        with { $0.authURL = "https://other.example:5000/v3" },
        with { $0.auth = .password(user: .name("bob", domain: .name("Default")), password: Secret("pw-one"),
                                   scope: .project(.name("demo", domain: .name("Default")))) },
        with { $0.auth = .password(user: .name("alice", domain: .name("Other")), password: Secret("pw-one"),
                                   scope: .project(.name("demo", domain: .name("Default")))) },
        with { $0.auth = .password(user: .id("alice"), password: Secret("pw-one"),
                                   scope: .project(.name("demo", domain: .name("Default")))) },
        with { $0.auth = .password(user: .name("alice", domain: .name("Default")), password: Secret("pw-one"),
                                   scope: .project(.name("alt", domain: .name("Default")))) },
        with { $0.auth = .password(user: .name("alice", domain: .name("Default")), password: Secret("pw-one"),
                                   scope: .project(.name("demo", domain: .name("Other")))) },
        with { $0.auth = .password(user: .name("alice", domain: .name("Default")), password: Secret("pw-one"), scope: .system) },
        with { $0.auth = .password(user: .name("alice", domain: .name("Default")), password: Secret("pw-one"),
                                   scope: .domain(.name("Default"))) },
        with { $0.auth = .applicationCredential(.id("cred-1"), user: nil, secret: Secret("pw-one")) },
        with { $0.regionName = "RegionTwo" },
        with { $0.regionName = nil },
    ])
    func anyDifferenceInWhoWhereOrScopeIsAnotherKey(profile: CloudProfile) throws {
        #expect(TokenCacheKey(profile: profile) != TokenCacheKey(profile: Self.base))
    }

    @Test func theSameSignInWrittenDifferentlyIsOneKeyAndThePasswordIsNotPartOfIt() throws {
        let same = Self.with {
            $0.name = "another-entry"
            $0.authURL = "https://keystone.example:5000/"
            $0.auth = .password(user: .name("alice", domain: .name("Default")), password: Secret("pw-two"),
                                scope: .project(.name("demo", domain: .name("Default"))))
            $0.interface = .internal
        }
        #expect(TokenCacheKey(profile: same) == TokenCacheKey(profile: Self.base))
        let key = try #require(TokenCacheKey(profile: Self.base))
        #expect(![key.authURL, key.identity, key.scope, key.region].contains { $0.contains("pw-one") })
    }

    @Test func tokenAuthIsNotCached() {
        #expect(TokenCacheKey(profile: Self.with { $0.auth = .token(Secret("gAAAAAB-given"), scope: .unscoped) }) == nil)
    }
}
