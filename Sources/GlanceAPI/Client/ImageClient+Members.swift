import Foundation

/// What a name or ID typed for "share with project …" turned out to be.
public enum ProjectResolution: Sendable, Equatable {
    /// The project ID to send: the text itself when it has the shape of one (with `name` when
    /// Keystone confirmed it, nil when it could not), or the one project of that name.
    case id(String, name: String?)
    /// Several projects carry the name (in different domains).
    case ambiguous([KeystoneProject])
    /// Keystone listed projects and none has the name (or nothing was typed).
    case notFound
    /// Keystone refused to list projects (403: its default policy allows it to administrators
    /// only) and none of the user's own projects has the name; `reason` is Keystone's sentence.
    /// The UI asks for the project ID instead.
    case cannotList(String)
}

/// The shape of a Keystone project ID, checked before anything is sent: Glance accepts any
/// string as a member ("alt", "not a project!") and the membership then matches nobody.
public enum ProjectID {
    /// 32 hexadecimal digits (as Keystone issues them), or a UUID written with dashes (8-4-4-4-12).
    public static func isWellFormed(_ text: String) -> Bool {
        let u = Array(text.utf8)
        func hex(_ c: UInt8) -> Bool {
            (48...57).contains(c) || (97...102).contains(c) || (65...70).contains(c)
        }
        switch u.count {
        case 32: return u.allSatisfy(hex)
        case 36:
            for (i, c) in u.enumerated() {
                if [8, 13, 18, 23].contains(i) { guard c == UInt8(ascii: "-") else { return false } }
                else { guard hex(c) else { return false } }
            }
            return true
        default: return false
        }
    }

    /// The form Keystone issues: lower-case, without dashes. Glance compares member IDs with the
    /// token's project ID exactly, so "349C50E6…" or "349c50e6-abbd-…" would share with nobody.
    public static func canonical(_ text: String) -> String {
        text.lowercased().replacingOccurrences(of: "-", with: "")
    }
}

/// Image sharing: the builders of MembersRequests.swift sent through `sendAuthorized`, so a token
/// that expired is renewed once and every failure is an `APIError` with the server's own sentence.
/// Keystone is reached at the profile's auth URL with the same token.
extension ImageClient {
    /// GET /v2/images/{id}/members. Only a shared image has members: Glance 33 answers 403
    /// "Not allowed to list members for image ID: Only shared images have members." for the
    /// others, and 404 "Image ID not found." to a project that cannot see the image.
    public func members(of imageID: String) throws(APIError) -> MemberList {
        let request = MembersRequests.list(try imageEndpoint(), imageID: imageID)
        let response = try sendAuthorized(request)
        return try MembersRequests.decodeList(response.body, url: request.url, imageID: imageID)
    }

    /// POST /v2/images/{id}/members: offers a shared image to project `projectID` (an ID, as
    /// `resolveProject` gives it). A text that is not shaped like a project ID is refused here,
    /// before any request, because Glance would store it as it is. Glance answers 403 "Not
    /// allowed to create members for image ID." unless the image is shared, and 409 "Member P is
    /// duplicated for image ID" for a project that is a member already.
    @discardableResult
    public func addMember(_ projectID: String, to imageID: String) throws(APIError) -> ImageMember {
        guard ProjectID.isWellFormed(projectID) else {
            throw .configuration("\"\(projectID)\" is not a project ID: give the 32 hexadecimal digits Keystone shows for the project")
        }
        let request = MembersRequests.add(try imageEndpoint(), imageID: imageID, projectID: projectID)
        let response = try sendAuthorized(request)
        return try MembersRequests.decodeMember(response.body, url: request.url, imageID: imageID)
    }

    /// DELETE /v2/images/{id}/members/{member}, by the owner. Any member ID is sent as it is
    /// listed, so a malformed one stored earlier can still be removed.
    public func removeMember(_ memberID: String, from imageID: String) throws(APIError) {
        _ = try sendAuthorized(MembersRequests.remove(try imageEndpoint(), imageID: imageID, memberID: memberID))
    }

