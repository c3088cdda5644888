import Foundation
import Testing
@testable import GlanceAPI

@Suite("Metadefs: metadata definition namespaces as rules")
struct MetadefsTests {
    /// The 19 namespaces the local Glance 33 lists for OS::Glance::Image, captured with
    /// ?resource_type=OS::Glance::Image (so Glance has already prefixed the names).
    static let namespaceFiles = [
        "CIM_ProcessorAllocationSettingData", "OS_Cinder_Volumetype", "OS_Compute_CPUPinning",
        "OS_Compute_GuestMemoryBacking", "OS_Compute_GuestShutdownBehavior", "OS_Compute_Hypervisor",
        "OS_Compute_InstanceData", "OS_Compute_Libvirt", "OS_Compute_LibvirtImage", "OS_Compute_TPM",
        "OS_Compute_VMware", "OS_Compute_VTPM", "OS_Compute_VirtCPUTopology", "OS_Compute_Watchdog",
        "OS_Compute_XenAPI", "OS_Glance_Signatures", "OS_Software_DBMS", "OS_Software_Runtimes",
        "OS_Software_WebServers",
    ]

    static func namespace(_ file: String) throws -> Metadefs.Namespace {
        try Metadefs.decodeNamespace(try Fixture.data("metadefs/\(file).json"), url: "u")
    }

    static func rules(_ file: String) throws -> [String: PropertyRule] {
        Dictionary(uniqueKeysWithValues: try namespace(file).rules.map { ($0.key, $0) })
    }

    @Test("the namespace list: 19 namespaces, with the OS::Glance::Image prefix of each")
    func namespaceList() throws {
        let list = try Metadefs.decodeNamespaceList(try Fixture.data("metadefs/namespaces-os-glance-image.json"), url: "u")
        #expect(list.namespaces.count == 19)
        #expect(list.next == nil)
        let prefixes = Dictionary(uniqueKeysWithValues: list.namespaces.map { ($0.name, $0.prefix) })
        #expect(prefixes["OS::Compute::Libvirt"] == .some("hw_"))
        #expect(prefixes["OS::Compute::VTPM"] == .some("traits:"))
        #expect(prefixes["OS::Cinder::Volumetype"] == .some("cinder_"))
        #expect(prefixes["CIM::ProcessorAllocationSettingData"] == .some("CIM_PASD_"))
        #expect(prefixes["OS::Compute::LibvirtImage"] == .some(nil))
        #expect(list.namespaces.first { $0.name == "OS::Compute::Libvirt" }?.displayName == "libvirt Driver Options")
    }

    @Test("every captured namespace decodes; 102 distinct keys in all")
    func allNamespaces() throws {
        var keys = Set<String>()
        for file in Self.namespaceFiles {
            let ns = try Self.namespace(file)
            #expect(!ns.rules.isEmpty, "\(file)")
            #expect(ns.skipped.isEmpty)
            #expect(ns.rules.allSatisfy { !$0.isCore && $0.source == "metadefs " + ns.name })
            keys.formUnion(ns.rules.map(\.key))
        }
        #expect(keys.count == 102)
    }

