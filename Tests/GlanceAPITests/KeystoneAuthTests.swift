import Foundation
import Testing
@testable import GlanceAPI

@Suite("KeystoneAuth")
struct KeystoneAuthTests {
    static let identityURLs: [(String, String)] = [
        ("http://127.0.0.1:5000", "http://127.0.0.1:5000/v3"),
        ("http://127.0.0.1:5000/", "http://127.0.0.1:5000/v3"),
        ("http://127.0.0.1:5000/v3", "http://127.0.0.1:5000/v3"),
        ("http://127.0.0.1:5000/v3/", "http://127.0.0.1:5000/v3"),
        ("http://127.0.0.1:5000/v3//", "http://127.0.0.1:5000/v3"),
        ("http://127.0.0.1:5000/v2.0", "http://127.0.0.1:5000/v3"),
        ("http://127.0.0.1:5000/v2.0/", "http://127.0.0.1:5000/v3"),
        ("https://cloud.example.com/identity", "https://cloud.example.com/identity/v3"),
        ("https://cloud.example.com/identity/", "https://cloud.example.com/identity/v3"),
        ("https://cloud.example.com/identity/v3", "https://cloud.example.com/identity/v3"),
        ("https://cloud.example.com/identity/v2.0/", "https://cloud.example.com/identity/v3"),
    ]

    @Test("identityV3 normalises auth_url", arguments: identityURLs)
    func identityV3(input: String, expected: String) {
        #expect(KeystoneAuth.identityV3(input) == expected)
    }

