import Foundation
import Testing
@testable import GlanceAPI

@Suite("ImageSchema: GET /v2/schemas/image as rules")
struct ImageSchemaTests {
    static func captured() throws -> ImageSchema {
        try ImageSchema.decode(try Fixture.data("glance-schema-image.json"), url: "http://127.0.0.1:9292/v2/schemas/image")
    }

    static func rules(_ schema: ImageSchema) -> [String: PropertyRule] {
        Dictionary(uniqueKeysWithValues: schema.rules.map { ($0.key, $0) })
    }

    @Test("the captured Glance 33 schema: every attribute, all core, all from the schema")
    func capturedKeys() throws {
        let schema = try Self.captured()
        #expect(schema.rules.map(\.key) == [
            "checksum", "container_format", "created_at", "direct_url", "disk_format", "file", "id", "locations",
            "min_disk", "min_ram", "name", "os_hash_algo", "os_hash_value", "os_hidden", "owner", "protected",
            "schema", "self", "size", "status", "stores", "tags", "updated_at", "virtual_size", "visibility",
        ])
        #expect(schema.rules.allSatisfy { $0.isCore && $0.source == "schema" })
        #expect(schema.allowsExtraProperties)
        #expect(Set(schema.rules.map(\.key)) == Image.coreKeys, "the schema and Image.coreKeys agree")
    }

    @Test("editable core attributes: name, visibility, formats, booleans, integers, tags")
    func editable() throws {
        let r = Self.rules(try Self.captured())
        #expect(r["name"] == PropertyRule(key: "name", kind: .string, maxLength: 255, description: "Descriptive name for the image",
                                          source: "schema", isCore: true))
        #expect(r["visibility"]?.choices == ["community", "public", "private", "shared"])
        #expect(r["container_format"]?.choices == ["ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed"], "null left out")
        #expect(r["disk_format"]?.choices == ["ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop"])
        #expect(r["protected"]?.kind == .boolean)
        #expect(r["os_hidden"]?.kind == .boolean)
        for key in ["min_disk", "min_ram"] {
            #expect(r[key]?.kind == .integer)
            #expect(r[key]?.ranges == [0...Double.infinity])
            #expect(r[key]?.isReadOnly == false)
        }
        #expect(r["min_ram"]?.summary == "integer, at least 0 MB")
        #expect(r["min_disk"]?.summary == "integer, at least 0 GB")
        #expect(r["tags"]?.kind == .array)
        #expect(r["tags"]?.maxLength == 255)
        for key in ["name", "visibility", "container_format", "disk_format", "protected", "os_hidden", "min_disk", "min_ram", "tags"] {
            #expect(r[key]?.readOnlyReason == nil, "\(key) is editable")
        }
        #expect(r["min_ram"].map { try? $0.value(for: "2048").get() } == .number(2048))
        #expect(r["protected"].map { try? $0.value(for: "true").get() } == .bool(true))
    }

    @Test("read-only attributes say why in words a support person can repeat")
    func readOnlyReasons() throws {
        let r = Self.rules(try Self.captured())
        let expected: [String: String] = [
            "id": "chosen when the image is created; it never changes",
            "status": "set by Glance as the image is uploaded, imported, deactivated or deleted",
            "size": "set by Glance when data is uploaded",
            "virtual_size": "set by Glance when data is uploaded (read from the disk image)",
            "checksum": "set by Glance when data is uploaded (MD5 of the data)",
            "os_hash_algo": "set by Glance when data is uploaded (the hash algorithm the cloud uses)",
            "os_hash_value": "set by Glance when data is uploaded (hash of the data)",
            "owner": "the project that owns the image; only a cloud administrator can change it",
            "created_at": "set by Glance when the image is created",
            "updated_at": "set by Glance whenever the image changes",
            "locations": "managed by Glance and its storage back ends, not edited as a property",
            "direct_url": "set by Glance from the storage back end that holds the data",
            "self": "the image's own address in the Image API, set by Glance",
            "file": "the address of the image's data, set by Glance",
            "schema": "the address of the image schema, set by Glance",
            "stores": "set by Glance: the stores that hold the data; import or copy the image to change it",
        ]
        for (key, reason) in expected {
            #expect(r[key]?.readOnlyReason == reason, "\(key)")
        }
        #expect(r["size"]?.kind == .integer, "type [null, integer] reads as integer")
        #expect(r.values.filter(\.isReadOnly).count == expected.count)
        let refusal: String? = if case .failure(let v)? = r["checksum"]?.value(for: "abc") { v.message } else { nil }
        #expect(refusal?.contains("read-only: set by Glance when data is uploaded (MD5 of the data)") == true)
    }

    @Test("formats can change only while the image is queued (or importing, as Glance allows)")
    func formatsOnlyWhileQueued() throws {
        let schema = try Self.captured()
        let queued = try Image(json: .object(["id": .string("i"), "status": .string("queued")]))
        let importing = try Image(json: .object(["id": .string("i"), "status": .string("importing")]))
        let active = try Image(json: .object(["id": .string("i"), "status": .string("active")]))
        let deactivated = try Image(json: .object(["id": .string("i"), "status": .string("deactivated")]))
        for key in ["disk_format", "container_format"] {
            #expect(schema.rules(for: queued)[key]?.readOnlyReason == nil)
            #expect(schema.rules(for: importing)[key]?.readOnlyReason == nil)
            #expect(schema.rules(for: active)[key]?.readOnlyReason
                    == "can only be changed while the image is queued, before data is uploaded")
            #expect(schema.rules(for: deactivated)[key]?.isReadOnly == true)
        }
        #expect(schema.rules(for: active)["name"]?.isReadOnly == false)
        #expect(schema.rules(for: active)["owner"]?.isReadOnly == true)
        #expect(schema.rules(for: active, isAdmin: true)["owner"]?.isReadOnly == false, "an administrator may change the owner")
        #expect(schema.rules(for: active, isAdmin: true)["id"]?.isReadOnly == true)
    }

    @Test("the built-in standard schema matches the captured one in every rule")
    func standardMatchesCaptured() throws {
        let captured = Self.rules(try Self.captured())
        let standard = Self.rules(ImageSchema.standard)
        #expect(Set(standard.keys) == Set(captured.keys))
        for (key, rule) in captured {
            var a = rule, b = standard[key]
            a.description = nil
            b?.description = nil
            #expect(a == b, "\(key)")
        }
    }

    @Test("tolerant: odd shapes never crash and read as free strings or are skipped")
    func tolerant() throws {
        let schema = ImageSchema(json: try json("""
        {"properties": {
           "weird_type": {"type": 42},
           "no_type": {},
           "not_an_object": "string",
           "multi": {"type": ["null", "integer"], "minimum": "5", "maximum": 10},
           "future_bool": {"type": ["boolean", "null"], "readOnly": true},
           "enum_mixed": {"type": "string", "enum": [null, 1, "a", {"x": 1}, true]},
           "huge_max": {"type": "string", "maxLength": 1e300},
           "custom": {"type": "string", "is_base": false, "description": "Operator's"},
           "unknown": {"type": "object"}
         }, "additionalProperties": false}
        """))
        let r = Self.rules(schema)
        #expect(r["not_an_object"] == nil)
        #expect(r["weird_type"]?.kind == .string)
        #expect(r["no_type"]?.kind == .string)
        #expect(r["unknown"]?.kind == .string)
        #expect(r["multi"]?.kind == .integer)
        #expect(r["multi"]?.ranges == [5...10])
        #expect(r["future_bool"]?.readOnlyReason == "set by Glance (read-only in the image schema)")
        #expect(r["enum_mixed"]?.choices == ["1", "a", "true"])
        #expect(r["huge_max"]?.maxLength == nil)
        #expect(r["custom"]?.description == "Operator's; defined by this cloud's schema-image.json")
        #expect(!schema.allowsExtraProperties)

        #expect(ImageSchema(json: .array([])).rules.isEmpty)
        #expect(ImageSchema(json: try json(#"{"properties": []}"#)).rules.isEmpty)
        #expect(throws: APIError.malformedResponse("the image schema is not a JSON object", url: "u")) {
            try ImageSchema.decode(Data("<html>".utf8), url: "u")
        }
    }
}
