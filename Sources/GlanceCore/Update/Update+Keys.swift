import GlanceAPI
import TerminalKit

extension Update {
    /// Every key goes through the key table: the state says which scopes are live (a mode takes
    /// every key while it lasts), the table says what the key means there, and the action is
    /// done. Handlers of lines and prompts receive the action as its canonical key (Enter for
    /// submit, Esc for cancel, Tab for complete, ↑/↓ for older/newer), so a remapped key means
    /// what the table says; keys no binding takes edit the line.
    static func keyPressed(_ state: inout AppState, _ key: Key) -> [Effect] {
        // A delete or deactivation waiting for Compute is dropped by any key: its question must
        // never take a key typed before it was on screen as the answer.
        let dropped = dropUseCheck(&state)
        guard dropped.isEmpty else {
            let effects = keyPressed(&state, key)
            if state.notice == nil, state.confirmation == nil { state.notice = "Not asked: a key came before Compute answered (ask again)" }
            return dropped + effects
        }
        let scopes = Keymap.scopes(for: state)
        let found = state.keymap.binding(for: key, in: scopes)
        switch scopes.first {
        case .help?:
            return helpAction(&state, found?.action ?? .closeHelp)
        case .question?:
            return answerQuestion(&state, key)
        case .line?:
            // A key a line action had by default and a remap took away does nothing: the line
            // handlers would otherwise act on Enter, Esc, Tab, ↑ and ↓ themselves.
            if found == nil, Keymap.standard.bindings.contains(where: { $0.scopes.contains(.line) && $0.keys.contains(key) }) { return [] }
            return lineKey(&state, canonical(found?.action, key))
        case .copyMenu?:
            return copyMenuAction(&state, found?.action)
        case .review?, .conflict?, .editorBusy?:
            guard let action = found?.action else { return [] }
            return action == .quit ? quit(&state) : editorModeAction(&state, action)
        default:
            break
        }
        guard let binding = found else { return [] }
        if let reason = binding.unavailableReason {
            state.notice = "\(key): \(binding.help) — \(reason)"
            return []
        }
        state.notice = nil
        if let reason = binding.unavailable(in: state.session) {
            state.notice = "\(key): " + reason
            return []
        }
        if binding.scopes == [.members] { return membersAction(&state, binding.action) }
        if binding.scopes == [.transfers] { return transfersAction(&state, binding.action) }
        switch binding.action {
        case .quit: return quit(&state)
        case .toggleHelp: state.showsHelp = true
        case .redraw: return [.redrawScreen]
        case .refresh: return refresh(&state)
        case .open where state.screen == .lineages: return openInLineages(&state)
        case .open where state.screen == .usedBy: return describeServer(&state)
        case .open where state.screen == .tasks: return openTask(&state)
        case .open: return open(&state)
        case .back where state.screen == .batches || state.screen == .log:
            show(&state, state.screenBeforePane)
        case .back where state.screen == .retire: return leaveRetirement(&state)
        case .back where state.screen == .lint: return leaveLint(&state)
        case .back where state.screen == .usedBy: return leaveUsedBy(&state)
        case .back where state.screen == .stores: return leaveStores(&state)
        case .back where state.screen == .usage: return leaveUsage(&state)
        case .back where state.screen == .tasks: return leaveTasks(&state)
        case .back where state.screen == .cache: return leaveCache(&state)
        case .back where state.screen == .lineages:
            state.screen = .list
            state.screenBeforePane = .list
        case .back:
            // A build opened from the lineages goes back to them.
            state.screen = state.screen == .detail && state.screenBeforePane == .lineages ? .lineages : .list
            if state.screen == .lineages { regroupLineages(&state) }
            if let old = state.detail?.refresh { state.requestsInFlight.remove(old) }
            state.detail = nil
        case .moveDown: return move(&state, .by(1))
        case .moveUp: return move(&state, .by(-1))
        case .pageDown: return move(&state, .page(1))
        case .pageUp: return move(&state, .page(-1))
        case .top: return move(&state, .to(0))
        case .bottom: return moveToEnd(&state)
        case .commandLine:
            state.prompt.input = .command(LineEditor())
            state.prompt.message = nil
            state.prompt.historyIndex = nil
        case .quickFilter where state.screen == .tasks && state.tasks?.opened != nil,
             .sortByColumn where state.screen == .tasks && state.tasks?.opened != nil:
            return []
        case .quickFilter:
            state.prompt.input = .quickFilter(LineEditor(activeTable(state)?.filter ?? state.catalog.quickFilter))
        case .clearQuickFilter:
            guard !state.catalog.quickFilter.isEmpty else { return [] }
            state.catalog.quickFilter = ""
            rebuildRows(&state)
        case .sortByColumn:
            guard case .char(let c) = key, let n = c.wholeNumberValue else { return [] }
            if activeTable(state) != nil {
                let height = tableHeight(state)
                updateActiveTable(&state) { $0.sort(byColumn: n - 1, height: height) }
                return []
            }
            return sortByColumn(&state, n)
        case .editProperties: return openEditor(&state)
        case .editValue, .addProperty, .removeProperty, .undoChange, .reviewChanges, .leaveEditor, .changeVisibility:
            return editorAction(&state, binding.action)
        // With images marked, a key's write goes to all of them, as the same `:` command would.
        // On a lineage's own row, the write goes to its every build.
        case .delete:
            return state.catalog.marks.isEmpty && state.screen != .lineages ? askToDelete(&state) : askBatch(&state, .delete)
        case .toggleActive:
            guard !state.catalog.marks.isEmpty || state.screen == .lineages else { return askToToggleActive(&state) }
            let reactivate = state.selectedImage?.status == .deactivated
            return askBatch(&state, .active(reactivate))
        case .acceptShare: return state.catalog.marks.isEmpty ? answerShare(&state, "accepted") : askBatch(&state, .answer(.accepted))
        case .rejectShare: return state.catalog.marks.isEmpty ? answerShare(&state, "rejected") : askBatch(&state, .answer(.rejected))
        case .resetShare: return state.catalog.marks.isEmpty ? answerShare(&state, "pending") : askBatch(&state, .answer(.pending))
        case .addTag, .removeTag:
            guard var editor = state.editor, editor.plan != nil else { return [] }
            if editor.isCreating {
                editor.message = "A new image gets its tags with it: edit the tags row (comma-separated)"
                editor.messageIsError = false
                state.editor = editor
                return []
            }
            let adding = binding.action == .addTag
            editor.prompt = adding ? .addTag(LineEditor()) : .removeTag(LineEditor())
            editor.message = adding ? nil : "Tags: " + (editor.plan?.loaded.tags.joined(separator: ", ") ?? "")
            editor.messageIsError = false
            state.editor = editor
        case .create:
            guard state.session != nil else { return [] }
            state.editor = .creating()
            state.screen = .editor
        case .members: return openMembers(&state)
        case .download: return askDownloadPath(&state)
        case .upload: return askUploadFile(&state)
        case .copyToStores: return askCopyStores(&state)
        case .transfers: return openTransfers(&state)
        case .cancelTransfer, .retryTransfer, .clearFinished, .dismissTransfer: return transfersAction(&state, binding.action)
        case .toggleMark where state.screen == .lineages: return toggleLineageMark(&state)
        case .toggleMark: return toggleMark(&state)
        case .confirm where state.screen == .retire: return confirmRetirement(&state)
        case .markAll: return applyMarks(&state, .all)
        case .clearMarks: return applyMarks(&state, .none)
        case .invertMarks: return applyMarks(&state, .invert)
        case .undo: return askUndo(&state)
        case .yankID: return yank(&state, .id)
        case .yankMenu: return openCopyMenu(&state)
        case .imageTasks:
            guard state.screen == .transfers else { return showTasks(&state, TasksCommand(ofSelectedImage: true)) }
            let entries = state.transfers.entries
            guard entries.indices.contains(state.transfers.selection), let image = entries[state.transfers.selection].imageID else {
                state.notice = "This transfer has no image yet"
                return []
            }
            return loadTasks(&state, imageID: image, query: TaskQuery())
        case .uncache:
            // x acts on the cache row under the cursor, whatever is marked in the list.
            guard let image = selectedCacheImage(state) else { return [] }
            return askBatch(&state, .cache(false), targets: [image])
        case .clearCache: return askClearCache(&state, .cache)
        case .clearCacheQueue: return askClearCache(&state, .queue)
        case .fixFindings: return askLintFixes(&state, all: false)
        case .fixAllFindings: return askLintFixes(&state, all: true)
        case .cancelBatch: return cancelShownBatch(&state)
        case .retryBatch: return retryShownBatch(&state)
        case .scrollHelpDown, .scrollHelpUp, .closeHelp, .confirm, .keepAsIs, .submitLine, .cancelLine, .completeLine,
             .olderLine, .newerLine, .saveReviewed, .backToEditing, .keepMine, .takeTheirs,
             .yankName, .yankURL, .yankCommand, .yankYAML, .copyChosen, .closeMenu:
            // Modes' actions, handled above where their scope is live.
            return []
        }
        return []
    }

