import Foundation
import GlanceAPI
import Testing

/// Each capability of the Image v2 and Compute backends, reached as the program reaches it —
/// the backend `Backends.make` chooses for the signed-in API, cast to the capability protocol —
/// against the real Glance and nova-api of scripts/devcloud.
@Suite(.enabled(if: LocalCloud.isConfigured, "needs the local cloud: run scripts/test"), .serialized)
struct BackendCapabilityTests {
    /// The backend for `api` as sign-in chooses it, cast to the capability `T`.
    static func capability<T>(_ type: T.Type, of account: TestImages.Account, api: ImageAPI = .v2,
                              sourceLocation: SourceLocation = #_sourceLocation) throws -> T {
        try #require(Backends.make(api, client: account.client) as? T, sourceLocation: sourceLocation)
    }

    @Test func imageV2WritesThroughEachCapability() throws {
        let t = try TestImages("capabilities")
        defer { t.deleteAll() }
        let alt = try t.account("devcloud-alt")
        let made = try Self.capability((any ImageCreator).self, of: t.demo).create(
            ["name": .string(t.fullName("cap")), "disk_format": .string("raw"), "container_format": .string("bare"),
             TestImages.marker: .string(t.run)])
        t.adopt(made.id)
        #expect(made.status == "queued")

        let patched = try Self.capability((any PropertyPatcher).self, of: t.demo).patch(id: made.id, [.add(key: "cap_prop", value: .string("1"))])
        #expect(patched.fields["cap_prop"] == .string("1"))

        let tagger = try Self.capability((any ImageTagger).self, of: t.demo)
        try tagger.setTag(id: made.id, tag: "cap-tag", present: true)
        try tagger.setTag(id: made.id, tag: "cap-tag", present: true)
        #expect(try t.demo.client.image(id: made.id).tags == ["cap-tag"])
        try tagger.setTag(id: made.id, tag: "cap-tag", present: false)
        #expect(try t.demo.client.image(id: made.id).tags == [])

        let protection = try Self.capability((any ProtectionChanger).self, of: t.demo)
        try protection.setProtected(id: made.id, true)
        let deleter = try Self.capability((any ImageDeleter).self, of: t.demo)
        #expect(LocalCloud.apiError { try deleter.delete(id: made.id) }?.status == 403)
        try protection.setProtected(id: made.id, false)

        // Sharing from both sides.
        try Self.capability((any VisibilityChanger).self, of: t.demo).setVisibility(id: made.id, "private")
        let owner = try Self.capability((any MemberManager).self, of: t.demo)
        try owner.addMember(project: alt.projectID, to: made.id, makeShared: true)
        #expect(try t.demo.client.image(id: made.id).visibility == "shared")
        #expect(try owner.members(of: made.id).map(\.member.memberID) == [alt.projectID])
        let consumer = try Self.capability((any MemberManager).self, of: alt)
        let before = try consumer.countShared(with: alt.projectID)
        try consumer.setMemberStatus(.accepted, image: made.id, member: alt.projectID)
        let after = try consumer.countShared(with: alt.projectID)
        #expect(after["accepted"] == (before["accepted"] ?? 0) + 1)
        try owner.removeMember(alt.projectID, from: made.id)
        #expect(try owner.members(of: made.id).isEmpty)

        try deleter.delete(id: made.id)
        #expect(LocalCloud.apiError { _ = try t.demo.client.image(id: made.id) }?.status == 404)
    }

    @Test func imageV2DeactivatesAndServesRules() throws {
        let t = try TestImages("capabilities")
        defer { t.deleteAll() }
        let image = try t.create("active", data: Data(repeating: 7, count: 4096))
        let activator = try Self.capability((any ImageActivator).self, of: t.demo)
        try activator.setActive(id: image.id, active: false)
        #expect(try t.demo.client.image(id: image.id).status == "deactivated")
        try activator.setActive(id: image.id, active: true)
        #expect(try t.demo.client.image(id: image.id).status == "active")

        let rules = try Self.capability((any PropertyRuleSource).self, of: t.demo).propertyRules(profiles: [])
        #expect(rules.contains { $0.key == "disk_format" && $0.choices?.contains("qcow2") == true })
        let options = try Self.capability((any ImageImporter).self, of: t.demo).importOptions()
        #expect(options.methods.contains("glance-direct") && options.stores.map(\.id).contains("cheap"))
    }

    @Test func computeProxyBrowsesEditsAndDeletesAndNothingElse() throws {
        let t = try TestImages("capabilities")
        defer { t.deleteAll() }
        let image = try t.create("nova", data: Data(repeating: 1, count: 1024))
        let backend = Backends.make(.compute, client: t.demo.client)
        #expect(ImageCapability.of(backend) == [.edit, .delete])
        var byName = ImageQuery()
        byName.name = image.name
        #expect(try backend.listImages(.first(query: byName, limit: 10)).images.map(\.id) == [image.id])
        #expect(try backend.image(id: image.id).name == image.name)
        let patched = try Self.capability((any PropertyPatcher).self, of: t.demo, api: .compute)
            .patch(id: image.id, [.add(key: "via_nova", value: .string("yes"))])
        #expect(patched.fields["via_nova"] == .string("yes"))
        #expect(try t.demo.client.image(id: image.id).fields["via_nova"] == .string("yes"))
        try Self.capability((any ImageDeleter).self, of: t.demo, api: .compute).delete(id: image.id)
        #expect(LocalCloud.apiError { _ = try t.demo.client.image(id: image.id) }?.status == 404)
    }
}
