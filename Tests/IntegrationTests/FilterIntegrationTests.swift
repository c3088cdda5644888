import Foundation
import GlanceAPI
import Testing

/// Every `ImageQuery` filter against the real Glance of scripts/devcloud, each test with images
/// it makes for itself (see `TestImages`) and restricted to them by an extra-property filter, so
/// the sample and bulk images of the demo project never matter.
@Suite(.enabled(if: LocalCloud.isConfigured, "needs the local cloud: run scripts/test"), .serialized)
struct FilterIntegrationTests {
    private static func query(_ build: (inout ImageQuery) -> Void) -> ImageQuery {
        var q = ImageQuery()
        build(&q)
        return q
    }

    private static func bytes(_ count: Int) -> Data { Data((0..<count).map { UInt8(truncatingIfNeeded: $0) }) }

    /// Waits past the next whole second: Glance shows times to the second, so images made on
    /// either side of this have distinct `created_at` values.
    private static func nextSecond() { Thread.sleep(forTimeInterval: 1.1) }

    // MARK: extra properties, name

    @Test func extraPropertiesAreMatchedExactlyAndConjunctively() throws {
        let t = try TestImages("prop")
        defer { t.deleteAll() }
        try t.create("ubuntu-x86", ["os_distro": .string("ubuntu"), "architecture": .string("x86_64")])
        try t.create("ubuntu-arm", ["os_distro": .string("ubuntu"), "architecture": .string("aarch64")])
        try t.create("debian-x86", ["os_distro": .string("debian"), "architecture": .string("x86_64")])
        try t.create("bare")

        #expect(try t.names(ImageQuery()) == ["bare", "debian-x86", "ubuntu-arm", "ubuntu-x86"])
        #expect(try t.names(Self.query { $0.properties["os_distro"] = "ubuntu" }) == ["ubuntu-arm", "ubuntu-x86"])
        #expect(try t.names(Self.query { $0.properties = ["os_distro": "ubuntu", "architecture": "x86_64"] }) == ["ubuntu-x86"])
        #expect(try t.names(Self.query { $0.properties["architecture"] = "x86_64" }) == ["debian-x86", "ubuntu-x86"])
        // Exact, not a prefix or substring match, and case matters.
        #expect(try t.names(Self.query { $0.properties["os_distro"] = "ubunt" }) == [])
        #expect(try t.names(Self.query { $0.properties["os_distro"] = "Ubuntu" }) == [])
        #expect(try t.names(Self.query { $0.properties["no_such_property_anywhere"] = "x" }) == [])
    }

