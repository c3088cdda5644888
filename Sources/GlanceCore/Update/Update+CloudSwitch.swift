import GlanceAPI

/// `:cloud`, `:region` and `:project`: sign in elsewhere in the background, and only when that
/// succeeds leave the current cloud, closing everything that names its images so that no
/// write, undo or late answer can reach the wrong cloud.
extension Update {
    static func askSwitch(_ state: inout AppState, _ target: CloudTarget) -> [Effect] {
        if let pending = state.switching {
            state.lastError = "Still signing in to \(pending.target.description); wait for it before switching again"
            return []
        }
        // A batch's rows, its retry and its undo are about the images of the cloud it writes
        // to: it finishes there, watched in :batches, before the browser moves.
        if let batch = state.batches.running.first {
            state.lastError = "Not switched: the batch \"\(batch.title)\" is running on \(currentScope(state)); "
                + "let it finish or cancel it (x in :batches), then switch"
            return []
        }
        // Unsaved edits are the user's work: they are saved or dropped on purpose, not by a switch.
        if let editor = state.editor, let count = editor.plan?.changes.count, count > 0 {
            let what = editor.isCreating ? "the new image" : (editor.plan?.loaded.name ?? editor.imageID)
            state.lastError = "Not switched: \(count) unsaved change\(count == 1 ? "" : "s") to \(what); save or leave the editor first"
            return []
        }
        // A name not offered stays on the line to be corrected, like any other typo.
        if let refusal = unknownTarget(state, target) {
            state.prompt.message = refusal
            state.prompt.input = .command(LineEditor(target.description))
            return []
        }
        let id = state.makeRequestID()
        state.switching = CloudSwitch(id: id, target: target)
        state.requestsInFlight.insert(id)
        state.lastError = nil
        state.notice = "Signing in to \(target.description)… (\(currentScope(state)) stays until it succeeds)"
        return [.signInElsewhere(id, target)]
    }

    /// Why a key or click is refused while a switch signs in, or nil when it may go ahead.
    /// `askSwitch` refuses to start a switch while a batch runs or the editor holds unsaved
    /// changes, because `cloudSignedIn` resets the state: the same holds for what starts during
    /// the sign-in. A write started then would run on the cloud being left, its batch rows gone
    /// by the time its answers came (so neither `:batches`, `:log` nor the audit log would have
    /// it, and it could not be cancelled), and changes staged in the editor would vanish. So
    /// every write effect, opening the editor and staging a change in it are refused, checked
    /// on what the transition did rather than on each of the many ways in (keys, `:` commands,
    /// undo, lint fixes, retire, the cache pane, the copy menu, mouse). The switch itself
    /// cannot be called back cheaply: once signed in the runner has moved to the next cloud.
    static func refusedWhileSwitching(before: AppState, after: AppState, _ effects: [Effect]) -> String? {
        guard let pending = before.switching else { return nil }
        let wait = "still signing in to \(pending.target.description); wait until it has switched (or failed), then do it again"
        if effects.contains(where: \.isWrite) { return "Not sent: \(wait)" }
        if before.editor == nil, after.editor != nil { return "Editor not opened: \(wait)" }
        let staged = { (s: AppState) in s.editor?.plan?.changes.count ?? 0 }
        if staged(after) > staged(before) { return "Not staged: \(wait)" }
        return nil
    }

    /// Why `target` is not one the choices offer, when they are known.
    static func unknownTarget(_ state: AppState, _ target: CloudTarget) -> String? {
        let (name, known, what): (String, [String], String) = switch target {
        case .cloud(let name): (name, state.choices.clouds, "clouds.yaml has no cloud")
        case .region(let name): (name, state.choices.regions, "The catalog has no image service in region")
        case .project(let name): (name, state.choices.projects, "You have no project")
        }
        guard !known.isEmpty, !known.contains(name) else { return nil }
        return "\(what) \"\(name)\" (\(known.joined(separator: ", ")))"
    }

    static func currentScope(_ state: AppState) -> String {
        state.session.map { CloudScope($0).label } ?? state.cloudName
    }

