import Foundation
import Testing
@testable import GlanceAPI

/// Writes to one image or many: which images a write leaves out and why, its guard, its undo,
/// and the openstack command the log shows.
@Suite struct ImageWriteTests {
    static let mine = ImageWrite.Writer(projectID: "p1", isAdmin: false)
    static func image(_ status: ImageStatus = .active, owner: String = "p1", visibility: String = "private",
                      protected: Bool = false, hidden: Bool = false, tags: [String] = [],
                      extra: [String: JSONValue] = [:]) -> Image {
        var fields: [String: JSONValue] = ["owner": .string(owner), "visibility": .string(visibility), "protected": .bool(protected),
                                           "os_hidden": .bool(hidden), "tags": .array(tags.map(JSONValue.string)),
                                           "updated_at": .string("2026-12-01T10:00:00Z")]
        for (k, v) in extra { fields[k] = v }
        return Image(id: "i1", name: "n", status: status, fields: fields)
    }

    @Test(arguments: [
        (ImageWrite.delete, image(protected: true), "protected (unprotect it first)"),
        (.active(false), image(.queued), "queued: only active images can be deactivated"),
        (.active(true), image(.active), "active, not deactivated"),
        (.hidden(true), image(hidden: true), "already hidden"),
        (.tags(add: ["a"], remove: ["b"]), image(tags: ["a"]), "already tagged so"),
        (.visibility("shared"), image(owner: "p2"), "another project's image (owner p2)"),
        (.answer(.accepted), image(), "your own image: only the projects it is shared with answer"),
        (.answer(.accepted), image(owner: "p2", visibility: "public"), "not shared with your project (it is public)"),
    ] as [(ImageWrite, Image, String)])
    func writesLeaveOutWhatCannotTakeThem(write: ImageWrite, image: Image, reason: String) {
        #expect(write.skipReason(for: image, by: Self.mine) == reason)
    }

    @Test func writesApplyWhereTheyCanAndAnAdminWritesAnyProjects() {
        #expect(ImageWrite.delete.skipReason(for: Self.image(), by: Self.mine) == nil)
        #expect(ImageWrite.answer(.accepted).skipReason(for: Self.image(owner: "p2", visibility: "shared"), by: Self.mine) == nil)
        #expect(ImageWrite.hidden(true).skipReason(for: Self.image(owner: "p2"), by: .init(projectID: "p1", isAdmin: true)) == nil)
    }

