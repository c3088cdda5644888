/// Every image a query lists, page after page, for the work that needs all of them at once
/// (`glance-tui batch`, `retire`, `lint`, the browser's `:lint`).
extension ImageLister {
    public func listAll(_ query: ImageQuery) throws(APIError) -> [Image] {
        var page = try listImages(.first(query: query, limit: ImagesRequests.maxPageSize))
        var found = page.images
        while let next = page.next, !page.images.isEmpty {
            // A marker rebuilds the query whole; Glance's next link keeps only the last of a
            // repeated parameter.
            let request: PageRequest = ImagesRequests.marker(inLink: next).map {
                .after(query: query, marker: $0, limit: ImagesRequests.maxPageSize)
            } ?? .next(link: next, limit: ImagesRequests.maxPageSize)
            page = try listImages(request)
            found += page.images
        }
        return found
    }

    /// The images of `query` whose ids are in `ids`, in that order; those gone since are left out.
    public func listAll(_ query: ImageQuery, keeping ids: [String]) throws(APIError) -> [Image] {
        let byID = Dictionary(try listAll(query).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return ids.compactMap { byID[$0] }
    }
}
