import GlanceAPI
@testable import GlanceCore
import Testing

/// `:filter key=value ...` into an `ImageQuery`: tokens, validation, and `describe` back to text.
@Suite struct FilterParserTests {
    private static func query(_ build: (inout ImageQuery) -> Void) -> ImageQuery {
        var q = ImageQuery()
        build(&q)
        return q
    }

    private static let keyList = "name, status, visibility, member_status, owner, tag, size_min, size_max, created_at, updated_at, "
        + "hidden, protected, id, disk_format, container_format, changes-since"

    // MARK: - Accepted

    struct Accepted: CustomTestStringConvertible, Sendable {
        var text: String
        var query: ImageQuery
        var testDescription: String { text }
        init(_ text: String, _ build: (inout ImageQuery) -> Void) {
            self.text = text
            query = FilterParserTests.query(build)
        }
    }

    static let accepted: [Accepted] = [
        Accepted("", { _ in }),
        // A vendor dialect's (and Image v1's) filter: a plain time, completed like the others.
        Accepted("changes-since=2024-05-01", { $0.changesSince = "2024-05-01T00:00:00Z" }),
        Accepted("   \t  ", { _ in }),
        Accepted("name=cirros", { $0.name = "cirros" }),
        Accepted("NAME=cirros", { $0.name = "cirros" }),
        Accepted("name=CirrOS", { $0.name = "CirrOS" }),
        Accepted("name=\"my image\"", { $0.name = "my image" }),
        Accepted("name=\"  padded  \"", { $0.name = "  padded  " }),
        Accepted("name=\"say \\\"hi\\\"\"", { $0.name = "say \"hi\"" }),
        Accepted("name=\"back\\\\slash\"", { $0.name = "back\\slash" }),
        Accepted("name=a\\b", { $0.name = "a\\b" }),
        Accepted("name=my\" \"image", { $0.name = "my image" }),
        Accepted("\"name=quoted whole\"", { $0.name = "quoted whole" }),
        Accepted("name=ubuntu:22.04", { $0.name = "ubuntu:22.04" }),
        Accepted("name=a=b", { $0.name = "a=b" }),
        Accepted("name=画像\tstatus=active", { $0.name = "画像"; $0.status = "active" }),
        Accepted("name=a     status=active", { $0.name = "a"; $0.status = "active" }),
        Accepted("status=ACTIVE", { $0.status = "active" }),
        Accepted("status=pending_delete", { $0.status = "pending_delete" }),
        Accepted("visibility=Public", { $0.visibility = .public }),
        Accepted("visibility=all", { $0.visibility = .all }),
        Accepted("member_status=pending", { $0.memberStatus = .pending }),
        Accepted("owner=3f2a", { $0.owner = "3f2a" }),
        Accepted("tag=a", { $0.tags = ["a"] }),
        Accepted("tag=b tag=a tag=\"with space\"", { $0.tags = ["b", "a", "with space"] }),
        Accepted("tag=" + String(repeating: "x", count: 255), { $0.tags = [String(repeating: "x", count: 255)] }),
        Accepted("size_min=512M", { $0.sizeMin = 536_870_912 }),
        Accepted("size_max=2G", { $0.sizeMax = 2_147_483_648 }),
        Accepted("size_min=1G size_max=1G", { $0.sizeMin = 1 << 30; $0.sizeMax = 1 << 30 }),
        Accepted("size_min=0", { $0.sizeMin = 0 }),
        Accepted("created_at=2026-01-31", { $0.createdAt = [.init(.eq, "2026-01-31T00:00:00Z")] }),
        Accepted("created_at=gte:2026-01-01", { $0.createdAt = [.init(.gte, "2026-01-01T00:00:00Z")] }),
        Accepted("updated_at=neq:2026-01-31T12:00:00+05:30", { $0.updatedAt = [.init(.neq, "2026-01-31T12:00:00+05:30")] }),
        Accepted("created_at=gt:2026-01-01 updated_at=lte:2026-02-01T10:00:00", {
            $0.createdAt = [.init(.gt, "2026-01-01T00:00:00Z")]
            $0.updatedAt = [.init(.lte, "2026-02-01T10:00:00Z")]
        }),
        Accepted("hidden=true", { $0.hidden = true }),
        Accepted("hidden=FALSE", { $0.hidden = false }),
        Accepted("os_hidden=true", { $0.hidden = true }),
        Accepted("protected=True", { $0.isProtected = true }),
        Accepted("protected=false", { $0.isProtected = false }),
        Accepted("id=in:a,b,c", { $0.ids = ["a", "b", "c"] }),
        Accepted("id=abc", { $0.ids = ["abc"] }),
        Accepted("id=in:a,,b,", { $0.ids = ["a", "b"] }),
        Accepted("id=\"in:a, b ,c\"", { $0.ids = ["a", "b", "c"] }),
        Accepted("disk_format=qcow2 container_format=bare", { $0.diskFormat = "qcow2"; $0.containerFormat = "bare" }),
        Accepted("prop.os_distro=ubuntu", { $0.properties = ["os_distro": "ubuntu"] }),
        Accepted("prop.os_version=\"22.04 LTS\" prop.hw_machine_type=q35", {
            $0.properties = ["os_version": "22.04 LTS", "hw_machine_type": "q35"]
        }),
        Accepted("prop.a.b=c", { $0.properties = ["a.b": "c"] }),
        Accepted("prop.release=x:y", { $0.properties = ["release": "x:y"] }),
        Accepted("prop.name=shadow name=real", { $0.properties = ["name": "shadow"]; $0.name = "real" }),
    ]

