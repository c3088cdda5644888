import Foundation
import Testing
@testable import GlanceAPI

@Suite("EditPlan: patch generation and the lost-update guard")
struct EditPlanTests {
    static let id = "2c0e7f0e-3a54-4d37-9b3e-6b1f2b6d8a10"

    static func image(_ fields: [String: JSONValue], updated: String = "2026-11-22T10:00:00Z") throws -> Image {
        var all: [String: JSONValue] = [
            "id": .string(id), "name": .string("ubuntu"), "status": .string("active"), "min_ram": .number(0),
            "tags": .array([.string("base")]), "updated_at": .string(updated), "os_distro": .string("ubuntu"),
            "hw_disk_bus": .string("virtio"),
        ]
        for (k, v) in fields { all[k] = v }
        return try Image(json: .object(all))
    }

    static func body(_ operations: [PatchOperation]) throws -> JSONValue {
        let request = ImagesRequests.patch(ImageEndpoint(catalogURL: "http://g:9292"), id: id, operations: operations)
        return try JSONDecoder().decode(JSONValue.self, from: try #require(request.body))
    }

    // MARK: operations

    @Test("new keys are added, loaded keys replaced, removed keys removed, in the order first changed")
    func operationsForEveryKind() throws {
        var plan = EditPlan(loaded: try Self.image([:]))
        plan.set("hw_qemu_guest_agent", .string("yes"))
        plan.set("min_ram", .number(512))
        plan.remove("hw_disk_bus")
        plan.set("name", .string("ubuntu-24.04"))
        plan.set("tags", .array([.string("base"), .string("lts")]))
        #expect(plan.operations == [
            .add(key: "hw_qemu_guest_agent", value: .string("yes")),
            .replace(key: "min_ram", value: .number(512)),
            .remove(key: "hw_disk_bus"),
            .replace(key: "name", value: .string("ubuntu-24.04")),
            .replace(key: "tags", value: .array([.string("base"), .string("lts")])),
        ])
        #expect(try Self.body(plan.operations) == (try json("""
        [{"op": "add", "path": "/hw_qemu_guest_agent", "value": "yes"},
         {"op": "replace", "path": "/min_ram", "value": 512},
         {"op": "remove", "path": "/hw_disk_bus"},
         {"op": "replace", "path": "/name", "value": "ubuntu-24.04"},
         {"op": "replace", "path": "/tags", "value": ["base", "lts"]}]
        """)))
        #expect(plan.value("min_ram") == .number(512))
        #expect(plan.value("hw_disk_bus") == nil)
        #expect(plan.value("os_distro") == .string("ubuntu"), "untouched keys read as loaded")
    }

    @Test("the request is a PATCH with Glance's v2.1 json-patch media type")
    func request() throws {
        let request = ImagesRequests.patch(ImageEndpoint(catalogURL: "http://g:9292/v2/"), id: Self.id, operations: [.remove(key: "x")])
        #expect(request.method == .patch)
        #expect(request.url == "http://g:9292/v2/images/\(Self.id)")
        #expect(request.header("Content-Type") == "application/openstack-images-v2.1-json-patch")
    }

    @Test("changing a key again keeps its place; the last value counts")
    func orderIsStable() throws {
        var plan = EditPlan(loaded: try Self.image([:]))
        plan.set("a", .string("1"))
        plan.set("b", .string("2"))
        plan.set("a", .string("3"))
        #expect(plan.order == ["a", "b"])
        #expect(plan.operations == [.add(key: "a", value: .string("3")), .add(key: "b", value: .string("2"))])
    }

    @Test("setting a key back to its loaded value, or discarding, drops the change")
    func discardBackToLoaded() throws {
        var plan = EditPlan(loaded: try Self.image([:]))
        plan.set("os_distro", .string("debian"))
        plan.set("os_distro", .string("ubuntu"))
        #expect(plan.isEmpty)
        plan.remove("os_distro")
        plan.set("os_distro", .string("ubuntu"))
        #expect(plan.isEmpty, "remove then set back to the loaded value")
        plan.set("new_key", .string("x"))
        plan.remove("new_key")
        #expect(plan.isEmpty, "removing a key that was only added")
        plan.set("min_ram", .number(1024))
        plan.discard("min_ram")
        #expect(plan.isEmpty)
        #expect(plan.operations.isEmpty)
        plan.remove("not_there")
        #expect(plan.isEmpty, "removing an absent key is no change")
    }

    @Test("keys with ~ and / are escaped as ~0 and ~1 in the pointer (RFC 6901)")
    func pointerEscaping() throws {
        var plan = EditPlan(loaded: try Self.image(["a/b": .string("old")]))
        plan.set("a/b", .string("new"))
        plan.set("x~y", .string("1"))
        plan.set("~/", .string("2"))
        plan.remove("os_distro")
        #expect(try Self.body(plan.operations) == (try json("""
        [{"op": "replace", "path": "/a~1b", "value": "new"},
         {"op": "add", "path": "/x~0y", "value": "1"},
         {"op": "add", "path": "/~0~1", "value": "2"},
         {"op": "remove", "path": "/os_distro"}]
        """)))
        #expect(JSONPointer.escape("~1") == "~01", "~ first, so an existing ~1 is not read back as /")
    }

    // MARK: conflicts

    @Test("nothing changed on the server: no conflict")
    func noConflict() throws {
        let loaded = try Self.image([:])
        var plan = EditPlan(loaded: loaded)
        plan.set("os_distro", .string("debian"))
        #expect(plan.conflicts(with: loaded).isEmpty)
    }

    @Test("a touched key changed by someone else is a conflict showing loaded, theirs and yours")
    func touchedKeyChanged() throws {
        var plan = EditPlan(loaded: try Self.image([:]))
        plan.set("os_distro", .string("debian"))
        plan.remove("hw_disk_bus")
        let current = try Self.image(["os_distro": .string("fedora"), "hw_disk_bus": .string("scsi")],
                                     updated: "2026-11-22T10:05:00Z")
        let conflicts = plan.conflicts(with: current)
        #expect(conflicts == [
            EditPlan.Conflict(key: "os_distro", loaded: .string("ubuntu"), theirs: .string("fedora"), yours: .set(.string("debian"))),
            EditPlan.Conflict(key: "hw_disk_bus", loaded: .string("virtio"), theirs: .string("scsi"), yours: .remove),
        ])
    }

    @Test("a touched key someone removed is a conflict with theirs nil")
    func touchedKeyRemoved() throws {
        var plan = EditPlan(loaded: try Self.image([:]))
        plan.set("hw_disk_bus", .string("scsi"))
        var fields = try Self.image([:], updated: "2026-11-22T10:05:00Z").fields
        fields["hw_disk_bus"] = nil
        let conflicts = plan.conflicts(with: try Image(json: .object(fields)))
        #expect(conflicts.map(\.key) == ["hw_disk_bus"])
        #expect(conflicts.first?.theirs == nil)
    }

    @Test("only untouched keys changed: each one that moved is reported, updated_at among them")
    func untouchedKeyChanged() throws {
        var plan = EditPlan(loaded: try Self.image([:]))
        plan.set("os_distro", .string("debian"))
        let current = try Self.image(["hw_disk_bus": .string("scsi")], updated: "2026-11-22T10:05:00Z")
        let conflicts = plan.conflicts(with: current)
        #expect(conflicts.map(\.key) == ["hw_disk_bus", "updated_at"])
        #expect(conflicts.last?.loaded == .string("2026-11-22T10:00:00Z"))
        #expect(conflicts.last?.theirs == .string("2026-11-22T10:05:00Z"))
    }

    @Test("updated_at alone changed is a conflict")
    func updatedAtChanged() throws {
        var plan = EditPlan(loaded: try Self.image([:]))
        plan.set("os_distro", .string("debian"))
        #expect(plan.conflicts(with: try Self.image([:], updated: "2026-11-22T10:00:01Z")).map(\.key) == ["updated_at"])
    }

    @Test("an untouched key changed within the same second is still seen, though updated_at did not move")
    func sameSecondUntouchedChangeIsCaught() throws {
        var plan = EditPlan(loaded: try Self.image([:]))
        plan.set("os_distro", .string("debian"))
        // Glance stores updated_at to the second; a PATCH in the same second leaves it as it was.
        let current = try Self.image(["hw_disk_bus": .string("scsi")])
        #expect(plan.conflicts(with: current).map(\.key) == ["hw_disk_bus"])
    }

    // MARK: after the PATCH

    @Test("unexpected() lists touched keys the server's answer does not show as asked")
    func unexpectedAfterPatch() throws {
        var plan = EditPlan(loaded: try Self.image([:]))
        plan.set("os_distro", .string("debian"))
        plan.set("min_ram", .number(512))
        plan.remove("hw_disk_bus")
        plan.set("hw_rng_model", .string("virtio"))

        var fields = try Self.image([:]).fields
        fields["os_distro"] = .string("debian")
        fields["min_ram"] = .number(512)
        fields["hw_disk_bus"] = nil
        fields["hw_rng_model"] = .string("virtio")
        #expect(plan.unexpected(in: try Image(json: .object(fields))).isEmpty)

        fields["min_ram"] = .string("512")
        #expect(plan.unexpected(in: try Image(json: .object(fields))).isEmpty, "the same value as text is expected")

        fields["os_distro"] = .string("fedora")
        fields["hw_disk_bus"] = .string("virtio")
        fields["hw_rng_model"] = nil
        #expect(plan.unexpected(in: try Image(json: .object(fields))) == ["os_distro", "hw_disk_bus", "hw_rng_model"])
    }

    // MARK: ImageClient editing requests over a fake transport

    static let glance = "http://127.0.0.1:9292"

    static func answer(_ image: Image, status: Int = 200) throws -> FakeTransport.Answer {
        .success(HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: try jsonData(.object(image.fields))))
    }

    static func client(_ answers: [FakeTransport.Answer]) throws -> (ImageClient, FakeTransport) {
        let transport = FakeTransport(keystone: [try Canned.token("gAAAAABtoken")], other: answers)
        return (ImageClient(profile: ImageClientTests.profile(), transport: transport), transport)
    }

    @Test("save: a conflict found on re-reading sends no PATCH")
    func saveStopsOnConflict() throws {
        let loaded = try Self.image([:])
        var plan = EditPlan(loaded: loaded)
        plan.set("os_distro", .string("debian"))
        let theirs = try Self.image(["os_distro": .string("fedora")], updated: "2026-11-22T10:05:00Z")
        let (client, transport) = try Self.client([try Self.answer(theirs)])
        guard case .conflicts(let conflicts, let current) = try client.save(plan) else {
            Issue.record("expected conflicts")
            return
        }
        #expect(conflicts.map(\.key) == ["os_distro"])
        #expect(current == theirs)
        #expect(transport.requests.map(\.method) == [.post, .get], "sign-in and the re-read only")
    }

    @Test("save: no conflict, one PATCH of the plan's operations, unexpected values reported")
    func saveSends() throws {
        let loaded = try Self.image([:])
        var plan = EditPlan(loaded: loaded)
        plan.set("os_distro", .string("debian"))
        plan.set("hw_rng_model", .string("virtio"))
        let answered = try Self.image(["os_distro": .string("debian")], updated: "2026-11-22T10:05:00Z")
        let (client, transport) = try Self.client([try Self.answer(loaded), try Self.answer(answered)])
        #expect(try client.save(plan) == .saved(answered, unexpected: ["hw_rng_model"]))
        let patch = try #require(transport.requests.last)
        #expect(patch.method == .patch)
        #expect(patch.url == Self.glance + "/v2/images/" + Self.id)
        #expect(patch.header("X-Auth-Token") == "gAAAAABtoken")
        #expect(try JSONDecoder().decode(JSONValue.self, from: try #require(patch.body)) == (try Self.body(plan.operations)))

        let (idle, idleTransport) = try Self.client([])
        #expect(try idle.save(EditPlan(loaded: loaded)) == .saved(loaded, unexpected: []))
        #expect(idleTransport.requests.isEmpty, "an empty plan sends nothing, not even a sign-in")
    }

    @Test("create, delete, deactivate and reactivate send what Glance expects")
    func requests() throws {
        let created = try Self.image([:])
        let (client, transport) = try Self.client([try Self.answer(created, status: 201), Canned.status(204, text: ""),
                                                   Canned.status(204, text: ""), Canned.status(204, text: "")])
        #expect(try client.create(fields: ["name": .string("ubuntu")]) == created)
        try client.delete(id: Self.id)
        try client.setActive(id: Self.id, active: false)
        try client.setActive(id: Self.id, active: true)
        let sent = transport.requests.dropFirst().map { "\($0.method.rawValue) \($0.url)" }
        #expect(sent == [
            "POST \(Self.glance)/v2/images",
            "DELETE \(Self.glance)/v2/images/\(Self.id)",
            "POST \(Self.glance)/v2/images/\(Self.id)/actions/deactivate",
            "POST \(Self.glance)/v2/images/\(Self.id)/actions/reactivate",
        ])
        #expect(transport.requests[1].header("Content-Type") == "application/json")
    }

    @Test("setTag: ASCII tags use the tag endpoint; others a PATCH of the whole list; 404 on removal is fine when the tag is absent")
    func setTagRouting() throws {
        let image = try Self.image(["tags": .array([.string("base"), .string("ünï")])])
        let notFound = Canned.status(404, text: "<html><body><h1>404 Not Found</h1>Tag x not found.</body></html>", contentType: "text/html")
        let (client, transport) = try Self.client([
            Canned.status(204, text: ""),                            // PUT tags/a%20b%3Fc
            notFound, try Self.answer(image),                        // DELETE absent: 404, re-read, absent: done
            try Self.answer(image), try Self.answer(image),          // remove "ünï": read, PATCH
            try Self.answer(image),                                  // add "ünï": read, already there
        ])
        try client.setTag(id: Self.id, tag: "a b?c", present: true)
        try client.setTag(id: Self.id, tag: "absent", present: false)
        try client.setTag(id: Self.id, tag: "ünï", present: false)
        try client.setTag(id: Self.id, tag: "ünï", present: true)
        let sent = transport.requests.dropFirst()
        #expect(sent.map { "\($0.method.rawValue) \($0.url.replacingOccurrences(of: Self.glance + "/v2/images/" + Self.id, with: "…"))" } == [
            "PUT …/tags/a%20b%3Fc", "DELETE …/tags/absent", "GET …", "GET …", "PATCH …", "GET …",
        ])
        let patch = try #require(sent.first { $0.method == .patch })
        #expect(try JSONDecoder().decode(JSONValue.self, from: try #require(patch.body))
                == (try json(#"[{"op": "replace", "path": "/tags", "value": ["base"]}]"#)))
        #expect(ImageClient.tagFitsInPath("plain-tag_1.2"))
        #expect(!ImageClient.tagFitsInPath("a/b"))
        #expect(!ImageClient.tagFitsInPath(".."))
        #expect(!ImageClient.tagFitsInPath("."))
        #expect(!ImageClient.tagFitsInPath("tab\there"))
    }
}
