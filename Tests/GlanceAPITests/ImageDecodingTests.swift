import Foundation
import Testing
@testable import GlanceAPI

@Suite("Image decoding")
struct ImageDecodingTests {
    let url = "http://127.0.0.1:9292/v2/images?limit=3"

    @Test("a real page from the local Glance decodes completely")
    func realPage() throws {
        let page = try ImagesRequests.decodePage(try Fixture.data("glance-images-page.json"), url: url)
        #expect(page.skippedEntries == 0)
        #expect(page.next == "/v2/images?limit=3&marker=dcb58f35-27ef-4684-b99d-31610944ab55")
        #expect(page.images.map(\.id) == ["08eaeeab-7c57-47cb-b60b-746021cef446",
                                          "fffb10d9-f6d1-4ca7-a759-fe633b2425fd",
                                          "dcb58f35-27ef-4684-b99d-31610944ab55"])
        #expect(page.images.map(\.name) == ["bulk-01593", "bulk-01589", "bulk-01587"])
        #expect(page.images.map(\.diskFormat) == ["vmdk", "raw", "iso"])

        let first = try #require(page.images.first)
        #expect(first.status == "deleted")
        #expect(first.visibility == "shared")
        #expect(first.owner == "9f663524ad7d43cab00fa4289e7fc440")
        #expect(first.containerFormat == "bare")
        #expect(first.isProtected == false)
        #expect(first.isHidden == false)
        #expect(first.size == nil)
        #expect(first.virtualSize == nil)
        #expect(first.checksum == nil)
        #expect(first.hashAlgorithm == nil)
        #expect(first.createdAt == "2026-11-22T19:53:56Z")
        #expect(first.updatedAt == "2026-11-22T19:54:54Z")
        #expect(first.updated == Date(timeIntervalSince1970: 1_795_377_294))
        #expect(first.tags == [])
        // A real Glance page is exactly what the reference expects: nothing mis-typed, no extras.
        for image in page.images {
            #expect(image.typeMismatches == [], "\(image.id): \(image.typeMismatches)")
            #expect(image.extraProperties.isEmpty, "\(image.id): \(image.extraProperties.map(\.key))")
        }
        // Integers that are JSON numbers (min_ram: 0) are integers, not booleans.
        #expect(first.minRAM == 0)
        #expect(first.minDisk == 0)
    }

    @Test("a full image with every core field")
    func fullImage() throws {
        let image = try Image(json: json("""
        {"id": "abc", "name": "cirros", "status": "active", "visibility": "public", "owner": "p1",
         "protected": true, "os_hidden": false, "size": 16338944, "virtual_size": 117440512,
         "min_disk": 1, "min_ram": 64, "disk_format": "qcow2", "container_format": "bare",
         "created_at": "2026-11-22T19:44:50Z", "updated_at": "2026-11-22T19:44:51Z",
         "checksum": "443b7623e27ecf03dc9e01ee93f67afe", "os_hash_algo": "sha512", "os_hash_value": "6513f2",
         "tags": ["a", "b"], "self": "/v2/images/abc", "file": "/v2/images/abc/file", "schema": "/v2/schemas/image"}
        """))
        #expect(image.id == "abc")
        #expect(image.name == "cirros")
        #expect(image.displayName == "cirros")
        #expect(image.status == "active")
        #expect(image.isProtected == true)
        #expect(image.isHidden == false)
        #expect(image.size == 16_338_944)
        #expect(image.virtualSize == 117_440_512)
        #expect(image.minDisk == 1)
        #expect(image.minRAM == 64)
        #expect(image.diskFormat == "qcow2")
        #expect(image.checksum == "443b7623e27ecf03dc9e01ee93f67afe")
        #expect(image.hashAlgorithm == "sha512")
        #expect(image.hashValue == "6513f2")
        #expect(image.tags == ["a", "b"])
        #expect(image.updated == Date(timeIntervalSince1970: 1_795_376_691))
        #expect(image.typeMismatches == [])
        #expect(image.extraProperties.isEmpty)
    }

    @Test("an image with only an id: defaults, no mismatches")
    func minimal() throws {
        let image = try Image(json: json(#"{"id": "only"}"#))
        #expect(image.id == "only")
        #expect(image.name == nil)
        #expect(image.displayName == "")
        #expect(image.status == "unknown")
        #expect(image.tags == [])
        #expect(image.updated == nil)
        #expect(image.typeMismatches == [])
    }

    /// (key, JSON value as a vendor sends it, what the typed field holds)
    static let mistyped: [(String, String, String)] = [
        ("min_ram", #""400""#, "400"),
        ("min_disk", #"" 20 ""#, "20"),
        ("size", #""12345678901""#, "12345678901"),
        ("virtual_size", "true", "nil"),
        ("protected", #""True""#, "true"),
        ("protected", #""false""#, "false"),
        ("os_hidden", #""yes""#, "true"),
        ("os_hidden", "0", "nil"),
        ("os_hidden", #""maybe""#, "nil"),
        ("name", "42", "42"),
        ("status", "true", "true"),
        ("disk_format", #"["raw"]"#, #"["raw"]"#),
    ]

    @Test("wrongly typed fields are recorded in typeMismatches and still decoded", arguments: mistyped)
    func tolerant(key: String, raw: String, expected: String) throws {
        let image = try Image(json: json(#"{"id": "x", "\#(key)": \#(raw)}"#))
        #expect(image.typeMismatches == [key])
        let actual: String? = switch key {
        case "min_ram": image.minRAM.map { String($0) }
        case "min_disk": image.minDisk.map { String($0) }
        case "size": image.size.map { String($0) }
        case "virtual_size": image.virtualSize.map { String($0) }
        case "protected": image.isProtected.map { String($0) }
        case "os_hidden": image.isHidden.map { String($0) }
        case "name": image.name
        case "status": image.status.rawValue
        case "disk_format": image.diskFormat
        default: "unhandled key \(key)"
        }
        #expect((actual ?? "nil") == expected)
        // The raw value is kept as sent.
        #expect(image.fields[key] == (try json(raw)))
    }

    @Test("several mismatches are all listed")
    func severalMismatches() throws {
        let image = try Image(json: json(#"{"id": "x", "min_ram": "512", "protected": "True", "size": "1024"}"#))
        #expect(Set(image.typeMismatches) == ["min_ram", "protected", "size"])
        #expect(image.typeMismatches.count == 3)
        #expect(image.minRAM == 512)
        #expect(image.isProtected == true)
        #expect(image.size == 1024)
    }

    @Test("null values are absent, not mismatches")
    func nulls() throws {
        let image = try Image(json: json(#"{"id": "x", "name": null, "size": null, "protected": null, "tags": null}"#))
        #expect(image.name == nil)
        #expect(image.size == nil)
        #expect(image.isProtected == nil)
        #expect(image.tags == [])
        #expect(image.typeMismatches == [])
    }

    @Test("the update_at misspelling is read when updated_at is missing")
    func updateAtMisspelling() throws {
        let image = try Image(json: json(#"{"id": "x", "update_at": "2026-11-22T19:44:50Z"}"#))
        #expect(image.updatedAt == "2026-11-22T19:44:50Z")
        #expect(image.updated == Date(timeIntervalSince1970: 1_795_376_690))
        // Shown as the update time, never as a property the user could edit.
        #expect(image.fields["updated_at"] == .string("2026-11-22T19:44:50Z"))
        #expect(image.fields["update_at"] == nil && image.extraProperties.isEmpty)
    }

    @Test("updated_at wins over update_at when both are sent")
    func updatedAtWins() throws {
        let image = try Image(json: json(#"{"id": "x", "updated_at": "2026-11-22T19:44:50Z", "update_at": "1999-01-01T00:00:00Z"}"#))
        #expect(image.updatedAt == "2026-11-22T19:44:50Z")
    }

    @Test("unknown fields are kept and listed as extra properties, sorted by key")
    func extras() throws {
        let image = try Image(json: json("""
        {"id": "x", "name": "n", "zeta": "last", "hw_disk_bus": "scsi", "Alpha": 1,
         "os_distro": "ubuntu", "properties": {"nested": [1, 2]}, "stores": "file", "locations": [],
         "direct_url": "file:///x", "checksum": null}
        """))
        #expect(image.extraProperties.map(\.key) == ["Alpha", "hw_disk_bus", "os_distro", "properties", "zeta"])
        #expect(image.extraProperties.map(\.value) == [.number(1), .string("scsi"), .string("ubuntu"),
                                                       .object(["nested": .array([.number(1), .number(2)])]),
                                                       .string("last")])
        #expect(image.fields["zeta"] == .string("last"))
        #expect(image.fields["stores"] == .string("file"))
        #expect(image.typeMismatches == [])
    }

    @Test("tags that are not strings are shown as text")
    func oddTags() throws {
        let image = try Image(json: json(#"{"id": "x", "tags": ["a", 1, true, null]}"#))
        #expect(image.tags == ["a", "1", "true", "null"])
    }

    @Test("Image(json:) refuses non-objects and entries without an id",
          arguments: [("[]", Image.DecodingError.notAnObject), ("\"x\"", .notAnObject), ("null", .notAnObject),
                      ("{}", .missingID), (#"{"id": ""}"#, .missingID), (#"{"id": null}"#, .missingID),
                      (#"{"id": 7}"#, .missingID), (#"{"name": "no id"}"#, .missingID)])
    func refused(raw: String, error: Image.DecodingError) throws {
        let value = try json(raw)
        #expect(throws: error) { try Image(json: value) }
    }

    @Test("page entries without an id or not objects are skipped and counted")
    func skipped() throws {
        let body = """
        {"images": [{"id": "a"}, {"name": "no id"}, "garbage", {"id": "b"}, null, {"id": ""}, [1]],
         "next": "/v2/images?marker=b"}
        """
        let page = try ImagesRequests.decodePage(Data(body.utf8), url: url)
        #expect(page.images.map(\.id) == ["a", "b"])
        #expect(page.skippedEntries == 5)
        #expect(page.next == "/v2/images?marker=b")
    }

    @Test("the last page has no next link")
    func lastPage() throws {
        let page = try ImagesRequests.decodePage(Data(#"{"images": [], "first": "/v2/images"}"#.utf8), url: url)
        #expect(page == ImagePage(images: [], next: nil, skippedEntries: 0))
    }

    static let malformedPages: [(String, String)] = [
        ("", "the image list is not JSON"),
        ("<html><body>502</body></html>", "the image list is not JSON"),
        (#"{"images": [{"id": "a"}"#, "the image list is not JSON"),
        ("[]", "the image list is not JSON"),
        (#"{"image": []}"#, "the image list has no \"images\" array"),
        (#"{"images": {"id": "a"}}"#, "the image list has no \"images\" array"),
        (#"{"images": null}"#, "the image list has no \"images\" array"),
    ]

    @Test("malformed pages throw APIError.malformedResponse", arguments: malformedPages)
    func malformedPage(body: String, detail: String) {
        #expect(throws: APIError.malformedResponse(detail, url: url)) {
            try ImagesRequests.decodePage(Data(body.utf8), url: url)
        }
    }

    static let malformedImages: [(String, String)] = [
        ("not json", "the image is not JSON"),
        ("", "the image is not JSON"),
        ("[1, 2]", "the image is not a JSON object"),
        (#"{"name": "x"}"#, "the image has no id"),
    ]

    @Test("malformed single images throw APIError.malformedResponse", arguments: malformedImages)
    func malformedImage(body: String, detail: String) {
        let u = "http://h/v2/images/x"
        #expect(throws: APIError.malformedResponse(detail, url: u)) {
            try ImagesRequests.decodeImage(Data(body.utf8), url: u)
        }
    }

    @Test("decodeImage reads one image from the real page's first entry")
    func decodeOne() throws {
        let page = try json(try Fixture.text("glance-images-page.json"))
        let first = try #require(page.objectValue?["images"]?.arrayValue?.first)
        let image = try ImagesRequests.decodeImage(try jsonData(first), url: "http://h/v2/images/x")
        #expect(image.id == "08eaeeab-7c57-47cb-b60b-746021cef446")
        #expect(image.name == "bulk-01593")
    }

    @Test("Image(id:name:status:fields:) builds through the same decoder")
    func memberwise() {
        let image = Image(id: "x", name: "n", status: "active", fields: ["min_ram": .string("128"), "custom": .bool(true)])
        #expect(image.minRAM == 128)
        #expect(image.typeMismatches == ["min_ram"])
        #expect(image.extraProperties.map(\.key) == ["custom"])
        #expect(image.fields["id"] == .string("x"))
    }
}
