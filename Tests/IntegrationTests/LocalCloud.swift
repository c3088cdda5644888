import CloudConfig
import CurlTransport
import Foundation
import GlanceAPI
import Testing

/// The local cloud that scripts/devcloud runs. These tests run when GLANCE_TUI_CLOUDS names its
/// clouds.yaml (scripts/test sets it); `swift test` alone runs only the tests that need no server.
enum LocalCloud {
    static let cloudsFile = ProcessInfo.processInfo.environment["GLANCE_TUI_CLOUDS"]
    static var isConfigured: Bool { cloudsFile != nil }

    static func profile(_ cloud: String = "devcloud-demo") throws -> CloudProfile {
        let file = try #require(cloudsFile, "GLANCE_TUI_CLOUDS is not set")
        #expect(FileManager.default.fileExists(atPath: file), "no clouds.yaml at \(file): run scripts/devcloud up")
        let loader = CloudConfigLoader(environment: ["OS_CLIENT_CONFIG_FILE": file],
                                       homeDirectory: NSTemporaryDirectory(), currentDirectory: NSTemporaryDirectory())
        return try loader.load(CommandLineOverrides(cloud: cloud))
    }

    static func client(_ profile: CloudProfile, log: (@Sendable (String) -> Void)? = nil) -> ImageClient {
        ImageClient(profile: profile, transport: CurlTransport(options: .init(tls: profile.tls)), log: log)
    }

    /// Every image the client can list, following `next` links (bulk benchmark images may be there too).
    static func allImages(_ client: ImageClient) throws -> [Image] {
        var page = try client.listImages(.first(query: ImageQuery(), limit: ImagesRequests.maxPageSize))
        var images = page.images
        while let next = page.next, !page.images.isEmpty {
            page = try client.listImages(.next(link: next, limit: ImagesRequests.maxPageSize))
            images += page.images
        }
        return images
    }

    /// The APIError a call throws, recording an issue if it throws none.
    static func apiError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> APIError? {
        do {
            try body()
            Issue.record("expected an APIError", sourceLocation: sourceLocation)
        } catch let error as APIError {
            return error
        } catch {
            Issue.record("expected an APIError, got \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }

    /// Calls Keystone directly for set-up that the program itself never does (credentials).
    static func keystone(_ method: HTTPMethod, _ path: String, token: String, body: JSONValue? = nil,
                         headers: [(String, String)] = []) throws -> HTTPResponse {
        let profile = try profile()
        var request = HTTPRequest(method: method, url: KeystoneAuth.identityV3(profile.authURL) + path,
                                  headers: [("X-Auth-Token", token), ("Content-Type", "application/json")] + headers)
        if let body { request.body = try JSONEncoder().encode(body) }
        return try CurlTransport(options: .init(tls: profile.tls)).send(request)
    }

    static func token(_ profile: CloudProfile) throws -> Token {
        let request = KeystoneAuth.tokenRequest(authURL: profile.authURL, method: profile.auth)
        let response = try CurlTransport(options: .init(tls: profile.tls)).send(request)
        return try KeystoneAuth.parseToken(response, url: request.url)
    }
}
