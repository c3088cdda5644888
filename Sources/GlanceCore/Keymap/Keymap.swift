import GlanceAPI
import TerminalKit

/// One row of the key table: the keys, what they do, where, and the help text. The help overlay
/// is generated from the same rows that dispatch keys, so it cannot fall out of date.
public struct KeyBinding: Equatable, Sendable {
    public var keys: [Key]
    public var action: Action
    public var scope: KeyScope
    public var help: String
    /// Set for reserved keys whose capability is not in this version; the help shows it dimmed.
    public var unavailableReason: String?
    /// What the session's backend must conform to for the key to act; without it the key says
    /// why, and the help shows it dimmed.
    public var needs: ImageCapability?

    public init(keys: [Key], action: Action, scope: KeyScope, help: String, unavailableReason: String? = nil,
                needs: ImageCapability? = nil) {
        self.keys = keys
        self.action = action
        self.scope = scope
        self.help = help
        self.unavailableReason = unavailableReason
        self.needs = needs ?? Self.capability(needed: action)
    }

    /// The capability an action writes or reads through, stated once for every binding of it.
    static func capability(needed action: Action) -> ImageCapability? {
        switch action {
        case .download: .download
        case .upload: .upload
        case .copyToStores: .importData
        case .members, .acceptShare, .rejectShare, .resetShare: .members
        case .addTag, .removeTag: .tags
        case .create: .create
        case .toggleActive: .deactivate
        case .changeVisibility: .visibility
        case .delete: .delete
        case .editProperties: .edit
        default: nil
        }
    }

    /// Why the key cannot act in this session, or nil when it can.
    public func unavailable(in session: SessionInfo?) -> String? {
        if let unavailableReason { return unavailableReason }
        guard let needs, let session else { return nil }
        return session.refusal(needs)
    }
}

public enum Keymap {
    static let later = "not in this version yet"

