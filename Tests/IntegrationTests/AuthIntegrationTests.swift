import CloudConfig
import Foundation
import GlanceAPI
import Synchronization
import Testing

@Suite(.enabled(if: LocalCloud.isConfigured, "needs the local cloud: run scripts/test"), .serialized)
struct AuthIntegrationTests {
    @Test func passwordSignInFindsTheImageEndpointInTheCatalog() throws {
        let session = try LocalCloud.client(try LocalCloud.profile()).signIn()
        #expect(session.projectName == "demo")
        #expect(session.userName == "demo")
        #expect(session.region == "RegionOne")
        #expect(session.imageEndpoint.hasPrefix("http://127.0.0.1:"))
        #expect(session.roles.contains("member"))
    }

    @Test func applicationCredentialSignIn() throws {
        let profile = try LocalCloud.profile()
        let token = try LocalCloud.token(profile)
        let userID = try #require(token.userID)
        let name = "glance-tui-test-\(UUID().uuidString.prefix(8))"
        let created = try LocalCloud.keystone(.post, "/users/\(userID)/application_credentials", token: token.value.reveal(),
                                              body: .object(["application_credential": .object(["name": .string(name)])]))
        #expect(created.status == 201)
        let credential = try #require(try JSONDecoder().decode(JSONValue.self, from: created.body).objectValue?["application_credential"]?.objectValue)
        let id = try #require(credential["id"]?.stringValue)
        let secret = try #require(credential["secret"]?.stringValue)
        defer { _ = try? LocalCloud.keystone(.delete, "/users/\(userID)/application_credentials/\(id)", token: token.value.reveal()) }

        var appProfile = profile
        appProfile.auth = .applicationCredential(.id(id), user: nil, secret: Secret(secret))
        let client = LocalCloud.client(appProfile)
        let session = try client.signIn()
        #expect(session.projectName == "demo")
        #expect(try client.listImages(.first(query: ImageQuery(), limit: 5)).images.count <= 5)

        // By name, with the owning user, as clouds.yaml allows.
        appProfile.auth = .applicationCredential(.name(name, domain: nil), user: .id(userID), secret: Secret(secret))
        #expect(try LocalCloud.client(appProfile).signIn().projectName == "demo")
    }

    @Test func tokenSignInRescopesAnExistingToken() throws {
        let profile = try LocalCloud.profile()
        let token = try LocalCloud.token(profile)
        var tokenProfile = profile
        tokenProfile.auth = .token(token.value, scope: .project(.name("demo", domain: .name("Default"))))
        #expect(try LocalCloud.client(tokenProfile).signIn().projectName == "demo")
    }

    @Test func wrongPasswordIsA401WithKeystonesSentenceAndNoSecret() throws {
        var profile = try LocalCloud.profile()
        profile.auth = .password(user: .name("demo", domain: .name("Default")), password: Secret("not-the-password"),
                                 scope: .project(.name("demo", domain: .name("Default"))))
        #expect {
            try LocalCloud.client(profile).signIn()
        } throws: { error in
            guard let e = error as? APIError, e.status == 401 else { return false }
            return e.userMessage.contains("authentication") && !e.userMessage.contains("<")
                && !e.userMessage.contains("not-the-password")
        }
    }

    @Test func unknownRegionNamesTheRegionsThereAre() throws {
        var profile = try LocalCloud.profile()
        profile.regionName = "Nowhere"
        #expect {
            try LocalCloud.client(profile).signIn()
        } throws: { error in
            guard case .serviceNotFound(let message) = error as? APIError else { return false }
            return message.contains("Nowhere") && message.contains("RegionOne")
        }
    }

    @Test func unreachableIdentityServiceIsATransportFailure() throws {
        var profile = try LocalCloud.profile()
        profile.authURL = "http://127.0.0.1:1/v3"
        #expect {
            try LocalCloud.client(profile).signIn()
        } throws: { error in
            guard case .transport(.cannotConnect, _) = error as? APIError else { return false }
            return (error as? APIError)?.userMessage.contains("127.0.0.1:1") == true
        }
    }

    @Test func theDebugLogNeverSeesThePasswordOrTheToken() throws {
        let profile = try LocalCloud.profile()
        let lines = Mutex<[String]>([])
        let client = LocalCloud.client(profile, log: { line in lines.withLock { $0.append(line) } })
        try client.signIn()
        _ = try client.listImages(.first(query: ImageQuery(), limit: 2))
        let text = lines.withLock { $0.joined(separator: "\n") }
        #expect(text.contains("POST") && text.contains("/v2/images"))
        #expect(!text.contains("demopw"))
        #expect(!text.contains("gAAAA"), "Fernet tokens start with gAAAA")
    }
}
