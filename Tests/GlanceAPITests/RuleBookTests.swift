import Foundation
import Testing
@testable import GlanceAPI

@Suite("RuleBook: schema, profiles and metadefs merged")
struct RuleBookTests {
    static func schema() throws -> [PropertyRule] {
        try ImageSchema.decode(try Fixture.data("glance-schema-image.json"), url: "u").rules
    }

    static func metadefs() throws -> [PropertyRule] {
        try MetadefsTests.namespaceFiles.flatMap { try MetadefsTests.namespace($0).rules }
    }

    static let profile: [PropertyRule] = [
        PropertyRule(key: "hw_wrs_live_migration_timeout", kind: .integer, ranges: [0...0, 120...800],
                     description: "timeout", source: "profile starlingx", unit: "seconds"),
        // A profile narrowing a metadefs key: the profile wins.
        PropertyRule(key: "hw_serial_port_count", kind: .integer, ranges: [0...4], source: "profile mycloud"),
        // A profile cannot change a core attribute.
        PropertyRule(key: "min_ram", kind: .string, source: "profile mycloud"),
        // Nor make a reserved key usable.
        PropertyRule(key: "os_glance_import_task", kind: .string, source: "profile mycloud"),
        PropertyRule(key: "store", readOnlyReason: "set by StarlingX's image cache", source: "profile starlingx"),
    ]

    static func book() throws -> RuleBook {
        RuleBook(schema: try schema(), metadefs: try metadefs(), profiles: profile)
    }

    @Test("core keys always follow the schema")
    func schemaWins() throws {
        let book = try Self.book()
        let minRAM = try #require(book.rule(for: "min_ram"))
        #expect(minRAM.source == "schema")
        #expect(minRAM.kind == .integer)
        #expect(minRAM.isCore)
        #expect(book.rule(for: "checksum")?.isReadOnly == true)
    }

    @Test("for other keys a profile rule wins over a metadefs rule")
    func profileWinsOverMetadefs() throws {
        let book = try Self.book()
        let ports = try #require(book.rule(for: "hw_serial_port_count"))
        #expect(ports.source == "profile mycloud")
        #expect(ports.ranges == [0...4])
        #expect(book.rule(for: "hw_boot_menu")?.source == "metadefs OS::Compute::Libvirt")
        #expect(book.rule(for: "hw_wrs_live_migration_timeout")?.source == "profile starlingx")
    }

    @Test("the first profile rule for a key wins")
    func firstProfileWins() {
        let book = RuleBook(profiles: [PropertyRule(key: "k", kind: .integer, source: "profile user"),
                                       PropertyRule(key: "k", kind: .boolean, source: "profile shipped")])
        #expect(book.rule(for: "k")?.source == "profile user")
    }

    @Test("a key two namespaces define accepts what either accepts")
    func metadefsUnion() throws {
        let book = try Self.book()
        let vif = try #require(book.rule(for: "hw_vif_model"))
        #expect(vif.source == "metadefs OS::Compute::LibvirtImage, OS::Compute::VMware"
                || vif.source == "metadefs OS::Compute::VMware, OS::Compute::LibvirtImage")
        #expect(vif.choices?.contains("virtio") == true, "LibvirtImage's")
        #expect(vif.choices?.contains("VirtualVmxnet3") == true, "VMware's")
        #expect(vif.choices?.filter { $0 == "e1000" }.count == 1, "no duplicates")
        #expect((try? vif.value(for: "virtio").get()) == .string("virtio"))
        #expect((try? vif.value(for: "bogus").get()) == nil)

