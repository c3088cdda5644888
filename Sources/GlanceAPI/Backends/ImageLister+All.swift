import Dispatch
import Synchronization

/// Every image a query lists, page after page, for the work that needs all of them at once
/// (`glance-tui list`, `batch`, `retire`, `lint`, the browser's `:lint`).
extension ImageLister {
    /// Where the API sorts by any number of keys, the listing is read from both ends at once: the
    /// order as asked from the front, the exact reverse from the back, until the two meet. Glance
    /// takes most of a second to render a page of 1,000 images, and a marker makes each page wait
    /// for the one before, so two streams on two API workers halve the wait past one page. A
    /// catalog of one page costs a second request whose answer is not needed.
    public func listAll(_ query: ImageQuery, pageSize: Int = ImagesRequests.maxPageSize) throws(APIError) -> [Image] {
        guard let ends = TwoEndedListing(query: query, support: querySupport) else {
            return try listForward(query, pageSize: pageSize)
        }
        if let local = ends.sortedHere {
            // Glance cannot page by size past an image without one; every image is read anyway,
            // so it is read in Glance's default order and put in the asked one here.
            var unsorted = query
            unsorted.sort = []
            return local.sort(try listAll(unsorted, pageSize: pageSize))
        }
        // In rounds: both ends ask at once and, with both answers in, decide whether to read on,
        // so an end never reads a page the other end has already brought.
        var meeting = TwoEndedListing.Meeting()
        var front: PageRequest? = .first(query: ends.forward, limit: pageSize)
        var back: PageRequest? = .first(query: ends.backward, limit: pageSize)
        while let asked = front {
            let backPage = Mutex<Result<ImagePage, APIError>?>(nil)
            let group = DispatchGroup()
            if let back {
                DispatchQueue.global(qos: .userInitiated).async(group: group) {
                    let answer = Result { () throws(APIError) in try self.listImages(back) }
                    backPage.withLock { $0 = answer }
                }
            }
            let frontPage = Result { () throws(APIError) in try listImages(asked) }
            group.wait()
            let page = try frontPage.get()
            var next = meeting.add(page, at: .front)
            front = page.next.map { Self.after($0, query: ends.forward, pageSize: pageSize) }
            switch backPage.withLock({ $0 }) {
            case .success(let other)?:
                next = next == .goOn ? meeting.add(other, at: .back) : next
                back = other.next.map { Self.after($0, query: ends.backward, pageSize: pageSize) }
            case .failure?:
                // A failure at the back alone leaves the front to read to the end by itself.
                back = nil
            case nil:
                break
            }
            if next == .repeating { throw Self.repeating }
            if next == .stop { break }
        }
        if let whole = meeting.assembled() { return whole }
        // Two ends that disagree: a server that ignores the sort, or the catalog changing under
        // the listing. Read it again the plain way.
        return try listForward(query, pageSize: pageSize)
    }

    /// The images of `query` whose ids are in `ids`, in that order; those gone since are left out.
    public func listAll(_ query: ImageQuery, keeping ids: [String]) throws(APIError) -> [Image] {
        let byID = Dictionary(try listAll(query).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return ids.compactMap { byID[$0] }
    }

    /// One page after the other, each after the last one's marker.
    func listForward(_ query: ImageQuery, pageSize: Int) throws(APIError) -> [Image] {
        var page = try listImages(.first(query: query, limit: pageSize))
        var found = page.images
        var seen = Set(found.map(\.id))
        while let next = page.next, !page.images.isEmpty {
            page = try listImages(Self.after(next, query: query, pageSize: pageSize))
            let fresh = page.images.filter { seen.insert($0.id).inserted }
            if fresh.isEmpty, !page.images.isEmpty { throw Self.repeating }
            found += fresh
        }
        return found
    }

    /// A page of nothing but images already listed: following it would never end.
    private static var repeating: APIError {
        .malformedResponse("the image listing repeats itself from page to page: the server's paging is broken for this sort",
                           url: "GET /v2/images")
    }

    /// A marker rebuilds the query whole; Glance's next link keeps only the last of a repeated
    /// parameter.
    private static func after(_ next: String, query: ImageQuery, pageSize: Int) -> PageRequest {
        ImagesRequests.marker(inLink: next).map { .after(query: query, marker: $0, limit: pageSize) }
            ?? .next(link: next, limit: pageSize)
    }
}
