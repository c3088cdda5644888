import CloudConfig
import Foundation
import GlanceAPI
import GlanceApp
import GlanceCore
import Synchronization
import Testing

/// `:project` and `:cloud` against the local cloud: the demo user's projects (demo and demo2,
/// which scripts/devcloud sets up) from Keystone, a re-scope that lists demo2's images and not
/// demo's, and a runner that moves to it, or stays where it is when the sign-in fails.
@Suite(.enabled(if: LocalCloud.isConfigured, "needs the local cloud: run scripts/test"), .serialized)
struct CloudSwitchIntegrationTests {
    final class Collected: Sendable {
        let messages = Mutex<[Msg]>([])
        func post(_ m: Msg) { messages.withLock { $0.append(m) } }
        func next(after count: Int) async throws -> Msg {
            for _ in 0..<1000 {
                if let m = messages.withLock({ $0.count > count ? $0[count] : nil }) { return m }
                try await Task.sleep(for: .milliseconds(10))
            }
            throw APIError.configuration("no message after \(count)")
        }
    }

    /// What glance-tui's CloudFactory does for `:project`, here for a test without the executable.
    static func rescoping(_ target: CloudTarget, _ current: any Cloud) throws(APIError) -> any Cloud {
        guard case .project(let name) = target, let live = current as? LiveCloud else { throw .configuration("not a project") }
        guard let project = try live.client.projects().first(where: { $0.name == name }) else {
            throw .configuration("no project \(name)")
        }
        return LiveCloud(client: LocalCloud.client(try KeystoneProjects.rescope(live.client.profile, to: project)))
    }

    @Test func theDemoUsersProjectsAndTheImageServicesRegionsComeFromKeystone() throws {
        let client = LocalCloud.client(try LocalCloud.profile())
        try client.signIn()
        let names = try client.projects().compactMap(\.name)
        #expect(names.contains("demo") && names.contains("demo2"), "scripts/devcloud makes demo a member of demo2: \(names)")
        #expect(!names.contains("alt"))
        #expect(try client.imageRegions() == ["RegionOne"])
        let cloud = LiveCloud(client: client)
        #expect(try cloud.scopes() == CloudScopes(regions: ["RegionOne"], projects: names))
    }

    @Test func aRunnerMovesToTheSameUsersOtherProjectAndListsItsImages() async throws {
        let demo = LocalCloud.client(try LocalCloud.profile())
        try demo.signIn()
        let demo2Project = try #require(try demo.projects().first { $0.name == "demo2" })
        let demo2 = LocalCloud.client(try KeystoneProjects.rescope(demo.profile, to: demo2Project))
        let session = try demo2.signIn()
        #expect(session.projectName == "demo2" && session.userName == "demo")
        let name = "cl-demo2-\(UUID().uuidString.prefix(8))"
        let image = try demo2.create(fields: ["name": .string(name), "disk_format": .string("raw"),
                                              "container_format": .string("bare")])
        defer { try? demo2.delete(id: image.id) }
        #expect(try !LocalCloud.allImages(demo).contains { $0.id == image.id }, "demo's token does not see demo2's private image")

        let out = Collected()
        let runner = EffectRunner(cloud: LiveCloud(client: demo), makeCloud: Self.rescoping, post: out.post)
        runner.run(.signInElsewhere(RequestID(1), .project("demo2")))
        guard case .cloudSignedIn(RequestID(1), let signedIn) = try await out.next(after: 0) else {
            Issue.record("not signed in: \(out.messages.withLock { $0 })")
            return
        }
        #expect(signedIn.projectName == "demo2" && signedIn.cloud == "devcloud-demo")
        runner.run(.adoptCloud(RequestID(1)))
        var query = ImageQuery()
        query.name = name
        runner.run(.loadImages(RequestID(2), .first(query: query, limit: 10)))
        guard case .imagesPageLoaded(RequestID(2), let page) = try await out.next(after: 1) else {
            Issue.record("no page: \(out.messages.withLock { $0 })")
            return
        }
        #expect(page.images.map(\.id) == [image.id])
    }

