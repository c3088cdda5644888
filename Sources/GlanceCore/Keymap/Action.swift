/// What a key asks for. Keys map to actions through `Keymap`; `update` acts on actions.
public enum Action: Hashable, Sendable {
    case moveDown, moveUp, pageDown, pageUp, top, bottom
    case open, back, quit, refresh, toggleHelp, redraw
    case sortByColumn, clearQuickFilter
    case editValue, addProperty, removeProperty, undoChange, reviewChanges, leaveEditor
    case addTag, removeTag, toggleActive
    case acceptShare, rejectShare, resetShare, changeVisibility
    case copyToStores, cancelTransfer, retryTransfer, clearFinished
    case toggleMark, markAll, clearMarks, invertMarks, undo, cancelBatch, retryBatch
    // Reserved now so that the keys stay the same when the capabilities arrive.
    case quickFilter, commandLine,
    editProperties, members, download, upload, transfers, create, delete
}

/// Where a binding applies.
public enum KeyScope: Hashable, Sendable, CaseIterable {
    case everywhere, list, detail, editor, members, transfers, batches, log

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
        }
    }
}
