import Foundation
import GlanceAPI

/// `:cache`: the image cache of the API node that answers, through the backend's cache
/// capabilities. Queueing and removing images are writes like any other (a batch, guarded,
/// logged, refused read-only); clearing the cache or the queue is asked first.
extension Update {
    static func showCache(_ state: inout AppState) -> [Effect] {
        guard let session = state.session else { return [] }
        if let refusal = session.refusal(.cache) {
            state.notice = refusal
            return []
        }
        if case .loading(let old)? = state.cache?.phase { state.requestsInFlight.remove(old) }
        let id = state.makeRequestID()
        state.requestsInFlight.insert(id)
        var pane = CacheState(phase: .loading(id))
        if let old = state.cache { pane.table = old.table }
        state.cache = pane
        enterPane(&state, .cache)
        return [.loadCache(id)]
    }

    static func cacheLoaded(_ state: inout AppState, _ id: RequestID, _ result: Result<ImageCacheState, APIError>, now: Date) -> [Effect] {
        state.requestsInFlight.remove(id)
        guard var pane = state.cache, pane.phase == .loading(id) else { return [] }
        switch result {
        case .success(let cache):
            pane.phase = .loaded(cache)
            let names = Dictionary(state.catalog.images.map { ($0.id, $0.displayName) }, uniquingKeysWith: { a, _ in a })
            pane.table.replaceRows(CacheState.rows(cache, names: names, now: now), height: tableHeight(state))
        case .failure(let error):
            // "Caching via API is not supported at this site" is Glance's own sentence: shown as is.
            pane.phase = .failed(error.userMessage)
        }
        state.cache = pane
        return []
    }

    /// The image of the cache pane's selected row, as the list has it (or as far as the id goes).
    static func selectedCacheImage(_ state: AppState) -> Image? {
        guard let id = state.cache?.table.selected?.id else { return nil }
        return state.catalog.images.first { $0.id == id } ?? Image(id: id, status: .active)
    }

    static func askClearCache(_ state: inout AppState, _ target: CacheClearTarget) -> [Effect] {
        if let refusal = state.session?.refusal(.manageCache) {
            state.notice = refusal
            return []
        }
        let what = target == .queue ? "the cache queue" : "the image cache"
        state.confirmation = .clearCache(target, question: "y empties \(what) of this API node, any other key keeps it")
        return []
    }

    static func confirmedClearCache(_ state: inout AppState, _ target: CacheClearTarget) -> [Effect] {
        let id = state.makeRequestID()
        state.requestsInFlight.insert(id)
        return [.clearCache(id, target)]
    }

    static func cacheCleared(_ state: inout AppState, _ id: RequestID, _ target: CacheClearTarget, _ error: APIError?) -> [Effect] {
        state.requestsInFlight.remove(id)
        if let error {
            state.lastError = "Could not empty the \(target == .queue ? "queue" : "cache"): " + error.userMessage
        } else {
            state.notice = target == .queue ? "The cache queue is empty" : "The image cache is empty"
        }
        return state.screen == .cache ? showCache(&state) : []
    }

    static func leaveCache(_ state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        if case .loading(let id)? = state.cache?.phase {
            state.requestsInFlight.remove(id)
            effects.append(.cancel(id))
        }
        state.cache = nil
        leavePane(&state, from: .cache)
        return effects
    }
}
