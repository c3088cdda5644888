import GlanceAPI

/// The property editor (`e`): one image, the changes staged against what was loaded, and where
/// the save is in its guarded sequence (show the diff, re-read, compare, PATCH, compare again).
public struct EditorState: Equatable, Sendable {
    public enum Phase: Equatable, Sendable {
        /// Waiting for the full image (the list keeps only compact copies).
        case loading(RequestID)
        case editing
        /// The staged changes as a diff; Enter sends them.
        case reviewing
        /// Re-reading the image just before sending, to compare with what was loaded.
        case checking(RequestID)
        /// Someone else changed what this edit touches: nothing was sent.
        case conflict([EditPlan.Conflict], current: Image)
        case saving(RequestID)
        /// Reading the image again after a change made outside the PATCH (a tag): the staged
        /// changes are kept and rebased on the answer.
        case refreshing(RequestID)
    }

    /// What the bottom line is being used for.
    public enum Prompt: Equatable, Sendable {
        case value(key: String, LineEditor)
        case newKey(LineEditor)
        case newValue(key: String, LineEditor)
        /// Tags change at once, one at a time (PUT/DELETE …/tags/{tag}), not with the PATCH.
        case addTag(LineEditor)
        case removeTag(LineEditor)
        /// Esc with unsaved changes: leave anyway?
        case confirmDiscard
    }

    public var imageID: String
    /// A new image (`c`): saving creates it with POST instead of patching.
    public var isCreating = false
    public var plan: EditPlan?
    public var phase: Phase
    public var prompt: Prompt?
    public var cursor = ListViewport()
    /// Why a value was refused, or what the server said; shown above the rows.
    public var message: String?
    public var messageIsError = false

    public init(imageID: String, loading request: RequestID) {
        self.imageID = imageID
        phase = .loading(request)
    }

    /// The create form: the same editor over an empty, queued image.
    public static func creating() -> EditorState {
        var editor = EditorState(imageID: "", loading: RequestID(0))
        editor.isCreating = true
        editor.plan = EditPlan(loaded: Image(id: EditorRows.newImageID, status: "queued", fields: [:]))
        editor.phase = .editing
        return editor
    }
}

/// One line of the editor: a property, its value as it will be saved, and whether it may change.
public struct EditorRow: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case core, readOnly, extra }
    public var key: String
    public var kind: Kind
    public var value: JSONValue?
    public var loaded: JSONValue?
    public var change: EditPlan.Change?
    public var lockReason: String?
    public var rule: PropertyRule?
}

public enum EditorRows {
    /// The placeholder id of a form's image; the real one comes from the server (or the id row).
    public static let newImageID = "(new)"

    /// Editable core attributes, in the order a person fills them in.
    public static let coreKeys = ["name", "visibility", "protected", "os_hidden", "min_disk", "min_ram", "tags",
                                  "disk_format", "container_format"]

    public static func rows(_ plan: EditPlan, rules: [String: PropertyRule]) -> [EditorRow] {
        let image = plan.loaded
        func rule(_ key: String, core: Bool) -> PropertyRule? {
            var r: PropertyRule? = EditorRules.rule(for: key, rules: rules)
            if (key == "disk_format" || key == "container_format"), image.status != "queued" {
                let existing = r?.readOnlyReason
                r?.readOnlyReason = existing ?? "can change only while the image is queued (it is \(image.status))"
            }
            return r
        }
        func row(_ key: String, _ kind: EditorRow.Kind, _ r: PropertyRule?) -> EditorRow {
            let locked = kind == .readOnly ? (r?.readOnlyReason ?? "set by Glance") : r?.readOnlyReason
            return EditorRow(key: key, kind: locked != nil && kind == .core ? .readOnly : kind, value: plan.value(key),
                             loaded: image.fields[key], change: plan.changes[key], lockReason: locked, rule: r)
        }
        var out = coreKeys.map { row($0, .core, rule($0, core: true)) }
        if image.id == newImageID {
            // A new image may be given its id (a UUID); Glance makes one otherwise. Nothing else
            // of a new image is set by Glance yet, so there are no read-only rows.
            let id: JSONValue? = if case .set(let v)? = plan.changes["id"] { v } else { nil }
            out.insert(EditorRow(key: "id", kind: .core, value: id, loaded: nil, change: plan.changes["id"],
                                 lockReason: nil, rule: EditorRules.newImageIDRule), at: 0)
            let extras = plan.order.filter { !Image.coreKeys.contains($0) }.sorted()
            return out + extras.map { row($0, .extra, EditorRules.rule(for: $0, rules: rules)) }
        }
        let readOnly = DetailLayout.coreOrder.filter { !coreKeys.contains($0) && image.fields[$0] != nil }
        out += readOnly.map { row($0, .readOnly, EditorRules.rule(for: $0, rules: rules)) }
        var extras = Set(image.fields.keys.filter { !Image.coreKeys.contains($0) })
        for key in plan.order where !Image.coreKeys.contains(key) { extras.insert(key) }
        out += extras.sorted().map { key in
            let r = EditorRules.rule(for: key, rules: rules)
            return row(key, r.isReadOnly ? .readOnly : .extra, r)
        }
        return out
    }
}
