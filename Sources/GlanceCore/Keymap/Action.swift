/// What a key asks for. Keys map to actions through `Keymap`; `update` acts on actions.
public enum Action: String, Hashable, Sendable, CaseIterable {
    case moveDown, moveUp, pageDown, pageUp, top, bottom
    case open, back, quit, refresh, toggleHelp, redraw
    case sortByColumn, clearQuickFilter
    case editValue, addProperty, removeProperty, undoChange, reviewChanges, leaveEditor
    case addTag, removeTag, toggleActive
    case acceptShare, rejectShare, resetShare, changeVisibility
    case copyToStores, cancelTransfer, retryTransfer, clearFinished, dismissTransfer
    case toggleMark, markAll, clearMarks, invertMarks, undo, cancelBatch, retryBatch
    case fixFindings, fixAllFindings
    case uncache, clearCache, clearCacheQueue
    case imageTasks
    case yankID, yankMenu
    // The copy menu's choices (yankID is its first), Enter on the highlighted one, and Esc.
    case yankName, yankURL, yankCommand, yankYAML, copyChosen, closeMenu
    case quickFilter, commandLine, editProperties, members, download, upload, transfers, create, delete
    // The modes that capture keys: help, a question, a line being typed, a review, a conflict.
    case scrollHelpDown, scrollHelpUp, closeHelp
    case confirm, keepAsIs
    case submitLine, cancelLine, completeLine, olderLine, newerLine
    case saveReviewed, backToEditing, keepMine, takeTheirs
}

/// Where a binding applies: a pane, or a mode that takes every key while it lasts.
public enum KeyScope: Hashable, Sendable, CaseIterable {
    case everywhere, list, detail, editor, members, transfers, batches, log
    /// `:lineage`'s folded lineages.
    case lineages
    /// `:retire`'s plan, waiting for y.
    case retire
    /// `:lint`'s findings.
    case lint
    /// `:used-by`'s servers.
    case usedBy
    /// `:stores`.
    case stores
    /// `:usage`.
    case usage
    /// `:tasks`.
    case tasks
    /// `:cache`.
    case cache
    /// The help overlay.
    case help
    /// A question on the bottom line (delete? overwrite? leave without saving?).
    case question
    /// A line being typed: the command line, the `/` filter, a prompt. Other keys edit the line.
    case line
    /// The editor's diff of unsaved changes.
    case review
    /// The editor's "someone else changed it" comparison.
    case conflict
    /// The editor while it reads or writes: only leaving is possible.
    case editorBusy
    /// `Y`'s menu of what to copy.
    case copyMenu

    public var title: String {
        switch self {
        case .everywhere: "Everywhere"
        case .list: "Image list"
        case .detail: "Image detail"
        case .editor: "Property editor"
        case .members: "Members"
        case .transfers: "Transfers"
        case .batches: "Batches (:batches)"
        case .log: "Command log (:log)"
        case .lineages: "Lineages (:lineage)"
        case .retire: "Retirement plan (:retire)"
        case .lint: "Lint findings (:lint)"
        case .usedBy: "Servers using an image (:used-by)"
        case .stores: "Stores (:stores)"
        case .usage: "Quotas (:usage)"
        case .tasks: "Tasks (:tasks)"
        case .cache: "Image cache (:cache)"
        case .help: "This help"
        case .question: "A question on the bottom line"
        case .line: "Typing a line (:, /, prompts)"
        case .review: "Reviewing changes"
        case .conflict: "Someone else changed the image"
        case .editorBusy: "While the editor reads or saves"
        case .copyMenu: "Copy menu"
        }
    }
}
