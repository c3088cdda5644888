import GlanceAPI
import TerminalKit

/// The property editor: staging changes, and the guarded save (diff, re-read, compare, PATCH).
extension Update {
    static func openEditor(_ state: inout AppState) -> [Effect] {
        let image = state.screen == .detail ? state.detail?.image : state.selectedImage
        guard let image else { return [] }
        let id = state.makeRequestID()
        state.requestsInFlight.insert(id)
        state.editor = EditorState(imageID: image.id, loading: id)
        state.screen = .editor
        // Always the full, current image: the list holds compact copies, and an edit must start
        // from what the server has now.
        return [.loadImage(id, imageID: image.id)]
    }

    static func editorRows(_ state: AppState) -> [EditorRow] {
        guard let plan = state.editor?.plan else { return [] }
        return EditorRows.rows(plan, rules: state.rules)
    }

    /// Answers to the editor's own requests; nil when the answer was not the editor's.
    static func editorImageLoaded(_ state: inout AppState, _ id: RequestID, _ image: Image) -> [Effect]? {
        guard var editor = state.editor else { return nil }
        switch editor.phase {
        case .loading(id):
            editor.plan = EditPlan(loaded: image)
            editor.phase = .editing
        case .checking(id):
            guard var plan = editor.plan else { return nil }
            let conflicts = plan.conflicts(with: image)
            if conflicts.isEmpty {
                plan.loaded = image
                editor.plan = plan
                let save = state.makeRequestID()
                state.requestsInFlight.insert(save)
                editor.phase = .saving(save)
                state.editor = editor
                return [.patchImage(save, imageID: image.id, plan.operations)]
            }
            editor.phase = .conflict(conflicts, current: image)
            editor.message = "Someone else changed this image since you loaded it; nothing was sent"
            editor.messageIsError = true
        case .refreshing(id):
            editor.plan = editor.plan.map { $0.rebased(on: image) } ?? EditPlan(loaded: image)
            editor.phase = .editing
        default:
            return nil
        }
        state.editor = editor
        return []
    }

    static func editorImageFailed(_ state: inout AppState, _ id: RequestID, _ error: APIError) -> [Effect]? {
        guard var editor = state.editor else { return nil }
        switch editor.phase {
        case .loading(id):
            state.editor = nil
            state.screen = state.detail == nil ? .list : .detail
            state.lastError = "Cannot edit: " + error.userMessage
            return []
        case .refreshing(id), .checking(id):
            let beforeSaving = editor.phase == .checking(id)
            editor.phase = .editing
            editor.message = (beforeSaving ? "Could not re-read the image before saving; nothing was sent: "
                                           : "Could not read the image again: ") + error.userMessage
            editor.messageIsError = true
            state.editor = editor
            return []
        default:
            return nil
        }
    }

    static func imagePatched(_ state: inout AppState, _ id: RequestID, _ image: Image) -> [Effect] {
        state.requestsInFlight.remove(id)
        guard var editor = state.editor, editor.phase == .saving(id), let plan = editor.plan else { return [] }
        let surprises = plan.unexpected(in: image)
        editor.plan = EditPlan(loaded: image)
        editor.phase = .editing
        editor.message = surprises.isEmpty ? "Saved" : "Saved, but the server holds other values for: " + surprises.joined(separator: ", ")
        editor.messageIsError = !surprises.isEmpty
        state.editor = editor
        if let i = state.catalog.images.firstIndex(where: { $0.id == image.id }) {
            state.catalog.images[i] = state.summarize(image)
            state.catalog.searchKeys[i] = SearchKey(image)
        }
        if state.detail?.imageID == image.id { state.detail?.image = image }
        // A save of extra properties is kept as a finished write, so z can put them back.
        if let write = PatchOperation.asWrite(plan.operations) {
            var kept = Batch(id: state.batches.makeID(), title: write.summary,
                             items: [BatchItem(imageID: image.id, name: image.displayName, write: write,
                                               guarded: write.guardFrom(plan.loaded))])
            kept.rows[0].outcome = .done(before: plan.loaded)
            kept.finished = true
            state.batches.batches.append(kept)
        }
        return []
    }

