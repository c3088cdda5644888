import GlanceAPI

extension Update {
    /// Starts (or restarts) the listing for the current query; one still running is superseded.
    static func startListing(_ state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        if let old = state.catalog.listing.requestID {
            state.requestsInFlight.remove(old)
            effects.append(.cancel(old))
        }
        let plan = queryPlan(state, state.catalog.query)
        if let refusal = plan.refusal {
            state.catalog.listing = .failed(.configuration(refusal))
            state.lastError = refusal
            return effects
        }
        // Said once, when the listing starts: the rows that follow are filtered here.
        if let notice = plan.notice { state.notice = notice }
        let id = state.makeRequestID()
        state.catalog.listing = .loading(id, pages: 0)
        state.requestsInFlight.insert(id)
        effects.append(.loadImages(id, .first(query: plan.server, limit: firstPageSize(for: state.size))))
        return effects
    }

    /// How the session's backend carries `query`: sent, applied here, or refused.
    static func queryPlan(_ state: AppState, _ query: ImageQuery) -> QueryPlan {
        (state.session?.querySupport ?? .imageV2).plan(query)
    }

    /// A new query: the local sort and `/` filter belonged to the old rows.
    static func restartListing(_ state: inout AppState) -> [Effect] {
        state.catalog.localSort = nil
        state.catalog.jumpToEndWhenLoaded = false
        state.lastError = nil
        return startListing(&state)
    }

    static func pageLoaded(_ state: inout AppState, _ id: RequestID, _ page: ImagePage) -> [Effect] {
        guard case .loading(id, let pages) = state.catalog.listing else {
            state.requestsInFlight.remove(id)
            return []
        }
        // Glance lists the project's own shared images too; the consumer's view is about others'.
        let mine = state.session?.projectID
        // What the API could not filter by is applied here, to the full images of the page.
        let local = queryPlan(state, state.catalog.query).local
        var incoming = page.images.filter { image in
            (!state.catalog.sharedWithMe || image.owner != mine) && (local.isEmpty || local.matches(image))
        }
        if pages > 0 {
            // Glance pages by size wrongly past an image without one: the page after it starts over.
            let listed = Set(state.catalog.images.map(\.id))
            let fresh = incoming.filter { !listed.contains($0.id) }
            if fresh.isEmpty, !page.images.isEmpty, !incoming.isEmpty {
                state.requestsInFlight.remove(id)
                state.catalog.listing = .complete
                state.notice = "Glance repeated a page of this listing (it cannot page by size past an image without data): "
                    + "showing the \(state.catalog.images.count) listed; sort by the size column (a digit key) instead"
                return []
            }
            incoming = fresh
        }
        if pages == 0 {
            // First page of a (re)load: replace the rows, keeping the cursor on the same image.
            let selected = state.catalog.selectedImage?.id
            state.catalog.images = incoming.map(state.summarize)
            state.catalog.searchKeys = incoming.map(SearchKey.init)
            rebuildRows(&state, keeping: selected)
        } else {
            let start = state.catalog.images.count
            state.catalog.images += incoming.map(state.summarize)
            state.catalog.searchKeys += incoming.map(SearchKey.init)
            appendRows(&state, from: start)
        }
        if let notice = page.notice { state.notice = notice }
        state.catalog.marks.refresh(incoming)
        if page.skippedEntries > 0 {
            state.lastError = "Skipped \(page.skippedEntries) malformed entries in the image list"
        }
        if let next = page.next, !page.images.isEmpty {
            if state.catalog.images.count < state.catalog.eagerLimit || state.catalog.jumpToEndWhenLoaded || nearEnd(state) {
                state.catalog.listing = .loading(id, pages: pages + 1)
                return [.loadImages(id, nextPage(state, link: next))]
            }
            state.requestsInFlight.remove(id)
            state.catalog.listing = .partial(id, pages: pages + 1, next: next)
            return []
        }
        state.requestsInFlight.remove(id)
        state.catalog.listing = .complete
        dropVanishedMarks(&state)
        if state.catalog.jumpToEndWhenLoaded {
            state.catalog.jumpToEndWhenLoaded = false
            state.catalog.cursor.move(to: state.catalog.rows.count - 1, count: state.catalog.rows.count, height: ScreenLayout.listRows(state.size))
        }
        if state.screen == .stores, var pane = state.stores, case .loaded(let listing) = pane.phase {
            pane.table.replaceRows(StoresState.rows(listing, images: state.catalog.images), height: tableHeight(state))
            state.stores = pane
        }
        return countUseIfShown(&state)
    }