    /// PUT /v2/images/{id}/members/{member}: the member project answers the offer (accepted
    /// images join its default list, rejected and pending ones only show with member_status).
    @discardableResult
    public func setMemberStatus(_ status: MemberStatus, image imageID: String, member memberID: String) throws(APIError) -> ImageMember {
        let request = MembersRequests.setStatus(try imageEndpoint(), imageID: imageID, memberID: memberID, status: status)
        let response = try sendAuthorized(request)
        return try MembersRequests.decodeMember(response.body, url: request.url, imageID: imageID)
    }

    /// Turns what the user typed into a project ID.
    ///
    /// - Shaped like an ID: always `.id`. Keystone is asked for its name (GET /v3/projects/{id},
    ///   which ordinary users may do for their own projects only); an ID written with dashes or
    ///   capitals is tried in Keystone's form too. Unconfirmed, the ID is returned in Keystone's
    ///   form (lower-case, no dashes), since another spelling would share with nobody.
    /// - A name: GET /v3/projects?name=…, exact and case-sensitive. One project → `.id`, several
    ///   (other domains) → `.ambiguous`, none → `.notFound`. When Keystone refuses the listing
    ///   (403) the user's own projects (GET /v3/auth/projects) are searched instead; without a
    ///   match there, `.cannotList` with Keystone's sentence.
    ///
    /// Throws only when the name listing fails otherwise (transport, 5xx, a malformed answer).
    public func resolveProject(_ nameOrID: String) throws(APIError) -> ProjectResolution {
        let text = nameOrID.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return .notFound }
        let authURL = profile.authURL

        if ProjectID.isWellFormed(text) {
            let canonical = ProjectID.canonical(text)
            for form in text == canonical ? [text] : [text, canonical] {
                let request = MembersRequests.project(authURL: authURL, id: form)
                if let response = try? sendAuthorized(request),
                   let project = try? MembersRequests.decodeProject(response.body, url: request.url) {
                    return .id(project.id, name: project.name)
                }
            }
            return .id(canonical, name: nil)
        }

        let request = MembersRequests.projects(authURL: authURL, named: text)
        let refusal: String
        do {
            let response = try sendAuthorized(request)
            let named = try MembersRequests.decodeProjects(response.body, url: request.url).filter { $0.name == text }
            return Self.resolution(named) ?? .notFound
        } catch let error where error.status == 403 {
            guard case .http(_, let message, _) = error else { throw error }
            refusal = message
        }
        let mine = MembersRequests.myProjects(authURL: authURL)
        if let response = try? sendAuthorized(mine),
           let projects = try? MembersRequests.decodeProjects(response.body, url: mine.url),
           let found = Self.resolution(projects.filter { $0.name == text }) {
            return found
        }
        return .cannotList(refusal)
    }

    /// The names of member IDs, for showing a member list: only IDs Keystone knows exactly as
    /// written (a member stored as "alt" or with dashes is nobody, and gets no name). First the
    /// user's own projects (GET /v3/auth/projects, one request), then GET /v3/projects/{id} for
    /// each remaining ID until Keystone refuses one: ordinary users are refused every other
    /// project (403), so they pay one request more, administrators one per other project.
    /// Never throws; an ID without a name is absent from the result.
    public func projectNames(for memberIDs: [String]) -> [String: String] {
        var wanted = Set(memberIDs.filter(ProjectID.isWellFormed))
        guard !wanted.isEmpty else { return [:] }
        let authURL = profile.authURL
        var names: [String: String] = [:]
        let mine = MembersRequests.myProjects(authURL: authURL)
        if let response = try? sendAuthorized(mine),
           let projects = try? MembersRequests.decodeProjects(response.body, url: mine.url) {
            for project in projects where wanted.contains(project.id) {
                wanted.remove(project.id)
                if let name = project.name { names[project.id] = name }
            }
        }
        for id in wanted.sorted() {
            let request = MembersRequests.project(authURL: authURL, id: id)
            do {
                let response = try sendAuthorized(request)
                let project = try MembersRequests.decodeProject(response.body, url: request.url)
                if project.id == id, let name = project.name { names[id] = name }
            } catch where error.status == 404 {
                continue
            } catch {
                break
            }
        }
        return names
    }

    static func resolution(_ named: [KeystoneProject]) -> ProjectResolution? {
        switch named.count {
        case 0: nil
        case 1: .id(named[0].id, name: named[0].name)
        default: .ambiguous(named)
        }
    }
}
