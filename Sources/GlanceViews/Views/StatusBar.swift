import GlanceAPI
import GlanceCore
import TerminalKit

/// The bottom row: spinner, where we are (cloud, region, project), how much is loaded, and the
/// last error or notice, which gets the room it needs before the rest. While a line is being
/// typed (`:` or `/`), the row is that line instead.
enum StatusBar {
    static let spinnerFrames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    static func draw(_ state: AppState, theme: Theme, into buffer: inout ScreenBuffer) {
        switch state.prompt.input {
        case .command(let editor):
            InputLine.draw(prompt: ":", editor: editor, trailer: nil, theme: theme, into: &buffer)
            if let message = state.prompt.message {
                InputLine.drawMessage(message, isError: true, theme: theme, into: &buffer)
            } else if !state.prompt.candidates.isEmpty {
                InputLine.drawMessage(state.prompt.candidates.joined(separator: "  "), isError: false, theme: theme, into: &buffer)
            }
            return
        case .quickFilter(let editor):
            InputLine.draw(prompt: "/", editor: editor, trailer: matchCount(state), theme: theme, into: &buffer)
            return
        case .transfer(let prompt, let editor):
            let options = state.transfers.importOptions
            InputLine.draw(prompt: Update.promptLabel(prompt, options: options), editor: editor, trailer: nil, theme: theme, into: &buffer)
            if let message = state.prompt.message {
                InputLine.drawMessage(message, isError: true, theme: theme, into: &buffer)
            } else if let notice = state.notice {
                InputLine.drawMessage(notice, isError: false, theme: theme, into: &buffer)
            } else if !prompt.choices(options).isEmpty {
                InputLine.drawMessage(choicesLine(prompt, options), isError: false, theme: theme, into: &buffer)
            }
            return
        case .typedConfirmation(let plan, let editor):
            InputLine.draw(prompt: "type \(plan.items.count) to delete \(plan.items.count == 1 ? "it" : "them") (\(state.keymap.name(of: .cancelLine, in: .line)) keeps them): ",
                           editor: editor, trailer: nil, theme: theme, into: &buffer)
            if let message = state.prompt.message { InputLine.drawMessage(message, isError: true, theme: theme, into: &buffer) }
            return
        case .keys:
            break
        }
        // The transfers indicator keeps the right end; what is drawn before it gets the rest.
        let indicator = transfersIndicator(state, width: buffer.width)
        var buffer2 = ScreenBuffer(width: buffer.width - DisplayWidth.of(indicator), height: buffer.height)
        if indicator.isEmpty {
            drawKeysLine(state, theme: theme, into: &buffer)
        } else {
            drawKeysLine(state, theme: theme, into: &buffer2)
            let y = buffer.height - 1
            buffer.copyRow(from: buffer2, y: y)
            buffer.draw(indicator, x: buffer2.width, y: y, style: theme[.statusBarNotice])
        }
    }