    public static let bindings: [KeyBinding] = [
        KeyBinding(keys: [.char("j"), .down], action: .moveDown, scope: .everywhere, help: "down one row"),
        KeyBinding(keys: [.char("k"), .up], action: .moveUp, scope: .everywhere, help: "up one row"),
        KeyBinding(keys: [.pageDown, .ctrl("f")], action: .pageDown, scope: .everywhere, help: "down one page"),
        KeyBinding(keys: [.char(" ")], action: .pageDown, scope: .detail, help: "down one page"),
        KeyBinding(keys: [.char(" ")], action: .toggleMark, scope: .list, help: "mark or unmark, then down (writes go to the marked)"),
        KeyBinding(keys: [.ctrl("a")], action: .markAll, scope: .list, help: "mark every image shown (:mark all)"),
        // Not Ctrl-\: under cbreak the terminal turns it into SIGQUIT, which would kill the program.
        KeyBinding(keys: [.ctrl("n")], action: .clearMarks, scope: .list, help: "clear the marks (:mark none)"),
        KeyBinding(keys: [.char("*")], action: .invertMarks, scope: .list, help: "invert the marks of those shown (:mark invert)"),
        KeyBinding(keys: [.char("x"), .delete], action: .cancelBatch, scope: .batches, help: "cancel the running batch"),
        KeyBinding(keys: [.char("R")], action: .retryBatch, scope: .batches, help: "retry what failed or conflicted"),
        KeyBinding(keys: [.escape, .char("q"), .left], action: .back, scope: .batches, help: "back"),
        KeyBinding(keys: [.escape, .char("q"), .left], action: .back, scope: .log, help: "back"),
        KeyBinding(keys: [.pageUp, .ctrl("b")], action: .pageUp, scope: .everywhere, help: "up one page"),
        KeyBinding(keys: [.char("g"), .home], action: .top, scope: .everywhere, help: "first row"),
        KeyBinding(keys: [.char("G"), .end], action: .bottom, scope: .everywhere, help: "last row"),
        KeyBinding(keys: [.char("r"), .ctrl("r")], action: .refresh, scope: .everywhere, help: "reload from the server"),
        KeyBinding(keys: [.char("?"), .function(1)], action: .toggleHelp, scope: .everywhere, help: "this help"),
        KeyBinding(keys: [.ctrl("l")], action: .redraw, scope: .everywhere, help: "redraw the screen"),
        KeyBinding(keys: [.enter, .char("l"), .right], action: .open, scope: .list, help: "open the image's details"),
        KeyBinding(keys: [.char("q")], action: .quit, scope: .list, help: "quit"),
        KeyBinding(keys: (1...9).map { Key.char(Character(String($0))) }, action: .sortByColumn, scope: .list,
                   help: "sort by the Nth column (again: reverse)"),
        KeyBinding(keys: [.char("/")], action: .quickFilter, scope: .list, help: "filter the loaded rows (Esc clears)"),
        KeyBinding(keys: [.escape], action: .clearQuickFilter, scope: .list, help: "clear the / filter"),
        KeyBinding(keys: [.escape, .char("q"), .char("h"), .left, .backspace], action: .back, scope: .detail, help: "back to the list"),
        KeyBinding(keys: [.ctrl("c")], action: .quit, scope: .everywhere, help: "quit"),
        KeyBinding(keys: [.char(":")], action: .commandLine, scope: .everywhere, help: "command line (Tab completes)"),
        KeyBinding(keys: [.char("e")], action: .editProperties, scope: .list, help: "edit the image's properties"),
        KeyBinding(keys: [.char("e")], action: .editProperties, scope: .detail, help: "edit the image's properties"),
        KeyBinding(keys: [.enter, .char("e")], action: .editValue, scope: .editor, help: "change the value"),
        KeyBinding(keys: [.char("a")], action: .addProperty, scope: .editor, help: "add a property"),
        KeyBinding(keys: [.char("d"), .delete], action: .removeProperty, scope: .editor, help: "remove the property"),
        KeyBinding(keys: [.char("u")], action: .undoChange, scope: .editor, help: "undo the change on this row"),
        KeyBinding(keys: [.char("s")], action: .reviewChanges, scope: .editor, help: "review the changes, then Enter saves"),
        KeyBinding(keys: [.escape, .char("q")], action: .leaveEditor, scope: .editor, help: "leave (asks if changes are unsaved)"),
        KeyBinding(keys: [.char("m")], action: .members, scope: .list, help: "members: who the image is shared with"),
        KeyBinding(keys: [.char("m")], action: .members, scope: .detail, help: "members: who the image is shared with"),
        KeyBinding(keys: [.char("a")], action: .addProperty, scope: .members, help: "add a member (project name or id)"),
        KeyBinding(keys: [.char("d"), .delete], action: .removeProperty, scope: .members, help: "remove the member (asks first)"),
        KeyBinding(keys: [.char("v")], action: .changeVisibility, scope: .members, help: "change the image's visibility"),
        KeyBinding(keys: [.escape, .char("q")], action: .leaveEditor, scope: .members, help: "back"),
        KeyBinding(keys: [.char("d")], action: .download, scope: .list, help: "download the image's data (verified, resumable)"),
        KeyBinding(keys: [.char("d")], action: .download, scope: .detail, help: "download the image's data (verified, resumable)"),
        KeyBinding(keys: [.char("u")], action: .upload, scope: .list, help: "upload a file as a new image"),
        KeyBinding(keys: [.char("C")], action: .copyToStores, scope: .list, help: "copy the image's data to more stores"),
        KeyBinding(keys: [.char("C")], action: .copyToStores, scope: .detail, help: "copy the image's data to more stores"),
        KeyBinding(keys: [.char("t")], action: .transfers, scope: .everywhere, help: "transfers: progress of downloads and uploads"),
        KeyBinding(keys: [.char("z")], action: .undo, scope: .everywhere, help: "undo the last write that can be undone (asks)"),
        KeyBinding(keys: [.char("x"), .delete], action: .cancelTransfer, scope: .transfers, help: "cancel the transfer (asks first)"),
        KeyBinding(keys: [.char("R")], action: .retryTransfer, scope: .transfers, help: "start a failed or cancelled transfer again (downloads resume)"),
        KeyBinding(keys: [.char("c")], action: .clearFinished, scope: .transfers, help: "clear finished transfers from the list"),
        KeyBinding(keys: [.char("u")], action: .upload, scope: .transfers, help: "upload a file as a new image"),
        KeyBinding(keys: [.escape, .char("q"), .char("t"), .left], action: .back, scope: .transfers, help: "back"),
        KeyBinding(keys: [.char("c")], action: .create, scope: .list, help: "create an image (a form)"),
        KeyBinding(keys: [.char("D")], action: .delete, scope: .list, help: "delete the image (asks first)"),
        KeyBinding(keys: [.char("D")], action: .delete, scope: .detail, help: "delete the image (asks first)"),
        KeyBinding(keys: [.char("X")], action: .toggleActive, scope: .list, help: "deactivate or reactivate (admin)"),
        KeyBinding(keys: [.char("X")], action: .toggleActive, scope: .detail, help: "deactivate or reactivate (admin)"),
        KeyBinding(keys: [.char("A")], action: .acceptShare, scope: .list, help: "accept an image shared with your project"),
        KeyBinding(keys: [.char("R")], action: .rejectShare, scope: .list, help: "reject an image shared with your project"),
        KeyBinding(keys: [.char("P")], action: .resetShare, scope: .list, help: "set a shared image back to pending"),
        KeyBinding(keys: [.char("A")], action: .acceptShare, scope: .detail, help: "accept an image shared with your project"),
        KeyBinding(keys: [.char("R")], action: .rejectShare, scope: .detail, help: "reject an image shared with your project"),
        KeyBinding(keys: [.char("P")], action: .resetShare, scope: .detail, help: "set a shared image back to pending"),
        KeyBinding(keys: [.char("+")], action: .addTag, scope: .editor, help: "add a tag (at once)"),
        KeyBinding(keys: [.char("-")], action: .removeTag, scope: .editor, help: "remove a tag (at once)"),
    ]

    /// The binding for `key` on `screen`: a binding of the screen's own scope wins over one
    /// that applies everywhere.
    public static func binding(for key: Key, on screen: AppState.Screen) -> KeyBinding? {
        let scope: KeyScope = switch screen {
        case .list: .list
        case .detail: .detail
        case .editor: .editor
        case .members: .members
        case .transfers: .transfers
        case .batches: .batches
        case .log: .log
        }
        return bindings.first { $0.scope == scope && $0.keys.contains(key) }
            ?? bindings.first { $0.scope == .everywhere && $0.keys.contains(key) }
    }

    /// The help overlay's rows, grouped by scope in a fixed order.
    public static func helpSections() -> [(title: String, rows: [KeyBinding])] {
        KeyScope.allCases.map { scope in (scope.title, bindings.filter { $0.scope == scope }) }
            .filter { !$0.rows.isEmpty }
    }
}
