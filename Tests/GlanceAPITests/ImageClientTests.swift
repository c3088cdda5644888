import Foundation
import Testing
@testable import GlanceAPI

@Suite("ImageClient over a fake transport")
struct ImageClientTests {
    static let password = "s3cret-Passw0rd"
    static let tokenOne = "gAAAAABtoken-one-0123456789abcdef"
    static let tokenTwo = "gAAAAABtoken-two-fedcba9876543210"
    static let authURL = "http://127.0.0.1:5000/v3"
    static let tokensURL = "http://127.0.0.1:5000/v3/auth/tokens"
    static let glance = "http://127.0.0.1:9292"

    static func profile(override: String? = nil, region: String? = "RegionOne") -> CloudProfile {
        CloudProfile(name: "devcloud", authURL: authURL,
                     auth: .password(user: .name("demo", domain: .name("Default")), password: Secret(password),
                                     scope: .project(.name("demo", domain: .name("Default")))),
                     regionName: region, imageEndpointOverride: override)
    }

    @Test("signIn posts the credentials and finds the image endpoint in the catalog")
    func signIn() throws {
        let transport = FakeTransport(keystone: [try Canned.token(Self.tokenOne)])
        let client = ImageClient(profile: Self.profile(), transport: transport)
        let session = try client.signIn()

        #expect(session == SessionInfo(cloud: "devcloud", region: "RegionOne", projectName: "demo",
                                       projectID: "9f663524ad7d43cab00fa4289e7fc440", userName: "demo",
                                       roles: ["member", "reader"], imageEndpoint: Self.glance,
                                       tokenExpires: Date(timeIntervalSince1970: 1_795_381_056)))
        #expect(!String(reflecting: session).contains(Self.tokenOne))
        let requests = transport.requests
        try #require(requests.count == 1)
        #expect(requests[0].method == .post)
        #expect(requests[0].url == Self.tokensURL)
        #expect(requests[0].header("X-Auth-Token") == nil)
        let body = try JSONDecoder().decode(JSONValue.self, from: try #require(requests[0].body))
        #expect(body == (try json("""
        {"auth": {"identity": {"methods": ["password"],
                               "password": {"user": {"name": "demo", "domain": {"name": "Default"}, "password": "\(Self.password)"}}},
                  "scope": {"project": {"name": "demo", "domain": {"name": "Default"}}}}}
        """)))
    }

    @Test("signIn without a region works with the single-region real catalog and reports the catalog's region")
    func signInNoRegion() throws {
        let transport = FakeTransport(keystone: [try Canned.token(Self.tokenOne)])
        let session = try ImageClient(profile: Self.profile(region: nil), transport: transport).signIn()
        #expect(session.imageEndpoint == Self.glance)
        #expect(session.region == "RegionOne")
    }

    @Test("with an override and no region, the session has no region")
    func overrideNoRegion() throws {
        let transport = FakeTransport(keystone: [try Canned.token(Self.tokenOne)])
        let session = try ImageClient(profile: Self.profile(override: "http://x:9292", region: nil), transport: transport).signIn()
        #expect(session.region == nil)
        #expect(session.imageEndpoint == "http://x:9292")
    }

    @Test("listImages signs in first, then sends the token with the list request")
    func listAddsToken() throws {
        let transport = FakeTransport(keystone: [try Canned.token(Self.tokenOne)], other: [try Canned.page()])
        let client = ImageClient(profile: Self.profile(), transport: transport)
        let page = try client.listImages(raw: [QueryItem("status", "active"), QueryItem("name", "a b")], limit: 3)

        #expect(page.images.count == 3)
        #expect(page.next == "/v2/images?limit=3&marker=dcb58f35-27ef-4684-b99d-31610944ab55")
        let requests = transport.requests
        try #require(requests.count == 2)
        #expect(requests[0].url == Self.tokensURL)
        #expect(requests[1].method == .get)
        #expect(requests[1].url == Self.glance + "/v2/images?status=active&name=a%20b&limit=3")
        #expect(requests[1].header("X-Auth-Token") == Self.tokenOne)
        #expect(requests[1].headers.filter { $0.name.lowercased() == "x-auth-token" }.count == 1)
        #expect(requests[1].header("Accept") == "application/json")
    }

    @Test("the next page follows the link with the new limit and the same token, without signing in again")
    func nextPage() throws {
        let transport = FakeTransport(keystone: [try Canned.token(Self.tokenOne)], other: [try Canned.page(), try Canned.page()])
        let client = ImageClient(profile: Self.profile(), transport: transport)
        let first = try client.listImages(.first(query: ImageQuery(), limit: 3))
        _ = try client.listImages(.next(link: try #require(first.next), limit: 1000))
        let requests = transport.requests
        try #require(requests.count == 3)
        #expect(requests[2].url == Self.glance + "/v2/images?limit=1000&marker=dcb58f35-27ef-4684-b99d-31610944ab55")
        #expect(requests[2].header("X-Auth-Token") == Self.tokenOne)
    }

    @Test("image(id:) gets one image with the token")
    func showImage() throws {
        let page = try json(try Fixture.text("glance-images-page.json"))
        let first = try #require(page.objectValue?["images"]?.arrayValue?.first)
        let transport = FakeTransport(keystone: [try Canned.token(Self.tokenOne)],
                                      other: [.success(HTTPResponse(status: 200, body: try jsonData(first)))])
        let image = try ImageClient(profile: Self.profile(), transport: transport).image(id: "08eaeeab-7c57-47cb-b60b-746021cef446")
        #expect(image.name == "bulk-01593")
        #expect(transport.requests.last?.url == Self.glance + "/v2/images/08eaeeab-7c57-47cb-b60b-746021cef446")
        #expect(transport.requests.last?.header("x-auth-token") == Self.tokenOne)
    }

    @Test("a 401 on a list signs in exactly once more and retries with the new token")
    func reauthenticateOnce() throws {
        let transport = FakeTransport(
            keystone: [try Canned.token(Self.tokenOne), try Canned.token(Self.tokenTwo)],
            other: [try Canned.status(401, fixture: "glance-401-unauthorized.html", contentType: "text/html; charset=UTF-8"),
                    try Canned.page()])
        let client = ImageClient(profile: Self.profile(), transport: transport)
        let page = try client.listImages(.first(query: ImageQuery(), limit: 3))
        #expect(page.images.count == 3)

        let requests = transport.requests
        #expect(requests.map(\.method) == [.post, .get, .post, .get])
        #expect(requests.filter { $0.url == Self.tokensURL }.count == 2)
        try #require(requests.count == 4)
        #expect(requests[1].header("X-Auth-Token") == Self.tokenOne)
        #expect(requests[3].header("X-Auth-Token") == Self.tokenTwo)
        #expect(requests[3].headers.filter { $0.name.lowercased() == "x-auth-token" }.count == 1)
        #expect(requests[1].url == requests[3].url)

        // Later requests keep using the new token.
        _ = try? client.listImages(.first(query: ImageQuery(), limit: 3))
        #expect(transport.requests.last?.header("X-Auth-Token") == Self.tokenTwo)
    }

    @Test("a second 401 surfaces as APIError.http(401) after exactly one re-authentication")
    func secondUnauthorized() throws {
        let transport = FakeTransport(
            keystone: [try Canned.token(Self.tokenOne), try Canned.token(Self.tokenTwo), try Canned.token("gAAAAABthird-token")],
            other: [try Canned.status(401, fixture: "glance-401-unauthorized.html", contentType: "text/html; charset=UTF-8"),
                    try Canned.status(401, fixture: "glance-401-unauthorized.html", contentType: "text/html; charset=UTF-8"),
                    try Canned.page()])
        let client = ImageClient(profile: Self.profile(), transport: transport)
        let listURL = Self.glance + "/v2/images?limit=3"
        #expect(throws: APIError.http(status: 401, message: try ErrorBody.message(
            from: Fixture.data("glance-401-unauthorized.html"), contentType: "text/html", status: 401), url: listURL)) {
            try client.listImages(.first(query: ImageQuery(), limit: 3))
        }
        #expect(transport.requests.map(\.method) == [.post, .get, .post, .get])
    }

    @Test("when signing in again is refused, Keystone's 401 surfaces")
    func reauthenticationRefused() throws {
        let transport = FakeTransport(
            keystone: [try Canned.token(Self.tokenOne),
                       try Canned.status(401, fixture: "keystone-401-wrong-password.json", contentType: "application/json")],
            other: [try Canned.status(401, fixture: "glance-401-unauthorized.html", contentType: "text/html")])
        let client = ImageClient(profile: Self.profile(), transport: transport)
        #expect(throws: APIError.http(status: 401, message: "The request you have made requires authentication.", url: Self.tokensURL)) {
            try client.listImages(.first(query: ImageQuery(), limit: 3))
        }
        #expect(transport.requests.count == 3)
    }

    @Test("errors other than 401 do not trigger re-authentication", arguments: [403, 404, 500, 503])
    func noRetryOnOtherErrors(status: Int) throws {
        let transport = FakeTransport(keystone: [try Canned.token(Self.tokenOne)],
                                      other: [Canned.status(status, text: "Nope.")])
        let client = ImageClient(profile: Self.profile(), transport: transport)
        #expect(throws: APIError.http(status: status, message: "Nope.", url: Self.glance + "/v2/images?limit=3")) {
            try client.listImages(.first(query: ImageQuery(), limit: 3))
        }
        #expect(transport.requests.count == 2)
    }

    @Test("the image endpoint override skips the catalog", arguments: [
        ("https://override.example/image/v2/", "https://override.example/image"),
        ("http://10.0.0.5:9292", "http://10.0.0.5:9292"),
    ])
    func endpointOverride(override: String, root: String) throws {
        // A catalog without any image service: only the override can make this work.
        let transport = FakeTransport(keystone: [try Canned.tokenWithCatalog(Self.tokenOne, catalog: "[]")],
                                      other: [try Canned.page()])
        let client = ImageClient(profile: Self.profile(override: override), transport: transport)
        let session = try client.signIn()
        #expect(session.imageEndpoint == root)
        _ = try client.listImages(.first(query: ImageQuery(), limit: 5))
        #expect(transport.requests.last?.url == root + "/v2/images?limit=5")
    }

    @Test("without an override, a catalog without an image service is a serviceNotFound error")
    func noImageService() throws {
        let transport = FakeTransport(keystone: [try Canned.tokenWithCatalog(
            Self.tokenOne, catalog: #"[{"type": "identity", "endpoints": [{"interface": "public", "url": "http://k"}]}]"#)])
        #expect(throws: APIError.serviceNotFound("The catalog has no 'image' service (it has: identity)")) {
            try ImageClient(profile: Self.profile(), transport: transport).signIn()
        }
    }

    @Test("an HTML 404 from Glance becomes the sentence")
    func html404() throws {
        let transport = FakeTransport(keystone: [try Canned.token(Self.tokenOne)],
                                      other: [try Canned.status(404, fixture: "glance-404-image-not-found.html",
                                                                contentType: "text/html; charset=UTF-8")])
        let client = ImageClient(profile: Self.profile(), transport: transport)
        let url = Self.glance + "/v2/images/nonexistent"
        let error = #expect(throws: APIError.self) { try client.image(id: "nonexistent") }
        #expect(error == .http(status: 404, message: "No image found with ID nonexistent", url: url))
        #expect(error?.userMessage == "404 Not Found: No image found with ID nonexistent (it may have been deleted meanwhile; press r to reload)")
    }

    @Test("a transport failure maps to APIError.transport with the request URL", arguments: [
        TransportFailure.cannotConnect("Connection refused"), .cannotResolveHost("127.0.0.1"), .timedOut("after 30 s"),
        .tls("self-signed certificate"), .cancelled, .other("weird"),
    ])
    func transportFailure(failure: TransportFailure) throws {
        let signInFails = FakeTransport(keystone: [.failure(failure)])
        #expect(throws: APIError.transport(failure, url: Self.tokensURL)) {
            try ImageClient(profile: Self.profile(), transport: signInFails).signIn()
        }

        let listFails = FakeTransport(keystone: [try Canned.token(Self.tokenOne)], other: [.failure(failure)])
        #expect(throws: APIError.transport(failure, url: Self.glance + "/v2/images?limit=3")) {
            try ImageClient(profile: Self.profile(), transport: listFails).listImages(.first(query: ImageQuery(), limit: 3))
        }
        // No re-authentication for a network failure.
        #expect(listFails.requests.count == 2)
    }

    @Test("a server echoing the password gets it masked in the error")
    func passwordEchoMasked() throws {
        let echo = #"{"error": {"code": 400, "message": "Invalid input for field 'password': '\#(Self.password)' is too long", "title": "Bad Request"}}"#
        let transport = FakeTransport(keystone: [Canned.status(400, text: echo, contentType: "application/json")])
        let error = #expect(throws: APIError.self) { try ImageClient(profile: Self.profile(), transport: transport).signIn() }
        let message = try #require(error?.userMessage)
        #expect(!message.contains(Self.password))
        #expect(message == "400 Bad Request: Invalid input for field 'password': '***' is too long")
    }

    @Test("a proxy echoing the token gets it masked in the error")
    func tokenEchoMasked() throws {
        let echo = "<html><body><h1>400 Bad Request</h1>Header X-Auth-Token: \(Self.tokenOne) is too large</body></html>"
        let transport = FakeTransport(keystone: [try Canned.token(Self.tokenOne)],
                                      other: [Canned.status(400, text: echo, contentType: "text/html")])
        let client = ImageClient(profile: Self.profile(), transport: transport)
        let error = #expect(throws: APIError.self) { try client.listImages(.first(query: ImageQuery(), limit: 3)) }
        let message = try #require(error?.userMessage)
        #expect(message.hasPrefix("400 Bad Request: Header X-Auth-Token: "))
        #expect(!message.contains(Self.tokenOne), "\(message)")
    }

    @Test("sendAuthorized replaces a token already on the request instead of adding a second one")
    func sendAuthorizedReplaces() throws {
        let transport = FakeTransport(keystone: [try Canned.token(Self.tokenOne)],
                                      other: [.success(HTTPResponse(status: 204))])
        let client = ImageClient(profile: Self.profile(), transport: transport)
        let response = try client.sendAuthorized(HTTPRequest(method: .head, url: Self.glance + "/v2/images/x",
                                                             headers: [("x-auth-token", "stale-token-value")]))
        #expect(response.status == 204)
        let sent = try #require(transport.requests.last)
        #expect(sent.headers.filter { $0.name.lowercased() == "x-auth-token" }.map(\.value) == [Self.tokenOne])
    }

    @Test("the debug log gets one line per request and never a password or token")
    func debugLog() throws {
        let sink = LogSink()
        let transport = FakeTransport(
            keystone: [try Canned.token(Self.tokenOne), try Canned.token(Self.tokenTwo), .failure(.cannotConnect("refused"))],
            other: [try Canned.status(401, fixture: "glance-401-unauthorized.html", contentType: "text/html"),
                    try Canned.page(),
                    try Canned.status(401, fixture: "glance-401-unauthorized.html", contentType: "text/html")])
        let client = ImageClient(profile: Self.profile(), transport: transport, log: sink.closure)
        _ = try client.listImages(.first(query: ImageQuery(), limit: 3))
        _ = try? client.listImages(.first(query: ImageQuery(), limit: 3)) // 401, then sign-in fails on the network

        let lines = sink.lines
        #expect(lines.count == transport.requests.count)
        #expect(lines.count == 6)
        for line in lines {
            #expect(!line.contains(Self.password), "\(line)")
            #expect(!line.contains(Self.tokenOne), "\(line)")
            #expect(!line.contains(Self.tokenTwo), "\(line)")
        }
        let joined = lines.joined(separator: "\n")
        #expect(lines[0].hasPrefix("POST \(Self.tokensURL) ["))
        #expect(lines[0].contains("body <redacted "))
        #expect(lines[0].contains("-> 201 "))
        #expect(lines[1].hasPrefix("GET \(Self.glance)/v2/images?limit=3 ["))
        #expect(lines[1].contains("X-Auth-Token: ***"))
        #expect(lines[1].contains("-> 401 "))
        #expect(lines[3].contains("-> 200 "))
        #expect(lines[5].hasPrefix("POST \(Self.tokensURL) -> "))
        #expect(joined.contains("refused"))
    }

    @Test("a token-method profile never logs its token either")
    func tokenMethodLog() throws {
        let sink = LogSink()
        let supplied = "gAAAAABsupplied-token-value"
        let profile = CloudProfile(name: "t", authURL: Self.authURL, auth: .token(Secret(supplied), scope: .unscoped),
                                   regionName: "RegionOne")
        let transport = FakeTransport(keystone: [try Canned.token(Self.tokenOne)], other: [try Canned.page()])
        let client = ImageClient(profile: profile, transport: transport, log: sink.closure)
        _ = try client.listImages(.first(query: ImageQuery(), limit: 3))
        #expect(sink.lines.count == 2)
        for line in sink.lines {
            #expect(!line.contains(supplied))
            #expect(!line.contains(Self.tokenOne))
        }
    }
}
