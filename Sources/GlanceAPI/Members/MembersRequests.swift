import Foundation

/// Pure builders for image sharing: the Image API v2 member requests, and the Keystone v3
/// project look-ups that turn a project name into the ID Glance wants. The token is added by the
/// client that sends them. Decoders are in ImageMember.swift (members) and below (projects).
///
/// Glance 33 stores whatever string `member` carries (a name, an ID with dashes or capitals, any
/// text) and answers 200: only the exact project ID Keystone issued ever matches the member's
/// token, so callers check IDs with `ProjectID.isWellFormed` before adding.
public enum MembersRequests {
    /// GET /v2/images/{id}/members: the owner sees every member, a member only itself.
    public static func list(_ endpoint: ImageEndpoint, imageID: String) -> HTTPRequest {
        HTTPRequest(method: .get, url: membersURL(endpoint, imageID), headers: [("Accept", "application/json")])
    }

    /// POST /v2/images/{id}/members {"member": projectID}: the owner offers a shared image to a
    /// project; the membership starts "pending".
    public static func add(_ endpoint: ImageEndpoint, imageID: String, projectID: String) -> HTTPRequest {
        HTTPRequest(method: .post, url: membersURL(endpoint, imageID),
                    headers: [("Content-Type", "application/json"), ("Accept", "application/json")],
                    body: try? JSONEncoder().encode(JSONValue.object(["member": .string(projectID)])))
    }

    /// DELETE /v2/images/{id}/members/{member}: the owner withdraws the offer.
    public static func remove(_ endpoint: ImageEndpoint, imageID: String, memberID: String) -> HTTPRequest {
        HTTPRequest(method: .delete, url: memberURL(endpoint, imageID, memberID))
    }

    /// PUT /v2/images/{id}/members/{member} {"status": s}: only the member itself may answer
    /// (the owner gets 403 "You are not authorized to complete modify_member action.").
    public static func setStatus(_ endpoint: ImageEndpoint, imageID: String, memberID: String, status: MemberStatus) -> HTTPRequest {
        HTTPRequest(method: .put, url: memberURL(endpoint, imageID, memberID),
                    headers: [("Content-Type", "application/json"), ("Accept", "application/json")],
                    body: try? JSONEncoder().encode(JSONValue.object(["status": .string(status.rawValue)])))
    }

    static func membersURL(_ endpoint: ImageEndpoint, _ imageID: String) -> String {
        endpoint.v2 + "/images/" + QueryString.escapePathSegment(imageID) + "/members"
    }

    static func memberURL(_ endpoint: ImageEndpoint, _ imageID: String, _ memberID: String) -> String {
        membersURL(endpoint, imageID) + "/" + QueryString.escapePathSegment(memberID)
    }

    // MARK: Keystone projects

    /// GET {identity}/v3/projects?name=…: every project of that exact (case-sensitive) name, in
    /// any domain. Keystone's default policy allows it to administrators only; others get 403
    /// "You are not authorized to perform the requested action: identity:list_projects.".
    public static func projects(authURL: String, named name: String) -> HTTPRequest {
        HTTPRequest(method: .get, url: KeystoneAuth.identityV3(authURL) + "/projects" + QueryString.encode([("name", name)]),
                    headers: [("Accept", "application/json")])
    }

    /// GET {identity}/v3/auth/projects: the projects the token's user may scope to, allowed to
    /// everyone.
    public static func myProjects(authURL: String) -> HTTPRequest {
        HTTPRequest(method: .get, url: KeystoneAuth.identityV3(authURL) + "/auth/projects",
                    headers: [("Accept", "application/json")])
    }

    /// GET {identity}/v3/projects/{id}: allowed for the user's own projects (and to
    /// administrators); another project's ID is a 403 for ordinary users, not a 404.
    public static func project(authURL: String, id: String) -> HTTPRequest {
        HTTPRequest(method: .get, url: KeystoneAuth.identityV3(authURL) + "/projects/" + QueryString.escapePathSegment(id),
                    headers: [("Accept", "application/json")])
    }

    /// {"projects": [...]} of either list: entries without an id are skipped.
    public static func decodeProjects(_ body: Data, url: String) throws(APIError) -> [KeystoneProject] {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: body), let o = json.objectValue else {
            throw .malformedResponse("the project list is not JSON", url: url)
        }
        guard let entries = o["projects"]?.arrayValue else {
            throw .malformedResponse("the project list has no \"projects\" array", url: url)
        }
        return entries.compactMap(KeystoneProject.init(json:))
    }

    /// {"project": {...}}.
    public static func decodeProject(_ body: Data, url: String) throws(APIError) -> KeystoneProject {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: body),
              let entry = json.objectValue?["project"], let project = KeystoneProject(json: entry) else {
            throw .malformedResponse("the project is not the JSON Keystone v3 sends", url: url)
        }
        return project
    }
}

/// A Keystone project as the listings give it: what a member ID can be shown as.
public struct KeystoneProject: Sendable, Equatable, Hashable {
    public var id: String
    public var name: String?
    public var domainID: String?
    public var enabled: Bool?

    public init(id: String, name: String? = nil, domainID: String? = nil, enabled: Bool? = nil) {
        self.id = id
        self.name = name
        self.domainID = domainID
        self.enabled = enabled
    }

    init?(json: JSONValue) {
        guard let o = json.objectValue, let id = o["id"]?.stringValue, !id.isEmpty else { return nil }
        self.init(id: id, name: o["name"]?.stringValue, domainID: o["domain_id"]?.stringValue,
                  enabled: o["enabled"]?.looseBool)
    }
}
