import GlanceAPI
import TerminalKit

/// The program's state machine: every event in, the new state and the work to do out.
/// Pure: no I/O, no clock, no randomness, so every transition is a table-driven test.
public enum Update {
    /// The first page holds just one screenful (Glance's time grows with every image in a page,
    /// about 2.5 ms each on the local cloud), so it paints fast; the rest come in the server's
    /// largest pages so that everything is loaded in as few round trips as possible.
    public static func firstPageSize(for size: TerminalSize) -> Int {
        min(ImagesRequests.maxPageSize, max(20, ScreenLayout.listRows(size) + 1))
    }
    public static let laterPageSize = ImagesRequests.maxPageSize

    public static func update(_ state: inout AppState, _ msg: Msg) -> [Effect] {
        guard state.switching != nil, msg.isUserInput else { return step(&state, msg) }
        // While a switch signs in, whatever a key or click would write is refused as a whole,
        // wherever it comes from (keys, commands, undo, lint, retire, cache): see
        // `refusedWhileSwitching`.
        let before = state
        let effects = step(&state, msg)
        guard let refusal = refusedWhileSwitching(before: before, after: state, effects) else { return effects }
        state = before
        state.confirmation = nil
        if case .typedConfirmation = state.prompt.input { state.prompt.input = .keys; state.prompt.message = nil }
        state.notice = nil
        state.lastError = refusal
        return []
    }