    /// Drops a delete or deactivation waiting for Compute: what the user does before its question
    /// is on screen (a key, a click) must never meet that question as its answer.
    static func dropUseCheck(_ state: inout AppState) -> [Effect] {
        guard let gate = state.useCheck else { return [] }
        state.useCheck = nil
        state.requestsInFlight.remove(gate.id)
        return [.cancel(gate.id)]
    }

    static func quit(_ state: inout AppState) -> [Effect] {
        let running = state.transfers.running.count
        let batches = state.batches.running.count
        if running + batches > 0, state.confirmation == nil {
            var what: [String] = []
            if running > 0 { what.append(running == 1 ? "the running transfer" : "\(running) running transfers") }
            if batches > 0 { what.append(batches == 1 ? "the running batch (images not started are not written)" : "\(batches) running batches") }
            state.confirmation = Confirmation(
                question: "y quits and cancels " + what.joined(separator: " and ")
                    + (running > 0 ? " (downloads keep their .part to resume)" : "") + ", any other key stays",
                transferStep: .quitCancellingTransfers)
            return []
        }
        state.quitting = true
        return [.quit]
    }

    static func open(_ state: inout AppState) -> [Effect] {
        guard let image = state.selectedImage else { return [] }
        // From the list, back goes to the list (openInLineages says otherwise for its builds).
        if state.screen == .list { state.screenBeforePane = .list }
        state.screen = .detail
        state.detail = DetailState(image: image)
        return refreshDetail(&state)
    }

