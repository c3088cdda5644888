import Testing
@testable import GlanceAPI

/// How a listing read from both ends is asked for and put back together.
struct TwoEndedListingTests {
    private static func images(_ ids: String...) -> [Image] { ids.map { Image(id: $0) } }
    private static func page(_ ids: String..., more: Bool = true) -> ImagePage {
        ImagePage(images: ids.map { Image(id: $0) }, next: more ? "/v2/images?marker=\(ids.last ?? "")" : nil)
    }

    @Test func glancesDefaultOrderIsSpelledOutAndReversedKeyByKey() throws {
        let ends = try #require(TwoEndedListing(query: ImageQuery(), support: .imageV2))
        #expect(ends.forward.sort == [.init(.created_at, .desc), .init(.id, .desc)])
        #expect(ends.backward.sort == [.init(.created_at, .asc), .init(.id, .asc)])
    }

    @Test func oneKeyLendsItsDirectionToTheTieBreakersAndSeveralLeaveThemDescending() throws {
        var one = ImageQuery()
        one.sort = [.init(.name, .asc)]
        let single = try #require(TwoEndedListing(query: one, support: .imageV2))
        #expect(single.forward.sort == [.init(.name, .asc), .init(.created_at, .asc), .init(.id, .asc)])
        #expect(single.backward.sort == [.init(.name, .desc), .init(.created_at, .desc), .init(.id, .desc)])

        var two = ImageQuery()
        two.sort = [.init(.size, .asc), .init(.id, .asc)]
        let double = try #require(TwoEndedListing(query: two, support: .imageV2))
        #expect(double.forward.sort == [.init(.size, .asc), .init(.id, .asc), .init(.created_at, .desc)])
        #expect(double.backward.sort == [.init(.size, .desc), .init(.id, .desc), .init(.created_at, .asc)])
        #expect(double.forward.properties == two.properties)
    }

    @Test func anAPIThatCannotSortByEnoughKeysIsReadFromTheFrontOnly() {
        let v1Like = QuerySupport(apiName: "v1", server: [.sort, .name], maxSortKeys: 1)
        #expect(TwoEndedListing(query: ImageQuery(), support: v1Like) == nil)
        let unsorted = QuerySupport(apiName: "proxy", server: [.name], maxSortKeys: 0)
        #expect(TwoEndedListing(query: ImageQuery(), support: unsorted) == nil)
    }

    @Test func endsThatOverlapMakeTheWholeListingInTheForwardOrder() {
        var m = TwoEndedListing.Meeting()
        #expect(m.add(Self.page("a", "b", "c"), at: .front) == .goOn)
        #expect(m.add(Self.page("g", "f", "e"), at: .back) == .goOn)
        #expect(m.assembled() == nil, "not met yet")
        #expect(m.add(Self.page("d", "e", "f"), at: .front) == .stop)
        #expect(m.assembled()?.map(\.id) == ["a", "b", "c", "d", "e", "f", "g"])
    }

    @Test func anEndThatReachesTheLastPageHoldsEverythingAlone() {
        var front = TwoEndedListing.Meeting()
        #expect(front.add(Self.page("a", "b", more: false), at: .front) == .stop)
        #expect(front.assembled()?.map(\.id) == ["a", "b"])

        var back = TwoEndedListing.Meeting()
        #expect(back.add(Self.page("a", "b"), at: .front) == .goOn)
        #expect(back.add(Self.page("c", "b", "a", more: false), at: .back) == .stop)
        #expect(back.assembled()?.map(\.id) == ["a", "b", "c"])
    }

    @Test func endsThatMeetOutOfStepAreNotTrusted() {
        // A server that ignores the sort answers both ends in its own order.
        var m = TwoEndedListing.Meeting()
        _ = m.add(Self.page("a", "b", "c"), at: .front)
        #expect(m.add(Self.page("a", "b", "c"), at: .back) == .stop)
        #expect(m.assembled() == nil)

        // What they share must be the front's tail.
        var n = TwoEndedListing.Meeting()
        _ = n.add(Self.page("a", "b", "c"), at: .front)
        _ = n.add(Self.page("e", "b", "d"), at: .back)
        #expect(n.assembled() == nil)
    }

    @Test func anImageListedTwiceIsKeptWhereFirstSeen() {
        var m = TwoEndedListing.Meeting()
        _ = m.add(Self.page("a", "b", "a", more: false), at: .front)
        #expect(m.assembled()?.map(\.id) == ["a", "b"])
    }

    @Test func aPageOfNothingNewSaysThePagingRepeatsInsteadOfReadingForever() {
        var m = TwoEndedListing.Meeting()
        #expect(m.add(Self.page("a", "b"), at: .back) == .goOn)
        #expect(m.add(Self.page("a", "b"), at: .back) == .repeating)
    }

    @Test func sizeIsSortedHereWithNoSizeFirstAndGlancesTieBreakers() throws {
        var query = ImageQuery()
        query.sort = [.init(.size, .asc)]
        let ends = try #require(TwoEndedListing(query: query, support: .imageV2))
        let order = try #require(ends.sortedHere)
        func image(_ id: String, _ size: Int64?, _ created: String) -> Image {
            var i = Image(id: id)
            i.size = size
            i.createdAt = created
            return i
        }
        let images = [image("d", 5, "2026-01-02T00:00:00Z"), image("c", nil, "2026-01-03T00:00:00Z"),
                      image("b", 5, "2026-01-01T00:00:00Z"), image("a", nil, "2026-01-03T00:00:00Z")]
        #expect(order.sort(images).map(\.id) == ["a", "c", "b", "d"])
        query.sort = [.init(.size, .desc)]
        #expect(try #require(TwoEndedListing(query: query, support: .imageV2)?.sortedHere).sort(images).map(\.id)
                == ["d", "b", "c", "a"])
        query.sort = [.init(.name, .asc)]
        #expect(TwoEndedListing(query: query, support: .imageV2)?.sortedHere == nil, "Glance pages by name")
    }
}