    private static func step(_ state: inout AppState, _ msg: Msg) -> [Effect] {
        var effects: [Effect]
        switch msg {
        case .started:
            state.connection = .signingIn
            effects = [.signIn]

        case .signedIn(let session):
            effects = signedIn(&state, session)
        case .cloudSignedIn(let id, let session):
            effects = cloudSignedIn(&state, id, session)
        case .cloudSignInFailed(let id, let error):
            effects = cloudSignInFailed(&state, id, error)
        case .scopesLoaded(let regions, let projects):
            state.choices.regions = regions
            state.choices.projects = projects
            state.choices.scopesRead = true
            if regions.isEmpty, projects.isEmpty, case .command = state.prompt.input {
                state.prompt.message = "This cloud offers no regions or projects to choose from"
            }
            effects = []

        case .signInFailed(let error):
            state.connection = .failed(error)
            state.lastError = error.userMessage
            effects = []

        case .imagesPageLoaded(let id, let page):
            effects = pageLoaded(&state, id, page)

        case .imagesPageFailed(let id, let error):
            effects = pageFailed(&state, id, error)

        case .imageLoaded(let id, let image):
            state.requestsInFlight.remove(id)
            if let editorEffects = editorImageLoaded(&state, id, image) {
                effects = editorEffects
                break
            }
            effects = []
            guard state.detail?.refresh == id else { break }
            state.detail?.image = image
            state.detail?.refresh = nil
            state.detail?.refreshError = nil
            if let i = state.catalog.images.firstIndex(where: { $0.id == image.id }) {
                state.catalog.images[i] = state.summarize(image)
                state.catalog.searchKeys[i] = SearchKey(image)
            }
            clampDetail(&state)
            effects = loadImportTasksIfImporting(&state, image)

        case .imageLoadFailed(let id, let error):
            state.requestsInFlight.remove(id)
            if let editorEffects = editorImageFailed(&state, id, error) {
                effects = editorEffects
                break
            }
            effects = []
            guard state.detail?.refresh == id else { break }
            state.detail?.refresh = nil
            state.detail?.refreshError = error.userMessage
            state.lastError = error.userMessage

        case .keyPressed(let key):
            effects = keyPressed(&state, key)
        case .mousePressed(let event):
            effects = mousePressed(&state, event)

        case .transferProgressed(let id, let progress):
            effects = transferProgressed(&state, id, progress)
        case .transferFinished(let id, let outcome):
            effects = transferFinished(&state, id, outcome)
        case .transferRefused(let id, let refusal):
            effects = transferRefused(&state, id, refusal)
        case .uploadImageCreated(let id, let image):
            effects = uploadImageCreated(&state, id, image)
        case .journalRead(let entries, let problems):
            effects = journalRead(&state, entries, problems: problems)
        case .journalWriteFailed(let problem):
            effects = journalWriteFailed(&state, problem)
        case .uploadFileInspected(let path, let size, let guess):
            effects = uploadFileInspected(&state, path: path, size: size, guess: guess)
        case .uploadFileUnreadable(let path, let reason):
            state.notice = nil
            state.lastError = "Cannot upload: \(reason)"
            effects = []
        case .importOptionsLoaded(let options):
            state.transfers.importOptions = options
            effects = []

        case .terminalResized(let size):
            state.size = size
            // The menu takes every key: it never stays open where it cannot be seen.
            if state.copyMenu != nil, !ScreenLayout.fits(size) {
                state.copyMenu = nil
                state.notice = "The copy menu was closed: the terminal was too small to show it"
            }
            state.catalog.cursor.clamp(count: state.catalog.rows.count, height: ScreenLayout.listRows(size))
            clampDetail(&state)
            effects = []

        case .rulesLoaded(let rules):
            state.rules = Dictionary(rules.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
            effects = []

        case .imagePatched(let id, let image):
            effects = imagePatched(&state, id, image)

        case .imageCreated(let id, let image):
            effects = imageCreated(&state, id, image)

        case .imagePatchFailed(let id, let error):
            effects = imagePatchFailed(&state, id, error)

        case .membersLoaded(let id, let entries):
            effects = membersLoaded(&state, id, entries)

        case .membersLoadFailed(let id, let error):
            effects = membersLoadFailed(&state, id, error)

        case .sharedCountsLoaded(_, let counts):
            state.catalog.sharedCounts = state.catalog.sharedWithMe ? counts : nil
            effects = []

        case .imageActionDone(let id, let action):
            effects = actionDone(&state, id, action)

        case .imageActionFailed(let id, let action, let error):
            effects = actionFailed(&state, id, action, error)

        case .spinnerTicked:
            state.spinnerScheduled = false
            state.spinnerFrame &+= 1
            effects = []

        case .batchItemFinished(let id, let imageID, let outcome, let requests, let time):
            effects = batchItemFinished(&state, id, imageID, outcome, requests: requests, at: time)
        case .useCounted(let id, let check):
            return useCounted(&state, id, check)
        case .cacheLoaded(let id, let result, let time):
            return cacheLoaded(&state, id, result, now: time)
        case .cacheCleared(let id, let target, let error):
            return cacheCleared(&state, id, target, error)
        case .tasksLoaded(let id, let result, let time):
            return tasksLoaded(&state, id, result, now: time)
        case .taskLoaded(let id, let result):
            return taskLoaded(&state, id, result)
        case .exported(let path, let rows, let error):
            return exported(&state, path: path, rows: rows, error: error)
        case .imageTasksLoaded(let id, let result):
            state.requestsInFlight.remove(id)
            guard state.detail?.tasksRequest == id else { return [] }
            state.detail?.tasksRequest = nil
            state.detail?.tasks = (try? result.get()) ?? []
            clampDetail(&state)
            return []
        case .usageLoaded(let result):
            return usageLoaded(&state, result)
        case .storesLoaded(let id, let result):
            return storesLoaded(&state, id, result)
        case .usedByLoaded(let id, let result):
            return usedByLoaded(&state, id, result)
        case .serversCounted(let id, let check, let ids):
            return serversCounted(&state, id, check, of: ids)
        case .lintFinished(let id, let result):
            return lintFinished(&state, id, result)
        case .retirementChecked(let id, let result, let time):
            return retirementChecked(&state, id, result, now: time)
        case .batchFinished(let id):
            effects = batchFinished(&state, id)
        case .writeRecorded(let record):
            state.batches.log.append(record)
            effects = [.appendAudit(record)]
        case .singleWriteDone(let write, let imageID, let name, let before):
            // Kept as a finished batch of one, so z can undo it and :batches shows it.
            var batch = Batch(id: state.batches.makeID(), title: write.summary,
                              items: [BatchItem(imageID: imageID, name: name, write: write, guarded: write.guardFrom(before))])
            batch.rows[0].outcome = .done(before: before)
            batch.finished = true
            state.batches.batches.append(batch)
            effects = []
        case .auditLogFailed(let problem):
            state.lastError = "Audit log: \(problem) (writes go on, unlogged)"
            effects = []

        case .quitSignalReceived:
            state.quitting = true
            effects = [.quit]
        }
        if state.isBusy, !state.spinnerScheduled, !state.quitting, !state.lowBandwidth {
            state.spinnerScheduled = true
            effects.append(.scheduleSpinnerTick)
        }
        return effects
    }
}
