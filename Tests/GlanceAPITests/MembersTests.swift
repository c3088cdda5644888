import Foundation
import Testing
@testable import GlanceAPI

/// Image members and project look-ups: request building, decoding (fixtures captured from the
/// local Glance 33 and Keystone, see Fixtures/members/README.md) and `ImageClient+Members` over a
/// fake transport.
@Suite("Members: sharing requests, decoding, project resolution")
struct MembersTests {
    static let endpoint = ImageEndpoint(catalogURL: "http://127.0.0.1:9292")
    static let authURL = "http://127.0.0.1:5000/v3"
    static let image = "931847c4-00d9-4c0a-8fe3-985eddcec63c"
    static let alt = "349c50e6abbd412a91c1655896dd026c"
    static let demo = "9f663524ad7d43cab00fa4289e7fc440"

    static func fixture(_ name: String) throws -> Data { try Fixture.data("members/" + name) }

    static func body(_ request: HTTPRequest) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: try #require(request.body))
    }

    // MARK: requests

    @Test("Glance member requests: methods, URLs, headers and bodies")
    func glanceRequests() throws {
        let list = MembersRequests.list(Self.endpoint, imageID: Self.image)
        #expect(list == HTTPRequest(method: .get, url: "http://127.0.0.1:9292/v2/images/\(Self.image)/members",
                                    headers: [("Accept", "application/json")]))

        let add = MembersRequests.add(Self.endpoint, imageID: Self.image, projectID: Self.alt)
        #expect(add.method == .post)
        #expect(add.url == "http://127.0.0.1:9292/v2/images/\(Self.image)/members")
        #expect(add.header("Content-Type") == "application/json")
        #expect(try Self.body(add) == (try json(#"{"member": "\#(Self.alt)"}"#)))

        let remove = MembersRequests.remove(Self.endpoint, imageID: Self.image, memberID: Self.alt)
        #expect(remove == HTTPRequest(method: .delete, url: "http://127.0.0.1:9292/v2/images/\(Self.image)/members/\(Self.alt)"))

        for status in [MemberStatus.pending, .accepted, .rejected, .other("maybe")] {
            let put = MembersRequests.setStatus(Self.endpoint, imageID: Self.image, memberID: Self.alt, status: status)
            #expect(put.method == .put)
            #expect(put.url == "http://127.0.0.1:9292/v2/images/\(Self.image)/members/\(Self.alt)")
            #expect(put.header("Content-Type") == "application/json")
            #expect(try Self.body(put) == .object(["status": .string(status.rawValue)]))
        }
    }

    @Test("member and image IDs are escaped as path segments (Glance stores any member string)")
    func escaping() {
        let versioned = ImageEndpoint(catalogURL: "https://cloud.example/image/v2/")
        #expect(MembersRequests.remove(versioned, imageID: "a/b", memberID: "not a project!").url
                == "https://cloud.example/image/v2/images/a%2Fb/members/not%20a%20project%21")
        #expect(MembersRequests.setStatus(versioned, imageID: "i", memberID: "..", status: .accepted).url
                == "https://cloud.example/image/v2/images/i/members/%2E%2E")
        #expect(MembersRequests.list(versioned, imageID: "x:y,z").url == "https://cloud.example/image/v2/images/x%3Ay%2Cz/members")
    }

    @Test("Keystone project requests, from any spelling of auth_url")
    func keystoneRequests() {
        for auth in ["http://127.0.0.1:5000/v3", "http://127.0.0.1:5000/v3/", "http://127.0.0.1:5000", "http://127.0.0.1:5000/v2.0"] {
            #expect(MembersRequests.projects(authURL: auth, named: "alt")
                    == HTTPRequest(method: .get, url: "http://127.0.0.1:5000/v3/projects?name=alt", headers: [("Accept", "application/json")]))
            #expect(MembersRequests.myProjects(authURL: auth)
                    == HTTPRequest(method: .get, url: "http://127.0.0.1:5000/v3/auth/projects", headers: [("Accept", "application/json")]))
            #expect(MembersRequests.project(authURL: auth, id: Self.alt).url == "http://127.0.0.1:5000/v3/projects/\(Self.alt)")
        }
        #expect(MembersRequests.projects(authURL: Self.authURL, named: "R&D team/ü").url
                == "http://127.0.0.1:5000/v3/projects?name=R%26D%20team%2F%C3%BC")
        #expect(MembersRequests.project(authURL: Self.authURL, id: "a/b").url == "http://127.0.0.1:5000/v3/projects/a%2Fb")
    }

    // MARK: decoding members

    @Test("the captured member list: two members, statuses, timestamps parsed")
    func decodeList() throws {
        let list = try MembersRequests.decodeList(try Self.fixture("glance-members-list.json"), url: "u")
        #expect(list.skippedEntries == 0)
        #expect(list.members == [
            ImageMember(imageID: Self.image, memberID: Self.alt, status: .accepted,
                        createdAt: "2026-11-22T21:29:33Z", updatedAt: "2026-11-22T21:29:34Z"),
            ImageMember(imageID: Self.image, memberID: "0123456789abcdef0123456789abcdef", status: .pending,
                        createdAt: "2026-11-22T21:29:34Z", updatedAt: "2026-11-22T21:29:34Z"),
        ])
        #expect(list.members[0].created == ISOTime.parse("2026-11-22T21:29:33Z"))
        #expect(list.members[0].updated == Date(timeIntervalSince1970: 1_795_382_974))
        #expect(try MembersRequests.decodeList(try Self.fixture("glance-members-empty.json"), url: "u") == MemberList(members: []))
    }

    @Test("one member, as adding and answering return it")
    func decodeMember() throws {
        let added = try MembersRequests.decodeMember(try Self.fixture("glance-member-added.json"), url: "u")
        #expect(added.status == .pending)
        #expect(added.memberID == Self.alt)
        #expect(added.imageID == Self.image)
        let accepted = try MembersRequests.decodeMember(try Self.fixture("glance-member-accepted.json"), url: "u")
        #expect(accepted.status == .accepted)
        #expect(accepted.createdAt == added.createdAt)
        #expect(accepted.updatedAt == "2026-11-22T21:29:34Z")
        let unknown = try MembersRequests.decodeMember(try Self.fixture("glance-member-unknown-project.json"), url: "u")
        #expect(unknown.memberID == "0123456789abcdef0123456789abcdef", "Glance took an ID no project has")
    }

    @Test("tolerant decoding: entries without member_id are skipped and counted, unknown statuses kept")
    func tolerantList() throws {
        let body = Data("""
        {"members": [
          {"member_id": "a", "image_id": "img", "status": "suspended", "created_at": "not a date"},
          {"image_id": "img", "status": "pending"},
          {"member_id": "", "status": "pending"},
          "just a string",
          null,
          {"member_id": 42, "status": null},
          {"member_id": "b"}
        ]}
        """.utf8)
        let list = try MembersRequests.decodeList(body, url: "u", imageID: "fallback")
        #expect(list.skippedEntries == 4)
        #expect(list.members.map(\.memberID) == ["a", "42", "b"])
        #expect(list.members[0].status == .other("suspended"))
        #expect(list.members[0].status.rawValue == "suspended")
        #expect(list.members[0].createdAt == "not a date")
        #expect(list.members[0].created == nil)
        #expect(list.members[0].imageID == "img")
        #expect(list.members[1].status == .other("unknown"))
        #expect(list.members[2].imageID == "fallback", "a missing image_id is the image asked about")
        #expect(list.members[2].createdAt == nil)
    }

    @Test("a member list or member that is not what Glance sends is a malformed response")
    func malformed() {
        func message(_ body: String, list: Bool) -> String? {
            do {
                if list { _ = try MembersRequests.decodeList(Data(body.utf8), url: "http://g:9292/v2/images/i/members") }
                else { _ = try MembersRequests.decodeMember(Data(body.utf8), url: "http://g:9292/v2/images/i/members") }
                return nil
            } catch { return error.userMessage }
        }
        #expect(message("<html>", list: true) == "Malformed response from http://g:9292: the member list is not JSON")
        #expect(message(#"{"images": []}"#, list: true) == #"Malformed response from http://g:9292: the member list has no "members" array"#)
        #expect(message("[]", list: true) == "Malformed response from http://g:9292: the member list is not JSON")
        #expect(message("nope", list: false) == "Malformed response from http://g:9292: the image member is not JSON")
        #expect(message(#"{"status": "pending"}"#, list: false) == "Malformed response from http://g:9292: the image member has no member_id")
        #expect(message("[1]", list: false) == "Malformed response from http://g:9292: the image member is not a JSON object")
    }

    @Test("MemberStatus keeps what it does not know")
    func memberStatus() {
        #expect(MemberStatus.known.map(\.rawValue) == ["pending", "accepted", "rejected"])
        for raw in ["pending", "accepted", "rejected", "Accepted", "all", ""] {
            #expect(MemberStatus(raw: raw).rawValue == raw)
        }
        #expect(MemberStatus(raw: "Accepted") == .other("Accepted"))
        #expect("\(MemberStatus.rejected)" == "rejected")
    }

    // MARK: Glance's and Keystone's error sentences

    @Test("the captured refusals read as Glance's and Keystone's sentences")
    func errorSentences() throws {
        func html(_ file: String, _ status: Int) throws -> String {
            ErrorBody.message(from: try Self.fixture(file), contentType: "text/html; charset=UTF-8", status: status)
        }
        #expect(try html("glance-409-duplicate-member.html", 409) == "Member \(Self.alt) is duplicated for image \(Self.image)")
        #expect(try html("glance-403-add-member-private.html", 403)
                == "Not allowed to create members for image ac926bb2-436d-4183-899f-52472e608d0e.")
        #expect(try html("glance-403-list-members-private.html", 403)
                == "Not allowed to list members for image ac926bb2-436d-4183-899f-52472e608d0e: Only shared images have members.")
        #expect(try html("glance-403-member-adds-member.html", 403) == "You are not authorized to complete add_member action.")
        #expect(try html("glance-403-owner-sets-status.html", 403) == "You are not authorized to complete modify_member action.")
        #expect(try html("glance-400-bad-member-status.html", 400)
                == #"Incorrect request: Status must be "pending", "accepted" or "rejected"."#)
        #expect(try html("glance-404-not-a-member.html", 404)
                == "00000000000000000000000000000000 not found in the member list of the image \(Self.image).")
        func keystone(_ file: String, _ status: Int) throws -> String {
            ErrorBody.message(from: try Self.fixture(file), contentType: "application/json", status: status)
        }
        #expect(try keystone("keystone-403-list-projects.json", 403)
                == "You are not authorized to perform the requested action: identity:list_projects.")
        #expect(try keystone("keystone-403-get-project.json", 403)
                == "You are not authorized to perform the requested action: identity:get_project.")
        #expect(try keystone("keystone-404-project.json", 404) == "Could not find project: 00000000000000000000000000000000.")
    }

    // MARK: decoding projects

    @Test("Keystone project lists and one project decode to id, name, domain")
    func decodeProjects() throws {
        #expect(try MembersRequests.decodeProjects(try Self.fixture("keystone-projects-named-alt.json"), url: "u")
                == [KeystoneProject(id: Self.alt, name: "alt", domainID: "default", enabled: true)])
        #expect(try MembersRequests.decodeProjects(try Self.fixture("keystone-projects-named-none.json"), url: "u") == [])
        #expect(try MembersRequests.decodeProjects(try Self.fixture("keystone-auth-projects-demo.json"), url: "u")
                == [KeystoneProject(id: Self.demo, name: "demo", domainID: "default", enabled: true)])
        #expect(try MembersRequests.decodeProject(try Self.fixture("keystone-project-demo.json"), url: "u")
                == KeystoneProject(id: Self.demo, name: "demo", domainID: "default", enabled: true))

        let odd = Data(#"{"projects": [{"name": "no id"}, 7, {"id": "p2"}, {"id": "p3", "name": "x", "enabled": "False"}]}"#.utf8)
        #expect(try MembersRequests.decodeProjects(odd, url: "u") == [KeystoneProject(id: "p2"), KeystoneProject(id: "p3", name: "x", enabled: false)])
        #expect(throws: APIError.malformedResponse(#"the project list has no "projects" array"#, url: "u")) {
            try MembersRequests.decodeProjects(Data(#"{"error": {}}"#.utf8), url: "u")
        }
        #expect(throws: APIError.malformedResponse("the project is not the JSON Keystone v3 sends", url: "u")) {
            try MembersRequests.decodeProject(Data(#"{"project": {"name": "x"}}"#.utf8), url: "u")
        }
    }

    // MARK: ProjectID

    @Test("ProjectID: 32 hex digits or a dashed UUID, nothing else")
    func projectID() {
        for good in [Self.alt, "0123456789ABCDEF0123456789abcdef", "349c50e6-abbd-412a-91c1-655896dd026c",
                     "00000000-0000-0000-0000-000000000000"] {
            #expect(ProjectID.isWellFormed(good), "\(good)")
        }
        for bad in ["", "alt", "default", String(Self.alt.dropLast()), Self.alt + "0", " " + Self.alt, Self.alt + "\n",
                    "349c50e6abbd412a91c1655896dd026g", "349c50e6-abbd-412a-91c1655896dd026c", "349c50e6abbd-412a-91c1-655896dd026c-",
                    "349c50e6-abbd-412a-91c1-655896dd026", "349c50e6_abbd_412a_91c1_655896dd026c", "{349c50e6-abbd-412a-91c1-655896dd026c}",
                    "３４９c50e6abbd412a91c1655896dd026c"] {
            #expect(!ProjectID.isWellFormed(bad), "\(bad)")
        }
        #expect(ProjectID.canonical("349C50E6-ABBD-412A-91C1-655896DD026C") == Self.alt)
        #expect(ProjectID.canonical(Self.alt) == Self.alt)
    }

    // MARK: the client

    static let token = "gAAAAABmembers-token-0123456789"

    static func client(_ other: [FakeTransport.Answer]) throws -> (ImageClient, FakeTransport) {
        let transport = FakeTransport(keystone: [try Canned.token(token)], other: other)
        let profile = CloudProfile(name: "devcloud", authURL: authURL,
                                   auth: .password(user: .name("demo", domain: nil), password: Secret("pw"),
                                                   scope: .project(.name("demo", domain: nil))),
                                   regionName: "RegionOne")
        return (ImageClient(profile: profile, transport: transport), transport)
    }

    static func ok(_ file: String) throws -> FakeTransport.Answer {
        .success(HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: try fixture(file)))
    }

    static func refused(_ status: Int, _ file: String) throws -> FakeTransport.Answer {
        let type = file.hasSuffix(".json") ? "application/json" : "text/html; charset=UTF-8"
        return .success(HTTPResponse(status: status, headers: ["Content-Type": type], body: try fixture(file)))
    }

    /// The requests after sign-in, as "METHOD url".
    static func sent(_ transport: FakeTransport) -> [String] {
        transport.requests.filter { !$0.url.hasSuffix("/auth/tokens") }.map { "\($0.method.rawValue) \($0.url)" }
    }

    @Test("members, addMember, setMemberStatus, removeMember send the token and decode the answer")
    func clientCalls() throws {
        let (client, transport) = try Self.client([
            try Self.ok("glance-members-list.json"), try Self.ok("glance-member-added.json"),
            try Self.ok("glance-member-accepted.json"), .success(HTTPResponse(status: 204)),
        ])
        #expect(try client.members(of: Self.image).members.count == 2)
        #expect(try client.addMember(Self.alt, to: Self.image).status == .pending)
        #expect(try client.setMemberStatus(.accepted, image: Self.image, member: Self.alt).status == .accepted)
        try client.removeMember(Self.alt, from: Self.image)
        let base = "http://127.0.0.1:9292/v2/images/\(Self.image)/members"
        #expect(Self.sent(transport) == ["GET \(base)", "POST \(base)", "PUT \(base)/\(Self.alt)", "DELETE \(base)/\(Self.alt)"])
        #expect(transport.requests.dropFirst().allSatisfy { $0.header("X-Auth-Token") == Self.token })
        #expect(try Self.body(transport.requests[2]) == .object(["member": .string(Self.alt)]))
        #expect(try Self.body(transport.requests[3]) == .object(["status": .string("accepted")]))
    }

    @Test("a member list without image_id entries takes the image asked about")
    func clientFillsImageID() throws {
        let (client, _) = try Self.client([.success(HTTPResponse(status: 200, body: Data(#"{"members": [{"member_id": "m"}]}"#.utf8)))])
        #expect(try client.members(of: "the-image").members == [ImageMember(imageID: "the-image", memberID: "m", status: .other("unknown"))])
    }

    @Test("addMember refuses a malformed project ID before any request, even before signing in")
    func addMemberRefusesMalformedIDs() throws {
        let (client, transport) = try Self.client([])
        for bad in ["alt", "", " \(Self.alt)", "not a project!"] {
            #expect(throws: APIError.configuration("\"\(bad)\" is not a project ID: give the 32 hexadecimal digits Keystone shows for the project")) {
                try client.addMember(bad, to: Self.image)
            }
        }
        #expect(transport.requests.isEmpty)
    }

    @Test("Glance's refusals arrive as its sentences: duplicate (409), not shared (403), bad status (400)")
    func clientRefusals() throws {
        let (client, _) = try Self.client([
            try Self.refused(409, "glance-409-duplicate-member.html"),
            try Self.refused(403, "glance-403-add-member-private.html"),
            try Self.refused(400, "glance-400-bad-member-status.html"),
            try Self.refused(403, "glance-403-list-members-private.html"),
        ])
        func failure(_ body: () throws -> Void) -> APIError? {
            do { try body(); return nil } catch { return error as? APIError }
        }
        let duplicate = failure { try client.addMember(Self.alt, to: Self.image) }
        #expect(duplicate?.status == 409)
        #expect(duplicate?.userMessage.hasPrefix("409 Conflict: Member \(Self.alt) is duplicated for image \(Self.image)") == true)
        #expect(failure { try client.addMember(Self.alt, to: Self.image) }?.userMessage.hasPrefix(
            "403 Forbidden: Not allowed to create members for image ac926bb2-436d-4183-899f-52472e608d0e.") == true)
        #expect(failure { try client.setMemberStatus(.other("maybe"), image: Self.image, member: Self.alt) }?.userMessage.hasPrefix(
            #"400 Bad Request: Incorrect request: Status must be "pending", "accepted" or "rejected"."#) == true)
        #expect(failure { _ = try client.members(of: Self.image) }?.status == 403)
    }

    // MARK: resolveProject

    @Test("a name an administrator may list: one project is its ID, none is notFound, several are ambiguous")
    func resolveByListing() throws {
        let two = Data("""
        {"projects": [{"id": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "name": "alt", "domain_id": "default"},
                      {"id": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "name": "alt", "domain_id": "d2"},
                      {"id": "cccccccccccccccccccccccccccccccc", "name": "Alt", "domain_id": "d3"}]}
        """.utf8)
        let (client, transport) = try Self.client([
            try Self.ok("keystone-projects-named-alt.json"), try Self.ok("keystone-projects-named-none.json"),
            .success(HTTPResponse(status: 200, body: two)),
        ])
        #expect(try client.resolveProject("  alt\n") == .id(Self.alt, name: "alt"))
        #expect(try client.resolveProject("nosuch") == .notFound)
        #expect(try client.resolveProject("alt") == .ambiguous([
            KeystoneProject(id: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", name: "alt", domainID: "default"),
            KeystoneProject(id: "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", name: "alt", domainID: "d2"),
        ]), "only exact names count")
        #expect(Self.sent(transport) == ["GET http://127.0.0.1:5000/v3/projects?name=alt", "GET http://127.0.0.1:5000/v3/projects?name=nosuch",
                                         "GET http://127.0.0.1:5000/v3/projects?name=alt"])
        #expect(transport.requests.dropFirst().allSatisfy { $0.header("X-Auth-Token") == Self.token })
    }

    @Test("listing refused (403): the user's own projects are searched, else cannotList with Keystone's sentence")
    func resolveWhenListingIsRefused() throws {
        let (client, transport) = try Self.client([
            try Self.refused(403, "keystone-403-list-projects.json"), try Self.ok("keystone-auth-projects-demo.json"),
            try Self.refused(403, "keystone-403-list-projects.json"), try Self.ok("keystone-auth-projects-demo.json"),
            try Self.refused(403, "keystone-403-list-projects.json"), .success(HTTPResponse(status: 500)),
        ])
        #expect(try client.resolveProject("alt") == .cannotList("You are not authorized to perform the requested action: identity:list_projects."))
        #expect(try client.resolveProject("demo") == .id(Self.demo, name: "demo"))
        #expect(try client.resolveProject("alt") == .cannotList("You are not authorized to perform the requested action: identity:list_projects."),
                "a failing fallback still says why")
        #expect(Self.sent(transport) == [
            "GET http://127.0.0.1:5000/v3/projects?name=alt", "GET http://127.0.0.1:5000/v3/auth/projects",
            "GET http://127.0.0.1:5000/v3/projects?name=demo", "GET http://127.0.0.1:5000/v3/auth/projects",
            "GET http://127.0.0.1:5000/v3/projects?name=alt", "GET http://127.0.0.1:5000/v3/auth/projects",
        ])
    }

    @Test("other failures of the name listing are thrown")
    func resolveThrows() throws {
        let (client, _) = try Self.client([.success(HTTPResponse(status: 503, body: Data("down".utf8))),
                                           .success(HTTPResponse(status: 200, body: Data("<html>".utf8)))])
        #expect(throws: APIError.http(status: 503, message: "down", url: "http://127.0.0.1:5000/v3/projects?name=alt")) {
            try client.resolveProject("alt")
        }
        #expect(throws: APIError.malformedResponse("the project list is not JSON", url: "http://127.0.0.1:5000/v3/projects?name=alt")) {
            try client.resolveProject("alt")
        }
    }

    @Test("an ID is an ID: named when Keystone shows it, unconfirmed otherwise, always in Keystone's spelling")
    func resolveIDs() throws {
        let (client, transport) = try Self.client([
            try Self.ok("keystone-project-demo.json"),
            try Self.refused(403, "keystone-403-get-project.json"),
            try Self.refused(403, "keystone-403-get-project.json"), try Self.refused(403, "keystone-403-get-project.json"),
            try Self.refused(404, "keystone-404-project.json"), try Self.ok("keystone-project-demo.json"),
            .failure(.cannotConnect("refused")),
        ])
        #expect(try client.resolveProject(Self.demo) == .id(Self.demo, name: "demo"))
        #expect(try client.resolveProject(Self.alt) == .id(Self.alt, name: nil))
        #expect(try client.resolveProject("349C50E6-ABBD-412A-91C1-655896DD026C") == .id(Self.alt, name: nil))
        #expect(try client.resolveProject("9f663524-ad7d-43ca-b00f-a4289e7fc440") == .id(Self.demo, name: "demo"))
        #expect(try client.resolveProject("0123456789abcdef0123456789abcdef") == .id("0123456789abcdef0123456789abcdef", name: nil))
        let k = "GET http://127.0.0.1:5000/v3/projects/"
        #expect(Self.sent(transport) == [
            k + Self.demo, k + Self.alt, k + "349C50E6-ABBD-412A-91C1-655896DD026C", k + Self.alt,
            k + "9f663524-ad7d-43ca-b00f-a4289e7fc440", k + Self.demo, k + "0123456789abcdef0123456789abcdef",
        ])
    }

    // MARK: projectNames

    @Test("projectNames: own projects from one listing, then one GET per other ID until Keystone refuses")
    func projectNamesAsMember() throws {
        let (client, transport) = try Self.client([
            try Self.ok("keystone-auth-projects-demo.json"),
            try Self.refused(403, "keystone-403-get-project.json"),
        ])
        let names = client.projectNames(for: [Self.demo, Self.alt, "0123456789abcdef0123456789abcdef", "alt", "not a project!"])
        #expect(names == [Self.demo: "demo"])
        let k = "GET http://127.0.0.1:5000/v3/"
        #expect(Self.sent(transport) == [k + "auth/projects", k + "projects/0123456789abcdef0123456789abcdef"],
                "stops at the first 403; malformed member IDs are never looked up")
    }

    @Test("projectNames as an administrator: a 404 skips that ID, IDs match exactly")
    func projectNamesAsAdmin() throws {
        let alt = Data(#"{"project": {"id": "\#(Self.alt)", "name": "alt", "domain_id": "default"}}"#.utf8)
        let (client, transport) = try Self.client([
            .success(HTTPResponse(status: 200, body: Data(#"{"projects": []}"#.utf8))),
            try Self.refused(404, "keystone-404-project.json"),
            .success(HTTPResponse(status: 200, body: alt)),
            .success(HTTPResponse(status: 200, body: alt)),
        ])
        let dashed = "349c50e6-abbd-412a-91c1-655896dd026c"
        #expect(client.projectNames(for: ["00000000000000000000000000000000", Self.alt, dashed]) == [Self.alt: "alt"],
                "a member stored with dashes is not alt, even if Keystone were lenient")
        #expect(Self.sent(transport).count == 4)
        #expect(client.projectNames(for: []) == [:])
        #expect(client.projectNames(for: ["alt"]) == [:])
        #expect(Self.sent(transport).count == 4)
    }

    @Test("projectNames never throws: a failing Keystone gives no names")
    func projectNamesWhenKeystoneFails() throws {
        let (client, transport) = try Self.client([.failure(.cannotConnect("refused")), .failure(.timedOut("slow"))])
        #expect(client.projectNames(for: [Self.alt, Self.demo]) == [:])
        #expect(Self.sent(transport).count == 2, "one listing, one GET, then it stops")
    }

    @Test("nothing typed is notFound without a request")
    func resolveNothing() throws {
        let (client, transport) = try Self.client([])
        #expect(try client.resolveProject("") == .notFound)
        #expect(try client.resolveProject(" \t") == .notFound)
        #expect(transport.requests.isEmpty)
    }
}
