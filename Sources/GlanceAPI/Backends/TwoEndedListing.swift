/// The two queries of a listing read from both ends, and how their pages are put together.
struct TwoEndedListing: Sendable {
    enum End { case front, back }

    /// The order asked, with Glance's own tie-breakers (created_at, id) spelled out.
    let forward: ImageQuery
    /// Exactly the reverse of `forward`, key by key.
    let backward: ImageQuery

    /// The asked order, where Glance cannot page by it: `size` is NULL until data is uploaded,
    /// and glance/db/sqlalchemy/api.py `_paginate_query` compares a NULL marker as '' against a
    /// column it reads as 0, so the page after such an image is empty (ascending) or starts
    /// over (descending).
    let sortedHere: LocalOrder?

    /// Nil where the API cannot sort by the keys asked plus the two tie-breakers.
    init?(query: ImageQuery, support: QuerySupport) {
        guard support.server.contains(.sort), support.maxSortKeys >= query.sort.count + 2 else { return nil }
        var forward = query
        // glance/db/sqlalchemy/api.py `_image_get_all`: with no sort, created_at then id, both
        // descending; missing tie-breakers take the one key's direction, else descending.
        let tieDirection = query.sort.count == 1 ? query.sort[0].direction : .desc
        for key in [ImageQuery.SortKey.created_at, .id] where !forward.sort.contains(where: { $0.key == key }) {
            forward.sort.append(ImageQuery.Sort(key, tieDirection))
        }
        var backward = forward
        backward.sort = forward.sort.map { ImageQuery.Sort($0.key, $0.direction == .asc ? .desc : .asc) }
        self.forward = forward
        self.backward = backward
        sortedHere = query.sort.contains { $0.key == .size } ? LocalOrder(forward.sort) : nil
    }

    /// Glance's order for sort keys, applied to images in hand. A NULL sorts first ascending,
    /// as SQLite and MySQL put it.
    struct LocalOrder: Sendable {
        let keys: [ImageQuery.Sort]
        init(_ keys: [ImageQuery.Sort]) { self.keys = keys }

        func sort(_ images: [Image]) -> [Image] {
            images.sorted { a, b in
                for key in keys {
                    let order = Self.compare(a, b, by: key.key)
                    if order != 0 { return key.direction == .asc ? order < 0 : order > 0 }
                }
                return false
            }
        }

        private static func compare(_ a: Image, _ b: Image, by key: ImageQuery.SortKey) -> Int {
            switch key {
            case .size: compare(a.size, b.size)
            case .id: compare(a.id, b.id)
            case .name: compare(a.name, b.name)
            case .status: compare(a.status.rawValue, b.status.rawValue)
            case .disk_format: compare(a.diskFormat, b.diskFormat)
            case .container_format: compare(a.containerFormat, b.containerFormat)
            // ISO 8601 in one form: the text orders as the time does.
            case .created_at: compare(a.createdAt, b.createdAt)
            case .updated_at: compare(a.updatedAt, b.updatedAt)
            }
        }

        private static func compare<T: Comparable>(_ a: T?, _ b: T?) -> Int {
            switch (a, b) {
            case (nil, nil): 0
            case (nil, _): -1
            case (_, nil): 1
            case let (x?, y?): x < y ? -1 : (x == y ? 0 : 1)
            }
        }
    }

    /// What each end has read so far.
    struct Meeting: Sendable {
        struct Side: Sendable {
            var images: [Image] = []
            var ids: Set<String> = []
            /// Its last page had no next link: this end alone holds the whole listing.
            var complete = false
        }

        enum Next { case goOn, stop, repeating }

        var front = Side()
        var back = Side()

        /// Takes an end's page and says whether that end should read on.
        mutating func add(_ page: ImagePage, at end: End) -> Next {
            func take(_ side: inout Side) -> Bool {
                let fresh = page.images.filter { side.ids.insert($0.id).inserted }
                side.images += fresh
                if page.next == nil || page.images.isEmpty { side.complete = true }
                return fresh.isEmpty && !page.images.isEmpty
            }
            let repeated = switch end {
            case .front: take(&front)
            case .back: take(&back)
            }
            if repeated { return .repeating }
            return front.complete || back.complete || !front.ids.isDisjoint(with: back.ids) ? .stop : .goOn
        }

        /// The whole listing in the forward order, or nil when the ends neither met nor finished,
        /// or met out of step (what they share is not the front's tail and the back's, reversed).
        func assembled() -> [Image]? {
            if front.complete { return Self.unique(front.images) }
            if back.complete { return Self.unique(back.images.reversed()) }
            let shared = front.images.map(\.id).filter(back.ids.contains)
            guard !shared.isEmpty,
                  front.images.suffix(shared.count).map(\.id) == shared,
                  back.images.suffix(shared.count).reversed().map(\.id) == shared else { return nil }
            return Self.unique(front.images + back.images.reversed().dropFirst(shared.count))
        }

        /// An image listed twice (moved by a change between two pages) is kept where first seen.
        private static func unique(_ images: [Image]) -> [Image] {
            var seen = Set<String>()
            return images.filter { seen.insert($0.id).inserted }
        }
    }
}
