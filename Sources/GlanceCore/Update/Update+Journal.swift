import GlanceAPI

/// Transfers an earlier run left unfinished (its program killed, its terminal gone): read back
/// from the journal at start, listed in `t` as interrupted, resumed with R or `:resume`, dropped
/// with D or `:dismiss`.
extension Update {
    static func journalRead(_ state: inout AppState, _ entries: [JournalEntry], problems: [String]) -> [Effect] {
        let known = Set(state.transfers.entries.compactMap(\.journalID))
        var added: [TransferEntry] = []
        var unusable = 0
        var relative: [String] = []
        for record in entries where !known.contains(record.id) && !state.transfers.dismissed.contains(record.id) {
            guard let request = record.resumeRequest else {
                if let why = record.resumeProblem { relative.append(why) } else { unusable += 1 }
                continue
            }
            var entry = TransferEntry(id: state.transfers.makeID(), kind: record.kind, title: record.imageName,
                                      imageID: record.imageID, path: record.destination ?? record.path, request: request)
            entry.progress = TransferProgress(phase: .transferring, bytesDone: record.bytesDone, totalBytes: record.size)
            entry.outcome = .cancelled(partKept: record.partPath)
            entry.journalID = record.id
            entry.interruption = Interruption(cloud: record.cloud, region: record.region, project: record.project,
                                              at: record.updated, ownerPID: record.owner.pid)
            added.append(entry)
        }
        // They came before anything this run started: listed first, the selection kept on its row.
        if !added.isEmpty, !state.transfers.entries.isEmpty { state.transfers.selection += added.count }
        state.transfers.entries.insert(contentsOf: added, at: 0)
        if !added.isEmpty {
            let count = state.transfers.interrupted.count
            state.notice = "\(count) interrupted transfer\(count == 1 ? "" : "s") from an earlier run: t lists them, R resumes"
        }
        var trouble = problems + relative
        if unusable > 0 { trouble.append("\(unusable) entr\(unusable == 1 ? "y" : "ies") without enough to resume") }
        // A notice, not an error: the file is out of the way, and an error would stay over what
        // R and D then say.
        if let first = trouble.first {
            state.notice = "Transfer journal: " + first + (trouble.count > 1 ? " (and \(trouble.count - 1) more)" : "")
        }
        return []
    }

    /// A journal entry could not be written (the runner says it once): the transfers go on, but
    /// one cut short by the program's end would not be listed to resume.
    static func journalWriteFailed(_ state: inout AppState, _ problem: String) -> [Effect] {
        state.lastError = "Transfer journal: \(problem) (transfers go on, but one cut short cannot be resumed)"
        return []
    }

    /// R or `:resume` on an entry the journal holds: refused with the reason when it belongs
    /// elsewhere, else taken over and run again in its row.
    static func resumeJournalled(_ state: inout AppState, at i: Int) -> [Effect] {
        let entry = state.transfers.entries[i]
        guard let journalID = entry.journalID else { return [] }
        if let refusal = misplaced(state, entry) {
            state.notice = refusal
            return []
        }
        let id = state.transfers.makeID()
        state.transfers.entries[i].id = id
        state.transfers.entries[i].outcome = nil
        state.transfers.entries[i].interruption = nil
        state.transfers.entries[i].cancelRequested = false
        state.transfers.entries[i].progress = TransferProgress(phase: .preparing)
        // It now runs on this session's cloud, and says so as a new transfer does.
        state.transfers.entries[i].scope = state.session.map(CloudScope.init)
        state.notice = switch entry.request {
        case .download: "Resuming: download \(entry.title) from its .part (t shows transfers)"
        case .upload(let job):
            if case .existing(let image) = job.target {
                "Restarting: upload \(entry.title) into the queued image \(image) (t shows transfers)"
            } else {
                "Restarting: upload \(entry.title) (t shows transfers)"
            }
        case .copy: "Restarting: copy of \(entry.title) to more stores (t shows transfers)"
        }
        return [.resumeTransfer(id, journalID: journalID, entry.request)]
    }

