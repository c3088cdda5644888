import GlanceAPI

extension Update {
    /// Starts (or restarts) the listing; a listing still running is superseded.
    static func startListing(_ state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        if case .loading(let old, _) = state.listing {
            state.requestsInFlight.remove(old)
            effects.append(.cancel(old))
        }
        let id = state.makeRequestID()
        state.listing = .loading(id, pages: 0)
        state.requestsInFlight.insert(id)
        effects.append(.loadImages(id, .first(query: [], limit: firstPageSize(for: state.size))))
        return effects
    }

    static func pageLoaded(_ state: inout AppState, _ id: RequestID, _ page: ImagePage) -> [Effect] {
        guard case .loading(id, let pages) = state.listing else {
            state.requestsInFlight.remove(id)
            return []
        }
        if pages == 0 {
            // First page of a (re)load: replace the rows, keeping the cursor on the same image.
            let selected = state.selectedImage?.id
            state.images = page.images
            let row = selected.flatMap { s in state.images.firstIndex { $0.id == s } } ?? 0
            state.list.move(to: row, count: state.images.count, height: ScreenLayout.listRows(state.size))
        } else {
            state.images += page.images
        }
        if page.skippedEntries > 0 {
            state.lastError = "Skipped \(page.skippedEntries) malformed entries in the image list"
        }
        if let next = page.next, !page.images.isEmpty {
            state.listing = .loading(id, pages: pages + 1)
            return [.loadImages(id, .next(link: next, limit: laterPageSize))]
        }
        state.requestsInFlight.remove(id)
        state.listing = .complete
        state.list.clamp(count: state.images.count, height: ScreenLayout.listRows(state.size))
        return []
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
