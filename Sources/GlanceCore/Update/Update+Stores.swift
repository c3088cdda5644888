import Foundation
import GlanceAPI

/// `:stores`: the cloud's stores through the backend that lists them.
extension Update {
    static func showStores(_ state: inout AppState) -> [Effect] {
        guard let session = state.session else { return [] }
        if let refusal = session.refusal(.stores) {
            state.notice = refusal
            return []
        }
        if case .loading(let old)? = state.stores?.phase { state.requestsInFlight.remove(old) }
        let id = state.makeRequestID()
        state.requestsInFlight.insert(id)
        var pane = StoresState(phase: .loading(id))
        if let old = state.stores { pane.table = old.table }
        state.stores = pane
        enterPane(&state, .stores)
        return [.loadStores(id)]
    }

    static func storesLoaded(_ state: inout AppState, _ id: RequestID, _ result: Result<StoreListing, APIError>) -> [Effect] {
        state.requestsInFlight.remove(id)
        guard var pane = state.stores, pane.phase == .loading(id) else { return [] }
        switch result {
        case .success(let listing):
            pane.phase = .loaded(listing)
            pane.table.replaceRows(StoresState.rows(listing, images: state.catalog.images), height: tableHeight(state))
        case .failure(let error):
            pane.phase = .failed(error.userMessage)
        }
        state.stores = pane
        return []
    }

    static func leaveStores(_ state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        if case .loading(let id)? = state.stores?.phase {
            state.requestsInFlight.remove(id)
            effects.append(.cancel(id))
        }
        state.stores = nil
        leavePane(&state, from: .stores)
        return effects
    }
}