    static func cloudSignedIn(_ state: inout AppState, _ id: RequestID, _ session: SessionInfo) -> [Effect] {
        guard let pending = state.switching, pending.id == id else { return [] }
        let left = currentScope(state)
        // Requests of the old cloud are stopped on the wire; their answers would be dropped anyway.
        let stale = state.requestsInFlight.subtracting([id]).sorted { $0.value < $1.value }
        var fresh = state.keepingAcrossClouds(for: session)
        // The filter and sort stay when the new session's API can carry them.
        fresh.connection = .signedIn(session)
        var dropped = false
        if queryPlan(fresh, state.catalog.query).refusal == nil {
            fresh.catalog.query = state.catalog.query
        } else {
            dropped = true
        }
        state = fresh
        var effects: [Effect] = [.adoptCloud(id)] + stale.map(Effect.cancel)
        effects += signedIn(&state, session)
        state.notice = "Now on \(CloudScope(session).label) (left \(left): marks, undo and its open panes closed)"
            + (dropped ? "; the filter does not apply here and was cleared" : "")
        return effects
    }

    static func cloudSignInFailed(_ state: inout AppState, _ id: RequestID, _ error: APIError) -> [Effect] {
        guard let pending = state.switching, pending.id == id else { return [] }
        state.switching = nil
        state.requestsInFlight.remove(id)
        state.notice = nil
        // Where the browser still is comes first: Keystone's sentence can be long.
        state.lastError = "Still on \(currentScope(state)): could not sign in to \(pending.target.description): \(error.userMessage)"
        return []
    }

    /// After any sign-in: list, and fetch what the session's panes need. A cloud of clouds.yaml
    /// signed in to counts as used (one that failed to sign in does not).
    static func signedIn(_ state: inout AppState, _ session: SessionInfo) -> [Effect] {
        state.connection = .signedIn(session)
        state.lastError = nil
        // The journal is read once signed in: whether an interrupted transfer belongs to this
        // session is then known, and a journal file set aside stays said (sign-in clears errors).
        var effects = startListing(&state) + (state.rules.isEmpty ? [.loadRules] : [])
            + (session.capabilities.contains(.usage) ? [.loadUsage] : []) + [.readJournal]
        if state.choices.clouds.contains(session.cloud) {
            state.choices.used(session.cloud)
            effects.append(.rememberCloud(session.cloud))
        }
        return effects
    }
}

extension AppState {
    /// A state for `session` that keeps only what belongs to the user, not to the cloud left:
    /// settings, columns, the command line and its history, the command log (each record names
    /// its cloud) and the transfers (each runs on its own cloud). Request and batch numbers go
    /// on counting, so no answer to an old request can match a new one.
    func keepingAcrossClouds(for session: SessionInfo) -> AppState {
        var fresh = AppState(cloudName: session.cloud, size: size)
        fresh.choices = CloudChoices(clouds: choices.clouds)
        fresh.catalog.savedViews = catalog.savedViews
        fresh.catalog.columns = catalog.columns
        fresh.catalog.eagerLimit = catalog.eagerLimit
        fresh.prompt.history = prompt.history
        // A command being typed stays; a `/` filter was over the old rows, a transfer's question
        // or a typed count about the old cloud's images.
        if case .command = prompt.input { fresh.prompt.input = prompt.input }
        fresh.transfers = transfers
        fresh.transfers.returnScreen = .list
        fresh.transfers.importOptions = nil
        fresh.batches.log = batches.log
        fresh.batches.logCursor = batches.logCursor
        fresh.batches.concurrency = batches.concurrency
        fresh.batches.nextBatch = batches.nextBatch
        fresh.lineages.by = lineages.by
        fresh.lintSettings = lintSettings
        fresh.clipboardEnabled = clipboardEnabled
        fresh.lowBandwidth = lowBandwidth
        fresh.mouseEnabled = mouseEnabled
        fresh.keymap = keymap
        fresh.spinnerFrame = spinnerFrame
        fresh.spinnerScheduled = spinnerScheduled
        fresh.nextRequest = nextRequest
        return fresh
    }
}

extension Msg {
    /// A key or a click: what the user starts, as against an answer to work already under way.
    var isUserInput: Bool {
        switch self {
        case .keyPressed, .mousePressed: true
        default: false
        }
    }
}

extension Effect {
    /// Changes something on the cloud. Transfers are not counted: each runs on the cloud it
    /// started on and stays in `t` across a switch.
    var isWrite: Bool {
        switch self {
        case .patchImage, .performAction, .createImage, .runBatch, .clearCache: true
        default: false
        }
    }
}