    @Test func nameMatchesExactlyWithSpacesAmpersandsUnicodeAndColons() throws {
        let t = try TestImages("name")
        defer { t.deleteAll() }
        let names = ["plain", "two  spaces", "a & b=c+d?e#f%20g/h;i", "日本語 イメージ", "café", "ubuntu:22.04", "ubuntu",
                     "in:x,y", "2026-01-01T00:00:00Z"]
        for name in names { try t.create(name) }

        #expect(try t.names(ImageQuery()) == names.sorted())
        for name in names {
            #expect(try t.names(Self.query { $0.name = t.fullName(name) }) == [name], "name=\(name)")
        }
        #expect(try t.names(Self.query { $0.name = t.fullName("Plain") }) == [], "case-sensitive (SQLite)")
        #expect(try t.names(Self.query { $0.name = t.fullName("ubuntu:22") }) == [], "not a prefix match")
        #expect(try t.names(Self.query { $0.name = t.fullName("two spaces") }) == [], "spaces are not collapsed")

        // Why ImageQuery sends "eq:" before a name with a colon: Glance reads "RUN ubuntu" as an operator.
        let raw = [QueryItem("name", t.fullName("ubuntu:22.04")), QueryItem(TestImages.marker, t.run)]
        #expect {
            try t.demo.client.listImages(raw: raw, limit: 10)
        } throws: { error in
            guard let e = error as? APIError, e.status == 400 else { return false }
            return e.userMessage.contains("Unable to filter by unknown operator '\(t.run) ubuntu'.") && !e.userMessage.contains("<")
        }
    }

    // MARK: status, visibility, members, owner

    @Test func statusSeparatesQueuedFromActive() throws {
        let t = try TestImages("status")
        defer { t.deleteAll() }
        try t.create("queued-1")
        try t.create("queued-2")
        let active = try t.create("active", data: Self.bytes(64))
        #expect(active.status == "active")

        #expect(try t.names(Self.query { $0.status = "queued" }) == ["queued-1", "queued-2"])
        #expect(try t.names(Self.query { $0.status = "active" }) == ["active"])
        #expect(try t.names(Self.query { $0.status = "deactivated" }) == [])
    }

    @Test func visibilityPrivateSharedCommunityPublicAndAll() throws {
        let t = try TestImages("vis")
        defer { t.deleteAll() }
        let admin = try t.account("devcloud-admin")
        let alt = try t.account("devcloud-alt")
        try t.create("private", ["visibility": .string("private")])
        try t.create("shared", ["visibility": .string("shared")])
        try t.create("community", ["visibility": .string("community")])
        try t.create("public", ["visibility": .string("public")], as: admin)

        // As the owner (demo): its own images of every visibility, plus the public one.
        #expect(try t.names(Self.query { $0.visibility = .private }) == ["private"])
        #expect(try t.names(Self.query { $0.visibility = .shared }) == ["shared"], "the owner's own shared image, no members needed")
        #expect(try t.names(Self.query { $0.visibility = .community }) == ["community"])
        #expect(try t.names(Self.query { $0.visibility = .public }) == ["public"])
        #expect(try t.names(Self.query { $0.visibility = .all }) == ["community", "private", "public", "shared"])
        #expect(try t.names(ImageQuery()) == ["community", "private", "public", "shared"], "the owner's community image is listed by default")

        // As another project: community images only when asked for; never others' private or unshared ones.
        #expect(try t.names(ImageQuery(), as: alt) == ["public"])
        #expect(try t.names(Self.query { $0.visibility = .community }, as: alt) == ["community"])
        #expect(try t.names(Self.query { $0.visibility = .all }, as: alt) == ["community", "public"])
        #expect(try t.names(Self.query { $0.visibility = .private }, as: alt) == [])
        #expect(try t.names(Self.query { $0.visibility = .shared }, as: alt) == [])

        // As admin: others' private and shared images too, but not their community images unless
        // asked for (Glance drops community images of other owners whenever visibility is absent).
        #expect(try t.names(ImageQuery(), as: admin) == ["private", "public", "shared"])
        #expect(try t.names(Self.query { $0.visibility = .all }, as: admin) == ["community", "private", "public", "shared"])
        #expect(try t.names(Self.query { $0.visibility = .private }, as: admin) == ["private"])
    }

    @Test func memberStatusDecidesWhichSharedImagesAConsumerSees() throws {
        let t = try TestImages("member")
        defer { t.deleteAll() }
        let alt = try t.account("devcloud-alt")
        let pending = try t.create("pending", ["visibility": .string("shared")])
        let accepted = try t.create("accepted", ["visibility": .string("shared")])
        let rejected = try t.create("rejected", ["visibility": .string("shared")])
        try t.create("not-shared", ["visibility": .string("shared")])
        for image in [pending, accepted, rejected] { try t.share(image.id, with: alt.projectID) }
        try t.setMemberStatus(accepted.id, "accepted", as: alt)
        try t.setMemberStatus(rejected.id, "rejected", as: alt)

        func shared(_ status: ImageQuery.MemberStatus?) -> ImageQuery {
            Self.query { $0.visibility = .shared; $0.memberStatus = status }
        }
        #expect(try t.names(shared(nil), as: alt) == ["accepted"], "pending is not listed by default")
        #expect(try t.names(shared(.accepted), as: alt) == ["accepted"])
        #expect(try t.names(shared(.pending), as: alt) == ["pending"])
        #expect(try t.names(shared(.rejected), as: alt) == ["rejected"])
        #expect(try t.names(shared(.all), as: alt) == ["accepted", "pending", "rejected"])
        #expect(try t.names(ImageQuery(), as: alt) == ["accepted"], "the default listing holds accepted shared images only")
        #expect(try t.names(Self.query { $0.memberStatus = .pending }, as: alt) == ["pending"],
                "member_status works without visibility=shared too")

        // The owner sees all four whatever member_status says: it applies to the consumer's memberships.
        #expect(try t.names(shared(.pending)) == ["accepted", "not-shared", "pending", "rejected"])
    }

    @Test func ownerFilter() throws {
        let t = try TestImages("owner")
        defer { t.deleteAll() }
        let admin = try t.account("devcloud-admin")
        let alt = try t.account("devcloud-alt")
        let mine = try t.create("demo's", ["visibility": .string("private")])
        let theirs = try t.create("admin's", ["visibility": .string("public")], as: admin)
        #expect(mine.owner == t.demo.projectID)
        #expect(theirs.owner == admin.projectID)

        #expect(try t.names(Self.query { $0.owner = t.demo.projectID }) == ["demo's"])
        #expect(try t.names(Self.query { $0.owner = admin.projectID }) == ["admin's"])
        #expect(try t.names(Self.query { $0.owner = alt.projectID }) == [])
        #expect(try t.names(Self.query { $0.owner = t.demo.projectID }, as: alt) == [], "owner does not widen what one may see")
    }

    // MARK: tags, size, times

    @Test func tagsAreConjunctive() throws {
        let t = try TestImages("tag")
        defer { t.deleteAll() }
        func tags(_ list: String...) -> [String: JSONValue] { ["tags": .array(list.map(JSONValue.string))] }
        try t.create("x", tags("x"))
        try t.create("xy", tags("x", "y"))
        try t.create("y", tags("y"))
        try t.create("xyz", tags("x", "y", "zürich mit leerzeichen"))
        try t.create("none")

        #expect(try t.names(Self.query { $0.tags = ["x"] }) == ["x", "xy", "xyz"])
        #expect(try t.names(Self.query { $0.tags = ["x", "y"] }) == ["xy", "xyz"])
        #expect(try t.names(Self.query { $0.tags = ["y", "x"] }) == ["xy", "xyz"])
        #expect(try t.names(Self.query { $0.tags = ["zürich mit leerzeichen"] }) == ["xyz"])
        #expect(try t.names(Self.query { $0.tags = ["x", "y", "zürich mit leerzeichen"] }) == ["xyz"])
        #expect(try t.names(Self.query { $0.tags = ["x", "nope"] }) == [])
        #expect(try t.names(Self.query { $0.tags = ["X"] }) == [], "tags are case-sensitive")
    }

    @Test func sizeMinAndMaxAreInclusiveAndSkipImagesWithoutData() throws {
        let t = try TestImages("size")
        defer { t.deleteAll() }
        for n in [10, 100, 1000] {
            let image = try t.create("\(n)", data: Self.bytes(n))
            #expect(image.size == Int64(n))
        }
        try t.create("queued")

        #expect(try t.names(Self.query { $0.sizeMin = 100 }) == ["100", "1000"])
        #expect(try t.names(Self.query { $0.sizeMax = 100 }) == ["10", "100"])
        #expect(try t.names(Self.query { $0.sizeMin = 11; $0.sizeMax = 999 }) == ["100"])
        #expect(try t.names(Self.query { $0.sizeMin = 100; $0.sizeMax = 100 }) == ["100"])
        #expect(try t.names(Self.query { $0.sizeMin = 0 }) == ["10", "100", "1000"], "no size, no match")
        #expect(try t.names(Self.query { $0.sizeMax = Int64.max }) == ["10", "100", "1000"])
        #expect(try t.names(Self.query { $0.sizeMin = 1001 }) == [])
    }

    /// Glance keeps microseconds but shows whole seconds, so an image's own `created_at` as
    /// listed is *before* the image: `eq:` never matches, `gt:` includes it and `lte:` leaves it out.
    @Test func createdAtComparisonsWithTheImagesOwnTimes() throws {
        let t = try TestImages("created")
        defer { t.deleteAll() }
        let a = try t.create("a")
        Self.nextSecond()
        let b = try t.create("b")
        Self.nextSecond()
        let c = try t.create("c")
        let (ta, tb, tc) = (try #require(a.createdAt), try #require(b.createdAt), try #require(c.createdAt))
        #expect(ta < tb && tb < tc, "\(ta) \(tb) \(tc)")

        func created(_ op: ImageQuery.Comparison, _ time: String) -> ImageQuery {
            Self.query { $0.createdAt = [.init(op, time)] }
        }
        #expect(try t.names(created(.gte, tb)) == ["b", "c"])
        #expect(try t.names(created(.lt, tb)) == ["a"])
        #expect(try t.names(created(.gt, tb)) == ["b", "c"], "b itself: it was made a fraction after \(tb)")
        #expect(try t.names(created(.lte, tb)) == ["a"], "b itself is left out for the same reason")
        #expect(try t.names(created(.eq, tb)) == [], "never equal to a whole second")
        #expect(try t.names(created(.neq, tb)) == ["a", "b", "c"])
        #expect(try t.names(created(.gt, tc)) == ["c"])
        #expect(try t.names(created(.lt, ta)) == [])
        // Other spellings of the same instant.
        let offset = tb.replacingOccurrences(of: "Z", with: "+00:00")
        #expect(try t.names(created(.gte, offset)) == ["b", "c"])

        // Two bounds would make a range, but Glance keeps only the last `created_at` parameter of
        // the request; that is why `:filter` refuses a second one.
        let range = Self.query { $0.createdAt = [.init(.lt, tc), .init(.gte, tb)] }
        #expect(try t.names(range) == ["b", "c"], "what Glance does: gte:\(tb) alone")
    }

    @Test func updatedAtFollowsChangesWhereCreatedAtDoesNot() throws {
        let t = try TestImages("updated")
        defer { t.deleteAll() }
        let a = try t.create("a")
        Self.nextSecond()
        let b = try t.create("b")
        Self.nextSecond()
        let changed = try t.patch(a.id, [("add", "/changed", .string("yes"))])
        let (tb, tu) = (try #require(b.createdAt), try #require(changed.updatedAt))
        #expect(changed.createdAt == a.createdAt)
        #expect(tb < tu, "\(tb) \(tu)")

        func updated(_ op: ImageQuery.Comparison, _ time: String) -> ImageQuery {
            Self.query { $0.updatedAt = [.init(op, time)] }
        }
        #expect(try t.names(updated(.gte, tu)) == ["a"])
        #expect(try t.names(updated(.gt, tu)) == ["a"])
        #expect(try t.names(updated(.lt, tu)) == ["b"])
        #expect(try t.names(updated(.lte, tu)) == ["b"])
        #expect(try t.names(updated(.gte, tb)) == ["a", "b"])
        #expect(try t.names(updated(.lt, tb)) == [])
        // By creation the order is the other way round.
        #expect(try t.names(Self.query { $0.createdAt = [.init(.lt, tb)] }) == ["a"])
        #expect(try t.names(Self.query { $0.createdAt = [.init(.gte, tb)] }) == ["b"])
    }

    // MARK: hidden, protected, id, formats

    @Test func hiddenImagesAreListedOnlyWhenAskedFor() throws {
        let t = try TestImages("hidden")
        defer { t.deleteAll() }
        try t.create("hidden", ["os_hidden": .bool(true)])
        try t.create("shown")

        #expect(try t.names(ImageQuery()) == ["shown"], "left out by default")
        #expect(try t.names(Self.query { $0.hidden = true }) == ["hidden"], "true lists only hidden ones")
        #expect(try t.names(Self.query { $0.hidden = false }) == ["shown"])
        #expect(try t.names(Self.query { $0.hidden = true; $0.visibility = .all }) == ["hidden"])
    }

    @Test func protectedTrueAndFalse() throws {
        let t = try TestImages("protected")
        defer { t.deleteAll() }
        try t.create("protected", ["protected": .bool(true)])
        try t.create("unprotected", ["protected": .bool(false)])

        #expect(try t.names(Self.query { $0.isProtected = true }) == ["protected"])
        #expect(try t.names(Self.query { $0.isProtected = false }) == ["unprotected"])
        #expect(try t.names(ImageQuery()) == ["protected", "unprotected"])
    }

    @Test func idInList() throws {
        let t = try TestImages("id")
        defer { t.deleteAll() }
        let a = try t.create("a")
        try t.create("b")
        let c = try t.create("c")

        #expect(try t.names(Self.query { $0.ids = [a.id, c.id] }) == ["a", "c"])
        #expect(try t.names(Self.query { $0.ids = [c.id] }) == ["c"])
        #expect(try t.names(Self.query { $0.ids = [a.id, UUID().uuidString.lowercased()] }) == ["a"])
        #expect(try t.names(Self.query { $0.ids = [UUID().uuidString.lowercased()] }) == [])
        // The run filter is what keeps other images out; without it the id list alone still does.
        #expect(try t.list(Self.query { $0.ids = [a.id, c.id] }, onlyThisRun: false).map(\.id).sorted() == [a.id, c.id].sorted())
    }

    @Test func diskAndContainerFormat() throws {
        let t = try TestImages("format")
        defer { t.deleteAll() }
        try t.create("raw-bare", disk: "raw", container: "bare")
        try t.create("qcow2-bare", disk: "qcow2", container: "bare")
        try t.create("iso-bare", disk: "iso", container: "bare")
        try t.create("raw-ovf", disk: "raw", container: "ovf")
        try t.create("vmdk-ova", disk: "vmdk", container: "ova")

        #expect(try t.names(Self.query { $0.diskFormat = "raw" }) == ["raw-bare", "raw-ovf"])
        #expect(try t.names(Self.query { $0.diskFormat = "qcow2" }) == ["qcow2-bare"])
        #expect(try t.names(Self.query { $0.containerFormat = "bare" }) == ["iso-bare", "qcow2-bare", "raw-bare"])
        #expect(try t.names(Self.query { $0.containerFormat = "ova" }) == ["vmdk-ova"])
        #expect(try t.names(Self.query { $0.diskFormat = "raw"; $0.containerFormat = "ovf" }) == ["raw-ovf"])
        #expect(try t.names(Self.query { $0.diskFormat = "vhd" }) == [])
        // Passed through as typed, so Glance's "in:" list works for formats too.
        #expect(try t.names(Self.query { $0.diskFormat = "in:qcow2,iso" }) == ["iso-bare", "qcow2-bare"])
    }

    // MARK: sorting and paging

    @Test func multiKeySortIsTheSameInBothSyntaxes() throws {
        let t = try TestImages("sort")
        defer { t.deleteAll() }
        // Glance 33 checks uploaded data against disk_format (415 for raw bytes under qcow2), so
        // only raw images get data; the others stay queued with no size.
        let specs: [(name: String, disk: String, container: String, size: Int?)] = [
            ("e", "raw", "bare", 30), ("b", "raw", "ovf", 30), ("a", "raw", "bare", 10), ("d", "raw", "ovf", 20),
            ("c", "raw", "bare", 30), ("f", "qcow2", "bare", nil), ("g", "iso", "ova", nil),
        ]
        var images: [Image] = []
        for s in specs {
            images.append(try t.create(s.name, disk: s.disk, container: s.container, data: s.size.map(Self.bytes)))
        }
        func key(_ image: Image, _ k: ImageQuery.SortKey) -> String {
            switch k {
            case .name: t.shortName(image)
            case .status: image.status.rawValue
            case .disk_format: image.diskFormat ?? ""
            case .container_format: image.containerFormat ?? ""
            // SQLite puts NULL first ascending, last descending, as "" does here.
            case .size: image.size.map { String(repeating: "0", count: max(0, 8 - String($0).count)) + String($0) } ?? ""
            case .id: image.id
            case .created_at: image.createdAt ?? ""
            case .updated_at: image.updatedAt ?? ""
            }
        }
        let sorts: [[ImageQuery.Sort]] = [
            [.init(.name, .asc)],
            [.init(.name, .desc)],
            [.init(.disk_format, .asc), .init(.size, .desc), .init(.name, .asc)],
            [.init(.container_format, .desc), .init(.size, .asc), .init(.name, .asc)],
            [.init(.size, .asc), .init(.name, .desc)],
            [.init(.size, .desc), .init(.name, .asc)],
            [.init(.status, .desc), .init(.disk_format, .desc), .init(.container_format, .asc), .init(.name, .desc)],
        ]
        for sort in sorts {
            let expected = images.sorted { x, y in
                for s in sort where key(x, s.key) != key(y, s.key) {
                    return s.direction == .asc ? key(x, s.key) < key(y, s.key) : key(x, s.key) > key(y, s.key)
                }
                return false
            }.map(t.shortName)
            let q = Self.query { $0.sort = sort }
            let modern = try t.list(q, sortSyntax: .modern).map(t.shortName)
            let legacy = try t.list(q, sortSyntax: .legacy).map(t.shortName)
            let label = sort.map { "\($0.key.rawValue):\($0.direction.rawValue)" }.joined(separator: ",")
            #expect(modern == expected, "sort=\(label)")
            #expect(legacy == modern, "sort_key/sort_dir for \(label)")
        }
        // Combined with a filter.
        let rawBySize = Self.query { $0.diskFormat = "raw"; $0.sort = [.init(.size, .desc), .init(.name, .desc)] }
        #expect(try t.list(rawBySize).map(t.shortName) == ["e", "c", "b", "d", "a"])
    }

    @Test func smallPagesMatchOneLargePage() throws {
        let t = try TestImages("paging")
        defer { t.deleteAll() }
        for i in 1...7 { try t.create("p\(i)") }

        let sorts: [[ImageQuery.Sort]] = [[], [.init(.name, .asc)], [.init(.name, .desc), .init(.id, .asc)],
                                          [.init(.created_at, .asc)]]
        for sort in sorts {
            let q = Self.query { $0.sort = sort }
            let whole = try t.pages(q, limit: 1000)
            #expect(whole.count == 1)
            let small = try t.pages(q, limit: 2)
            #expect(small.map(\.count) == [2, 2, 2, 1], "sort \(sort)")
            let ids = small.flatMap { $0.map(\.id) }
            #expect(Set(ids).count == 7, "no image twice")
            #expect(ids == whole.flatMap { $0.map(\.id) })
        }
        // As the program pages: a small first page, then larger ones by rewriting the link's limit.
        let q = Self.query { $0.sort = [.init(.name, .asc)]; $0.properties[TestImages.marker] = t.run }
        let first = try t.demo.client.listImages(.first(query: q, limit: 2))
        let link = try #require(first.next)
        let rest = try t.demo.client.listImages(.next(link: link, limit: 1000))
        #expect(rest.next == nil)
        #expect((first.images + rest.images).map(t.shortName) == ["p1", "p2", "p3", "p4", "p5", "p6", "p7"])
        // One sort key in the legacy syntax pages the same way.
        let byName = Self.query { $0.sort = [.init(.name, .desc)] }
        let legacy = try t.pages(byName, limit: 3, sortSyntax: .legacy)
        #expect(legacy.map(\.count) == [3, 3, 1])
        #expect(legacy.flatMap { $0.map(t.shortName) } == ["p7", "p6", "p5", "p4", "p3", "p2", "p1"])

        // A last page exactly full is followed by an empty one, which the listing must tolerate.
        var six = ImageQuery()
        six.ids = Array(try t.list(ImageQuery()).prefix(6).map(\.id))
        #expect(try t.pages(six, limit: 2).map(\.count) == [2, 2, 2])
        #expect(try t.pages(six, limit: 3).map(\.count) == [3, 3])
    }

    /// Glance's `next` link keeps only the last value of a repeated parameter ("tag=x&tag=y" comes
    /// back as "tag=y", "sort_key=name&sort_key=id" as "sort_key=id"): followed as sent, the
    /// listing answers another query from the second page on. The browser rebuilds its query
    /// around the link's marker instead, and gets what one big page holds.
    @Test func repeatedParametersSurviveTheNextLink() throws {
        let t = try TestImages("nextlink")
        defer { t.deleteAll() }
        // Ids chosen in ascending order p1 < … < p5, so that sorting by id alone (what the link
        // keeps of the legacy sort) always differs from sorting by name descending.
        let ids = (1...5).map { _ in UUID().uuidString.lowercased() }.sorted()
        func tags(_ n: Int, _ list: String...) -> [String: JSONValue] {
            ["tags": .array(list.map(JSONValue.string)), "id": .string(ids[n - 1])]
        }
        try t.create("p1", tags(1, "x", "y"))
        try t.create("p2", tags(2, "x", "y"))
        try t.create("p3", tags(3, "x"))
        try t.create("p4", tags(4, "y"))
        try t.create("p5", tags(5, "y"))

        let both = Self.query { $0.tags = ["x", "y"]; $0.sort = [.init(.name, .asc)] }
        #expect(try t.pages(both, limit: 1000).flatMap { $0.map(t.shortName) } == ["p1", "p2"])
        #expect(try t.pages(both, limit: 1).flatMap { $0.map(t.shortName) } == ["p1", "p2"])
        let asLinked = try t.pages(both, limit: 1, followLinks: true).flatMap { $0.map(t.shortName) }
        #expect(asLinked != ["p1", "p2"], "Glance's link drops tag=x (if this fails, Glance fixed its links)")

        let legacySort = Self.query { $0.sort = [.init(.name, .desc), .init(.id, .asc)] }
        let whole = try t.pages(legacySort, limit: 1000, sortSyntax: .legacy).flatMap { $0.map(t.shortName) }
        #expect(whole == ["p5", "p4", "p3", "p2", "p1"])
        #expect(try t.pages(legacySort, limit: 2, sortSyntax: .legacy).flatMap { $0.map(t.shortName) } == whole)
        let sortAsLinked = try t.pages(legacySort, limit: 2, sortSyntax: .legacy, followLinks: true).flatMap { $0.map(t.shortName) }
        #expect(sortAsLinked != whole, "Glance's link keeps only sort_key=id&sort_dir=asc")
    }

    // MARK: errors

    @Test func serverRejectionsCarryGlancesSentenceNotItsHTML() throws {
        let t = try TestImages("errors")
        let client = t.demo.client
        func rejects(_ items: [QueryItem], _ sentence: String, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(sourceLocation: sourceLocation) {
                try client.listImages(raw: items, limit: 5)
            } throws: { error in
                guard let e = error as? APIError, case .http(400, _, _) = e else { return false }
                let m = e.userMessage
                return m.hasPrefix("400 Bad Request: ") && m.contains(sentence) && !m.contains("<") && !m.contains(">")
                    && !m.lowercased().contains("html") && !m.contains("&quot;") && !m.contains("&#")
            }
        }
        rejects([QueryItem("sort", "nonexistent:asc")],
                "Invalid sort key: nonexistent. It must be one of the following: name, status, container_format, disk_format, size, id, created_at, updated_at.")
        rejects([QueryItem("sort", "name:sideways")], "Invalid sort direction: sideways")
        rejects([QueryItem("sort", "name:asc"), QueryItem("sort_key", "size")], "Old and new sorting syntax cannot be combined")
        rejects([QueryItem("created_at", "gte:yesterday")], "Bad \"created_at\" query filter format. Use ISO 8601 DateTime notation.")
        rejects([QueryItem("size_min", "big")], "Unable to filter on a range with a non-numeric value.")
        rejects([QueryItem("visibility", "everyone")], "Invalid visibility value: everyone")
        rejects([QueryItem("member_status", "maybe")], "Invalid status: maybe")
        rejects([QueryItem("os_hidden", "yes")], "Invalid value 'yes' for 'os_hidden' filter. Valid values are 'true' or 'false'.")
        rejects([QueryItem("protected", "True")], "Invalid value 'True' for 'protected' filter. Valid values are 'true' or 'false'.")
        rejects([QueryItem("status", "like:act")], "Unable to filter by unknown operator 'like'.")
    }
}
