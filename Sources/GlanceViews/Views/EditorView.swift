import GlanceAPI
import GlanceCore
import TerminalKit

/// The property editor: every property with its staged value, locked ones with their reason;
/// a diff to review before saving, and theirs beside yours when someone else got there first.
enum EditorView {
    static func draw(_ state: AppState, theme: Theme, into buffer: inout ScreenBuffer) {
        guard let editor = state.editor else { return }
        guard let plan = editor.plan else {
            CenteredMessage.draw(["Loading the image…"], in: Rect(x: 0, y: 1, width: buffer.width, height: buffer.height - 2),
                                 headStyle: theme[.message], bodyStyle: theme[.message], escaped: theme[.escaped], into: &buffer)
            return
        }
        let rows = EditorRows.rows(plan, rules: state.rules)
        let selected = rows.indices.contains(editor.cursor.cursor) ? rows[editor.cursor.cursor] : nil
        drawMessage(editor, selected: selected, theme: theme, into: &buffer)
        let keyWidth = min(max(12, rows.map { DisplayWidth.of($0.key) }.max() ?? 12), buffer.width / 3)
        buffer.fill(Rect(x: 0, y: 2, width: buffer.width, height: 1), style: theme[.columnHeader])
        buffer.drawField("  PROPERTY", x: 0, y: 2, width: keyWidth + 3, style: theme[.columnHeader])
        buffer.drawField("VALUE", x: keyWidth + 4, y: 2, width: buffer.width - keyWidth - 4, style: theme[.columnHeader])
        let height = ScreenLayout.editorRows(state.size)
        let last = min(rows.count, editor.cursor.top + height)
        for (offset, i) in (editor.cursor.top..<last).enumerated() {
            drawRow(rows[i], selected: i == editor.cursor.cursor, marker: RowMarker(state), y: 3 + offset, keyWidth: keyWidth,
                    theme: theme, into: &buffer)
        }
        switch editor.phase {
        case .reviewing: drawReview(plan, keymap: state.keymap, theme: theme, into: &buffer)
        case .conflict(let conflicts, _): drawConflicts(conflicts, plan: plan, keymap: state.keymap, theme: theme, into: &buffer)
        default: break
        }
    }

    static func marker(_ row: EditorRow) -> String {
        switch row.change {
        case .remove?: "-"
        case .set?: row.loaded == nil ? "+" : "~"
        case nil: row.lockReason != nil ? "·" : " "
        }
    }

