import Foundation
import GlanceAPI
import Synchronization
import Testing

/// Image sharing (ImageClient+Members.swift) against the real Glance 33 and Keystone of
/// scripts/devcloud, with its two ordinary projects: demo owns the images, alt is the member.
/// Images are made with TestImages (run prefix, `glance_tui_test` marker) and deleted one at a time.
@Suite(.enabled(if: LocalCloud.isConfigured, "needs the local cloud: run scripts/test"), .serialized)
struct MembersIntegrationTests {

    /// The server's sentence of an `.http` error.
    static func message(_ error: APIError?) -> String? {
        if case .http(_, let message, _)? = error { message } else { nil }
    }

    static func query(_ status: ImageQuery.MemberStatus? = nil) -> ImageQuery {
        var q = ImageQuery()
        q.memberStatus = status
        return q
    }

    static let keystoneListRefusal = "You are not authorized to perform the requested action: identity:list_projects."

    // MARK: the whole offer

    @Test func ownerOffersMemberAcceptsRejectsResetsOwnerWithdraws() throws {
        let images = try TestImages("members")
        defer { images.deleteAll() }
        let demo = images.demo
        let alt = try images.account("devcloud-alt")
        let altID = alt.projectID
        #expect(ProjectID.isWellFormed(altID))
        let image = try images.create("shared", ["visibility": .string("shared")])

        #expect(try demo.client.members(of: image.id) == MemberList(members: []))
        let added = try demo.client.addMember(altID, to: image.id)
        #expect(added.memberID == altID)
        #expect(added.imageID == image.id)
        #expect(added.status == .pending)
        #expect(added.created != nil && added.createdAt == added.updatedAt)
        #expect(try demo.client.members(of: image.id).members == [added])

        // Pending: offered, listed with member_status=pending, not in alt's default list.
        #expect(try images.names(Self.query(.pending), as: alt) == ["shared"])
        #expect(try images.names(Self.query(), as: alt) == [])
        #expect(try images.names(Self.query(.accepted), as: alt) == [])
        #expect(try alt.client.members(of: image.id).members.map(\.memberID) == [altID])

        // Only the member answers; the owner is refused.
        let ownerAnswers = LocalCloud.apiError { try demo.client.setMemberStatus(.accepted, image: image.id, member: altID) }
        #expect(ownerAnswers?.status == 403)
        #expect(Self.message(ownerAnswers) == "You are not authorized to complete modify_member action.")

        // Accepted: in alt's default list.
        let accepted = try alt.client.setMemberStatus(.accepted, image: image.id, member: altID)
        #expect(accepted.status == .accepted)
        #expect(accepted.createdAt == added.createdAt)
        #expect(try images.names(Self.query(), as: alt) == ["shared"])
        #expect(try images.names(Self.query(.pending), as: alt) == [])
        #expect(try demo.client.members(of: image.id).members.map(\.status) == [.accepted], "the owner sees the answer")

        // Rejected: gone from the default list, listed with member_status=rejected, and still
        // readable by ID.
        #expect(try alt.client.setMemberStatus(.rejected, image: image.id, member: altID).status == .rejected)
        #expect(try images.names(Self.query(), as: alt) == [])
        #expect(try images.names(Self.query(.rejected), as: alt) == ["shared"])
        #expect(try alt.client.image(id: image.id).id == image.id)

        // A status Glance does not know.
        let maybe = LocalCloud.apiError { try alt.client.setMemberStatus(.other("maybe"), image: image.id, member: altID) }
        #expect(maybe?.status == 400)
        #expect(Self.message(maybe) == #"Incorrect request: Status must be "pending", "accepted" or "rejected"."#)

        // Back to pending.
        #expect(try alt.client.setMemberStatus(.pending, image: image.id, member: altID).status == .pending)
        #expect(try images.names(Self.query(.pending), as: alt) == ["shared"])

        // A member can neither add members nor remove itself.
        let altAdds = LocalCloud.apiError { try alt.client.addMember(demo.projectID, to: image.id) }
        #expect(altAdds?.status == 403)
        #expect(Self.message(altAdds) == "You are not authorized to complete add_member action.")
        let altLeaves = LocalCloud.apiError { try alt.client.removeMember(altID, from: image.id) }
        #expect(altLeaves?.status == 403)
        #expect(Self.message(altLeaves) == "You are not authorized to complete delete_member action.")

        // The owner withdraws: alt no longer sees the image at all.
        try demo.client.removeMember(altID, from: image.id)
        #expect(try demo.client.members(of: image.id).members == [])
        for status in [ImageQuery.MemberStatus.pending, .accepted, .rejected, .all] {
            #expect(try images.names(Self.query(status), as: alt) == [], "\(status)")
        }
        let hidden = LocalCloud.apiError { _ = try alt.client.image(id: image.id) }
        #expect(hidden?.status == 404)
        #expect(Self.message(hidden) == "No image found with ID \(image.id)")
        let noList = LocalCloud.apiError { _ = try alt.client.members(of: image.id) }
        #expect(noList?.status == 404)
        #expect(Self.message(noList) == "Image \(image.id) not found.")
        let again = LocalCloud.apiError { try demo.client.removeMember(altID, from: image.id) }
        #expect(again?.status == 404)
        #expect(Self.message(again) == "\(altID) not found in the member list of the image \(image.id).")

        // Offered again: pending once more (Glance revives the old row, with its created_at).
        let readded = try demo.client.addMember(altID, to: image.id)
        #expect(readded.status == .pending)
        #expect(readded.createdAt == added.createdAt)
        #expect(try images.names(Self.query(.pending), as: alt) == ["shared"])
    }

