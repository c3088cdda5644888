import Foundation
import GlanceAPI

/// Lineages (`:lineage`) and retiring old builds (`:retire`): the pane of folded lineages, the
/// retention plan shown before anything is sent, and its run as a batch.
extension Update {
    // MARK: - Lineages

    static func showLineages(_ state: inout AppState, by key: LineageKey?) -> [Effect] {
        guard state.session != nil else { return [] }
        var effects: [Effect] = []
        if let key, key != state.lineages.by {
            let reload = !key.keptProperties.isSubset(of: state.lineages.by.keptProperties)
            state.lineages.by = key
            state.lineages.unfolded = []
            // The list's rows keep only the properties lineages used so far: read them again.
            if reload { effects = relist(&state) }
        }
        state.screen = .lineages
        state.detail = nil
        regroupLineages(&state)
        if state.lineages.groups.isEmpty, effects.isEmpty { state.notice = "No images shown to group" }
        return effects
    }

    static func regroupLineages(_ state: inout AppState) {
        state.lineages.regroup(state.catalog.shown, height: ScreenLayout.listRows(state.size))
    }

    /// Enter on a lineage folds or unfolds it; on a build, opens it.
    static func openInLineages(_ state: inout AppState) -> [Effect] {
        switch state.lineages.selectedRow {
        case .group?:
            state.lineages.toggleFold(height: ScreenLayout.listRows(state.size))
            return []
        case .build?:
            let effects = open(&state)
            state.screenBeforePane = .lineages
            return effects
        case nil:
            return []
        }
    }

    /// Space on a lineage marks all its builds (or unmarks them when all were marked).
    static func toggleLineageMark(_ state: inout AppState) -> [Effect] {
        let images = state.lineages.selectedImages
        guard !images.isEmpty else { return [] }
        if images.allSatisfy({ state.catalog.marks.contains($0.id) }) {
            for image in images { state.catalog.marks.toggle(image) }
        } else {
            state.catalog.marks.mark(images)
        }
        state.notice = state.catalog.marks.isEmpty ? "No image marked" : "\(state.catalog.marks.count) marked"
        return move(&state, .by(1))
    }

    static func moveInLineages(_ state: inout AppState, _ movement: Movement) {
        let count = state.lineages.rows.count, height = ScreenLayout.listRows(state.size)
        switch movement {
        case .by(let d): state.lineages.cursor.move(by: d, count: count, height: height)
        case .page(let d): state.lineages.cursor.page(d, count: count, height: height)
        case .to(let row): state.lineages.cursor.move(to: row, count: count, height: height)
        }
    }

    // MARK: - Retiring

    /// `:retire …`: the plan over the images shown, once Compute said which are in use.
    static func planRetirement(_ state: inout AppState, _ policy: RetentionPolicy) -> [Effect] {
        guard let session = state.session else { return [] }
        var policy = policy
        policy.by = policy.by ?? state.lineages.by
        if let refusal = session.refusal(policy.write.capability) {
            state.notice = refusal
            return []
        }
        let images = state.catalog.shown
        guard !images.isEmpty else {
            state.notice = "No images shown to retire"
            return []
        }
        var effects: [Effect] = []
        if case .checking(let old, _)? = state.retire?.phase {
            state.requestsInFlight.remove(old)
            effects.append(.cancel(old))
        }
        let id = state.makeRequestID()
        state.requestsInFlight.insert(id)
        state.retire = RetireState(policy: policy, phase: .checking(id, images: images.count))
        enterPane(&state, .retire)
        state.notice = "Reading the \(images.count) images again and asking Compute which servers use them…"
        return effects + [.checkRetirement(id, query: queryPlan(state, state.catalog.query).server, ids: images.map(\.id))]
    }

    static func retirementChecked(_ state: inout AppState, _ id: RequestID, _ result: Result<RetireState.Facts, APIError>,
                                  now: Date) -> [Effect] {
        state.requestsInFlight.remove(id)
        guard var retire = state.retire, case .checking(id, _) = retire.phase else { return [] }
        switch result {
        case .failure(let error):
            state.retire = nil
            leavePane(&state, from: .retire)
            state.lastError = "Retire: " + error.userMessage
        case .success(let facts):
            let writer = state.session.map { ImageWrite.Writer($0) }
            let plan = RetentionPlan.make(facts.images, policy: retire.policy, now: now, check: facts.usage, writer: writer)
            retire.phase = .planned(plan)
            state.retire = retire
            state.notice = retireSummary(plan)
        }
        return []
    }

    /// Opens a pane of its own, remembering where to go back to.
    static func enterPane(_ state: inout AppState, _ screen: AppState.Screen) {
        if state.screen != screen { state.screenBeforePane = state.screen }
        state.screen = screen
    }

    /// Back from `screen` to where it was opened from (the list, when that was itself).
    static func leavePane(_ state: inout AppState, from screen: AppState.Screen) {
        show(&state, state.screenBeforePane == screen ? .list : state.screenBeforePane)
    }

    /// Back to a pane; the lineages are grouped again from the list as it is now.
    static func show(_ state: inout AppState, _ screen: AppState.Screen) {
        state.screen = screen
        if screen == .lineages { regroupLineages(&state) }
    }

    static func retireSummary(_ plan: RetentionPlan) -> String {
        let verb = plan.policy.action.rawValue
        var text = plan.going.isEmpty ? "Nothing to \(verb)" : "y: \(verb) \(plan.going.count) image\(plan.going.count == 1 ? "" : "s")"
        if plan.usageUnknown {
            text += plan.policy.force ? " · \(plan.unchecked.count) of them unchecked for use by servers (force)"
                : " · \(plan.unchecked.count) kept because their use could not be checked (add force to :retire)"
        }
        return text + " · Esc: leave, nothing sent"
    }

    /// y on the plan: the same confirmation and batch as any write to many images.
    static func confirmRetirement(_ state: inout AppState) -> [Effect] {
        guard let plan = state.retire?.plan else { return [] }
        guard !plan.going.isEmpty else {
            state.notice = "Nothing to \(plan.policy.action.rawValue): every image is kept (the plan says why)"
            return []
        }
        guard let session = state.session else { return [] }
        switch BatchPlan.make(plan.policy.write, targets: plan.going.map(\.image), session: session) {
        case .failure(let refusal):
            state.notice = refusal.message
        case .success(let batch):
            leavePane(&state, from: .retire)
            state.retire = nil
            // The plan was the question for hide and deactivate; a delete still wants its count typed.
            switch batch.confirm {
            case .key: return startBatch(&state, batch)
            case .typedCount: state.prompt.input = .typedConfirmation(batch, LineEditor())
            }
        }
        return []
    }

    static func leaveRetirement(_ state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        if case .checking(let id, _)? = state.retire?.phase {
            state.requestsInFlight.remove(id)
            effects.append(.cancel(id))
        }
        state.retire = nil
        leavePane(&state, from: .retire)
        state.notice = "Nothing was retired"
        return effects
    }

    static func moveInRetirement(_ state: inout AppState, _ movement: Movement) {
        guard var retire = state.retire else { return }
        let count = retire.rows.count, height = ScreenLayout.listRows(state.size)
        switch movement {
        case .by(let d): retire.cursor.move(by: d, count: count, height: height)
        case .page(let d): retire.cursor.page(d, count: count, height: height)
        case .to(let row): retire.cursor.move(to: row, count: count, height: height)
        }
        state.retire = retire
    }
}