    static func drawKeysLine(_ state: AppState, theme: Theme, into buffer: inout ScreenBuffer) {
        if let confirmation = state.confirmation {
            buffer.drawField(" " + confirmation.question, x: 0, y: buffer.height - 1, width: buffer.width,
                             style: theme[.statusBarNotice], escapedStyle: theme[.escaped])
            return
        }
        if state.screen == .editor, let editor = state.editor,
           drawEditorLine(editor, session: state.session, keymap: state.keymap, theme: theme, into: &buffer) { return }
        if state.screen == .members, let pane = state.members {
            return drawMembersLine(pane, session: state.session, keymap: state.keymap, theme: theme, into: &buffer)
        }
        // The panes whose hints are the status bar's line; the others draw their own.
        let scope = KeyScope(state.screen)
        let paneScope: KeyScope? = [.batches, .lineages, .retire, .lint, .usedBy, .stores, .usage, .tasks, .cache]
            .contains(scope) ? scope : nil
        if let paneScope, state.notice == nil, state.lastError == nil {
            buffer.drawField(" " + state.keymap.hints(for: paneScope, session: state.session), x: 0, y: buffer.height - 1,
                             width: buffer.width, style: theme[.statusBar])
            return
        }
        let y = buffer.height - 1
        buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1), style: theme[.statusBar])
        var x = 0
        // Low bandwidth: a still sign that work is under way, since a spinner is a redraw a tenth of a second.
        let spinner = !state.isBusy ? " " : state.lowBandwidth ? "…" : spinnerFrames[state.spinnerFrame % spinnerFrames.count]
        x = buffer.draw(" " + spinner + " ", x: x, y: y, style: theme[.spinner])
        var info = location(state) + " │ " + loaded(state)
        if !state.catalog.quickFilter.isEmpty { info += " │ /" + state.catalog.quickFilter + " " + matchCount(state) }
        if let message = state.lastError ?? state.notice {
            let role: Role = state.lastError != nil ? .statusBarError : .statusBarNotice
            let room = buffer.width - x
            let infoWidth = min(DisplayWidth.of(info) + 1, max(0, room - min(room, DisplayWidth.of(message) + 2)))
            if infoWidth > 0 { buffer.drawField(info, x: x, y: y, width: infoWidth, style: theme[.statusBar], escapedStyle: theme[.escaped]) }
            buffer.drawField(" " + message, x: x + infoWidth, y: y, width: buffer.width - x - infoWidth,
                             style: theme[role], escapedStyle: theme[.escaped])
        } else {
            buffer.drawField(info, x: x, y: y, width: buffer.width - x, style: theme[.statusBar],
                             escapedStyle: theme[.escaped])
        }
    }

    /// "⇅ 2 45%" while transfers run, "⇶ 12/40" while a batch does and "1 interrupted (t)"
    /// while an earlier run's transfers wait to be resumed, whatever the pane; empty otherwise.
    static func transfersIndicator(_ state: AppState, width: Int) -> String {
        guard state.confirmation == nil else { return "" }
        var text = ""
        let running = state.transfers.running.count
        if running > 0 {
            let percent = TransferText.percent(state.transfers.runningFraction)
            text += " ⇅ \(running)" + (percent.isEmpty ? "" : " " + percent) + " "
        }
        if let batch = state.batches.running.last {
            text += " ⇶ \(batch.ended)/\(batch.rows.count) "
        }
        let interrupted = state.transfers.interrupted.count
        if interrupted > 0 { text += " \(interrupted) interrupted (t) " }
        return width > DisplayWidth.of(text) + 10 ? text : ""
    }

    static func choicesLine(_ prompt: TransferPrompt, _ options: ImportOptions?) -> String {
        switch prompt {
        case .uploadStore, .copyStores:
            return (options?.stores ?? []).filter { !$0.isReadOnly }.map { store in
                store.id + (store.isDefault ? " (default)" : "") + (store.description.map { ": " + $0 } ?? "")
            }.joined(separator: " · ")
        default:
            return prompt.choices(options).joined(separator: " ")
        }
    }

    /// The editor's prompts and progress take the bottom line; false when there is none.
    static func drawEditorLine(_ editor: EditorState, session: SessionInfo?, keymap: Keymap, theme: Theme, into buffer: inout ScreenBuffer) -> Bool {
        switch editor.prompt {
        case .value(let key, let line)?:
            InputLine.draw(prompt: key + ": ", editor: line, trailer: nil, theme: theme, into: &buffer)
        case .newKey(let line)?:
            InputLine.draw(prompt: "new property name: ", editor: line, trailer: nil, theme: theme, into: &buffer)
        case .newValue(let key, let line)?:
            InputLine.draw(prompt: key + " = ", editor: line, trailer: nil, theme: theme, into: &buffer)
        case .addTag(let line)?:
            InputLine.draw(prompt: "add tag: ", editor: line, trailer: nil, theme: theme, into: &buffer)
        case .removeTag(let line)?:
            InputLine.draw(prompt: "remove tag: ", editor: line, trailer: nil, theme: theme, into: &buffer)
        case .confirmDiscard?:
            let y = buffer.height - 1
            buffer.drawField(" Unsaved changes: y leaves without saving them, any other key stays", x: 0, y: y,
                             width: buffer.width, style: theme[.statusBarNotice])
        case nil:
            let text: String
            switch editor.phase {
            case .loading: text = "loading the image…"
            case .checking: text = "reading the image again to check for changes by others…"
            case .saving: text = "saving…"
            case .refreshing: text = "reading the image again…"
            case .editing: text = keymap.hints(for: .editor, session: session)
            case .reviewing, .conflict: return false
            }
            let y = buffer.height - 1
            buffer.drawField(" " + text, x: 0, y: y, width: buffer.width, style: theme[.statusBar])
        }
        return true
    }

    static func drawMembersLine(_ pane: MembersState, session: SessionInfo?, keymap: Keymap, theme: Theme, into buffer: inout ScreenBuffer) {
        let y = buffer.height - 1
        switch pane.prompt {
        case .addMember(let line)?:
            InputLine.draw(prompt: "add project (name or id): ", editor: line, trailer: nil, theme: theme, into: &buffer)
        case .visibility(let line)?:
            InputLine.draw(prompt: "visibility: ", editor: line, trailer: nil, theme: theme, into: &buffer)
        case .confirmShare(let project)?:
            buffer.drawField(" y makes it shared and adds \(project), any other key keeps it: only shared images have members",
                             x: 0, y: y, width: buffer.width, style: theme[.statusBarNotice], escapedStyle: theme[.escaped])
        case .confirmRemove(let entry)?:
            buffer.drawField(" y removes \(entry.projectName ?? entry.member.memberID), any other key keeps it",
                             x: 0, y: y, width: buffer.width, style: theme[.statusBarNotice], escapedStyle: theme[.escaped])
        case nil:
            buffer.drawField(" " + keymap.hints(for: .members, session: session), x: 0, y: y, width: buffer.width,
                             style: theme[.statusBar])
        }
    }

    static func matchCount(_ state: AppState) -> String {
        "\(CountFormat.grouped(state.catalog.rows.count)) of \(CountFormat.grouped(state.catalog.images.count)) match"
    }

    static func location(_ state: AppState) -> String {
        guard let s = state.session else { return state.cloudName }
        return [s.cloud, s.region, s.projectName ?? s.projectID].compactMap { $0 }.joined(separator: " │ ")
    }

    static func marked(_ state: AppState) -> String {
        state.catalog.marks.isEmpty ? "" : " · \(CountFormat.grouped(state.catalog.marks.count)) marked"
    }

    static func loaded(_ state: AppState) -> String {
        let count = CountFormat.grouped(state.catalog.images.count)
        switch state.catalog.listing {
        case .idle: return "—"
        case .loading(_, let pages):
            if pages == 0 && state.catalog.images.isEmpty { return "loading…" }
            return state.catalog.jumpToEndWhenLoaded ? "loading all… \(count) images" : "\(count) images, loading…"
        case .partial: return "\(count) images loaded, more on the server (G loads all)"
        case .complete: return (state.catalog.images.count == 1 ? "1 image" : "\(count) images") + marked(state)
        case .failed: return "\(count) images (incomplete)"
        }
    }
}

