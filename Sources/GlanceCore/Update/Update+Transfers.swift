import GlanceAPI
import TerminalKit

/// Downloads, uploads and copies between stores: they run in the background while the user
/// browses; the transfers pane (`t`) lists them with their progress and outcome.
extension Update {
    static func openTransfers(_ state: inout AppState) -> [Effect] {
        if state.screen != .transfers { state.transfers.returnScreen = state.screen }
        state.screen = .transfers
        return []
    }

    static func transfersAction(_ state: inout AppState, _ action: Action) -> [Effect] {
        let entry = state.transfers.entries.indices.contains(state.transfers.selection)
            ? state.transfers.entries[state.transfers.selection] : nil
        switch action {
        case .back, .transfers:
            state.screen = state.transfers.returnScreen
        case .cancelTransfer:
            guard let entry else { return [] }
            guard entry.isRunning else {
                state.notice = "\(entry.title) is not running"
                return []
            }
            let keeps = entry.kind == .download ? " (the .part is kept to resume)" : ""
            state.confirmation = Confirmation(
                question: "y cancels it, any other key lets it run: cancel the \(entry.kind.rawValue) of \(entry.title)?" + keeps,
                transferStep: .cancel(entry.id))
        case .retryTransfer:
            guard let entry else { return [] }
            guard !entry.isRunning else {
                state.notice = "\(entry.title) is still running"
                return []
            }
            if let scope = entry.scope, let session = state.session, scope != CloudScope(session) {
                let here = CloudScope(session)
                let back = scope.difference(from: here) ?? .cloud(scope.cloud)
                state.lastError = "\(entry.title) belongs to \(scope.label(beside: here)): switch back there (:\(back.description)) to start it again"
                return []
            }
            if case .completed(_, _, let verification)? = entry.outcome {
                state.notice = "\(entry.title) is done (\(TransferText.verification(verification))): nothing to start again"
                return []
            }
            if entry.journalID != nil { return resumeJournalled(&state, at: state.transfers.selection) }
            return startTransfer(&state, entry.request, title: entry.title)
        case .dismissTransfer:
            guard entry != nil else { return [] }
            return dismissInterrupted(&state, at: state.transfers.selection)
        case .clearFinished:
            // Interrupted ones are not finished: they stay until resumed or dropped (D).
            state.transfers.entries.removeAll { !$0.isRunning && $0.interruption == nil }
            state.transfers.selection = max(0, min(state.transfers.selection, state.transfers.entries.count - 1))
        case .upload:
            return askUploadFile(&state)
        default:
            break
        }
        return []
    }

    static func moveTransfersCursor(_ state: inout AppState, _ movement: Movement) {
        let count = state.transfers.entries.count
        guard count > 0 else { return }
        var selection = state.transfers.selection
        switch movement {
        case .by(let d): selection += d
        case .page(let d): selection += d * max(1, ScreenLayout.transferRows(state.size))
        case .to(let row): selection = row
        }
        state.transfers.selection = max(0, min(count - 1, selection))
    }

    static func confirmedTransferStep(_ state: inout AppState, _ step: TransferStep) -> [Effect] {
        switch step {
        case .overwrite(let job, let title):
            var again = job
            again.overwrite = true
            return startTransfer(&state, .download(again), title: title)
        case .cancel(let id):
            guard let i = state.transfers.index(of: id), state.transfers.entries[i].isRunning else { return [] }
            state.transfers.entries[i].cancelRequested = true
            return [.cancelTransfer(id)]
        case .quitCancellingTransfers:
            let running = state.transfers.running.map(\.id)
            for id in running {
                if let i = state.transfers.index(of: id) { state.transfers.entries[i].cancelRequested = true }
            }
            state.quitting = true
            return running.map { Effect.cancelTransfer($0) } + state.batches.running.map { Effect.cancelBatch($0.id) } + [.quit]
        }
    }