    @Test func undoPutsBackWhatWasThere() {
        let before = Self.image(visibility: "private", tags: ["keep", "old"], extra: ["k": .string("v0")])
        #expect(ImageWrite.tags(add: ["new", "keep"], remove: ["old", "never"]).inverse(restoring: before)
                == [.tags(add: ["old"], remove: ["new"])])
        #expect(ImageWrite.properties(set: ["k": "v1", "fresh": "x"], unset: []).inverse(restoring: before)
                == [.properties(set: ["k": "v0"], unset: ["fresh"])])
        #expect(ImageWrite.properties(set: [:], unset: ["k"]).inverse(restoring: before) == [.properties(set: ["k": "v0"], unset: [])])
        #expect(ImageWrite.hidden(true).inverse(restoring: before) == [.hidden(false)])
        #expect(ImageWrite.share(project: "alt").inverse(restoring: before) == [.unshare(project: "alt"), .visibility("private")])
        #expect(ImageWrite.delete.inverse(restoring: before) == nil)
    }

    @Test func theGuardComparesWhatTheWriteTouches() {
        let seen = Self.image(tags: ["a"])
        var now = seen
        now.tags = ["a", "unrelated"]
        #expect(ImageWrite.tags(add: ["b"], remove: ["a"]).guardFrom(seen).conflicts(with: now).isEmpty)
        now.tags = ["b"]
        #expect(ImageWrite.tags(add: ["b"], remove: ["a"]).guardFrom(seen).conflicts(with: now)
                == ["tag b was added meanwhile", "tag a was removed meanwhile"])
        var hidden = seen
        hidden.isHidden = true
        #expect(ImageWrite.hidden(true).guardFrom(seen).conflicts(with: hidden) == ["os_hidden is now true (was false)"])
    }

    @Test func aListRowHoldsNoExtraPropertiesSoTheImageMustBeUnchanged() {
        let full = Self.image(extra: ["k": .string("v0")])
        let row = full.summary()
        var changed = full
        changed.fields["k"] = .string("theirs")
        changed.updatedAt = "2026-12-01T10:05:00Z"
        #expect(ImageWrite.properties(set: ["k": "mine"], unset: []).guardFrom(full).conflicts(with: changed) == ["k is now theirs (was v0)"])
        #expect(ImageWrite.properties(set: ["k": "mine"], unset: []).guardFrom(row).conflicts(with: changed)
                == ["changed since you loaded it (updated 2026-12-01T10:05:00Z, was 2026-12-01T10:00:00Z)"])
        #expect(ImageWrite.properties(set: ["k": "mine"], unset: []).guardFrom(row).conflicts(with: full).isEmpty)
    }

    @Test(arguments: [
        (ImageWrite.tags(add: ["a b"], remove: ["c"]), "openstack image set --tag 'a b' ID && openstack image unset --tag c ID"),
        (.properties(set: ["os_distro": "ubuntu"], unset: ["x"]), "openstack image set --property os_distro=ubuntu ID && openstack image unset --property x ID"),
        (.hidden(true), "openstack image set --hidden ID"),
        (.protected(false), "openstack image set --unprotected ID"),
        (.active(false), "openstack image set --deactivate ID"),
        (.visibility("community"), "openstack image set --community ID"),
        (.share(project: "alt"), "openstack image add project ID alt"),
        (.unshare(project: "alt"), "openstack image remove project ID alt"),
        (.answer(.accepted), "openstack image set --accept ID"),
        (.delete, "openstack image delete ID"),
    ] as [(ImageWrite, String)])
    func theLogShowsTheOpenstackCommand(write: ImageWrite, command: String) {
        #expect(write.openstackCommand(imageID: "ID") == command)
    }

    @Test func propertiesAreReplacedWhereTheImageHasThemAndAddedElse() throws {
        let transport = FakeTransport(keystone: [try Canned.tokenWithCatalog("t1", catalog: "[\(ImageAPIDiscoveryTests.image)]")],
                                      other: [Canned.status(200, text: #"{"id": "i1", "status": "active"}"#, contentType: "application/json")])
        let backend = ImageV2Backend(client: ImageClient(profile: CloudProfile(name: "c", authURL: "http://k:5000/v3",
                                                                             auth: .token(Secret("t0"), scope: .unscoped)),
                                                         transport: transport))
        let current = Self.image(extra: ["k": .string("old"), "gone": .string("x")])
        try ImageWrite.properties(set: ["k": "new", "fresh": "1"], unset: ["gone", "absent"])
            .apply(to: current, on: backend, writer: Self.mine)
        let patch = try #require(transport.requests.last)
        #expect(patch.method == .patch)
        let body = try JSONDecoder().decode(JSONValue.self, from: patch.body ?? Data())
        let operations = (body.arrayValue ?? []).map { op in
            "\(op.objectValue?["op"]?.stringValue ?? "?") \(op.objectValue?["path"]?.stringValue ?? "?")"
        }
        #expect(operations == ["add /fresh", "replace /k", "remove /gone"])
    }
}

/// What the command log shows of a write: the requests that went out, never the sign-in.
@Suite struct RequestTrailTests {
    @Test func theRequestsAWriteSentAreRecordedWithTheirStatusButNotTheSignIn() throws {
        let transport = FakeTransport(keystone: [try Canned.tokenWithCatalog("secret-token", catalog: "[\(ImageAPIDiscoveryTests.image)]")],
                                      other: [Canned.status(200, text: #"{"id": "i1", "status": "active"}"#, contentType: "application/json"),
                                              Canned.status(204, text: "")])
        let client = ImageClient(profile: CloudProfile(name: "c", authURL: "http://k:5000/v3", auth: .token(Secret("t0"), scope: .unscoped)),
                                 transport: transport)
        let (_, lines) = try RequestTrail.record { () throws(APIError) in
            _ = try client.image(id: "i1")
            try client.setActive(id: "i1", active: false)
        }
        #expect(lines == ["GET /v2/images/i1 → 200", "POST /v2/images/i1/actions/deactivate → 204"])
        #expect(!lines.joined().contains("secret-token"))
        let (_, outside) = RequestTrail.record { 0 }
        #expect(outside.isEmpty)
    }
}

/// The editor's save in the command log, and when undo can invert it.
@Suite struct PatchRecordTests {
    @Test func anEditorSaveReadsAsTheOpenstackCommandThatDoesTheSame() {
        let ops: [PatchOperation] = [.replace(key: "min_ram", value: .number(512)), .add(key: "os_distro", value: .string("ubuntu")),
                                     .replace(key: "protected", value: .bool(true)), .remove(key: "note")]
        #expect(PatchOperation.summary(ops) == "edit set min_ram=512, set os_distro=ubuntu, set protected=true, unset note")
        #expect(PatchOperation.openstackCommand(ops, imageID: "ID")
                == "openstack image set --min-ram 512 --property os_distro=ubuntu --protected ID && openstack image unset --property note ID")
    }

    @Test func onlyASaveOfExtraPropertiesCanBeUndone() {
        #expect(PatchOperation.asWrite([.add(key: "a", value: .string("1")), .remove(key: "b")])
                == .properties(set: ["a": "1"], unset: ["b"]))
        #expect(PatchOperation.asWrite([.replace(key: "name", value: .string("x"))]) == nil)
        #expect(PatchOperation.asWrite([.replace(key: "os_hidden", value: .bool(true))]) == nil)
    }
}

/// Removing an image's data from one store: what is refused before sending, what the guard
/// compares, and the command that does the same.
@Suite struct DeleteFromStoreWriteTests {
    static func image(_ stores: String?, status: ImageStatus = .active) -> Image {
        var fields: [String: JSONValue] = ["owner": .string("p1")]
        if let stores { fields["stores"] = .string(stores) }
        return Image(id: "img-1", name: "web", status: status, fields: fields)
    }

    static let admin = ImageWrite.Writer(projectID: "p0", isAdmin: true)

    @Test func theLastStoreAnAbsentOneAndAnInactiveImageAreLeftOutInWords() {
        let write = ImageWrite.deleteFrom(store: "fast")
        #expect(write.skipReason(for: Self.image("fast,cheap"), by: Self.admin) == nil)
        #expect(write.skipReason(for: Self.image("fast"), by: Self.admin) == "fast is its only store: delete the image instead")
        #expect(write.skipReason(for: Self.image("cheap"), by: Self.admin) == "not in fast (in cheap)")
        #expect(write.skipReason(for: Self.image("fast,cheap", status: .queued), by: Self.admin)
                == "queued: only an active image's data can be removed from a store")
        // A single-store cloud sends no `stores`: the server is left to answer.
        #expect(write.skipReason(for: Self.image(nil), by: Self.admin) == nil)
        #expect(!write.isUndoable && write.capability == .deleteFromStore && write.capability.isWrite)
    }

    @Test func theGuardComparesWhereTheDataIsEvenOnAListRow() {
        let seen = Self.image("fast,cheap").summary(keeping: ["stores"])
        let check = ImageWrite.deleteFrom(store: "fast").guardFrom(seen)
        #expect(check.conflicts(with: Self.image("fast,cheap")).isEmpty)
        #expect(check.conflicts(with: Self.image("cheap")) == ["stores is now cheap (was fast,cheap)"])
        #expect(ImageWrite.deleteFrom(store: "fast").applied(to: Self.image("fast,cheap")).storeIDs == ["cheap"])
        #expect(ImageWrite.deleteFrom(store: "fast").openstackCommand(imageID: "img-1") == "glance stores-delete --store fast img-1")
    }
}