    @Test func aMemberSeesOnlyItsOwnMembership() throws {
        let images = try TestImages("members-own")
        defer { images.deleteAll() }
        let alt = try images.account("devcloud-alt")
        let image = try images.create("two members", ["visibility": .string("shared")])
        let stranger = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try images.demo.client.addMember(stranger, to: image.id)
        try images.demo.client.addMember(alt.projectID, to: image.id)
        #expect(Set(try images.demo.client.members(of: image.id).members.map(\.memberID)) == [stranger, alt.projectID])
        #expect(try alt.client.members(of: image.id).members.map(\.memberID) == [alt.projectID])
    }

    // MARK: what Glance refuses, and what it does not

    @Test func onlySharedImagesHaveMembers() throws {
        let images = try TestImages("members-private")
        defer { images.deleteAll() }
        let alt = try images.account("devcloud-alt")
        for visibility in ["private", "community"] {
            let image = try images.create(visibility, ["visibility": .string(visibility)])
            let add = LocalCloud.apiError { try images.demo.client.addMember(alt.projectID, to: image.id) }
            #expect(add?.status == 403)
            #expect(Self.message(add) == "Not allowed to create members for image \(image.id).")
            let list = LocalCloud.apiError { _ = try images.demo.client.members(of: image.id) }
            #expect(list?.status == 403)
            #expect(Self.message(list) == "Not allowed to list members for image \(image.id): Only shared images have members.")
            // Another project: the same 403 for a community image it can see, 404 for a private one.
            let other = LocalCloud.apiError { _ = try alt.client.members(of: image.id) }
            if visibility == "private" {
                #expect(other?.status == 404)
                #expect(Self.message(other) == "Image \(image.id) not found.")
            } else {
                #expect(other?.status == 403)
                #expect(Self.message(other) == Self.message(list))
            }
        }
    }

