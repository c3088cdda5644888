import Foundation
import GlanceAPI
import Testing

/// The editing requests of ImageClient+Editing.swift and the guarded save against the real
/// Glance of scripts/devcloud. Every image is made here with a run prefix and the
/// `glance_tui_test` marker, and deleted again one at a time (SQLite).
@Suite(.enabled(if: LocalCloud.isConfigured, "needs the local cloud: run scripts/test"), .serialized)
struct EditingIntegrationTests {
    /// Images one test makes, with the client that owns each, deleted newest first.
    final class Run {
        let prefix = "gtt-edit-\(UUID().uuidString.prefix(8).lowercased())"
        let demo: ImageClient
        private var created: [(id: String, client: ImageClient)] = []
        private var clients: [String: ImageClient] = [:]

        init() throws {
            demo = LocalCloud.client(try LocalCloud.profile("devcloud-demo"))
            clients["devcloud-demo"] = demo
        }

        func client(_ cloud: String) throws -> ImageClient {
            if let c = clients[cloud] { return c }
            let c = LocalCloud.client(try LocalCloud.profile(cloud))
            clients[cloud] = c
            return c
        }

        @discardableResult
        func create(_ name: String, _ fields: [String: JSONValue] = [:], id: String = UUID().uuidString.lowercased(),
                    as owner: ImageClient? = nil) throws(APIError) -> Image {
            let client = owner ?? demo
            var body: [String: JSONValue] = [
                "id": .string(id), "name": .string("\(prefix) \(name)"), "disk_format": .string("raw"),
                "container_format": .string("bare"), "glance_tui_test": .string(prefix),
            ]
            for (k, v) in fields { body[k] = v }
            let image = try client.create(fields: body)
            created.append((image.id, client))
            return image
        }

        /// PUT …/file: the image becomes active.
        @discardableResult
        func upload(_ id: String, as owner: ImageClient? = nil) throws(APIError) -> Image {
            let client = owner ?? demo
            let request = HTTPRequest(method: .put, url: try client.imageEndpoint().v2 + "/images/\(id)/file",
                                      headers: [("Content-Type", "application/octet-stream")], body: Data("glance-tui".utf8))
            let response = try client.sendAuthorized(request)
            #expect(response.status == 204)
            return try client.image(id: id)
        }

        func cleanUp() {
            for (id, client) in created.reversed() {
                do {
                    let image = try client.image(id: id)
                    if image.isProtected == true { _ = try client.patch(id: id, operations: [.replace(key: "protected", value: .bool(false))]) }
                    try client.delete(id: id)
                } catch let error where error.status == 404 {
                    continue
                } catch {
                    Issue.record("could not delete test image \(id): \(error)")
                }
            }
            created = []
        }
    }


    // MARK: create and patch