    @Test(arguments: accepted)
    func parses(_ c: Accepted) throws {
        #expect(try FilterParser.parse(c.text) == c.query)
    }

    @Test(arguments: FilterParser.statuses)
    func everyStatus(_ status: String) throws {
        #expect(try FilterParser.parse("status=" + status).status == status)
        #expect(try FilterParser.parse("status=" + status.uppercased()).status == status)
    }

    @Test(arguments: ImageQuery.Visibility.allCases)
    func everyVisibility(_ v: ImageQuery.Visibility) throws {
        #expect(try FilterParser.parse("visibility=" + v.rawValue).visibility == v)
    }

    @Test(arguments: ImageQuery.MemberStatus.allCases)
    func everyMemberStatus(_ m: ImageQuery.MemberStatus) throws {
        #expect(try FilterParser.parse("member_status=" + m.rawValue.uppercased()).memberStatus == m)
    }

    @Test func statusesAreGlances() {
        #expect(FilterParser.statuses == ["queued", "saving", "uploading", "importing", "active", "deactivated",
                                          "killed", "deleted", "pending_delete"])
    }

    // MARK: - Refused

    struct Refused: CustomTestStringConvertible, Sendable {
        var text: String
        var message: String
        var testDescription: String { text }
        init(_ text: String, _ message: String) {
            self.text = text
            self.message = message
        }
    }

    static let timeHelp = "is [gt|gte|lt|lte|eq|neq:]TIME with TIME in ISO 8601, e.g. gte:2026-01-31 or lt:2026-01-31T12:00:00Z"

    static let refused: [Refused] = [
        Refused("name", "\"name\" is not key=value (keys: \(keyList))"),
        Refused("name=a cirros", "\"cirros\" is not key=value (keys: \(keyList))"),
        // Glance applies only the last of several time conditions: a range would silently widen.
        Refused("created_at=gte:2026-01-01 created_at=lt:2026-02-01",
                "created_at takes one condition (Glance applies only the last of several)"),
        Refused("name=", "name= needs a value"),
        Refused("name=\"\"", "name= needs a value"),
        Refused("TAG=", "tag= needs a value"),
        Refused("name=\"unclosed", "A quote is not closed"),
        Refused("name=a tag=\"x", "A quote is not closed"),
        Refused("status=bogus", "status must be one of queued, saving, uploading, importing, active, deactivated, killed, deleted, pending_delete"),
        Refused("status=act", "status must be one of queued, saving, uploading, importing, active, deactivated, killed, deleted, pending_delete"),
        Refused("visibility=everyone", "visibility must be one of public, private, shared, community, all"),
        Refused("member_status=maybe", "member_status must be one of accepted, pending, rejected, all"),
        Refused("hidden=yes", "hidden is true or false"),
        Refused("hidden=1", "hidden is true or false"),
        Refused("protected=no", "protected is true or false"),
        Refused("size_min=lots", "size_min is a size such as 512M, 2G or a number of bytes"),
        Refused("size_min=-1", "size_min is a size such as 512M, 2G or a number of bytes"),
        Refused("size_max=-2G", "size_max is a size such as 512M, 2G or a number of bytes"),
        Refused("size_max=1.5", "size_max is a size such as 512M, 2G or a number of bytes"),
        Refused("size_min=2G size_max=1G", "size_min (2147483648) is larger than size_max (1073741824)"),
        Refused("size_max=1G size_min=2G", "size_min (2147483648) is larger than size_max (1073741824)"),
        Refused("size_min=1025 size_max=1K", "size_min (1025) is larger than size_max (1024)"),
        Refused("created_at=yesterday", "created_at " + timeHelp),
        Refused("created_at=gte:2026-13-01", "created_at " + timeHelp),
        Refused("created_at=gte:2025-02-29", "created_at " + timeHelp),
        Refused("updated_at=lt:2026-01-31T25:00:00Z", "updated_at " + timeHelp),
        Refused("updated_at=gte:", "updated_at " + timeHelp),
        Refused("updated_at=between:2026-01-01", "updated_at " + timeHelp),
        Refused("updated_at=2026/01/31", "updated_at " + timeHelp),
        Refused("id=in:", "id= needs one or more ids: id=in:a,b,c"),
        Refused("id=,,", "id= needs one or more ids: id=in:a,b,c"),
        Refused("tag=" + String(repeating: "x", count: 256), "A tag is at most 255 characters"),
        Refused("colour=red", "Unknown filter \"colour\" (filters: \(keyList), prop.KEY)"),
        Refused("prop.=x", "Unknown filter \"prop.\" (filters: \(keyList), prop.KEY)"),
        Refused("=value", "Unknown filter \"\" (filters: \(keyList), prop.KEY)"),
        Refused("sort=name", "Unknown filter \"sort\" (filters: \(keyList), prop.KEY)"),
        // Repeated keys: only tag, created_at and updated_at repeat.
        Refused("name=a name=b", "name given twice"),
        Refused("status=active STATUS=killed", "status given twice"),
        Refused("visibility=public visibility=public", "visibility given twice"),
        Refused("owner=a owner=b", "owner given twice"),
        Refused("size_min=1 size_min=2", "size_min given twice"),
        Refused("hidden=true hidden=true", "hidden given twice"),
        Refused("id=a id=b", "id given twice"),
        Refused("disk_format=raw disk_format=qcow2", "disk_format given twice"),
        Refused("prop.a=1 prop.a=2", "prop.a given twice"),
    ]

    @Test(arguments: refused)
    func refuses(_ c: Refused) {
        #expect(throws: CommandError(c.message)) { try FilterParser.parse(c.text) }
    }

    /// `hidden` and `os_hidden` are one filter: giving both is giving it twice, as for any other key.
    @Test func hiddenAndOsHiddenAreTheSameKey() {
        #expect(throws: CommandError.self) { try FilterParser.parse("hidden=true os_hidden=false") }
    }

    // MARK: - Sizes

    @Test(arguments: [
        ("0", 0), ("4096", 4096), ("100B", 100), ("1K", 1024), ("1k", 1024), ("10KiB", 10240), ("10kib", 10240),
        ("10KB", 10240), ("512M", 536_870_912), ("512m", 536_870_912), ("512MiB", 536_870_912), ("2G", 2_147_483_648),
        ("2GB", 2_147_483_648), ("1.5G", 1_610_612_736), ("1.5T", 1_649_267_441_664), ("0.5K", 512), ("1.5K", 1536),
        ("1T", 1 << 40), (" 7 ", 7), ("9000000000000000000", 9_000_000_000_000_000_000), ("8000000T", 8_796_093_022_208_000_000),
    ] as [(String, Int64)])
    func sizes(_ text: String, _ bytes: Int64) throws {
        #expect(try FilterParser.size(text, "size_min") == bytes)
    }

    @Test(arguments: ["", "B", "KiB", "K", "abc", "-1", "-1G", "1.5", "0.5", "1X", "1e3", "1E3", "12P", "1KI", "M512",
                      "inf", "infK", "nan", "nanM", "8388608T", "10 K", "1,5G", "1_000"])
    func badSizes(_ text: String) {
        #expect(throws: CommandError("size_max is a size such as 512M, 2G or a number of bytes")) {
            try FilterParser.size(text, "size_max")
        }
    }

    // MARK: - Times

    @Test(arguments: [
        ("2026-01-31", ImageQuery.TimeFilter(.eq, "2026-01-31T00:00:00Z")),
        ("gte:2026-01-31", .init(.gte, "2026-01-31T00:00:00Z")),
        ("GT:2026-01-31", .init(.gt, "2026-01-31T00:00:00Z")),
        ("lt:2026-01-31T12:00:00Z", .init(.lt, "2026-01-31T12:00:00Z")),
        ("lte:2026-01-31T12:00:00", .init(.lte, "2026-01-31T12:00:00Z")),
        ("neq:2026-01-31T12:00:00+05:30", .init(.neq, "2026-01-31T12:00:00+05:30")),
        ("eq:2026-01-31T12:00:00.250Z", .init(.eq, "2026-01-31T12:00:00.250Z")),
        ("2026-01-31T12:00:00-05:00", .init(.eq, "2026-01-31T12:00:00-05:00")),
        ("2026-01-31T12:00:00.5-05:00", .init(.eq, "2026-01-31T12:00:00.5-05:00")),
        ("2026-01-31T12:00:00+0530", .init(.eq, "2026-01-31T12:00:00+0530")),
        ("2026-01-31t12:00:00z", .init(.eq, "2026-01-31t12:00:00z")),
        ("gte:2026-01-31T12:00", .init(.gte, "2026-01-31T12:00Z")),
        ("lt:2024-02-29", .init(.lt, "2024-02-29T00:00:00Z")),
        ("lt:2000-02-29", .init(.lt, "2000-02-29T00:00:00Z")),
        // Minute precision with an offset is ISO 8601 as much as seconds are.
        ("lt:2026-01-31T12:00-05:00", .init(.lt, "2026-01-31T12:00-05:00")),
    ])
    func times(_ text: String, _ filter: ImageQuery.TimeFilter) throws {
        #expect(try FilterParser.time(text, "created_at") == filter)
    }

    @Test(arguments: ["", "yesterday", "gte:", "2025-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-01-32",
                      "2026-04-31", "2026/01/31", "26-01-31", "gte:2026-01-31T24:00:00Z", "gte:2026-01-31T12:60:00Z",
                      "gte:2026-01-31T12:00:00+5", "gte:2026-01-31T12:00:00ZZ", "foo:2026-01-31", "2026-01-31Z",
                      "2026-01-31T"])
    func badTimes(_ text: String) {
        #expect(throws: CommandError("updated_at " + Self.timeHelp)) { try FilterParser.time(text, "updated_at") }
    }

    // MARK: - describe

    @Test(arguments: [
        ("", ""),
        ("name=cirros", "name=cirros"),
        ("name=\"my image\"", "name=\"my image\""),
        ("name=\"say \\\"hi\\\"\"", "name=\"say \\\"hi\\\"\""),
        ("name=\"a\\\\b c\"", "name=\"a\\\\b c\""),
        ("name=a\\b", "name=a\\b"),
        ("status=ACTIVE", "status=active"),
        ("size_min=2048M", "size_min=2G"),
        ("size_min=1536M", "size_min=1536M"),
        ("size_min=1.5T", "size_min=1536G"),
        ("size_min=1000", "size_min=1000"),
        ("size_max=1024", "size_max=1K"),
        ("size_max=0", "size_max=0"),
        ("size_max=1099511627776", "size_max=1T"),
        ("created_at=2026-01-01", "created_at=eq:2026-01-01T00:00:00Z"),
        ("os_hidden=TRUE", "hidden=true"),
        ("id=\"in:a, b\"", "id=in:a,b"),
        ("tag=\"a b\" tag=c", "tag=\"a b\" tag=c"),
        // describe writes keys in a fixed order, whatever order they were typed in.
        ("prop.z=1 container_format=bare disk_format=raw id=x protected=false hidden=true updated_at=lt:2026-02-01 "
            + "created_at=gt:2026-01-01 size_max=2G size_min=1G tag=t owner=o member_status=all visibility=shared "
            + "status=active name=n prop.a=2",
         "name=n status=active visibility=shared member_status=all owner=o tag=t size_min=1G size_max=2G "
            + "created_at=gt:2026-01-01T00:00:00Z updated_at=lt:2026-02-01T00:00:00Z hidden=true protected=false "
            + "id=in:x disk_format=raw container_format=bare prop.a=2 prop.z=1"),
    ])
    func describes(_ text: String, _ expected: String) throws {
        #expect(FilterParser.describe(try FilterParser.parse(text)) == expected)
    }

    /// Everything the parser can produce survives a trip through `describe`.
    static let roundTrips: [String] = [
        "name=cirros",
        "name=\"my image\"",
        "name=\"say \\\"hi\\\" \\\\ there\"",
        "name=a\\b",
        "name=\"\\\"\"",
        "name=ubuntu:22.04 tag=a:b",
        "name=\"画像 テスト\" owner=\"team über\"",
        "status=deactivated visibility=community member_status=rejected",
        "tag=a tag=\"b c\" tag=a",
        "size_min=1 size_max=1",
        "size_min=1.5K size_max=1.5T",
        "size_min=123456789",
        "created_at=lt:2026-02-01T12:30:00+01:00",
        "updated_at=neq:2026-01-31T12:00:00.5Z",
        "hidden=false protected=true",
        "id=in:a,b,c",
        "disk_format=qcow2 container_format=bare",
        "prop.os_distro=ubuntu prop.os_version=\"22.04 LTS\"",
        "prop.note=\"has \\\"quotes\\\"\"",
        "name=x status=active visibility=private member_status=accepted owner=o tag=t1 tag=t2 size_min=1G size_max=2G "
            + "created_at=gt:2026-01-01 updated_at=lte:2026-03-01 hidden=true protected=false id=in:i1,i2 "
            + "disk_format=raw container_format=ovf prop.k=v",
    ]

    @Test(arguments: roundTrips)
    func roundTrip(_ text: String) throws {
        let q = try FilterParser.parse(text)
        #expect(!q.isEmpty)
        let described = FilterParser.describe(q)
        #expect(try FilterParser.parse(described) == q, "\(described)")
        #expect(FilterParser.describe(try FilterParser.parse(described)) == described, "describe is a fixed point")
    }

    /// Queries built directly (as a saved view or the app might hold them) round-trip as well.
    static let builtRoundTrips: [ImageQuery] = [
        query { $0.name = "name with \"quotes\" and \\ backslash" },
        query { $0.owner = "a b" },
        query { $0.tags = ["x", "y z", "\""] },
        query { $0.sizeMin = 3 * (1 << 20) + 1 },
        query { $0.ids = ["08eaeeab-7c57-47cb-b60b-746021cef446", "x"] },
        query { $0.createdAt = [.init(.eq, "2026-01-01T00:00:00Z")] },
        query { $0.properties = ["hw_disk_bus": "virtio", "zz": "a b"] },
        // Glance's property names keep their case ("OS_Version" and "os_version" are different keys).
        query { $0.properties = ["OS_Version": "7"] },
    ]

    @Test(arguments: builtRoundTrips)
    func builtRoundTrip(_ q: ImageQuery) throws {
        #expect(try FilterParser.parse(FilterParser.describe(q)) == q, "\(FilterParser.describe(q))")
    }

    @Test func propertyKeysKeepTheirCase() throws {
        #expect(try FilterParser.parse("prop.OS_Version=7").properties == ["OS_Version": "7"])
        #expect(try FilterParser.parse("PROP.os_version=7").properties == ["os_version": "7"], "the prefix itself is any case")
    }

    // MARK: - What the server is asked

    @Test(arguments: [
        ("name=\"ubuntu:22.04 LTS\" tag=a tag=b size_min=1G",
         [QueryItem("name", "eq:ubuntu:22.04 LTS"), QueryItem("tag", "a"), QueryItem("tag", "b"), QueryItem("size_min", "1073741824")]),
        ("created_at=gte:2026-01-01 updated_at=lt:2026-02-01 hidden=true",
         [QueryItem("created_at", "gte:2026-01-01T00:00:00Z"), QueryItem("updated_at", "lt:2026-02-01T00:00:00Z"),
          QueryItem("os_hidden", "true")]),
        ("prop.os_distro=ubuntu id=in:a,b visibility=ALL",
         [QueryItem("visibility", "all"), QueryItem("id", "in:a,b"), QueryItem("os_distro", "ubuntu")]),
        ("size_max=10KiB protected=false member_status=accepted",
         [QueryItem("member_status", "accepted"), QueryItem("size_max", "10240"), QueryItem("protected", "false")]),
    ])
    func queryItems(_ text: String, _ items: [QueryItem]) throws {
        #expect(try FilterParser.parse(text).queryItems() == items)
    }

    // MARK: - Tokens

    @Test(arguments: [
        ("", []),
        ("a b", ["a", "b"]),
        ("  a \t b  ", ["a", "b"]),
        ("\"a b\" c", ["a b", "c"]),
        ("x=\"\"", ["x="]),
        ("\"\"", [""]),
        ("a\\b", ["a\\b"]),
        ("\"a\\\\b\\\"c\"", ["a\\b\"c"]),
        ("\"a\\xb\"", ["axb"]),
        ("k=\"a\tb\"", ["k=a\tb"]),
    ] as [(String, [String])])
    func tokens(_ text: String, _ expected: [String]) throws {
        #expect(try FilterParser.tokens(text) == expected)
    }
}
