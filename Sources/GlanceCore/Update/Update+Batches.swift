import Foundation
import GlanceAPI
import TerminalKit

/// Writes to many images: marks, the plan and its confirmation, each image's outcome as it
/// comes, the batch pane and the command log, undo and retry.
extension Update {
    // MARK: - Marks

    /// Space: marks or unmarks the selected row and moves down.
    static func toggleMark(_ state: inout AppState) -> [Effect] {
        guard let image = state.selectedImage else { return [] }
        state.catalog.marks.toggle(image)
        return move(&state, .by(1))
    }

    static func applyMarks(_ state: inout AppState, _ selection: MarkSelection) -> [Effect] {
        state.notice = state.catalog.applyMarks(selection)
        return []
    }

    /// What a write goes to: the marked images, else the one selected (or open).
    static func writeTargets(_ state: AppState) -> [Image] {
        // On a pane that shows no images (tasks, stores, cache, …) only the marks are the user's
        // choice; the list's cursor there is out of sight.
        if ![.list, .detail, .lineages].contains(state.screen) {
            return state.catalog.marks.images(inOrderOf: state.catalog.rows.map { state.catalog.images[$0] })
        }
        if !state.catalog.marks.isEmpty { return state.catalog.marks.images(inOrderOf: state.catalog.rows.map { state.catalog.images[$0] }) }
        if state.screen == .detail, let image = state.detail?.image { return [image] }
        if state.screen == .lineages { return state.lineages.selectedImages }
        return state.selectedImage.map { [$0] } ?? []
    }

    // MARK: - Planning and confirming

    /// `targets` nil: what `writeTargets` says (the marks, else the image in view).
    static func askBatch(_ state: inout AppState, _ write: ImageWrite, targets: [Image]? = nil) -> [Effect] {
        guard let session = state.session else { return [] }
        let candidates = targets ?? writeTargets(state)
        switch BatchPlan.make(write, targets: candidates, session: session) {
        case .failure(let refusal):
            state.notice = refusal.message
        case .success(let plan):
            // A delete or a deactivation of images servers boot from says so first.
            let breaksServers = write == .delete || write == .active(false)
            let planned = Set(plan.items.map(\.imageID))
            let images = candidates.filter { planned.contains($0.id) }
            switch plan.confirm {
            case .key where breaksServers: return askAfterCheckingUse(&state, images, .confirmation(Confirmation(batch: plan)))
            case .key: state.confirmation = Confirmation(batch: plan)
            case .typedCount: return askAfterCheckingUse(&state, images, .typedCount(plan))
            }
        }
        return []
    }

    /// Keys while a delete batch waits for its count: Enter checks it, Esc cancels.
    static func typedConfirmationKey(_ state: inout AppState, _ plan: BatchPlan, _ editor: LineEditor, _ key: Key) -> [Effect] {
        var editor = editor
        switch editor.handle(key) {
        case .cancel:
            state.prompt.input = .keys
            state.prompt.message = nil
            state.notice = "Nothing was deleted"
            return []
        case .submit:
            guard case .typedCount(let count) = plan.confirm, editor.text.trimmingCharacters(in: .whitespaces) == String(count) else {
                state.prompt.message = "Type \(plan.items.count) to delete them (or Esc)"
                state.prompt.input = .typedConfirmation(plan, LineEditor())
                return []
            }
            state.prompt.input = .keys
            state.prompt.message = nil
            return startBatch(&state, plan)
        default:
            state.prompt.input = .typedConfirmation(plan, editor)
            return []
        }
    }

    static func startBatch(_ state: inout AppState, _ plan: BatchPlan) -> [Effect] {
        var batch = Batch(id: state.batches.makeID(), title: plan.write.summary, items: plan.items)
        // What planning left out shows in the pane too, with its reason; nothing is sent for it.
        batch.rows += plan.skipped.map { Batch.Row(imageID: $0.imageID, name: $0.name, outcome: .skipped($0.reason)) }
        return launch(&state, batch)
    }