    static let bodies: [(String, AuthMethod, String)] = [
        ("password by name with domains, project by name",
         .password(user: .name("demo", domain: .name("Default")), password: Secret("demopw"),
                   scope: .project(.name("demo", domain: .name("Default")))),
         #"""
         {"auth": {"identity": {"methods": ["password"],
                                "password": {"user": {"name": "demo", "domain": {"name": "Default"}, "password": "demopw"}}},
                   "scope": {"project": {"name": "demo", "domain": {"name": "Default"}}}}}
         """#),
        ("password by name with domain ids",
         .password(user: .name("demo", domain: .id("default")), password: Secret("demopw"),
                   scope: .project(.name("demo", domain: .id("d-42")))),
         #"""
         {"auth": {"identity": {"methods": ["password"],
                                "password": {"user": {"name": "demo", "domain": {"id": "default"}, "password": "demopw"}}},
                   "scope": {"project": {"name": "demo", "domain": {"id": "d-42"}}}}}
         """#),
        ("password by user id, project by id",
         .password(user: .id("67e019781ad244389f4c8510175bfa93"), password: Secret("s3cr3t!"),
                   scope: .project(.id("9f663524ad7d43cab00fa4289e7fc440"))),
         #"""
         {"auth": {"identity": {"methods": ["password"],
                                "password": {"user": {"id": "67e019781ad244389f4c8510175bfa93", "password": "s3cr3t!"}}},
                   "scope": {"project": {"id": "9f663524ad7d43cab00fa4289e7fc440"}}}}
         """#),
        ("names without a domain get the 'default' domain id, as the openstack CLI assumes",
         .password(user: .name("demo", domain: nil), password: Secret("pw-pw"), scope: .project(.name("demo", domain: nil))),
         #"""
         {"auth": {"identity": {"methods": ["password"],
                                "password": {"user": {"name": "demo", "domain": {"id": "default"}, "password": "pw-pw"}}},
                   "scope": {"project": {"name": "demo", "domain": {"id": "default"}}}}}
         """#),
        ("domain scope by name",
         .password(user: .id("u"), password: Secret("pw-pw"), scope: .domain(.name("Default"))),
         #"""
         {"auth": {"identity": {"methods": ["password"], "password": {"user": {"id": "u", "password": "pw-pw"}}},
                   "scope": {"domain": {"name": "Default"}}}}
         """#),
        ("domain scope by id",
         .password(user: .id("u"), password: Secret("pw-pw"), scope: .domain(.id("default"))),
         #"""
         {"auth": {"identity": {"methods": ["password"], "password": {"user": {"id": "u", "password": "pw-pw"}}},
                   "scope": {"domain": {"id": "default"}}}}
         """#),
        ("system scope",
         .password(user: .id("u"), password: Secret("pw-pw"), scope: .system),
         #"""
         {"auth": {"identity": {"methods": ["password"], "password": {"user": {"id": "u", "password": "pw-pw"}}},
                   "scope": {"system": {"all": true}}}}
         """#),
        ("unscoped: no scope key at all",
         .password(user: .name("demo", domain: .name("Default")), password: Secret("demopw"), scope: .unscoped),
         #"""
         {"auth": {"identity": {"methods": ["password"],
                                "password": {"user": {"name": "demo", "domain": {"name": "Default"}, "password": "demopw"}}}}}
         """#),
        ("application credential by id",
         .applicationCredential(.id("ac-123"), user: nil, secret: Secret("ac-secret")),
         #"""
         {"auth": {"identity": {"methods": ["application_credential"],
                                "application_credential": {"id": "ac-123", "secret": "ac-secret"}}}}
         """#),
        ("application credential by name and user name with domain",
         .applicationCredential(.name("my-cred", domain: nil), user: .name("demo", domain: .name("Default")),
                                secret: Secret("ac-secret")),
         #"""
         {"auth": {"identity": {"methods": ["application_credential"],
                                "application_credential": {"name": "my-cred", "secret": "ac-secret",
                                                           "user": {"name": "demo", "domain": {"name": "Default"}}}}}}
         """#),
        ("application credential by name and user id",
         .applicationCredential(.name("my-cred", domain: nil), user: .id("u-1"), secret: Secret("ac-secret")),
         #"""
         {"auth": {"identity": {"methods": ["application_credential"],
                                "application_credential": {"name": "my-cred", "secret": "ac-secret", "user": {"id": "u-1"}}}}}
         """#),
        ("application credential by name and user name without a domain: the user gets the default domain",
         .applicationCredential(.name("my-cred", domain: nil), user: .name("demo", domain: nil), secret: Secret("ac-secret")),
         #"""
         {"auth": {"identity": {"methods": ["application_credential"],
                                "application_credential": {"name": "my-cred", "secret": "ac-secret",
                                                           "user": {"name": "demo", "domain": {"id": "default"}}}}}}
         """#),
        ("application credential: a domain on the credential name is not sent (credentials have none)",
         .applicationCredential(.name("my-cred", domain: .name("Default")), user: .id("u-1"), secret: Secret("ac-secret")),
         #"""
         {"auth": {"identity": {"methods": ["application_credential"],
                                "application_credential": {"name": "my-cred", "secret": "ac-secret", "user": {"id": "u-1"}}}}}
         """#),
        ("token method, rescoped to a project",
         .token(Secret("gAAAAold-token"), scope: .project(.name("demo", domain: .name("Default")))),
         #"""
         {"auth": {"identity": {"methods": ["token"], "token": {"id": "gAAAAold-token"}},
                   "scope": {"project": {"name": "demo", "domain": {"name": "Default"}}}}}
         """#),
        ("token method, unscoped",
         .token(Secret("gAAAAold-token"), scope: .unscoped),
         #"""
         {"auth": {"identity": {"methods": ["token"], "token": {"id": "gAAAAold-token"}}}}
         """#),
    ]

    @Test("tokenRequest bodies", arguments: bodies)
    func tokenRequestBody(name: String, method: AuthMethod, expected: String) throws {
        let request = KeystoneAuth.tokenRequest(authURL: "http://127.0.0.1:5000/v3/", method: method)
        #expect(request.method == .post)
        #expect(request.url == "http://127.0.0.1:5000/v3/auth/tokens")
        #expect(request.header("content-type") == "application/json")
        #expect(request.header("Accept") == "application/json")
        #expect(request.header("X-Auth-Token") == nil)
        let body = try #require(request.body)
        let sent = try JSONDecoder().decode(JSONValue.self, from: body)
        #expect(sent == (try json(expected)), "\(name): sent \(sent.compactJSON)")
    }

    @Test("tokenRequest URL for auth_url without a version", arguments: ["http://k:5000", "http://k:5000/", "http://k:5000/v2.0"])
    func tokenURL(authURL: String) {
        let request = KeystoneAuth.tokenRequest(authURL: authURL, method: .token(Secret("tokentoken"), scope: .unscoped))
        #expect(request.url == "http://k:5000/v3/auth/tokens")
    }

    @Test("the body escapes passwords with JSON specials")
    func passwordEscaping() throws {
        let password = #"p"w\d{}[]:,ü 🔑"#
        let request = KeystoneAuth.tokenRequest(authURL: "http://k:5000",
                                                method: .password(user: .id("u"), password: Secret(password), scope: .unscoped))
        let sent = try JSONDecoder().decode(JSONValue.self, from: try #require(request.body))
        let user = sent.objectValue?["auth"]?.objectValue?["identity"]?.objectValue?["password"]?
            .objectValue?["user"]?.objectValue
        #expect(user?["password"] == .string(password))
    }

    // MARK: parseToken

    let url = "http://127.0.0.1:5000/v3/auth/tokens"

    @Test("a real Keystone token response (header value faked)")
    func realToken() throws {
        let response = HTTPResponse(status: 201,
                                    headers: ["Content-Type": "application/json", "X-Subject-Token": "fake-token-value"],
                                    body: try Fixture.data("keystone-token-response.json"))
        let token = try KeystoneAuth.parseToken(response, url: url)
        #expect(token.value.reveal() == "fake-token-value")
        #expect(token.userName == "demo")
        #expect(token.userID == "67e019781ad244389f4c8510175bfa93")
        #expect(token.projectName == "demo")
        #expect(token.projectID == "9f663524ad7d43cab00fa4289e7fc440")
        #expect(token.roles == ["member", "reader"])
        #expect(token.expiresAt == Date(timeIntervalSince1970: 1_795_381_056))
        #expect(token.catalog.services.map(\.type) == ["identity", "image"])
        #expect(token.catalog.services.map(\.name) == ["keystone", "glance"])
        #expect(try token.catalog.endpoint(type: "image", region: nil, interface: .public) == "http://127.0.0.1:9292")
        #expect(try token.catalog.endpoint(type: "image", region: "RegionOne", interface: .internal) == "http://127.0.0.1:9292")
        #expect(try token.catalog.endpoint(type: "identity", region: "RegionOne", interface: .admin) == "http://127.0.0.1:5000/v3")
        let image = try #require(token.catalog.services.first { $0.type == "image" })
        #expect(image.endpoints.map(\.interface) == ["public", "internal", "admin"])
        #expect(image.endpoints.allSatisfy { $0.region == "RegionOne" })
    }

    @Test("the header name is matched case-insensitively", arguments: ["x-subject-token", "X-SUBJECT-TOKEN", "X-Subject-Token"])
    func headerCase(name: String) throws {
        let response = HTTPResponse(status: 201, headers: [name: "tok-tok"],
                                    body: Data(#"{"token": {"methods": ["password"]}}"#.utf8))
        let token = try KeystoneAuth.parseToken(response, url: url)
        #expect(token.value.reveal() == "tok-tok")
        #expect(token.roles == [])
        #expect(token.catalog.services == [])
        #expect(token.projectID == nil)
        #expect(token.expiresAt == nil)
    }

    @Test("a missing or empty X-Subject-Token is a malformed response", arguments: [[:], ["X-Subject-Token": ""]])
    func missingHeader(headers: [String: String]) throws {
        let response = HTTPResponse(status: 201, headers: headers, body: try Fixture.data("keystone-token-response.json"))
        #expect(throws: APIError.malformedResponse("Keystone sent no X-Subject-Token header", url: url)) {
            try KeystoneAuth.parseToken(response, url: url)
        }
    }

    static let truncatedTokenBody = #"{"token": {"user""#

    @Test("a body that is not Keystone v3 token JSON is a malformed response",
          arguments: ["", "<html><body>Bad Gateway</body></html>", "[]", #"{"access": {"token": {"id": "v2"}}}"#,
                      #"{"token": "flat"}"#, truncatedTokenBody])
    func badBody(body: String) {
        let response = HTTPResponse(status: 201, headers: ["X-Subject-Token": "tok-tok"], body: Data(body.utf8))
        #expect(throws: APIError.malformedResponse("the token response is not the JSON Keystone v3 sends", url: url)) {
            try KeystoneAuth.parseToken(response, url: url)
        }
    }

    @Test("catalog entries without a type or endpoints without a URL are skipped; region falls back to 'region'")
    func catalogTolerance() throws {
        let body = """
        {"token": {"catalog": [
          {"name": "no-type", "endpoints": [{"interface": "public", "url": "http://x"}]},
          {"type": "image", "endpoints": [{"interface": "public", "region": "R2", "url": "http://img"},
                                          {"interface": "internal", "region_id": "R2"},
                                          {"url": "http://default-interface", "region_id": "R2"}]},
          "garbage"]}}
        """
        let token = try KeystoneAuth.parseToken(HTTPResponse(status: 201, headers: ["X-Subject-Token": "tok-tok"],
                                                             body: Data(body.utf8)), url: url)
        #expect(token.catalog.services.map(\.type) == ["image"])
        let endpoints = token.catalog.services[0].endpoints
        #expect(endpoints.map(\.url) == ["http://img", "http://default-interface"])
        #expect(endpoints.map(\.interface) == ["public", "public"])
        #expect(endpoints.map(\.region) == ["R2", "R2"])
    }

    @Test("the parsed token never shows its value when printed")
    func tokenDescription() throws {
        let response = HTTPResponse(status: 201, headers: ["X-Subject-Token": "gAAAAsecret-token-value"],
                                    body: try Fixture.data("keystone-token-response.json"))
        let token = try KeystoneAuth.parseToken(response, url: url)
        #expect(!String(describing: token).contains("gAAAAsecret-token-value"))
        #expect(!String(reflecting: token).contains("gAAAAsecret-token-value"))
        #expect(!"\(token.value)".contains("gAAAAsecret-token-value"))
    }

    @Test("EndpointInterface accepts the v2 catalog's names",
          arguments: [("public", EndpointInterface.public), ("publicURL", .public), ("InternalURL", .internal),
                      ("admin", .admin), ("adminURL", .admin)])
    func looseInterface(text: String, expected: EndpointInterface) {
        #expect(EndpointInterface(loose: text) == expected)
    }

    @Test("AuthMethod.secrets lists the one credential of each method")
    func secrets() {
        #expect(AuthMethod.password(user: .id("u"), password: Secret("pw-pw"), scope: .unscoped).secrets == [Secret("pw-pw")])
        #expect(AuthMethod.applicationCredential(.id("a"), user: nil, secret: Secret("acsec")).secrets == [Secret("acsec")])
        #expect(AuthMethod.token(Secret("tokentok"), scope: .system).secrets == [Secret("tokentok")])
    }
}