/// A line being typed, drawn on the bottom row with a visible cursor (the terminal's own cursor
/// stays hidden), scrolled so the cursor is always on screen.
enum InputLine {
    static func draw(prompt: String, editor: LineEditor, trailer: String?, theme: Theme, into buffer: inout ScreenBuffer) {
        let y = buffer.height - 1
        buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1), style: theme[.inputLine])
        var right = buffer.width
        if let trailer, DisplayWidth.of(trailer) + 12 < buffer.width {
            right = buffer.width - DisplayWidth.of(trailer) - 1
            buffer.draw(trailer, x: right + 1, y: y, style: theme[.rowDim])
        }
        let x0 = buffer.draw(prompt, x: 0, y: y, style: theme[.inputLine])
        let room = max(1, right - x0 - 1)
        let chars = Array(editor.text)
        // Scroll so the cursor stays visible: show a window ending at the cursor when needed.
        var start = 0
        while DisplayWidth.of(String(chars[start..<editor.cursor])) >= room { start += 1 }
        var x = x0
        for (i, ch) in chars.enumerated().dropFirst(start) {
            let style = i == editor.cursor ? theme[.inputCursor] : theme[.inputLine]
            let next = buffer.draw(String(ch), x: x, y: y, maxX: right, style: style, escapedStyle: theme[.escaped])
            if next == x { break }
            x = next
        }
        if editor.cursor >= chars.count, x < right { buffer.draw(" ", x: x, y: y, style: theme[.inputCursor]) }
    }

    /// The line above the input: why a command was refused, or the completion candidates.
    static func drawMessage(_ message: String, isError: Bool, theme: Theme, into buffer: inout ScreenBuffer) {
        let y = buffer.height - 2
        guard y >= 0 else { return }
        buffer.drawField(" " + message, x: 0, y: y, width: buffer.width, style: theme[isError ? .inputError : .statusBarNotice],
                         escapedStyle: theme[.escaped])
    }
}
