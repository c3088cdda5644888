import Foundation

/// Keystone v3 token requests (POST /v3/auth/tokens) and their responses.
public enum KeystoneAuth {
    /// `auth_url` as users write it: with or without /v3, with or without a trailing slash.
    public static func identityV3(_ authURL: String) -> String {
        var url = authURL
        while url.hasSuffix("/") { url.removeLast() }
        if url.hasSuffix("/v3") { return url }
        if url.hasSuffix("/v2.0") { url.removeLast(5) }
        return url + "/v3"
    }

    public static func tokenRequest(authURL: String, method: AuthMethod) -> HTTPRequest {
        let body = JSONValue.object(["auth": authObject(method)])
        return HTTPRequest(
            method: .post, url: identityV3(authURL) + "/auth/tokens",
            headers: [("Content-Type", "application/json"), ("Accept", "application/json")],
            body: try? JSONEncoder().encode(body))
    }

    static func authObject(_ method: AuthMethod) -> JSONValue {
        var auth: [String: JSONValue] = [:]
        switch method {
        case .password(let user, let password, let scope):
            var u = reference(user)
            u["password"] = .string(password.reveal())
            auth["identity"] = .object(["methods": .array([.string("password")]),
                                        "password": .object(["user": .object(u)])])
            auth["scope"] = scopeObject(scope)
        case .applicationCredential(let credential, let user, let secret):
            var c = reference(credential, domainKey: nil)
            if let user { c["user"] = .object(reference(user)) }
            c["secret"] = .string(secret.reveal())
            auth["identity"] = .object(["methods": .array([.string("application_credential")]),
                                        "application_credential": .object(c)])
        case .token(let token, let scope):
            auth["identity"] = .object(["methods": .array([.string("token")]),
                                        "token": .object(["id": .string(token.reveal())])])
            auth["scope"] = scopeObject(scope)
        }
        return .object(auth.compactMapValues { $0 == .null ? nil : $0 })
    }

    static func reference(_ ref: Reference, domainKey: String? = "domain") -> [String: JSONValue] {
        switch ref {
        case .id(let id): return ["id": .string(id)]
        case .name(let name, let domain):
            var out: [String: JSONValue] = ["name": .string(name)]
            // Names are unique only within a domain; like the openstack CLI, assume the
            // "default" domain when none was configured.
            if let domainKey { out[domainKey] = .object(domainObject(domain ?? .id("default"))) }
            return out
        }
    }

    static func domainObject(_ d: DomainReference) -> [String: JSONValue] {
        switch d {
        case .id(let id): ["id": .string(id)]
        case .name(let name): ["name": .string(name)]
        }
    }

    static func scopeObject(_ scope: AuthScope) -> JSONValue {
        switch scope {
        case .project(let p): .object(["project": .object(reference(p))])
        case .domain(let d): .object(["domain": .object(domainObject(d))])
        case .system: .object(["system": .object(["all": .bool(true)])])
        case .unscoped: .null
        }
    }

    /// Reads the token (header) and its body: who we are, what we are scoped to, the catalog.
    public static func parseToken(_ response: HTTPResponse, url: String) throws(APIError) -> Token {
        guard let token = response.header("X-Subject-Token"), !token.isEmpty else {
            throw .malformedResponse("Keystone sent no X-Subject-Token header", url: url)
        }
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: response.body),
              let body = json.objectValue?["token"]?.objectValue else {
            throw .malformedResponse("the token response is not the JSON Keystone v3 sends", url: url)
        }
        let project = body["project"]?.objectValue
        let user = body["user"]?.objectValue
        let catalog = ServiceCatalog(json: body["catalog"] ?? .array([]))
        return Token(
            value: Secret(token),
            expiresAt: body["expires_at"]?.stringValue.flatMap(ISOTime.parse),
            userID: user?["id"]?.stringValue, userName: user?["name"]?.stringValue,
            projectID: project?["id"]?.stringValue, projectName: project?["name"]?.stringValue,
            roles: body["roles"]?.arrayValue?.compactMap { $0.objectValue?["name"]?.stringValue } ?? [],
            catalog: catalog)
    }
}

public struct Token: Sendable, Equatable {
    public var value: Secret
    public var expiresAt: Date?
    public var userID: String?
    public var userName: String?
    public var projectID: String?
    public var projectName: String?
    public var roles: [String]
    public var catalog: ServiceCatalog
}