    static func launch(_ state: inout AppState, _ batch: Batch) -> [Effect] {
        state.batches.batches.append(batch)
        state.batches.selection = nil
        state.batches.rows = ListViewport()
        state.lastError = nil
        state.notice = "\(batch.title): \(batch.items.count) image\(batch.items.count == 1 ? "" : "s") (:batches shows each)"
        let writer = ImageWrite.Writer(state.session)
        return [.runBatch(batch.id, batch.items, concurrency: state.batches.concurrency, writer: writer)]
    }

    // MARK: - Outcomes

    static func batchItemFinished(_ state: inout AppState, _ id: BatchID, _ imageID: String, _ outcome: BatchOutcome,
                                  requests: [String], at time: Date) -> [Effect] {
        guard let b = state.batches.index(of: id),
              let r = state.batches.batches[b].rows.firstIndex(where: { $0.imageID == imageID && $0.outcome == nil }) else { return [] }
        state.batches.batches[b].rows[r].outcome = outcome
        let item = state.batches.batches[b].items[r]
        // A deleted image, or one the server no longer has, cannot stay marked.
        if case .failed(let why) = outcome, why.hasPrefix("404") { state.catalog.marks.drop(gone: [imageID]) }
        if case .done = outcome, item.write == .delete { state.catalog.marks.drop(gone: [imageID]) }
        guard let session = state.session else { return [] }
        let record = WriteRecord(item.write, imageID: imageID, imageName: item.name, outcome: outcome, requests: requests,
                                 session: session, time: time)
        state.batches.log.append(record)
        return [.appendAudit(record)]
    }

    static func batchFinished(_ state: inout AppState, _ id: BatchID) -> [Effect] {
        guard let b = state.batches.index(of: id) else { return [] }
        for r in state.batches.batches[b].rows.indices where state.batches.batches[b].rows[r].outcome == nil {
            state.batches.batches[b].rows[r].outcome = .cancelled
        }
        state.batches.batches[b].finished = true
        let batch = state.batches.batches[b]
        if batch.failures.isEmpty {
            state.notice = batch.summary + (batch.undoing == nil && batch.done > 0 && batch.items.first?.write.isUndoable == true ? " · z undoes it" : "")
        } else {
            state.lastError = batch.summary + " · :batches shows why, R there retries"
        }
        // The list shows what the batch changed; marks are kept by id across the reload.
        guard state.session != nil else { return [] }
        var effects = startListing(&state)
        // The findings pane shows what is left once its fixes are in.
        if state.screen == .lint, state.lint?.report != nil {
            let notice = state.notice, error = state.lastError
            effects += startLint(&state)
            (state.notice, state.lastError) = (notice, error)
        }
        return effects
    }

    // MARK: - Undo, retry, cancel

    /// z: the newest batch that can be undone, after asking.
    static func askUndo(_ state: inout AppState) -> [Effect] {
        guard let last = state.batches.undoable, let undo = last.undo(id: BatchID(state.batches.nextBatch)) else {
            state.notice = "Nothing to undo (a delete cannot be undone)"
            return []
        }
        if let refusal = state.session?.refusal(undo.items[0].write.capability) {
            state.notice = refusal
            return []
        }
        state.confirmation = Confirmation(undo: undo)
        return []
    }

    static func confirmedUndo(_ state: inout AppState, _ undo: Batch) -> [Effect] {
        _ = state.batches.makeID()
        if let undone = undo.undoing { state.batches.undone.insert(undone) }
        return launch(&state, undo)
    }