    @Test func membersOutliveAVisibilityChangeToPrivateAndBack() throws {
        let images = try TestImages("members-vis")
        defer { images.deleteAll() }
        let alt = try images.account("devcloud-alt")
        let image = try images.create("shared then private", ["visibility": .string("shared")])
        try images.demo.client.addMember(alt.projectID, to: image.id)
        try alt.client.setMemberStatus(.accepted, image: image.id, member: alt.projectID)
        #expect(try images.names(Self.query(), as: alt) == ["shared then private"])

        _ = try images.demo.client.patch(id: image.id, operations: [.replace(key: "visibility", value: .string("private"))])
        #expect(LocalCloud.apiError { _ = try images.demo.client.members(of: image.id) }?.status == 403)
        #expect(try images.names(Self.query(), as: alt) == [])
        #expect(LocalCloud.apiError { _ = try alt.client.image(id: image.id) }?.status == 404)

        _ = try images.demo.client.patch(id: image.id, operations: [.replace(key: "visibility", value: .string("shared"))])
        let members = try images.demo.client.members(of: image.id).members
        #expect(members.map(\.memberID) == [alt.projectID])
        #expect(members.map(\.status) == [.accepted], "the answer is kept too")
        #expect(try images.names(Self.query(), as: alt) == ["shared then private"])
    }

    @Test func anUnknownProjectIDIsAcceptedAsAPendingMember() throws {
        let images = try TestImages("members-unknown")
        defer { images.deleteAll() }
        let image = try images.create("unknown member", ["visibility": .string("shared")])
        let nobody = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let member = try images.demo.client.addMember(nobody, to: image.id)
        #expect(member.memberID == nobody)
        #expect(member.status == .pending)
        #expect(try images.demo.client.members(of: image.id).members.map(\.memberID) == [nobody])
        try images.demo.client.removeMember(nobody, from: image.id)
        #expect(try images.demo.client.members(of: image.id).members == [])
    }

    @Test func addingTheSameProjectTwiceIsA409WithGlancesSentence() throws {
        let images = try TestImages("members-dup")
        defer { images.deleteAll() }
        let alt = try images.account("devcloud-alt")
        let image = try images.create("duplicate", ["visibility": .string("shared")])
        try images.demo.client.addMember(alt.projectID, to: image.id)
        let error = LocalCloud.apiError { try images.demo.client.addMember(alt.projectID, to: image.id) }
        #expect(error?.status == 409)
        #expect(Self.message(error) == "Member \(alt.projectID) is duplicated for image \(image.id)")
        #expect(try images.demo.client.members(of: image.id).members.count == 1)
    }

    /// Why addMember checks the ID first: Glance stores any string, and only the exact ID
    /// Keystone issued matches the member's token (dashes or capitals share with nobody).
    @Test func aMalformedIDIsRefusedBeforeAnyRequestWhileGlanceWouldStoreIt() throws {
        let images = try TestImages("members-bad-id")
        defer { images.deleteAll() }
        let alt = try images.account("devcloud-alt")
        let image = try images.create("bad ids", ["visibility": .string("shared")])

        let requests = Lines()
        let logged = LocalCloud.client(try LocalCloud.profile("devcloud-demo"), log: requests.append)
        for bad in ["alt", "not a project!", alt.projectID + "0", ""] {
            let error = LocalCloud.apiError { try logged.addMember(bad, to: image.id) }
            #expect(error == .configuration("\"\(bad)\" is not a project ID: give the 32 hexadecimal digits Keystone shows for the project"))
        }
        #expect(requests.all == [], "nothing sent, not even the sign-in")

        // Sent raw, Glance takes the name as a member ID; removeMember still removes it.
        _ = try images.send(images.demo, .post, "/images/\(image.id)/members", json: .object(["member": .string("alt")]), expect: 200)
        #expect(try images.demo.client.members(of: image.id).members.map(\.memberID) == ["alt"])
        #expect(try images.names(Self.query(.all), as: alt) == [])
        try images.demo.client.removeMember("alt", from: image.id)

        // Dashed and upper-case spellings of alt's ID are well formed, stored as sent, and match nobody.
        let dashed = Self.dashed(alt.projectID)
        for spelling in [dashed, alt.projectID.uppercased()] {
            #expect(ProjectID.isWellFormed(spelling))
            #expect(try images.demo.client.addMember(spelling, to: image.id).memberID == spelling)
        }
        #expect(try images.names(Self.query(.all), as: alt) == [])
        #expect(LocalCloud.apiError { _ = try alt.client.image(id: image.id) }?.status == 404)
        // resolveProject gives Keystone's spelling, even when it cannot confirm the project.
        #expect(try images.demo.client.resolveProject(dashed) == .id(alt.projectID, name: nil))
    }