    static func imageCreated(_ state: inout AppState, _ id: RequestID, _ image: Image) -> [Effect] {
        state.requestsInFlight.remove(id)
        guard let editor = state.editor, editor.isCreating, editor.phase == .saving(id) else { return [] }
        state.editor = nil
        state.screen = .list
        state.catalog.images.insert(state.summarize(image), at: 0)
        state.catalog.searchKeys.insert(SearchKey(image), at: 0)
        rebuildRows(&state, keeping: image.id)
        state.notice = "Created \(image.name ?? image.id) (\(image.status))"
        return []
    }

    static func imagePatchFailed(_ state: inout AppState, _ id: RequestID, _ error: APIError) -> [Effect] {
        state.requestsInFlight.remove(id)
        guard var editor = state.editor, editor.phase == .saving(id) else { return [] }
        if editor.isCreating {
            editor.phase = .editing
            editor.message = "Not created: " + error.userMessage
            editor.messageIsError = true
            state.editor = editor
            return []
        }
        // The server refused: keep the staged changes, and read the image again so what is shown
        // is what the server has, not a guess.
        let reload = state.makeRequestID()
        state.requestsInFlight.insert(reload)
        editor.phase = .checking(reload)
        editor.message = "Not saved: " + error.userMessage
        editor.messageIsError = true
        state.editor = editor
        return [.loadImage(reload, imageID: editor.imageID)]
    }

    static func editorAction(_ state: inout AppState, _ action: Action) -> [Effect] {
        guard var editor = state.editor else { return [] }
        let rows = editorRows(state)
        let row = rows.indices.contains(editor.cursor.cursor) ? rows[editor.cursor.cursor] : nil
        editor.message = nil
        switch action {
        case .editValue:
            guard let row else { return [] }
            if let reason = row.lockReason {
                editor.message = "\(row.key) is read-only: \(reason)"
                editor.messageIsError = true
            } else {
                editor.prompt = .value(key: row.key, LineEditor(EditorText.text(row.value, key: row.key)))
            }
        case .addProperty:
            editor.prompt = .newKey(LineEditor())
        case .removeProperty:
            guard let row else { return [] }
            if row.kind != .extra {
                editor.message = "\(row.key) cannot be removed" + (row.lockReason.map { ": \($0)" } ?? "; change its value instead")
                editor.messageIsError = true
            } else {
                editor.plan?.remove(row.key)
            }
        case .undoChange:
            guard let row else { return [] }
            editor.plan?.discard(row.key)
        case .reviewChanges:
            if editor.plan?.isEmpty ?? true {
                editor.message = "Nothing to save"
                editor.messageIsError = false
            } else {
                editor.phase = .reviewing
            }
        case .leaveEditor:
            if editor.plan?.isEmpty == false {
                editor.prompt = .confirmDiscard
            } else {
                return closeEditor(&state)
            }
        default:
            break
        }
        state.editor = editor
        return []
    }

    static func closeEditor(_ state: inout AppState) -> [Effect] {
        if let editor = state.editor {
            switch editor.phase {
            case .loading(let id), .checking(let id), .saving(let id), .refreshing(let id): state.requestsInFlight.remove(id)
            default: break
            }
        }
        state.editor = nil
        state.screen = state.detail == nil ? .list : .detail
        return []
    }

    static func moveEditorCursor(_ state: inout AppState, _ movement: Movement) {
        let count = editorRows(state).count
        let height = ScreenLayout.editorRows(state.size)
        guard var cursor = state.editor?.cursor else { return }
        switch movement {
        case .by(let d): cursor.move(by: d, count: count, height: height)
        case .page(let d): cursor.page(d, count: count, height: height)
        case .to(let row): cursor.move(to: row, count: count, height: height)
        }
        state.editor?.cursor = cursor
    }
}