    static func retryShownBatch(_ state: inout AppState) -> [Effect] {
        guard let shown = state.batches.shown, shown.finished else {
            state.notice = "R retries a finished batch's failures"
            return []
        }
        let current = Dictionary(state.catalog.images.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        guard let retry = shown.retry(id: BatchID(state.batches.nextBatch), current: current) else {
            state.notice = "Nothing failed in this batch"
            return []
        }
        if let refusal = state.session?.refusal(retry.items[0].write.capability) {
            state.notice = refusal
            return []
        }
        _ = state.batches.makeID()
        return launch(&state, retry)
    }

    static func cancelShownBatch(_ state: inout AppState) -> [Effect] {
        guard let shown = state.batches.shown, shown.isRunning, let b = state.batches.index(of: shown.id) else {
            state.notice = "No batch is running"
            return []
        }
        state.batches.batches[b].cancelRequested = true
        state.notice = "Cancelling \(shown.title): images not started are not written"
        return [.cancelBatch(shown.id)]
    }

    // MARK: - Panes

    static func openPane(_ state: inout AppState, _ screen: AppState.Screen) -> [Effect] {
        if state.screen != .batches, state.screen != .log { state.screenBeforePane = state.screen }
        state.screen = screen
        return []
    }

    static func moveInPane(_ state: inout AppState, _ movement: Movement) {
        let height = max(1, ScreenLayout.listRows(state.size))
        if state.screen == .log {
            let count = state.batches.log.count
            switch movement {
            case .by(let d): state.batches.logCursor.move(by: d, count: count, height: height)
            case .page(let d): state.batches.logCursor.page(d, count: count, height: height)
            case .to(let row): state.batches.logCursor.move(to: row, count: count, height: height)
            }
            return
        }
        let count = state.batches.shown?.rows.count ?? 0
        switch movement {
        case .by(let d): state.batches.rows.move(by: d, count: count, height: height)
        case .page(let d): state.batches.rows.page(d, count: count, height: height)
        case .to(let row): state.batches.rows.move(to: row, count: count, height: height)
        }
    }
}

extension Update {
    /// `:download DIR`: a verified download of each marked (or the selected) active image,
    /// queued as transfers; two images with one name get the id after the name.
    static func downloadAll(_ state: inout AppState, into directory: String) -> [Effect] {
        if let refusal = state.session?.refusal(.download) { state.notice = refusal; return [] }
        let targets = writeTargets(state)
        let active = targets.filter { $0.status == .active }
        guard !active.isEmpty else {
            state.notice = "Nothing to download: only active images have data" + (targets.isEmpty ? " (nothing marked or selected)" : "")
            return []
        }
        let dir = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var used: Set<String> = []
        var effects: [Effect] = []
        for image in active {
            var name = DownloadName.suggested(for: image)
            if !used.insert(name).inserted { name = image.id + "-" + name }
            let job = DownloadJob(imageID: image.id, destination: dir + "/" + name, overwrite: false)
            effects += startTransfer(&state, .download(job), title: image.displayName.isEmpty ? image.id : image.displayName)
        }
        let left = targets.count - active.count
        state.notice = "\(active.count) download\(active.count == 1 ? "" : "s") queued into \(dir)"
            + (left > 0 ? "; \(left) not active, left out" : "") + " (t shows them)"
        return effects
    }

    /// `:copy STORE…`: copy-image of each marked (or the selected) active image.
    static func copyAll(_ state: inout AppState, to stores: [String]) -> [Effect] {
        if let refusal = state.session?.refusal(.importData) { state.notice = refusal; return [] }
        let active = writeTargets(state).filter { $0.status == .active }
        guard !active.isEmpty else {
            state.notice = "Nothing to copy: only active images have data to copy"
            return []
        }
        var effects: [Effect] = []
        for image in active {
            effects += startTransfer(&state, .copy(imageID: image.id, stores: stores),
                                     title: image.displayName.isEmpty ? image.id : image.displayName)
        }
        state.notice = "\(active.count) cop\(active.count == 1 ? "y" : "ies") to \(stores.joined(separator: ", ")) queued (t shows them)"
        return effects
    }
}