    @Test func createWithAChosenIDThenAddReplaceRemoveWithEscapedKeys() throws {
        let run = try Run()
        defer { run.cleanUp() }
        let id = UUID().uuidString.lowercased()
        let created = try run.create("patch", ["os_distro": .string("ubuntu")], id: id)
        #expect(created.id == id)
        #expect(created.status == "queued")

        let rules = RuleBook(schema: try run.demo.schemaRules())
        let queued = created
        var plan = EditPlan(loaded: created)
        plan.set("gtt/slash~tilde", .string("one"))
        plan.set("min_ram", try rules.rule(for: "min_ram", on: queued).value(for: "512").get())
        plan.set("hw_serial_port_count", try RuleBook.defaultRule(for: "hw_serial_port_count").value(for: "2").get())
        plan.set("disk_format", try rules.rule(for: "disk_format", on: queued).value(for: "qcow2").get())
        #expect(plan.operations.map(\.key) == ["gtt/slash~tilde", "min_ram", "hw_serial_port_count", "disk_format"])
        let added = try run.demo.patch(id: id, operations: plan.operations)
        #expect(added.fields["gtt/slash~tilde"] == .string("one"), "~1 and ~0 decoded back to / and ~")
        #expect(added.minRAM == 512)
        #expect(added.fields["hw_serial_port_count"] == .string("2"))
        #expect(added.diskFormat == "qcow2")
        #expect(plan.unexpected(in: added).isEmpty)
        #expect(try run.demo.image(id: id).fields["min_ram"] == .number(512))

        // Loaded keys are replaced, removed ones removed.
        var second = EditPlan(loaded: added)
        second.set("gtt/slash~tilde", .string("two"))
        second.remove("os_distro")
        second.set("name", .string("\(run.prefix) renamed"))
        #expect(second.operations == [.replace(key: "gtt/slash~tilde", value: .string("two")), .remove(key: "os_distro"),
                                      .replace(key: "name", value: .string("\(run.prefix) renamed"))])
        guard case .saved(let saved, let unexpected) = try run.demo.save(second) else {
            Issue.record("the guarded save found a conflict on an image nobody else touched")
            return
        }
        #expect(unexpected.isEmpty)
        #expect(saved.fields["gtt/slash~tilde"] == .string("two"))
        #expect(saved.fields["os_distro"] == nil)
        #expect(saved.name == "\(run.prefix) renamed")
        let reread = try run.demo.image(id: id)
        #expect(reread.fields["gtt/slash~tilde"] == .string("two"))
        #expect(reread.fields["os_distro"] == nil)

        #expect(try run.demo.save(EditPlan(loaded: reread)) == .saved(reread, unexpected: []), "an empty plan sends nothing")
    }

    @Test func replaceOrRemoveOfAMissingPropertyIsA409WithGlancesSentence() throws {
        let run = try Run()
        defer { run.cleanUp() }
        let image = try run.create("missing")
        for op in [PatchOperation.replace(key: "gtt_missing", value: .string("x")), .remove(key: "gtt_missing")] {
            let error = try #require(LocalCloud.apiError { _ = try run.demo.patch(id: image.id, operations: [op]) })
            #expect(error.status == 409)
            #expect(error.userMessage == "409 Conflict: There was a conflict when trying to complete your request. "
                    + "Property gtt_missing does not exist. (it conflicts with the image's current state; press r to reload)")
        }
    }

    // MARK: tags

    @Test func tagsAreAddedAndRemovedAndOverlongOnesRefused() throws {
        let run = try Run()
        defer { run.cleanUp() }
        let image = try run.create("tags", ["tags": .array([.string("base")])])
        let odd = ["with space ünï", "a/b", "..", "a?b%c+d"]
        try run.demo.setTag(id: image.id, tag: "alpha", present: true)
        for tag in odd { try run.demo.setTag(id: image.id, tag: tag, present: true) }
        try run.demo.setTag(id: image.id, tag: "alpha", present: true)
        #expect(Set(try run.demo.image(id: image.id).tags) == Set(["base", "alpha"] + odd))
        try run.demo.setTag(id: image.id, tag: "alpha", present: false)
        for tag in odd { try run.demo.setTag(id: image.id, tag: tag, present: false) }
        try run.demo.setTag(id: image.id, tag: "never-there", present: false)
        try run.demo.setTag(id: image.id, tag: "nie-dagewesen-ü", present: false)
        #expect(try run.demo.image(id: image.id).tags == ["base"])

        let max = String(repeating: "t", count: 255)
        try run.demo.setTag(id: image.id, tag: max, present: true)
        let long = try #require(LocalCloud.apiError { try run.demo.setTag(id: image.id, tag: max + "t", present: true) })
        #expect(long.status == 400)
        #expect(long.userMessage.hasPrefix("400 Bad Request: Provided object does not match schema 'image': '\(max)t' is too long"))
        #expect(!long.userMessage.contains("&#x27;"))
        let schemaRule = try #require(RuleBook(schema: try run.demo.schemaRules()).rule(for: "tags"))
        #expect((try? schemaRule.value(for: max + "t").get()) == nil, "the editor refuses it before Glance does")

        // On a missing image removing a tag is still an error.
        let gone = try #require(LocalCloud.apiError { try run.demo.setTag(id: UUID().uuidString.lowercased(), tag: "x", present: false) })
        #expect(gone.status == 404)
    }

    @Test func theTagEndpointReadsThePathAsLatin1() throws {
        let run = try Run()
        defer { run.cleanUp() }
        let image = try run.create("latin1")
        let endpoint = try run.demo.imageEndpoint()
        let put = ImagesRequests.tag(endpoint, id: image.id, tag: "ünï", add: true)
        let delete = ImagesRequests.tag(endpoint, id: image.id, tag: "ünï", add: false)
        #expect(put.url.hasSuffix("/tags/%C3%BCn%C3%AF"))
        // What setTag avoids: DELETE …/tags/%C3%BCn%C3%AF cannot remove a correctly stored "ünï" …
        try run.demo.setTag(id: image.id, tag: "ünï", present: true)
        #expect(try run.demo.image(id: image.id).tags == ["ünï"])
        #expect(LocalCloud.apiError { _ = try run.demo.sendAuthorized(delete) }?.status == 404)
        // … PUT stores the UTF-8 bytes read as Latin-1 …
        _ = try run.demo.sendAuthorized(put)
        #expect(Set(try run.demo.image(id: image.id).tags) == ["ünï", "Ã¼nÃ¯"])
        // … and the same DELETE then removes that other tag.
        _ = try run.demo.sendAuthorized(delete)
        #expect(try run.demo.image(id: image.id).tags == ["ünï"])
        // A "/" in a tag is not found either, even escaped.
        let slash = ImagesRequests.tag(try run.demo.imageEndpoint(), id: image.id, tag: "a/b", add: true)
        #expect(slash.url.hasSuffix("/tags/a%2Fb"))
        #expect(LocalCloud.apiError { _ = try run.demo.sendAuthorized(slash) }?.status == 404)
        try run.demo.setTag(id: image.id, tag: "ünï", present: false)
        #expect(try run.demo.image(id: image.id).tags == [])
    }

    @Test func tagLengthIsCountedInCodePoints() throws {
        let run = try Run()
        defer { run.cleanUp() }
        let image = try run.create("codepoints")
        // "e" + COMBINING ACUTE ACCENT is one Character to Swift, two code points to Python.
        let fits = String(repeating: "e\u{301}", count: 127)          // 254 code points
        try run.demo.setTag(id: image.id, tag: fits, present: true)
        #expect(try run.demo.image(id: image.id).tags == [fits])
        let over = String(repeating: "e\u{301}", count: 128)          // 256 code points, 128 Characters
        let error = try #require(LocalCloud.apiError { try run.demo.setTag(id: image.id, tag: over, present: true) })
        #expect(error.status == 400)
        #expect(error.userMessage.hasPrefix("400 Bad Request: Provided object does not match schema 'image': "))
    }

    // MARK: delete, deactivate

    @Test func aProtectedImageRefusesDeletionUntilUnprotected() throws {
        let run = try Run()
        defer { run.cleanUp() }
        let image = try run.create("protected", ["protected": .bool(true)])
        let error = try #require(LocalCloud.apiError { try run.demo.delete(id: image.id) })
        #expect(error.status == 403)
        #expect(error.userMessage == "403 Forbidden: Image \(image.id) is protected and cannot be deleted. "
                + "(the policy of this cloud does not allow it for your role)")
        let unprotected = try run.demo.patch(id: image.id, operations: [.replace(key: "protected", value: .bool(false))])
        #expect(unprotected.isProtected == false)
        try run.demo.delete(id: image.id)
        let gone = try #require(LocalCloud.apiError { _ = try run.demo.image(id: image.id) })
        #expect(gone.status == 404)
    }

    @Test func deactivateAndReactivate() throws {
        let run = try Run()
        defer { run.cleanUp() }
        let admin = try run.client("devcloud-admin")

        // Only an active image can be deactivated.
        let queued = try run.create("queued")
        let notActive = try #require(LocalCloud.apiError { try run.demo.setActive(id: queued.id, active: false) })
        #expect(notActive.status == 403)
        #expect(notActive.userMessage.hasPrefix("403 Forbidden: Not allowed to deactivate image in status 'queued'"))

        // As admin, on demo's image.
        let image = try run.create("active")
        #expect(try run.upload(image.id).status == "active")
        try admin.setActive(id: image.id, active: false)
        #expect(try run.demo.image(id: image.id).status == "deactivated")
        try admin.setActive(id: image.id, active: true)
        #expect(try run.demo.image(id: image.id).status == "active")

        // Glance 33's default policy lets a member of the owning project do it too.
        try run.demo.setActive(id: image.id, active: false)
        #expect(try run.demo.image(id: image.id).status == "deactivated")
        try run.demo.setActive(id: image.id, active: true)

        // Not on another project's image: admin's public image, as demo.
        let publicImage = try run.create("public", ["visibility": .string("public")], as: admin)
        try run.upload(publicImage.id, as: admin)
        for active in [false, true] {
            let refused = try #require(LocalCloud.apiError { try run.demo.setActive(id: publicImage.id, active: active) })
            #expect(refused.status == 403)
            #expect(refused.userMessage == "403 Forbidden: You are not authorized to complete \(active ? "reactivate" : "deactivate") action. "
                    + "(the policy of this cloud does not allow it for your role)")
        }
        let edit = try #require(LocalCloud.apiError { _ = try run.demo.patch(id: publicImage.id, operations: [.add(key: "x", value: .string("y"))]) })
        #expect(edit.userMessage.hasPrefix("403 Forbidden: You are not authorized to complete modify_image action."))
    }

    // MARK: what Glance refuses

    @Test func refusalsCarryGlancesSentence() throws {
        let run = try Run()
        defer { run.cleanUp() }
        let image = try run.create("refusals")
        let client = run.demo

        // 415: the PATCH media type.
        var wrongType = ImagesRequests.patch(try client.imageEndpoint(), id: image.id, operations: [])
        wrongType.setHeader("Content-Type", "application/json")
        let e415 = try #require(LocalCloud.apiError { _ = try client.sendAuthorized(wrongType) })
        #expect(e415.status == 415)
        #expect(e415.userMessage.contains("Image PATCH expects Content-Type one of: application/openstack-images-v2.0-json-patch, "
                                          + "application/openstack-images-v2.1-json-patch"))

        // 400: an extra property must be a string.
        let e400 = try #require(LocalCloud.apiError { _ = try client.patch(id: image.id, operations: [.add(key: "gtt_n", value: .number(5))]) })
        #expect(e400.status == 400)
        #expect(e400.userMessage.hasPrefix("400 Bad Request: Provided object does not match schema 'image': 5 is not of type 'string'"))

        // 400: negative min_ram.
        let negative = try #require(LocalCloud.apiError { _ = try client.patch(id: image.id, operations: [.replace(key: "min_ram", value: .number(-1))]) })
        #expect(negative.userMessage == "400 Bad Request: Invalid value '-1' for parameter 'min_ram': Cannot be a negative value")

        // 413: over image_property_quota (128 on the local cloud).
        let many = (0..<130).map { PatchOperation.add(key: "gtt_q\($0)", value: .string("x")) }
        let e413 = try #require(LocalCloud.apiError { _ = try client.patch(id: image.id, operations: many) })
        #expect(e413.status == 413)
        #expect(e413.userMessage.contains("The limit has been exceeded on the number of allowed image properties. Attempted: "))
        #expect(e413.userMessage.contains("Maximum: 128"))

        // 403: read-only, reserved, core attributes that cannot be removed, owner.
        let cases: [(PatchOperation, String)] = [
            (.replace(key: "size", value: .number(5)), "403 Forbidden: Attribute 'size' is read-only."),
            (.add(key: "deleted", value: .string("x")), "403 Forbidden: Attribute 'deleted' is reserved."),
            (.add(key: "os_glance_x", value: .string("x")), "403 Forbidden: Attribute 'os_glance_x' is reserved."),
            (.remove(key: "min_ram"), "403 Forbidden: Access was denied to this resource. Property min_ram may not be removed."),
            (.replace(key: "owner", value: .string("x")), "403 Forbidden: Access was denied to this resource. Owner can't be updated by non admin."),
        ]
        for (op, message) in cases {
            let error = try #require(LocalCloud.apiError { _ = try client.patch(id: image.id, operations: [op]) })
            #expect(error.userMessage == message + " (the policy of this cloud does not allow it for your role)")
        }
        let book = RuleBook(schema: try client.schemaRules())
        #expect(book.rule(for: "size", on: image).isReadOnly && book.rule(for: "deleted", on: image).isReadOnly
                && book.rule(for: "os_glance_x", on: image).isReadOnly && book.rule(for: "owner", on: image).isReadOnly,
                "the rules refuse all of them before Glance does")

        // 403: formats once data is uploaded; the rules say so too.
        let active = try run.upload(image.id)
        let format = try #require(LocalCloud.apiError { _ = try client.patch(id: image.id, operations: [.replace(key: "disk_format", value: .string("qcow2"))]) })
        #expect(format.userMessage.hasPrefix("403 Forbidden: Attribute disk_format can be only replaced for a queued image."))
        #expect(book.rule(for: "disk_format", on: active).readOnlyReason == "can only be changed while the image is queued, before data is uploaded")
    }

    @Test func limitsOnKeysAndValues() throws {
        let run = try Run()
        defer { run.cleanUp() }
        let image = try run.create("limits")
        let client = run.demo

        // Values: far beyond 255 characters (SQLite keeps them all; MySQL's TEXT stops at 65,535 bytes).
        let long = String(repeating: "v", count: 5000)
        #expect(try client.patch(id: image.id, operations: [.add(key: "gtt_long", value: .string(long))]).fields["gtt_long"] == .string(long))

        // Keys: over 255 characters refused on create, but not by PATCH.
        let longKey = "gtt_" + String(repeating: "k", count: 252)
        let create = try #require(LocalCloud.apiError { try run.create("longkey", [longKey: .string("v")]) })
        #expect(create.userMessage == "400 Bad Request: Custom property should not be greater than 255 characters.")
        let patched = try client.patch(id: image.id, operations: [.add(key: longKey, value: .string("v"))])
        #expect(patched.fields[longKey] == .string("v"), "PATCH does not check the key length")
        #expect(RuleBook().keyProblem(longKey) != nil, "the editor refuses it")

        // Keys: spaces around a key are dropped by Glance's JSON-pointer parsing.
        let spaced = try client.patch(id: image.id, operations: [.add(key: " gtt_spaced ", value: .string("v"))])
        #expect(spaced.fields["gtt_spaced"] == .string("v"))
        #expect(spaced.fields[" gtt_spaced "] == nil)
        var plan = EditPlan(loaded: image)
        plan.set(" gtt_spaced ", .string("v"))
        #expect(plan.unexpected(in: spaced) == [" gtt_spaced "], "the plan notices")
        #expect(RuleBook().keyProblem(" gtt_spaced ") == "Glance drops spaces at the start and end of a property name")
    }

    // MARK: rules from the live cloud

    @Test func schemaAndMetadefsRulesFromTheLiveCloud() throws {
        let client = LocalCloud.client(try LocalCloud.profile())
        let schema = try client.imageSchema()
        #expect(Set(schema.rules.map(\.key)) == Image.coreKeys)
        #expect(schema.rule(for: "min_ram")?.kind == .integer)
        #expect(schema.rule(for: "visibility")?.choices == ["community", "public", "private", "shared"])
        #expect(schema.rule(for: "checksum")?.readOnlyReason == "set by Glance when data is uploaded (MD5 of the data)")

        let metadefs = try client.metadefRules()
        #expect(metadefs.failures.isEmpty)
        #expect(metadefs.namespaces.count == 19)
        #expect(Set(metadefs.rules.map(\.key)).count == 102)
        let book = RuleBook(schema: schema.rules, metadefs: metadefs.rules)
        #expect(book.rule(for: "hw_boot_menu")?.choices == ["true", "false"])
        #expect(book.rule(for: "hw_serial_port_count")?.source == "metadefs OS::Compute::Libvirt")
        #expect(book.rule(for: "traits:COMPUTE_SECURITY_TPM_2_0")?.choices == ["required"])
        #expect(book.knownExtraKeys.count == 102)
    }

    // MARK: two clients, one property

    @Test func twoClientsEditingTheSamePropertyTheSecondSendsNothing() throws {
        let run = try Run()
        defer { run.cleanUp() }
        let image = try run.create("conflict", ["gtt_color": .string("red"), "gtt_size": .string("s")])
        let clientA = LocalCloud.client(try LocalCloud.profile())
        let clientB = LocalCloud.client(try LocalCloud.profile())

        // A loads and stages a change.
        var planA = EditPlan(loaded: try clientA.image(id: image.id))
        planA.set("gtt_color", .string("blue"))

        // B changes the same property meanwhile.
        let patchedB = try clientB.patch(id: image.id, operations: [.replace(key: "gtt_color", value: .string("green"))])
        #expect(patchedB.fields["gtt_color"] == .string("green"))

        // A re-reads: the touched key moved, so nothing is sent.
        let current = try clientA.image(id: image.id)
        let conflicts = planA.conflicts(with: current)
        #expect(conflicts == [EditPlan.Conflict(key: "gtt_color", loaded: .string("red"), theirs: .string("green"),
                                                yours: .set(.string("blue")))])
        guard case .conflicts(let found, let reread)? = try? clientA.save(planA) else {
            Issue.record("save sent A's change over B's")
            return
        }
        #expect(found.map(\.key) == ["gtt_color"])
        #expect(reread.fields["gtt_color"] == .string("green"))
        #expect(try clientB.image(id: image.id).fields["gtt_color"] == .string("green"), "B's value survives")

        // B changes an untouched key a second later: A's save still stops, naming what moved.
        var planA2 = EditPlan(loaded: try clientA.image(id: image.id))
        planA2.set("gtt_color", .string("blue"))
        Thread.sleep(forTimeInterval: 1.1)
        _ = try clientB.patch(id: image.id, operations: [.replace(key: "gtt_size", value: .string("m"))])
        guard case .conflicts(let viaDate, _) = try clientA.save(planA2) else {
            Issue.record("save did not notice B's change to another key")
            return
        }
        #expect(viaDate.map(\.key) == ["gtt_size", "updated_at"])
        let final = try clientB.image(id: image.id)
        #expect(final.fields["gtt_color"] == .string("green"))
        #expect(final.fields["gtt_size"] == .string("m"))
    }
}
