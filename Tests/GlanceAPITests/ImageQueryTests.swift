import Testing
@testable import GlanceAPI

/// `ImageQuery.queryItems(sortSyntax:)`: every Image API v2 list parameter, in the order they are
/// sent, and the URL `ImagesRequests.list` builds from them.
@Suite struct ImageQueryTests {
    /// One query and exactly what it must send.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var query: ImageQuery
        var modern: [QueryItem]
        /// What the legacy syntax sends; the same as `modern` unless the query sorts.
        var legacy: [QueryItem]
        var testDescription: String { name }

        init(_ name: String, _ build: (inout ImageQuery) -> Void, _ modern: [QueryItem], legacy: [QueryItem]? = nil) {
            self.name = name
            var q = ImageQuery()
            build(&q)
            query = q
            self.modern = modern
            self.legacy = legacy ?? modern
        }
    }

    static let cases: [Case] = [
        Case("empty query sends nothing", { _ in }, []),
        Case("plain name", { $0.name = "cirros" }, [QueryItem("name", "cirros")]),
        Case("name with spaces is sent raw (escaping is the URL's job)", { $0.name = "my image" },
             [QueryItem("name", "my image")]),
        Case("name with a colon gets eq:", { $0.name = "ubuntu:22.04" }, [QueryItem("name", "eq:ubuntu:22.04")]),
        Case("name that looks like an in: list gets eq:", { $0.name = "in:a,b" }, [QueryItem("name", "eq:in:a,b")]),
        Case("name that is already eq: gets another eq:", { $0.name = "eq:x" }, [QueryItem("name", "eq:eq:x")]),
        Case("name ending in a colon", { $0.name = "x:" }, [QueryItem("name", "eq:x:")]),
        Case("unicode name without colon", { $0.name = "画像 über" }, [QueryItem("name", "画像 über")]),
        Case("status", { $0.status = "active" }, [QueryItem("status", "active")]),
        Case("owner", { $0.owner = "3f2a" }, [QueryItem("owner", "3f2a")]),
        Case("one tag", { $0.tags = ["gold"] }, [QueryItem("tag", "gold")]),
        Case("tags repeat in order, duplicates kept", { $0.tags = ["b", "a", "with space", "b"] },
             [QueryItem("tag", "b"), QueryItem("tag", "a"), QueryItem("tag", "with space"), QueryItem("tag", "b")]),
        Case("size_min only", { $0.sizeMin = 536_870_912 }, [QueryItem("size_min", "536870912")]),
        Case("size_max only", { $0.sizeMax = 0 }, [QueryItem("size_max", "0")]),
        Case("size range", { $0.sizeMin = 1; $0.sizeMax = Int64.max },
             [QueryItem("size_min", "1"), QueryItem("size_max", "9223372036854775807")]),
        Case("created_at range repeats the key", {
            $0.createdAt = [.init(.gte, "2026-01-01T00:00:00Z"), .init(.lt, "2026-02-01T00:00:00Z")]
        }, [QueryItem("created_at", "gte:2026-01-01T00:00:00Z"), QueryItem("created_at", "lt:2026-02-01T00:00:00Z")]),
        Case("updated_at with every operator", {
            $0.updatedAt = ImageQuery.Comparison.allCases.map { .init($0, "2026-03-04T05:06:07+01:00") }
        }, ["gt", "gte", "lt", "lte", "eq", "neq"].map { QueryItem("updated_at", "\($0):2026-03-04T05:06:07+01:00") }),
        Case("hidden true is os_hidden", { $0.hidden = true }, [QueryItem("os_hidden", "true")]),
        Case("hidden false is sent too", { $0.hidden = false }, [QueryItem("os_hidden", "false")]),
        Case("protected true", { $0.isProtected = true }, [QueryItem("protected", "true")]),
        Case("protected false", { $0.isProtected = false }, [QueryItem("protected", "false")]),
        Case("one id", { $0.ids = ["abc"] }, [QueryItem("id", "in:abc")]),
        Case("several ids", { $0.ids = ["a", "b", "c"] }, [QueryItem("id", "in:a,b,c")]),
        Case("an id with a comma is quoted", { $0.ids = ["a,b", "c"] }, [QueryItem("id", "in:\"a,b\",c")]),
        Case("an id with a quote is quoted and the quote escaped", { $0.ids = ["say \"hi\"", "x"] },
             [QueryItem("id", "in:\"say \\\"hi\\\"\",x")]),
        Case("backslashes are escaped only inside quotes", { $0.ids = ["a\\b", "c\\,d"] },
             [QueryItem("id", "in:a\\b,\"c\\\\,d\"")]),
        Case("disk_format", { $0.diskFormat = "qcow2" }, [QueryItem("disk_format", "qcow2")]),
        Case("container_format", { $0.containerFormat = "bare" }, [QueryItem("container_format", "bare")]),
        Case("properties sorted by key (byte order: upper case first)", {
            $0.properties = ["os_distro": "ubuntu", "hw_machine_type": "q35", "Zeta": "1", "a.b": "x y"]
        }, [QueryItem("Zeta", "1"), QueryItem("a.b", "x y"), QueryItem("hw_machine_type", "q35"), QueryItem("os_distro", "ubuntu")]),
        Case("a property value with a colon is sent as is", { $0.properties = ["release": "22.04:lts"] },
             [QueryItem("release", "22.04:lts")]),
        Case("one sort key", { $0.sort = [.init(.name, .asc)] },
             [QueryItem("sort", "name:asc")],
             legacy: [QueryItem("sort_key", "name"), QueryItem("sort_dir", "asc")]),
        Case("several sort keys: keys first, then directions, for legacy", {
            $0.sort = [.init(.status, .desc), .init(.size, .asc), .init(.created_at, .desc)]
        }, [QueryItem("sort", "status:desc,size:asc,created_at:desc")],
             legacy: [QueryItem("sort_key", "status"), QueryItem("sort_key", "size"), QueryItem("sort_key", "created_at"),
                      QueryItem("sort_dir", "desc"), QueryItem("sort_dir", "asc"), QueryItem("sort_dir", "desc")]),
        Case("every parameter, in the documented order", { q in
            q.name = "web:1"
            q.status = "active"
            q.visibility = .shared
            q.memberStatus = .pending
            q.owner = "own"
            q.tags = ["t1", "t2"]
            q.sizeMin = 1024
            q.sizeMax = 2048
            q.createdAt = [.init(.gt, "2026-01-01T00:00:00Z")]
            q.updatedAt = [.init(.lte, "2026-02-01T00:00:00Z")]
            q.hidden = true
            q.isProtected = false
            q.ids = ["i1", "i2"]
            q.diskFormat = "raw"
            q.containerFormat = "ovf"
            q.properties = ["os_type": "linux", "arch": "x86_64"]
            q.sort = [.init(.updated_at, .desc), .init(.id, .asc)]
        }, [
            QueryItem("name", "eq:web:1"), QueryItem("status", "active"), QueryItem("visibility", "shared"),
            QueryItem("member_status", "pending"), QueryItem("owner", "own"), QueryItem("tag", "t1"), QueryItem("tag", "t2"),
            QueryItem("size_min", "1024"), QueryItem("size_max", "2048"),
            QueryItem("created_at", "gt:2026-01-01T00:00:00Z"), QueryItem("updated_at", "lte:2026-02-01T00:00:00Z"),
            QueryItem("os_hidden", "true"), QueryItem("protected", "false"), QueryItem("id", "in:i1,i2"),
            QueryItem("disk_format", "raw"), QueryItem("container_format", "ovf"),
            QueryItem("arch", "x86_64"), QueryItem("os_type", "linux"),
            QueryItem("sort", "updated_at:desc,id:asc"),
        ], legacy: [
            QueryItem("name", "eq:web:1"), QueryItem("status", "active"), QueryItem("visibility", "shared"),
            QueryItem("member_status", "pending"), QueryItem("owner", "own"), QueryItem("tag", "t1"), QueryItem("tag", "t2"),
            QueryItem("size_min", "1024"), QueryItem("size_max", "2048"),
            QueryItem("created_at", "gt:2026-01-01T00:00:00Z"), QueryItem("updated_at", "lte:2026-02-01T00:00:00Z"),
            QueryItem("os_hidden", "true"), QueryItem("protected", "false"), QueryItem("id", "in:i1,i2"),
            QueryItem("disk_format", "raw"), QueryItem("container_format", "ovf"),
            QueryItem("arch", "x86_64"), QueryItem("os_type", "linux"),
            QueryItem("sort_key", "updated_at"), QueryItem("sort_key", "id"),
            QueryItem("sort_dir", "desc"), QueryItem("sort_dir", "asc"),
        ]),
    ]

    @Test(arguments: cases)
    func modernItems(_ c: Case) {
        #expect(c.query.queryItems(sortSyntax: .modern) == c.modern)
        #expect(c.query.queryItems() == c.modern, "modern is the default")
    }

    @Test(arguments: cases)
    func legacyItems(_ c: Case) {
        #expect(c.query.queryItems(sortSyntax: .legacy) == c.legacy)
    }

    @Test(arguments: ImageQuery.Visibility.allCases)
    func everyVisibility(_ v: ImageQuery.Visibility) {
        var q = ImageQuery()
        q.visibility = v
        #expect(q.queryItems() == [QueryItem("visibility", v.rawValue)])
        #expect(["public", "private", "shared", "community", "all"].contains(v.rawValue))
    }

    @Test(arguments: ImageQuery.MemberStatus.allCases)
    func everyMemberStatus(_ m: ImageQuery.MemberStatus) {
        var q = ImageQuery()
        q.memberStatus = m
        #expect(q.queryItems() == [QueryItem("member_status", m.rawValue)])
        #expect(["accepted", "pending", "rejected", "all"].contains(m.rawValue))
    }

    @Test("every sort key is sent by its Glance name", arguments: zip(
        ImageQuery.SortKey.allCases,
        ["name", "status", "container_format", "disk_format", "size", "id", "created_at", "updated_at"]))
    func everySortKey(_ key: ImageQuery.SortKey, _ glanceName: String) {
        var q = ImageQuery()
        q.sort = [.init(key, .desc)]
        #expect(q.queryItems(sortSyntax: .modern) == [QueryItem("sort", glanceName + ":desc")])
        #expect(q.queryItems(sortSyntax: .legacy) == [QueryItem("sort_key", glanceName), QueryItem("sort_dir", "desc")])
    }

    @Test func isEmptyAndHasFilters() {
        var q = ImageQuery()
        #expect(q.isEmpty)
        #expect(!q.hasFilters)
        q.sort = [.init(.name, .asc)]
        #expect(!q.isEmpty, "a sort is not nothing")
        #expect(!q.hasFilters, "sorting alone does not narrow the listing")
        q.hidden = false
        #expect(q.hasFilters, "os_hidden=false is still a filter that was asked for")
        var p = ImageQuery()
        p.properties = ["k": "v"]
        #expect(p.hasFilters)
        var t = ImageQuery()
        t.tags = ["x"]
        #expect(t.hasFilters)
        var i = ImageQuery()
        i.ids = ["x"]
        #expect(i.hasFilters)
    }

    @Test("equality(_:) and quotedListItem(_:)", arguments: [
        ("plain", "plain", "plain"),
        ("a:b", "eq:a:b", "a:b"),
        ("", "", ""),
        ("a,b", "a,b", "\"a,b\""),
        ("\"", "\"", "\"\\\"\""),
        ("a\\\"b", "a\\\"b", "\"a\\\\\\\"b\""),
        ("名前:1", "eq:名前:1", "名前:1"),
    ])
    func helpers(_ value: String, _ equality: String, _ listItem: String) {
        #expect(ImageQuery.equality(value) == equality)
        #expect(ImageQuery.quotedListItem(value) == listItem)
    }

    // MARK: - The URL that goes on the wire

    struct URLCase: CustomTestStringConvertible, Sendable {
        var name: String
        var query: ImageQuery
        var syntax: ImageQuery.SortSyntax
        var limit: Int?
        var url: String
        var testDescription: String { name }

        init(_ name: String, syntax: ImageQuery.SortSyntax = .modern, limit: Int? = 100,
             _ build: (inout ImageQuery) -> Void, _ url: String) {
            self.name = name
            var q = ImageQuery()
            build(&q)
            query = q
            self.syntax = syntax
            self.limit = limit
            self.url = url
        }
    }

    static let base = "https://cloud.example/image/v2/images"

    static let urlCases: [URLCase] = [
        URLCase("no query, only the limit", { _ in }, base + "?limit=100"),
        URLCase("no query, no limit", limit: nil, { _ in }, base),
        URLCase("space, ampersand, equals and plus are escaped", { $0.name = "my image & co=1+2" },
                base + "?name=my%20image%20%26%20co%3D1%2B2&limit=100"),
        URLCase("slash is escaped", { $0.name = "a/b" }, base + "?name=a%2Fb&limit=100"),
        URLCase("unicode as UTF-8 bytes", { $0.name = "Ünïcödé 名前" },
                base + "?name=%C3%9Cn%C3%AFc%C3%B6d%C3%A9%20%E5%90%8D%E5%89%8D&limit=100"),
        URLCase("CJK with a slash", { $0.name = "画像/テスト" },
                base + "?name=%E7%94%BB%E5%83%8F%2F%E3%83%86%E3%82%B9%E3%83%88&limit=100"),
        URLCase("the eq: prefix and colons stay readable", { $0.name = "ubuntu:22.04" },
                base + "?name=eq:ubuntu:22.04&limit=100"),
        URLCase("a + in a time offset is escaped, so it is not read as a space", {
            $0.createdAt = [.init(.gte, "2026-01-01T00:00:00+01:00")]
        }, base + "?created_at=gte:2026-01-01T00:00:00%2B01:00&limit=100"),
        URLCase("quoted ids: quotes escaped, commas kept", { $0.ids = ["a,b", "c"] },
                base + "?id=in:%22a,b%22,c&limit=100"),
        URLCase("tags repeat on the wire", { $0.tags = ["x y", "z&w"] },
                base + "?tag=x%20y&tag=z%26w&limit=100"),
        URLCase("property names are escaped too", { $0.properties = ["my key": "v=1"] },
                base + "?my%20key=v%3D1&limit=100"),
        URLCase("modern sort", { $0.sort = [.init(.name, .asc), .init(.size, .desc)] },
                base + "?sort=name:asc,size:desc&limit=100"),
        URLCase("legacy sort", syntax: .legacy, { $0.sort = [.init(.name, .asc), .init(.size, .desc)] },
                base + "?sort_key=name&sort_key=size&sort_dir=asc&sort_dir=desc&limit=100"),
        URLCase("filters then sort then limit", limit: 1000, {
            $0.status = "active"
            $0.hidden = false
            $0.sort = [.init(.created_at, .desc)]
        }, base + "?status=active&os_hidden=false&sort=created_at:desc&limit=1000"),
    ]

    @Test(arguments: urlCases)
    func listURL(_ c: URLCase) {
        let endpoint = ImageEndpoint(catalogURL: "https://cloud.example/image/v2/")
        let items = c.query.queryItems(sortSyntax: c.syntax).map { ($0.name, $0.value) }
        let request = ImagesRequests.list(endpoint, query: items, limit: c.limit)
        #expect(request.url == c.url)
        #expect(request.method == .get)
        #expect(request.header("Accept") == "application/json")
    }
}