    /// Adds the transfer to the pane and asks the runner to start it.
    static func startTransfer(_ state: inout AppState, _ request: TransferRequest, title: String) -> [Effect] {
        // A download of the same image to the file an interrupted one was writing, here, takes
        // that one up: one row, one .part. Another image, or an entry of another cloud, region or
        // project, is left as it was (its request too) and this is a download of its own.
        if case .download(let job) = request,
           let i = state.transfers.entries.firstIndex(where: {
               $0.writes(job.destination) && $0.imageID == job.imageID && misplaced(state, $0) == nil
           }) {
            state.transfers.entries[i].request = request
            return resumeJournalled(&state, at: i)
        }
        let id = state.transfers.makeID()
        let entry: TransferEntry
        switch request {
        case .download(let job):
            entry = TransferEntry(id: id, kind: .download, title: title, imageID: job.imageID, path: job.destination, request: request)
        case .upload(let job):
            var imageID: String?
            if case .existing(let existing) = job.target { imageID = existing }
            entry = TransferEntry(id: id, kind: job.kind, title: title, imageID: imageID, path: job.file, request: request)
        case .copy(let imageID, _):
            entry = TransferEntry(id: id, kind: .copyImage, title: title, imageID: imageID, path: nil, request: request)
        }
        var scoped = entry
        scoped.scope = state.session.map(CloudScope.init)
        state.transfers.entries.append(scoped)
        state.transfers.selection = state.transfers.entries.count - 1
        state.notice = "Started: \(entry.kind.rawValue) \(title) (t shows transfers)"
        return [.startTransfer(id, request)]
    }

    static func transferProgressed(_ state: inout AppState, _ id: TransferID, _ progress: TransferProgress) -> [Effect] {
        guard let i = state.transfers.index(of: id), state.transfers.entries[i].isRunning else { return [] }
        state.transfers.entries[i].progress = progress
        return []
    }

    static func transferFinished(_ state: inout AppState, _ id: TransferID, _ outcome: TransferOutcome) -> [Effect] {
        guard let i = state.transfers.index(of: id) else { return [] }
        state.transfers.entries[i].outcome = outcome
        let entry = state.transfers.entries[i]
        switch outcome {
        case .completed(let location, _, let verification):
            state.lastError = nil
            if let total = entry.progress.totalBytes { state.transfers.entries[i].progress.bytesDone = total }
            switch entry.kind {
            case .download:
                state.notice = "Saved \(location) (\(TransferText.verification(verification)))"
                return []
            case .upload, .glanceDirect, .webDownload, .copyImage:
                // The new or changed image shows in the list and the detail pane; the list is
                // reloaded only where that does not move what the user is looking at.
                var effects: [Effect] = []
                // An upload to a cloud the browser has left changes nothing shown here.
                let here = entry.scope == nil || entry.scope == state.session.map(CloudScope.init)
                if here, state.screen == .detail, state.detail?.imageID == entry.imageID { effects += refreshDetail(&state) }
                if here, state.screen == .list || state.screen == .transfers, case .signedIn = state.connection {
                    effects += startListing(&state)
                }
                state.notice = entry.kind == .copyImage
                    ? "Copied \(entry.title) to more stores"
                    : "Uploaded \(entry.title) (\(TransferText.verification(verification)))"
                return effects
            }
        case .failed(let message, _):
            state.lastError = "\(entry.kind.rawValue) \(entry.title) failed: \(message)"
        case .cancelled(let part):
            state.notice = "Cancelled \(entry.kind.rawValue) of \(entry.title)" + (part.map { "; \($0) kept (R in t resumes)" } ?? "")
        }
        return []
    }

    static func transferRefused(_ state: inout AppState, _ id: TransferID, _ refusal: DownloadRefusal) -> [Effect] {
        guard let i = state.transfers.index(of: id) else { return [] }
        let entry = state.transfers.entries[i]
        state.transfers.entries.remove(at: i)
        state.transfers.selection = max(0, min(state.transfers.selection, state.transfers.entries.count - 1))
        switch refusal {
        case .destinationExists(let path):
            guard case .download(let job) = entry.request else { return [] }
            state.confirmation = Confirmation(
                question: "o overwrites it, any other key keeps it: \(path) already exists",
                transferStep: .overwrite(job, title: entry.title), confirmKey: "o")
        case .notDownloadable(let why):
            state.lastError = why
        }
        return []
    }

    static func uploadImageCreated(_ state: inout AppState, _ id: TransferID, _ image: Image) -> [Effect] {
        guard let i = state.transfers.index(of: id) else { return [] }
        state.transfers.entries[i].imageID = image.id
        return []
    }
}