    static func drawRow(_ row: EditorRow, selected: Bool, marker rowMarker: RowMarker, y: Int, keyWidth: Int, theme: Theme,
                        into buffer: inout ScreenBuffer) {
        let locked = row.lockReason != nil
        let highlighted = rowMarker.highlights(selected)
        let base: Role = highlighted ? .rowSelected : (locked ? .rowDim : .row)
        buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1), style: theme[base])
        let changed = row.change != nil && !highlighted
        buffer.draw(" " + marker(row) + " ", x: 0, y: y, style: theme[changed ? .fieldNote : base])
        // The leading space is the cursor's at low bandwidth; the change mark keeps its cell.
        rowMarker.drawGlyph(selected: selected, x: 0, y: y, rowStyle: theme[base], theme: theme, into: &buffer)
        buffer.drawField(row.key, x: 3, y: y, width: keyWidth, style: theme[highlighted ? base : (locked ? .rowDim : .fieldKey)],
                         escapedStyle: theme[.escaped])
        var text: String
        switch row.change {
        case .remove?: text = "(removed; was " + EditorText.text(row.loaded, key: row.key) + ")"
        case .set(let v)?:
            text = row.loaded == nil ? EditorText.text(v, key: row.key)
                : EditorText.text(row.loaded, key: row.key) + " → " + EditorText.text(v, key: row.key)
        case nil: text = row.value == nil ? "(none)" : EditorText.text(row.value, key: row.key)
        }
        if let reason = row.lockReason, selected { text += "   [locked: \(reason)]" }
        buffer.drawField(text, x: keyWidth + 4, y: y, width: buffer.width - keyWidth - 4,
                         style: theme[changed ? .fieldNote : base], escapedStyle: theme[.escaped])
    }

    /// Line 1: the last message, else what the selected property is and what it accepts.
    static func drawMessage(_ editor: EditorState, selected: EditorRow?, theme: Theme, into buffer: inout ScreenBuffer) {
        let text: String
        let role: Role
        if let message = editor.message {
            text = message
            role = editor.messageIsError ? .inputError : .statusBarNotice
        } else if let row = selected {
            let rule = row.rule
            var parts: [String] = []
            if let d = rule?.description, !d.isEmpty { parts.append(d) }
            if let r = rule, row.lockReason == nil { parts.append(r.summary + " — " + r.source) }
            if let reason = row.lockReason { parts.append("read-only: " + reason) }
            text = parts.isEmpty ? row.key : parts.joined(separator: " · ")
            role = .rowDim
        } else {
            text = ""
            role = .rowDim
        }
        buffer.drawField(" " + text, x: 0, y: 1, width: buffer.width, style: theme[role], escapedStyle: theme[.escaped])
    }

    static func drawReview(_ plan: EditPlan, keymap: Keymap, theme: Theme, into buffer: inout ScreenBuffer) {
        if plan.loaded.id == EditorRows.newImageID {
            var lines = ["A new image with (\(keymap.name(of: .saveReviewed, in: .review)) creates it, \(keymap.name(of: .backToEditing, in: .review)) goes back):", ""]
            for (k, v) in plan.newImageFields.sorted(by: { $0.key < $1.key }) { lines.append("\(k) = \(EditorText.text(v, key: k))") }
            lines += ["", "It starts queued, waiting for its data."]
            Dialog.draw(title: " Create ", lines: lines, theme: theme, into: &buffer)
            return
        }
        var lines = ["Changes to send as one PATCH (\(keymap.name(of: .saveReviewed, in: .review)) sends, \(keymap.name(of: .backToEditing, in: .review)) goes back):", ""]
        for op in plan.operations {
            switch op {
            case .add(let k, let v): lines.append("+ \(k) = \(EditorText.text(v, key: k))")
            case .replace(let k, let v):
                lines.append("~ \(k): \(EditorText.text(plan.loaded.fields[k], key: k)) → \(EditorText.text(v, key: k))")
            case .remove(let k): lines.append("- \(k) (was \(EditorText.text(plan.loaded.fields[k], key: k)))")
            }
        }
        lines += ["", "Before sending, the image is read again; if anyone changed it, nothing is sent.", "",
                  keymap.hints(for: .review, session: nil)]
        Dialog.draw(title: " Review ", lines: lines, theme: theme, into: &buffer)
    }

    static func drawConflicts(_ conflicts: [EditPlan.Conflict], plan: EditPlan, keymap: Keymap, theme: Theme, into buffer: inout ScreenBuffer) {
        var lines = ["Someone changed this image after you loaded it. Nothing was sent.", ""]
        for c in conflicts {
            let yours: String = switch c.yours {
            case .set(let v): EditorText.text(v, key: c.key)
            case .remove: "(remove)"
            }
            lines.append("\(c.key)")
            lines.append("   you loaded: \(c.loaded.map { EditorText.text($0, key: c.key) } ?? "(none)")")
            lines.append("   theirs now: \(c.theirs.map { EditorText.text($0, key: c.key) } ?? "(none)")")
            lines.append(plan.changes[c.key] == nil ? "   yours:      (not changed by you)" : "   yours:      \(yours)")
        }
        lines += ["", keymap.hints(for: .conflict, session: nil)]
        Dialog.draw(title: " Conflict ", lines: lines, theme: theme, into: &buffer)
    }
}

/// A framed box of wrapped lines in the middle of the screen.
enum Dialog {
    /// Clears and frames a centred box with a title in its top edge; returns the box.
    static func frame(width: Int, height: Int, title: String, theme: Theme, into buffer: inout ScreenBuffer) -> Rect {
        let box = Rect(x: (buffer.width - width) / 2, y: (buffer.height - height) / 2, width: width, height: height)
        buffer.fill(box, style: theme[.helpText])
        let frame = theme[.helpFrame]
        let horizontal = String(repeating: "─", count: width - 2)
        buffer.draw("┌" + horizontal + "┐", x: box.x, y: box.y, style: frame)
        buffer.draw("└" + horizontal + "┘", x: box.x, y: box.maxY - 1, style: frame)
        buffer.draw(title, x: box.x + 2, y: box.y, maxX: box.maxX - 1, style: theme[.helpKey])
        for y in (box.y + 1)..<(box.maxY - 1) {
            buffer.draw("│", x: box.x, y: y, style: frame)
            buffer.draw("│", x: box.maxX - 1, y: y, style: frame)
        }
        return box
    }

    static func draw(title: String, lines: [String], theme: Theme, into buffer: inout ScreenBuffer) {
        let width = min(buffer.width - 2, 76)
        guard width >= 12 else { return }
        let wrapped = lines.flatMap { $0.isEmpty ? [""] : TextLayout.wrap($0, width: width - 4) }
        let height = min(buffer.height - 2, wrapped.count + 2)
        guard height >= 3 else { return }
        let box = frame(width: width, height: height, title: title, theme: theme, into: &buffer)
        for (i, line) in wrapped.prefix(height - 2).enumerated() {
            buffer.drawField(line, x: box.x + 2, y: box.y + 1 + i, width: width - 4, style: theme[.helpText], escapedStyle: theme[.escaped])
        }
    }
}