    /// Why `entry` cannot be resumed by this session, or nil when it can.
    static func misplaced(_ state: AppState, _ entry: TransferEntry) -> String? {
        guard let origin = entry.interruption else { return nil }
        guard let session = state.session else { return "Not signed in yet: R resumes once the session has started" }
        let elsewhere = "glance-tui resume \(entry.journalID ?? "")"
        if origin.cloud != session.cloud {
            return "\(entry.title) belongs to cloud \(origin.cloud); this browser is on \(session.cloud): "
                + "resume it there (:cloud \(origin.cloud), or \(elsewhere))"
        }
        // An upload would create its image in the wrong region, a download get a 404 there.
        if let region = origin.region, let current = session.region, region != current {
            return "\(entry.title) belongs to region \(region) of \(origin.cloud); this browser is on region \(current) "
                + "(:region \(region), or \(elsewhere))"
        }
        if let project = origin.project, let current = session.projectName ?? session.projectID, project != current {
            return "\(entry.title) belongs to project \(project) of \(origin.cloud); this browser is on project \(current) "
                + "(:project \(project), or \(elsewhere))"
        }
        return nil
    }

    /// D or `:dismiss`: the entry leaves the pane and the journal. Nothing on disk or on the
    /// server is deleted; the notice says what was left.
    static func dismissInterrupted(_ state: inout AppState, at i: Int) -> [Effect] {
        let entry = state.transfers.entries[i]
        guard let journalID = entry.journalID, entry.interruption != nil else {
            state.notice = "D drops an interrupted transfer; \(entry.title) is not one (c clears finished ones)"
            return []
        }
        state.transfers.entries.remove(at: i)
        state.transfers.dismissed.insert(journalID)
        state.transfers.selection = max(0, min(state.transfers.selection, state.transfers.entries.count - 1))
        var left = ""
        switch entry.request {
        case .download(let job): left = "; its .part is kept: \(job.partPath) (delete it, or download to the same file to resume)"
        case .upload(let job):
            if case .existing(let image) = job.target { left = "; the queued image \(image) it created is left (D in the list deletes it)" }
        case .copy: break
        }
        state.notice = "Dropped \(entry.kind.rawValue) \(entry.title) from the journal" + left
        return [.dismissJournalEntry(journalID)]
    }

    /// `:resume ID|all` and `:dismiss ID|all`.
    static func journalCommand(_ state: inout AppState, _ which: String?, resume: Bool) -> [Effect] {
        let verb = resume ? "resume" : "dismiss"
        let interrupted = state.transfers.entries.indices.filter { state.transfers.entries[$0].interruption != nil }
        guard !interrupted.isEmpty else {
            state.notice = "No interrupted transfer to \(verb)"
            return []
        }
        let targets: [String]
        if let which {
            guard let i = interrupted.first(where: { state.transfers.entries[$0].journalID == which }) else {
                let ids = interrupted.compactMap { state.transfers.entries[$0].journalID }
                state.prompt.input = .command(LineEditor("\(verb) \(which)"))
                state.prompt.message = "No interrupted transfer \(which) (interrupted: \(ids.joined(separator: ", ")), or all)"
                return []
            }
            targets = [state.transfers.entries[i].journalID ?? ""]
        } else {
            targets = interrupted.compactMap { state.transfers.entries[$0].journalID }
        }
        var effects: [Effect] = []
        var refused: [String] = []
        for journalID in targets {
            guard let i = state.transfers.entries.firstIndex(where: { $0.journalID == journalID }) else { continue }
            if resume, let why = misplaced(state, state.transfers.entries[i]) {
                refused.append(why)
                continue
            }
            effects += resume ? resumeJournalled(&state, at: i) : dismissInterrupted(&state, at: i)
        }
        if targets.count > 1 {
            let done = targets.count - refused.count
            state.notice = (resume ? "Resuming \(done)" : "Dropped \(done)") + " interrupted transfer\(done == 1 ? "" : "s")"
                + (refused.isEmpty ? "" : "; not \(refused.count): " + refused[0])
        } else if let why = refused.first {
            state.notice = why
        }
        return effects
    }
}
