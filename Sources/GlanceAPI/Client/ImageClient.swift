import Foundation
import Synchronization

/// Talks to Keystone and the Image API over any `HTTPTransport`: signs in, finds the endpoint,
/// adds the token, signs in again once when a token expires (401), and turns every failure into
/// an `APIError` with the server's own sentence. Called from background queues only.
public final class ImageClient: Sendable {
    struct Authenticated: Sendable {
        var token: Token
        var endpoint: ImageEndpoint
    }

    public let profile: CloudProfile
    let transport: any HTTPTransport
    let log: (@Sendable (String) -> Void)?
    private let current = Mutex<Authenticated?>(nil)
    /// The API the last sign-in chose, so that signing in again after a 401 (or a first call
    /// made before any sign-in) keeps it: a compute-only catalog has no image service to find.
    private let chosenAPI = Mutex<ImageAPI?>(nil)
    /// Held while signing in again after a 401.
    private let renewing = Mutex(())
    /// Learns the token at each sign-in, since a server's error can echo it back.
    let redactor: Mutex<Redactor>

    /// The opt-in token cache with this profile's key in it; nil when the profile has none.
    let tokenCache: CachedSignIn?

    public init(profile: CloudProfile, transport: any HTTPTransport, log: (@Sendable (String) -> Void)? = nil) {
        self.profile = profile
        self.transport = transport
        self.log = log
        var r = Redactor()
        for s in profile.auth.secrets { r.add(s) }
        redactor = Mutex(r)
        tokenCache = CachedSignIn(profile: profile)
    }

    @discardableResult
    /// Signs in and finds where images are served. `api` nil discovers it: Image v2 from the
    /// catalog's image service (v1 when the service offers no v2 version), else Compute's image
    /// proxy when the catalog has only a compute service. With the token cache on, a cached
    /// token that is still good is used and Keystone is not asked.
    public func signIn(api: ImageAPI? = .v2) throws(APIError) -> SessionInfo {
        try signIn(api: api, reuseCached: true)
    }

    /// Signs in to Keystone again with the API chosen before (Image v2 when there was none),
    /// after a token was refused: the cached one, if any, is dropped first.
    @discardableResult
    public func signInAgain() throws(APIError) -> SessionInfo {
        tokenCache?.drop(log: log)
        return try signIn(api: chosenAPI.withLock { $0 } ?? .v2, reuseCached: false)
    }

    /// After a 401 answered to `refused`: signs in again, unless a request on another queue has
    /// already done so. One renewal at a time, the others waiting for it, so that a revoked
    /// token costs one sign-in, not one per request in flight.
    func renew(refused: Secret) throws(APIError) {
        try renewing.withLock { _ throws(APIError) in
            if let now = current.withLock({ $0?.token.value }), now != refused { return }
            try signInAgain()
        }
    }

    private func signIn(api: ImageAPI?, reuseCached: Bool) throws(APIError) -> SessionInfo {
        let info = try authenticate(api: api, reuseCached: reuseCached)
        chosenAPI.withLock { $0 = info.api }
        return info
    }

    /// A token from the cache when allowed and still good, else from Keystone (then cached).
    private func obtainToken(reuseCached: Bool) throws(APIError) -> Token {
        if reuseCached, let cached = tokenCache?.token(log: log) { return cached }
        let request = KeystoneAuth.tokenRequest(authURL: profile.authURL, method: profile.auth)
        let response = try perform(request, redactBody: true)
        let token = try KeystoneAuth.parseToken(response, url: request.url)
        tokenCache?.save(token, log: log)
        return token
    }

    private func authenticate(api: ImageAPI?, reuseCached: Bool) throws(APIError) -> SessionInfo {
        let token = try obtainToken(reuseCached: reuseCached)
        redactor.withLock { $0.add(token.value) }
        var catalogURL = ""
        var region = profile.regionName
        var chosen = api ?? .v2
        if let override = profile.imageEndpointOverride {
            catalogURL = override
        } else {
            do {
                let entry = try token.catalog.entry(type: "image", region: profile.regionName, interface: profile.interface)
                catalogURL = entry.url
                region = region ?? entry.region
            } catch {
                // Compute's proxy needs no image service; discovery falls back to it.
                guard api == .compute || (api == nil && (try? token.catalog.entry(type: "compute", region: profile.regionName,
                                                                                   interface: profile.interface)) != nil) else {
                    throw error
                }
                chosen = .compute
            }
        }
        let endpoint = ImageEndpoint(catalogURL: catalogURL)
        current.withLock { $0 = Authenticated(token: token, endpoint: endpoint) }
        if api == nil, chosen == .v2, !catalogURL.isEmpty, let versions = try? imageVersions(endpoint),
           !versions.isEmpty, !versions.contains(where: { $0.hasPrefix("v2") }), versions.contains(where: { $0.hasPrefix("v1") }) {
            chosen = .v1
        }
        var info = SessionInfo(cloud: profile.name, region: region, projectName: token.projectName,
                               projectID: token.projectID, userName: token.userName, roles: token.roles,
                               imageEndpoint: endpoint.root, tokenExpires: token.expiresAt)
        info.api = chosen
        return info
    }