    enum Movement { case by(Int), page(Int), to(Int) }

    static func move(_ state: inout AppState, _ movement: Movement) -> [Effect] {
        switch state.screen {
        case .list:
            let count = state.catalog.rows.count, height = ScreenLayout.listRows(state.size)
            switch movement {
            case .by(let d): state.catalog.cursor.move(by: d, count: count, height: height)
            case .page(let d): state.catalog.cursor.page(d, count: count, height: height)
            case .to(let row): state.catalog.cursor.move(to: row, count: count, height: height)
            }
            return continueListingIfNeeded(&state)
        case .editor:
            moveEditorCursor(&state, movement)
            return []
        case .transfers:
            moveTransfersCursor(&state, movement)
            return []
        case .batches, .log:
            moveInPane(&state, movement)
            return []
        case .lineages:
            moveInLineages(&state, movement)
            return []
        case .retire:
            moveInRetirement(&state, movement)
            return []
        case .lint:
            moveInLint(&state, movement)
            return []
        case .usedBy, .stores, .cache:
            moveInTable(&state, movement)
            return []
        case .usage:
            return []
        case .tasks:
            moveInTasks(&state, movement)
            return []
        case .members:
            guard var pane = state.members else { return [] }
            let count = pane.members.count, height = ScreenLayout.editorRows(state.size)
            switch movement {
            case .by(let d): pane.cursor.move(by: d, count: count, height: height)
            case .page(let d): pane.cursor.page(d, count: count, height: height)
            case .to(let row): pane.cursor.move(to: row, count: count, height: height)
            }
            state.members = pane
            return []
        case .detail:
            guard var detail = state.detail else { return [] }
            let height = ScreenLayout.detailRows(state.size)
            switch movement {
            case .by(let d): detail.scroll += d
            case .page(let d): detail.scroll += d * max(1, height - 1)
            case .to(let row): detail.scroll = row
            }
            state.detail = detail
            clampDetail(&state)
            return []
        }
    }

    /// G: the last row; on the list, with pages still on the server, load them all first.
    static func moveToEnd(_ state: inout AppState) -> [Effect] {
        var effects = move(&state, .to(Int.max / 2))
        guard state.screen == .list else { return effects }
        switch state.catalog.listing {
        case .loading, .partial:
            state.catalog.jumpToEndWhenLoaded = true
            effects += continueListingIfNeeded(&state)
        default: break
        }
        return effects
    }

    static func clampDetail(_ state: inout AppState) {
        guard let detail = state.detail else { return }
        let rows = DetailLayout.rows(for: detail.image, width: state.size.width, groups: state.propertyGroups, unavailable: state.unavailableFields,
                                     tasks: detail.tasks).count
        let maxScroll = max(0, rows - ScreenLayout.detailRows(state.size))
        state.detail?.scroll = max(0, min(detail.scroll, maxScroll))
    }
}