    static func pageFailed(_ state: inout AppState, _ id: RequestID, _ error: APIError) -> [Effect] {
        state.requestsInFlight.remove(id)
        guard case .loading(id, _) = state.catalog.listing else { return [] }
        state.catalog.listing = .failed(error)
        state.catalog.jumpToEndWhenLoaded = false
        state.lastError = error.userMessage
        return []
    }

    /// After a complete listing of everything (no filter), a marked image not in it is gone
    /// from the server: its mark goes, and the user is told.
    static func dropVanishedMarks(_ state: inout AppState) {
        guard !state.catalog.marks.isEmpty, !state.catalog.query.hasFilters, !state.catalog.sharedWithMe else { return }
        let listed = Set(state.catalog.images.map(\.id))
        let gone = state.catalog.marks.ids.subtracting(listed)
        guard !gone.isEmpty else { return }
        state.catalog.marks.drop(gone: gone)
        state.notice = "\(gone.count) marked image\(gone.count == 1 ? " is" : "s are") gone from the server: unmarked"
    }

    /// Within two screens of the last loaded row: time to fetch the next page.
    static func nearEnd(_ state: AppState) -> Bool {
        state.catalog.rows.count - state.catalog.cursor.cursor <= 2 * ScreenLayout.listRows(state.size)
    }

    /// Resumes a paused listing when the cursor nears the end (or G asked for everything).
    static func continueListingIfNeeded(_ state: inout AppState) -> [Effect] {
        guard case .partial(let id, let pages, let next) = state.catalog.listing,
              nearEnd(state) || state.catalog.jumpToEndWhenLoaded else { return [] }
        state.catalog.listing = .loading(id, pages: pages)
        state.requestsInFlight.insert(id)
        return [.loadImages(id, nextPage(state, link: next))]
    }

    /// The current query from the link's marker on; the link itself only when it has no marker.
    static func nextPage(_ state: AppState, link: String) -> PageRequest {
        guard let marker = ImagesRequests.marker(inLink: link) else { return .next(link: link, limit: laterPageSize) }
        return .after(query: queryPlan(state, state.catalog.query).server, marker: marker, limit: laterPageSize)
    }

    static func refresh(_ state: inout AppState) -> [Effect] {
        state.lastError = nil
        state.notice = nil
        switch state.connection {
        case .signingIn:
            return []
        case .failed:
            state.connection = .signingIn
            return [.signIn]
        case .signedIn:
            var effects = startListing(&state)
            if state.screen == .detail { effects += refreshDetail(&state) }
            // On a findings pane or a plan, r asks again: the images may have changed.
            if state.screen == .lint, state.lint?.report != nil { effects += startLint(&state) }
            if state.screen == .usedBy, let image = state.usedBy?.image { effects += showUsedBy(&state, of: image) }
            if state.screen == .stores { effects += showStores(&state) }
            if state.screen == .usage { effects += showUsage(&state) }
            if state.screen == .cache { effects += showCache(&state) }
            if state.screen == .tasks, let pane = state.tasks, pane.opened == nil {
                effects += loadTasks(&state, imageID: pane.imageID, query: pane.query)
            }
            if state.screen == .retire, let policy = state.retire?.policy, state.retire?.plan != nil {
                effects += planRetirement(&state, policy)
            }
            return effects
        }
    }

    static func refreshDetail(_ state: inout AppState) -> [Effect] {
        guard let detail = state.detail else { return [] }
        if let old = detail.refresh {
            state.requestsInFlight.remove(old)
        }
        let id = state.makeRequestID()
        state.detail?.refresh = id
        state.requestsInFlight.insert(id)
        return (detail.refresh.map { [Effect.cancel($0)] } ?? []) + [.loadImage(id, imageID: detail.imageID)]
    }
}