    /// The version ids the Image service lists at its root ("v2.16", "v1.1", …).
    func imageVersions(_ endpoint: ImageEndpoint) throws(APIError) -> [String] {
        var request = HTTPRequest(method: .get, url: endpoint.root + "/", headers: [("Accept", "application/json")])
        request.setHeader("X-Auth-Token", try authenticated().token.value.reveal())
        let response: HTTPResponse
        do { response = try transport.send(request) } catch { throw .transport(error, url: request.url) }
        // Glance answers its version list with 300 Multiple Choices.
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: response.body),
              let list = json.objectValue?["versions"]?.arrayValue else { return [] }
        return list.compactMap { $0.objectValue?["id"]?.stringValue }
    }

    /// One page of Image v2's list, the query spelled with `sortSyntax`.
    public func listImages(_ page: PageRequest, sortSyntax: ImageQuery.SortSyntax = .modern) throws(APIError) -> ImagePage {
        switch page {
        case .first(let query, let limit): return try listImages(raw: query.queryItems(sortSyntax: sortSyntax), limit: limit)
        case .after(let query, let marker, let limit):
            return try listImages(raw: query.queryItems(sortSyntax: sortSyntax) + [QueryItem("marker", marker)], limit: limit)
        case .next(let link, let limit):
            let request = ImagesRequests.nextPage(try authenticated().endpoint, next: link, limit: limit)
            return try ImagesRequests.decodePage(try sendAuthorized(request).body, url: request.url)
        }
    }

    /// One page for query parameters as given, unchecked: for what the typed query cannot say
    /// (a server's own extensions, and tests of how Glance answers malformed ones).
    public func listImages(raw items: [QueryItem], limit: Int) throws(APIError) -> ImagePage {
        let request = ImagesRequests.list(try authenticated().endpoint, query: items.map { ($0.name, $0.value) }, limit: limit)
        return try ImagesRequests.decodePage(try sendAuthorized(request).body, url: request.url)
    }

    public func image(id: String) throws(APIError) -> Image {
        let request = ImagesRequests.show(try authenticated().endpoint, id: id)
        let response = try sendAuthorized(request)
        return try ImagesRequests.decodeImage(response.body, url: request.url)
    }

    /// Sends with the current token; on 401 signs in once more and retries, because tokens
    /// expire while a browser stays open for hours.
    public func sendAuthorized(_ request: HTTPRequest) throws(APIError) -> HTTPResponse {
        var authorized = request
        let used = try authenticated().token.value
        authorized.setHeader("X-Auth-Token", used.reveal())
        do {
            return try perform(authorized)
        } catch let error where error.status == 401 {
            try renew(refused: used)
            authorized.setHeader("X-Auth-Token", try authenticated().token.value.reveal())
            return try perform(authorized)
        }
    }

    /// Another service's endpoint from the same catalog (type "compute" for Nova's image proxy),
    /// in the region and interface the image endpoint was chosen by.
    public func serviceEndpoint(type: String) throws(APIError) -> String {
        let token = try authenticated().token
        return try token.catalog.entry(type: type, region: profile.regionName, interface: profile.interface).url
    }

    /// The signed-in project's id, which some endpoints carry in their path.
    public func projectID() throws(APIError) -> String? { try authenticated().token.projectID }

    /// The Image endpoint in use (signing in first if needed), for request builders.
    public func imageEndpoint() throws(APIError) -> ImageEndpoint {
        try authenticated().endpoint
    }

    func authenticated() throws(APIError) -> Authenticated {
        if let a = current.withLock({ $0 }) { return a }
        _ = try signIn(api: chosenAPI.withLock { $0 } ?? .v2, reuseCached: true)
        guard let a = current.withLock({ $0 }) else { throw .configuration("Not signed in") }
        return a
    }

    private func perform(_ request: HTTPRequest, redactBody: Bool = false) throws(APIError) -> HTTPResponse {
        let redactor = self.redactor.withLock { $0 }
        let started = DispatchTime.now().uptimeNanoseconds
        let response: HTTPResponse
        do {
            response = try transport.send(request)
        } catch {
            log?("\(request.method.rawValue) \(redactor.scrub(request.url)) -> \(redactor.scrub(String(describing: error)))")
            if !redactBody { RequestTrail.note(request.method, redactor.scrub(request.url), status: nil) }
            throw .transport(error, url: request.url)
        }
        // Sign-ins are not the user's writes: they stay out of the trail.
        if !redactBody { RequestTrail.note(request.method, redactor.scrub(request.url), status: response.status) }
        let ms = (DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
        if let log {
            let headers = request.headers.map { "\($0.name): \(redactor.headerValue(name: $0.name, value: $0.value))" }
            let body = redactBody ? "<redacted \(request.body?.count ?? 0) bytes>" : "\(request.body?.count ?? 0) bytes"
            log("\(request.method.rawValue) \(redactor.scrub(request.url)) [\(headers.joined(separator: "; "))] body \(body) -> \(response.status) \(response.body.count) bytes \(ms) ms")
        }
        guard response.isSuccess else {
            let message = ErrorBody.message(from: response.body, contentType: response.header("Content-Type"), status: response.status)
            throw .http(status: response.status, message: redactor.scrub(message), url: request.url)
        }
        return response
    }
}
