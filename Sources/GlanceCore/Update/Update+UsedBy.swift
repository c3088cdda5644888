import Foundation
import GlanceAPI

/// `:used-by` and the USED column: which servers boot from an image, through Compute.
extension Update {
    static func showUsedBy(_ state: inout AppState, of shown: Image? = nil) -> [Effect] {
        guard state.session != nil else { return [] }
        guard let image = shown ?? (state.screen == .detail ? state.detail?.image : state.selectedImage) else {
            state.notice = "Select an image first: :used-by lists the servers that boot from it"
            return []
        }
        let id = state.makeRequestID()
        state.requestsInFlight.insert(id)
        if let old = state.usedBy, case .loading(let oldID) = old.phase { state.requestsInFlight.remove(oldID) }
        // A refresh of the same image keeps the filter, the sort and the cursor.
        var pane = UsedByState(image: image, phase: .loading(id))
        if let old = state.usedBy, old.image.id == image.id { pane.table = old.table }
        state.usedBy = pane
        enterPane(&state, .usedBy)
        return [.loadUsedBy(id, imageID: image.id)]
    }

    static func usedByLoaded(_ state: inout AppState, _ id: RequestID, _ result: Result<ServerUsage, APIError>) -> [Effect] {
        state.requestsInFlight.remove(id)
        guard var pane = state.usedBy, pane.phase == .loading(id) else { return [] }
        switch result {
        case .success(let usage):
            pane.phase = .loaded(usage)
            pane.table.replaceRows(UsedByState.rows(usage.servers), height: tableHeight(state))
        case .failure(let error): pane.phase = .failed(error.userMessage)
        }
        state.usedBy = pane
        return []
    }

    /// Enter on a server: nothing is done to it; its id and the command that shows it, to copy.
    static func describeServer(_ state: inout AppState) -> [Effect] {
        guard let server = state.usedBy?.selectedServer else { return [] }
        state.notice = "server \(server.id) · openstack server show \(server.id)"
        return []
    }

    static func leaveUsedBy(_ state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        if case .loading(let id)? = state.usedBy?.phase {
            state.requestsInFlight.remove(id)
            effects.append(.cancel(id))
        }
        state.usedBy = nil
        leavePane(&state, from: .usedBy)
        return effects
    }

    // MARK: - The USED column

    /// With the USED column shown, the loaded images' server counts are asked for (one listing of
    /// every server) when the list is complete, the column is turned on, or r reloads.
    static func countUseIfShown(_ state: inout AppState) -> [Effect] {
        guard state.catalog.columns.contains(.used), state.session != nil, !state.catalog.images.isEmpty else { return [] }
        if let old = state.catalog.useCount { state.requestsInFlight.remove(old) }
        let id = state.makeRequestID()
        state.requestsInFlight.insert(id)
        state.catalog.useCount = id
        return [.countUse(id, state.catalog.images)]
    }

    static func useCounted(_ state: inout AppState, _ id: RequestID, _ check: UsageCheck) -> [Effect] {
        state.requestsInFlight.remove(id)
        guard state.catalog.useCount == id else { return [] }
        state.catalog.useCount = nil
        state.catalog.usedCounts = [:]
        for image in state.catalog.images { state.catalog.usedCounts[image.id] = check.servers(using: image.id) ?? -1 }
        if case .unavailable(let why) = check { state.notice = "USED: " + why }
        return []
    }
}