        let mixed = RuleBook(metadefs: [
            PropertyRule(key: "x", kind: .integer, ranges: [0...10], source: "metadefs A"),
            PropertyRule(key: "x", kind: .integer, ranges: [20...30], source: "metadefs B"),
            PropertyRule(key: "y", kind: .integer, source: "metadefs A"),
            PropertyRule(key: "y", kind: .boolean, source: "metadefs B"),
            PropertyRule(key: "z", choices: ["a"], source: "metadefs A"),
            PropertyRule(key: "z", source: "metadefs B"),
        ])
        #expect(mixed.rule(for: "x")?.ranges == [0...10, 20...30])
        #expect(mixed.rule(for: "y")?.kind == .string, "different kinds: anything either accepts")
        #expect(mixed.rule(for: "z")?.choices == nil, "one namespace allows any value")
    }

    @Test("reserved keys are read-only whatever a profile says")
    func reserved() throws {
        let book = try Self.book()
        for key in ["os_glance_import_task", "location", "deleted", "deleted_at", "os_glance"] {
            let rule = try #require(book.rule(for: key))
            #expect(rule.readOnlyReason == "reserved by Glance, which refuses to store it", "\(key)")
        }
        #expect(book.rule(for: "os_glancefoo")?.isReadOnly == true, "Glance checks startswith(\"os_glance\")")
    }

    @Test("unknown extra keys: nil from rule(for:), the default free-string rule on an image")
    func defaultRule() throws {
        let book = try Self.book()
        #expect(book.rule(for: "my_own_key") == nil)
        let image = Image(id: "i", status: "active")
        let rule = book.rule(for: "my_own_key", on: image)
        #expect(rule.kind == .string)
        #expect(rule.maxLength == 65_535)
        #expect(rule.source == "default")
        #expect(!rule.isCore)
        #expect((try? rule.value(for: String(repeating: "v", count: 300)).get()) != nil, "Glance took 70,000 characters")
        #expect((try? rule.value(for: String(repeating: "v", count: 65_536)).get()) == nil)
    }

    @Test("rule(for:on:) applies the image's state to schema rules")
    func perImage() throws {
        let book = try Self.book()
        let active = Image(id: "i", status: "active")
        let queued = Image(id: "i", status: "queued")
        #expect(book.rule(for: "disk_format", on: active).isReadOnly)
        #expect(!book.rule(for: "disk_format", on: queued).isReadOnly)
        #expect(book.rule(for: "owner", on: active).isReadOnly)
        #expect(!book.rule(for: "owner", on: active, isAdmin: true).isReadOnly)
        #expect(book.rule(for: "hw_boot_menu", on: active).source == "metadefs OS::Compute::Libvirt")
    }

    @Test("known extra keys: profiles and metadefs, not core or reserved, sorted, with descriptions")
    func knownExtraKeys() throws {
        let book = try Self.book()
        let known = book.knownExtraKeys
        let keys = known.map(\.key)
        #expect(keys == keys.sorted())
        #expect(keys.contains("hw_wrs_live_migration_timeout"))
        #expect(keys.contains("hw_boot_menu"))
        #expect(keys.contains("store"))
        #expect(!keys.contains("min_ram"))
        #expect(!keys.contains("os_glance_import_task"))
        #expect(keys.count == 102 + 2, "every metadefs key plus the profile's timeout and store")
        let timeout = try #require(known.first { $0.key == "hw_wrs_live_migration_timeout" })
        #expect(timeout.summary == "integer, 0 or 120–800 seconds")
        #expect(timeout.description == "timeout")
        #expect(known.first { $0.key == "store" }?.isReadOnly == true)
    }

    @Test("problems with a new key's name")
    func keyProblems() throws {
        let book = try Self.book()
        #expect(book.keyProblem("hw_new") == nil)
        #expect(book.keyProblem("a/b~c") == nil, "escaped in the pointer, so fine")
        #expect(book.keyProblem("") != nil)
        #expect(book.keyProblem(String(repeating: "k", count: 255)) == nil)
        #expect(book.keyProblem(String(repeating: "k", count: 256)) == "a property name may have at most 255 characters")
        #expect(book.keyProblem(" padded") == "Glance drops spaces at the start and end of a property name")
        #expect(book.keyProblem("deleted") == "\"deleted\" is reserved by Glance")
        #expect(book.keyProblem("name") == "\"name\" is an image attribute, not an extra property")
    }

    @Test("with no cloud rules at all, the built-in schema still guards core attributes")
    func standardFallback() {
        let book = RuleBook()
        #expect(book.rule(for: "min_ram")?.kind == .integer)
        #expect(book.rule(for: "size")?.isReadOnly == true)
        #expect(book.knownExtraKeys.isEmpty)
    }
}