    /// The client's debug log: one line per request sent.
    final class Lines: Sendable {
        private let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }
        var append: @Sendable (String) -> Void { { line in self.lines.withLock { $0.append(line) } } }
    }

    static func dashed(_ id: String) -> String {
        let c = Array(id)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(c[$0]) }.joined(separator: "-")
    }

    // MARK: resolving projects in Keystone

    @Test func resolvingAsAnOrdinaryMemberAndAsAdmin() throws {
        let images = try TestImages("members-resolve")
        let demo = images.demo
        let alt = try images.account("devcloud-alt")
        let admin = try images.account("devcloud-admin")

        // demo may not list projects: alt cannot be found by name, demo's own project can.
        #expect(try demo.client.resolveProject("alt") == .cannotList(Self.keystoneListRefusal))
        #expect(try demo.client.resolveProject("demo") == .id(demo.projectID, name: "demo"))
        #expect(try demo.client.resolveProject("no-such-project-gtt") == .cannotList(Self.keystoneListRefusal))
        // An ID is taken; named only when it is demo's own.
        #expect(try demo.client.resolveProject(alt.projectID) == .id(alt.projectID, name: nil))
        #expect(try demo.client.resolveProject(demo.projectID) == .id(demo.projectID, name: "demo"))

        // admin lists: names resolve, exactly and case-sensitively.
        #expect(try admin.client.resolveProject("alt") == .id(alt.projectID, name: "alt"))
        #expect(try admin.client.resolveProject(" demo ") == .id(demo.projectID, name: "demo"))
        #expect(try admin.client.resolveProject("ALT") == .notFound)
        #expect(try admin.client.resolveProject("no-such-project-gtt") == .notFound)
        #expect(try admin.client.resolveProject(Self.dashed(alt.projectID).uppercased()) == .id(alt.projectID, name: "alt"))
        let nobody = String(repeating: "0", count: 32)
        #expect(try admin.client.resolveProject(nobody) == .id(nobody, name: nil), "an ID stays an ID, confirmed or not")
    }

    @Test func projectNamesForAMemberList() throws {
        let images = try TestImages("members-names")
        let demo = images.demo
        let alt = try images.account("devcloud-alt")
        let admin = try images.account("devcloud-admin")
        let nobody = String(repeating: "0", count: 32)
        let ids = [alt.projectID, demo.projectID, nobody, Self.dashed(alt.projectID), "alt"]
        // demo: its own project only (Keystone refuses it the others).
        #expect(demo.client.projectNames(for: ids) == [demo.projectID: "demo"])
        // admin: every project that exists under exactly that ID.
        #expect(admin.client.projectNames(for: ids) == [alt.projectID: "alt", demo.projectID: "demo"])
    }

    @Test func aResolvedNameSharesWithThatProject() throws {
        let images = try TestImages("members-byname")
        defer { images.deleteAll() }
        let alt = try images.account("devcloud-alt")
        let admin = try images.account("devcloud-admin")
        let image = try images.create("by name", ["visibility": .string("shared")])
        guard case .id(let id, let name) = try admin.client.resolveProject("alt") else {
            Issue.record("admin could not resolve alt")
            return
        }
        #expect(name == "alt")
        try images.demo.client.addMember(id, to: image.id)
        #expect(try images.names(Self.query(.pending), as: alt) == ["by name"])
    }
}