    @Test func aCloudThatCannotSignInLeavesTheRunnerWhereItWas() async throws {
        let demo = LocalCloud.client(try LocalCloud.profile())
        var wrong = demo.profile
        if case .password(let user, _, let scope) = wrong.auth { wrong.auth = .password(user: user, password: Secret("nope"), scope: scope) }
        let wrongCloud = LiveCloud(client: LocalCloud.client(wrong))
        let out = Collected()
        let runner = EffectRunner(cloud: LiveCloud(client: demo), makeCloud: { _, _ in wrongCloud }, post: out.post)
        runner.run(.signInElsewhere(RequestID(1), .cloud("wrong")))
        guard case .cloudSignInFailed(RequestID(1), let error) = try await out.next(after: 0) else {
            Issue.record("not refused: \(out.messages.withLock { $0 })")
            return
        }
        #expect(error.status == 401)
        #expect(error.userMessage.contains("The request you have made requires authentication"))
        runner.run(.adoptCloud(RequestID(1)))
        #expect((runner.currentCloud as? LiveCloud)?.client === demo, "the runner still uses demo")
    }

    /// With `cache: auth: true` a sign-in can be answered from the cache without a request, and
    /// the cache key leaves out the password: after a password change (the token revoked) the
    /// cloud would be adopted and then fail on its first list. The switch proves the sign-in with
    /// one request first, so the revoked token and the wrong password fail it, and the runner stays.
    @Test func aRevokedCachedTokenAndAWrongPasswordFailTheSwitchInsteadOfBeingAdopted() async throws {
        let directory = try TokenCacheIntegrationTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cached = try TokenCacheIntegrationTests.cachedProfile(in: directory)
        // Signed in once, not used with Glance (whose middleware would remember it), then revoked.
        try LocalCloud.client(cached).signIn()
        let revoked = try TokenCacheIntegrationTests.cachedToken(cached)
        let revoke = try LocalCloud.keystone(.delete, "/auth/tokens", token: revoked.value.reveal(),
                                             headers: [("X-Subject-Token", revoked.value.reveal())])
        #expect(revoke.status == 204)
        var changed = cached
        if case .password(let user, _, let scope) = changed.auth { changed.auth = .password(user: user, password: Secret("nope"), scope: scope) }
        let lines = TokenCacheIntegrationTests.Lines()
        let next = LiveCloud(client: LocalCloud.client(changed, log: lines.log))

        let demo = LocalCloud.client(try LocalCloud.profile())
        let out = Collected()
        let runner = EffectRunner(cloud: LiveCloud(client: demo), makeCloud: { _, _ in next }, post: out.post)
        runner.run(.signInElsewhere(RequestID(1), .cloud("devcloud-demo")))
        guard case .cloudSignInFailed(RequestID(1), let error) = try await out.next(after: 0) else {
            Issue.record("adopted on a revoked token: \(out.messages.withLock { $0 })")
            return
        }
        #expect(error.status == 401, "Keystone refused the wrong password: \(error)")
        #expect(lines.all.contains { $0.contains("/v2/images") && $0.contains("-> 401") }, "the cached token was tried: \(lines.all)")
        #expect(lines.signIns == 1, "and one sign-in with the password: \(lines.all)")
        runner.run(.adoptCloud(RequestID(1)))
        #expect((runner.currentCloud as? LiveCloud)?.client === demo, "the runner still uses demo")
    }

    /// The proof keeps switches fast with the cache: a revoked cached token with the right
    /// password is renewed once through the normal path, and the switch succeeds.
    @Test func aRevokedCachedTokenWithTheRightPasswordIsRenewedAndTheSwitchSucceeds() async throws {
        let directory = try TokenCacheIntegrationTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cached = try TokenCacheIntegrationTests.cachedProfile(in: directory)
        try LocalCloud.client(cached).signIn()
        let revoked = try TokenCacheIntegrationTests.cachedToken(cached)
        let revoke = try LocalCloud.keystone(.delete, "/auth/tokens", token: revoked.value.reveal(),
                                             headers: [("X-Subject-Token", revoked.value.reveal())])
        #expect(revoke.status == 204)
        let lines = TokenCacheIntegrationTests.Lines()
        let next = LiveCloud(client: LocalCloud.client(cached, log: lines.log))
        let out = Collected()
        let runner = EffectRunner(cloud: LiveCloud(client: LocalCloud.client(try LocalCloud.profile())), makeCloud: { _, _ in next },
                                  post: out.post)
        runner.run(.signInElsewhere(RequestID(1), .cloud("devcloud-demo")))
        guard case .cloudSignedIn(RequestID(1), _) = try await out.next(after: 0) else {
            Issue.record("not signed in: \(out.messages.withLock { $0 })")
            return
        }
        #expect(lines.signIns == 1 && lines.all.last?.contains("-> 200") == true, "\(lines.all)")
        #expect(try TokenCacheIntegrationTests.cachedToken(cached).value != revoked.value)
    }
}