    @Test("names come prefixed by Glance (hw_boot_menu, not boot_menu) and are not prefixed twice")
    func prefixAppliedByGlance() throws {
        let ns = try Self.namespace("OS_Compute_Libvirt")
        #expect(ns.prefix == "hw_")
        #expect(ns.rules.map(\.key) == ["hw_boot_menu", "hw_mem_encryption", "hw_mem_encryption_model",
                                        "hw_serial_port_count", "hw_virtio_packed_ring"])
    }

    @Test("without ?resource_type the names are bare and the decoder adds the prefix")
    func prefixAddedWhenNotApplied() throws {
        // The same namespace as Glance returns it without ?resource_type=OS::Glance::Image.
        var object = try #require(try JSONDecoder().decode(JSONValue.self, from: try Fixture.data("metadefs/OS_Compute_Libvirt.json")).objectValue)
        let properties = try #require(object["properties"]?.objectValue)
        object["properties"] = .object(Dictionary(uniqueKeysWithValues: properties.map { (String($0.key.dropFirst(3)), $0.value) }))
        let bare = try jsonData(.object(object))
        let ns = try Metadefs.decodeNamespace(bare, url: "u", prefixApplied: false)
        #expect(ns.rules.map(\.key) == ["hw_boot_menu", "hw_mem_encryption", "hw_mem_encryption_model",
                                        "hw_serial_port_count", "hw_virtio_packed_ring"])
        let unprefixed = try Metadefs.decodeNamespace(bare, url: "u", prefixApplied: true)
        #expect(unprefixed.rules.map(\.key).first == "boot_menu")
    }

    @Test("types: integer with minimum, enum strings, booleans")
    func types() throws {
        let libvirt = try Self.rules("OS_Compute_Libvirt")
        let ports = try #require(libvirt["hw_serial_port_count"])
        #expect(ports.kind == .integer)
        #expect(ports.ranges == [0...Double.infinity])
        #expect(ports.source == "metadefs OS::Compute::Libvirt")
        #expect(ports.description?.hasPrefix("Serial Port Count — Specifies the count of serial ports") == true)
        #expect(try ports.value(for: "2").get() == .string("2"))
        #expect(libvirt["hw_boot_menu"]?.choices == ["true", "false"])

        let shutdown = try Self.rules("OS_Compute_GuestShutdownBehavior")
        #expect(shutdown["os_shutdown_timeout"]?.kind == .integer)

        let dbms = try Self.rules("OS_Software_DBMS")
        let port = try #require(dbms["sw_database_mysql_listen_port"])
        #expect(port.ranges == [1...65535])
        #expect(port.description?.hasPrefix("MySQL: Listen Port — ") == true, "object properties name their object")
        #expect(port.description?.hasSuffix("(default 3606)") == true, "sic: upstream's metadefs say 3606 for MySQL")

        let all = try Self.namespaceFiles.flatMap { try Self.namespace($0).rules }
        #expect(all.contains { $0.kind == .boolean })
        #expect(!all.contains { $0.kind == .array }, "array definitions become strings: extras are strings")
    }

    @Test("an array definition becomes a string whose description lists the items")
    func arrayBecomesString() throws {
        let cim = try Self.rules("CIM_ProcessorAllocationSettingData")
        let rule = try #require(cim["CIM_PASD_InstructionSetExtensionName"])
        #expect(rule.kind == .string)
        #expect(rule.choices == nil)
        #expect(rule.description?.contains("a list of: x86:3DNow, x86:3DNowExt") == true)
        #expect(rule.description?.contains("operators <or> <all-in>") == true)
        #expect(try rule.value(for: "<or> x86:AES <or> x86:AVX").get() == .string("<or> x86:AES <or> x86:AVX"))
    }

    @Test("defaults are mentioned; readonly definitions refuse with the namespace named")
    func defaultsAndReadOnly() throws {
        let tpm = try Self.rules("OS_Compute_TPM")
        #expect(tpm["hw_tpm_model"]?.choices == ["tpm-tis", "tpm-crb"])
        #expect(tpm["hw_tpm_model"]?.description?.contains("default tpm-tis") == true)

        let ns = Metadefs.namespace(json: try json("""
        {"namespace": "X::Y", "resource_type_associations": [{"name": "OS::Glance::Image", "prefix": ""}],
         "properties": {"locked": {"type": "string", "title": "Locked", "readonly": true},
                        "ratio": {"type": "number", "maximum": 2.5},
                        "code": {"type": "string", "maxLength": 8, "minLength": 2}}}
        """))
        let r = Dictionary(uniqueKeysWithValues: ns.rules.map { ($0.key, $0) })
        #expect(ns.prefix == nil, "an empty prefix is no prefix")
        #expect(r["locked"]?.readOnlyReason == "marked read-only in the cloud's metadata definitions (X::Y)")
        #expect(r["ratio"]?.kind == .number)
        #expect(r["ratio"]?.ranges == [-Double.infinity...2.5])
        #expect(r["code"]?.maxLength == 8)
    }

    @Test("tolerant: bad shapes are skipped or read as strings, never a crash")
    func tolerant() throws {
        let ns = Metadefs.namespace(json: try json("""
        {"namespace": "Odd", "resource_type_associations": "nope",
         "properties": {"a": "not an object", "b": {"type": "object"}, "c": {}, "d": {"type": "integer", "minimum": "x"}},
         "objects": [1, {"name": "O", "properties": {"b": {"type": "integer"}, "e": {"type": "boolean"}}}]}
        """))
        let r = Dictionary(uniqueKeysWithValues: ns.rules.map { ($0.key, $0) })
        #expect(ns.skipped == ["a"])
        #expect(r["b"]?.kind == .string, "a top-level property wins over an object's of the same name")
        #expect(r["c"]?.kind == .string)
        #expect(r["d"]?.ranges == [])
        #expect(r["e"]?.kind == .boolean)
        #expect(Metadefs.namespace(json: .null).rules.isEmpty)

        #expect(throws: APIError.self) { try Metadefs.decodeNamespaceList(Data("[]".utf8), url: "u") }
        #expect(throws: APIError.self) { try Metadefs.decodeNamespaceList(Data("{}".utf8), url: "u") }
        let list = try Metadefs.decodeNamespaceList(Data(#"{"namespaces": [1, {"namespace": ""}, {"namespace": "A"}], "next": "/v2/x"}"#.utf8), url: "u")
        #expect(list.namespaces.map(\.name) == ["A"])
        #expect(list.next == "/v2/x")
    }

    // MARK: ImageClient.metadefRules over a fake transport

    static func ok(_ data: Data) -> FakeTransport.Answer {
        .success(HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: data))
    }

    @Test("metadefRules: the list (following next), one request per namespace, a failing namespace recorded")
    func clientLoadsEveryNamespaceTolerantly() throws {
        let page1 = #"{"namespaces": [{"namespace": "OS::Compute::Libvirt"}, {"namespace": "Broken"}], "next": "/v2/metadefs/namespaces?marker=Broken&limit=1000"}"#
        let page2 = #"{"namespaces": [{"namespace": "Gone"}, {"namespace": "OS::Compute::Libvirt"}, {"namespace": "OS::Compute::TPM"}]}"#
        let transport = FakeTransport(keystone: [try Canned.token("gAAAAABtoken")], other: [
            Self.ok(Data(page1.utf8)), Self.ok(Data(page2.utf8)),
            Self.ok(try Fixture.data("metadefs/OS_Compute_Libvirt.json")),
            Self.ok(Data("not json".utf8)),
            Canned.status(404, text: "<html><body><h1>404 Not Found</h1>Metadata definition namespace=Gone was not found.</body></html>",
                          contentType: "text/html"),
            Self.ok(try Fixture.data("metadefs/OS_Compute_TPM.json")),
        ])
        let client = ImageClient(profile: ImageClientTests.profile(), transport: transport)
        let loaded = try client.metadefRules()
        #expect(loaded.namespaces.map(\.name) == ["OS::Compute::Libvirt", "OS::Compute::TPM"])
        #expect(loaded.failures.map(\.namespace) == ["Broken", "Gone"])
        #expect(loaded.failures.first?.error == .malformedResponse("the metadata definition namespace is not a JSON object",
                                                                  url: "http://127.0.0.1:9292/v2/metadefs/namespaces/Broken?resource_type=OS::Glance::Image"))
        #expect(loaded.failures.last?.error.userMessage
                == "404 Not Found: Metadata definition namespace=Gone was not found. (it may have been deleted meanwhile; press r to reload)")
        #expect(loaded.rules.map(\.key) == ["hw_boot_menu", "hw_mem_encryption", "hw_mem_encryption_model", "hw_serial_port_count",
                                            "hw_virtio_packed_ring", "hw_tpm_model", "hw_tpm_version"])
        let urls = transport.requests.dropFirst().map(\.url)
        #expect(urls == [
            "http://127.0.0.1:9292/v2/metadefs/namespaces?resource_types=OS::Glance::Image&limit=1000",
            "http://127.0.0.1:9292/v2/metadefs/namespaces?marker=Broken&limit=1000",
            "http://127.0.0.1:9292/v2/metadefs/namespaces/OS%3A%3ACompute%3A%3ALibvirt?resource_type=OS::Glance::Image",
            "http://127.0.0.1:9292/v2/metadefs/namespaces/Broken?resource_type=OS::Glance::Image",
            "http://127.0.0.1:9292/v2/metadefs/namespaces/Gone?resource_type=OS::Glance::Image",
            "http://127.0.0.1:9292/v2/metadefs/namespaces/OS%3A%3ACompute%3A%3ATPM?resource_type=OS::Glance::Image",
        ], "Libvirt, listed twice, is fetched once")
    }

    @Test("metadefRules: a failing list is an error")
    func clientListFailureThrows() throws {
        let transport = FakeTransport(keystone: [try Canned.token("gAAAAABtoken")],
                                      other: [Canned.status(403, text: "{\"message\": \"Forbidden\"}", contentType: "application/json")])
        let client = ImageClient(profile: ImageClientTests.profile(), transport: transport)
        #expect(throws: APIError.self) { try client.metadefRules() }
    }
}
