import GlanceAPI
import TerminalKit

/// The key table: every key of the program, in the order the help lists them within a scope.
/// The session's one table is `AppState.keymap` — the bindings declared here with the settings'
/// remaps applied once at start — and dispatch, the help and the hints all read that one.
public struct Keymap: Equatable, Sendable {
    public var bindings: [KeyBinding]

    public init(bindings: [KeyBinding]) { self.bindings = bindings }

    /// The bindings as declared, before any remap.
    public static let standard = Keymap(bindings: navigation + list + images + editor + members + transfers + batches + modes + copyMenu)

    static let later = "not in this version yet"
    static let panes: [KeyScope] = [.list, .detail, .lineages]
    /// The table panes: `/` filters and digits sort in each of them.
    static let tables: [KeyScope] = [.usedBy, .stores, .tasks, .cache]

    static let navigation: [KeyBinding] = [
        KeyBinding(keys: [.char("j"), .down], action: .moveDown, scope: .everywhere, help: "down one row"),
        KeyBinding(keys: [.char("k"), .up], action: .moveUp, scope: .everywhere, help: "up one row"),
        KeyBinding(keys: [.pageDown, .ctrl("f")], action: .pageDown, scope: .everywhere, help: "down one page"),
        KeyBinding(keys: [.pageUp, .ctrl("b")], action: .pageUp, scope: .everywhere, help: "up one page"),
        KeyBinding(keys: [.char("g"), .home], action: .top, scope: .everywhere, help: "first row"),
        KeyBinding(keys: [.char("G"), .end], action: .bottom, scope: .everywhere, help: "last row"),
        KeyBinding(keys: [.char("r"), .ctrl("r")], action: .refresh, scope: .everywhere, help: "reload from the server"),
        KeyBinding(keys: [.char("?"), .function(1)], action: .toggleHelp, scope: .everywhere, help: "this help"),
        KeyBinding(keys: [.ctrl("l")], action: .redraw, scope: .everywhere, help: "redraw the screen"),
        KeyBinding(keys: [.ctrl("c")], action: .quit, scope: .everywhere, help: "quit"),
        KeyBinding(keys: [.char(":")], action: .commandLine, scope: .everywhere, help: "command line (Tab completes)"),
        KeyBinding(keys: [.char("t")], action: .transfers, scope: .everywhere, help: "transfers: progress of downloads and uploads"),
        KeyBinding(keys: [.char("z")], action: .undo, scope: .everywhere, help: "undo the last write that can be undone (asks)"),
    ]

    static let list: [KeyBinding] = [
        KeyBinding(keys: [.char(" ")], action: .toggleMark, scope: .list, help: "mark or unmark, then down (writes go to the marked)"),
        KeyBinding(keys: [.ctrl("a")], action: .markAll, scope: .list, help: "mark every image shown (:mark all)"),
        // Not Ctrl-\: under cbreak the terminal turns it into SIGQUIT, which would kill the program.
        KeyBinding(keys: [.ctrl("n")], action: .clearMarks, scope: .list, help: "clear the marks (:mark none)"),
        KeyBinding(keys: [.char("*")], action: .invertMarks, scope: .list, help: "invert the marks of those shown (:mark invert)"),
        KeyBinding(keys: [.enter, .char("l"), .right], action: .open, scope: .list, help: "open the image's details"),
        KeyBinding(keys: [.char("q")], action: .quit, scope: .list, help: "quit"),
        KeyBinding(keys: (1...9).map { Key.char(Character(String($0))) }, action: .sortByColumn, scopes: [.list] + tables,
                   help: "sort by the Nth column (again: reverse)"),
        KeyBinding(keys: [.char("/")], action: .quickFilter, scopes: [.list] + tables,
                   help: "filter the rows as you type"),
        KeyBinding(keys: [.escape], action: .clearQuickFilter, scope: .list, help: "clear the / filter"),
        KeyBinding(keys: [.char(" ")], action: .pageDown, scope: .detail, help: "down one page"),
        KeyBinding(keys: [.escape, .char("q"), .char("h"), .left, .backspace], action: .back, scope: .detail, help: "back to the list"),
        KeyBinding(keys: [.char("u")], action: .upload, scopes: [.list, .transfers], help: "upload a file as a new image"),
        KeyBinding(keys: [.char("c")], action: .create, scope: .list, help: "create an image (a form)"),
    ]

    /// What acts on the selected image, from the list or its details.
    static let images: [KeyBinding] = [
        KeyBinding(keys: [.char("e")], action: .editProperties, scopes: panes, help: "edit the image's properties"),
        KeyBinding(keys: [.char("m")], action: .members, scopes: panes, help: "members: who the image is shared with"),
        KeyBinding(keys: [.char("d")], action: .download, scopes: panes, help: "download the image's data (verified, resumable)"),
        KeyBinding(keys: [.char("C")], action: .copyToStores, scopes: panes, help: "copy the image's data to more stores"),
        KeyBinding(keys: [.char("D")], action: .delete, scopes: panes, help: "delete the image (asks first)"),
        KeyBinding(keys: [.char("X")], action: .toggleActive, scopes: panes, help: "deactivate or reactivate (admin)"),
        KeyBinding(keys: [.char("A")], action: .acceptShare, scopes: panes, help: "accept an image shared with your project"),
        KeyBinding(keys: [.char("R")], action: .rejectShare, scopes: panes, help: "reject an image shared with your project"),
        KeyBinding(keys: [.char("P")], action: .resetShare, scopes: panes, help: "set a shared image back to pending"),
        KeyBinding(keys: [.char("y")], action: .yankID, scopes: panes,
                   help: "copy the image's id (the marked ones', a line each) to your clipboard, through SSH (OSC 52)"),
        KeyBinding(keys: [.char("Y")], action: .yankMenu, scopes: panes,
                   help: "copy: a menu of its id, name, URL, openstack command or details as YAML"),
        KeyBinding(keys: [.char("T")], action: .imageTasks, scopes: panes + [.transfers],
                   help: "the image's tasks: why an import is stuck or failed (:tasks image)"),
    ]

    static let editor: [KeyBinding] = [
        KeyBinding(keys: [.enter, .char("e")], action: .editValue, scope: .editor, help: "change the value", hint: "edit"),
        KeyBinding(keys: [.char("a")], action: .addProperty, scope: .editor, help: "add a property", hint: "add"),
        KeyBinding(keys: [.char("d"), .delete], action: .removeProperty, scope: .editor, help: "remove the property", hint: "remove"),
        KeyBinding(keys: [.char("u")], action: .undoChange, scope: .editor, help: "undo the change on this row", hint: "undo"),
        KeyBinding(keys: [.char("+")], action: .addTag, scope: .editor, help: "add a tag (at once)", hint: "tag"),
        KeyBinding(keys: [.char("-")], action: .removeTag, scope: .editor, help: "remove a tag (at once)", hint: "tag"),
        KeyBinding(keys: [.char("s")], action: .reviewChanges, scope: .editor, help: "review the changes, then Enter saves",
                   hint: "review and save"),
        KeyBinding(keys: [.escape, .char("q")], action: .leaveEditor, scope: .editor, help: "leave (asks if changes are unsaved)",
                   hint: "leave"),
        KeyBinding(keys: [.enter], action: .saveReviewed, scope: .review, help: "save: the image is read again first", hint: "save"),
        KeyBinding(keys: [.escape, .char("q")], action: .backToEditing, scope: .review, help: "back to editing", hint: "back"),
        KeyBinding(keys: [.char("o")], action: .keepMine, scope: .conflict, help: "keep mine on top of theirs (reviewed again)",
                   hint: "keep mine"),
        KeyBinding(keys: [.char("t")], action: .takeTheirs, scope: .conflict, help: "take theirs, dropping my changes", hint: "take theirs"),
        KeyBinding(keys: [.escape], action: .backToEditing, scope: .conflict, help: "back to editing", hint: "back"),
        KeyBinding(keys: [.escape], action: .leaveEditor, scope: .editorBusy, help: "leave without waiting"),
        KeyBinding(keys: [.ctrl("c")], action: .quit, scopes: [.editorBusy, .review, .conflict], help: "quit"),
    ]

    static let members: [KeyBinding] = [
        KeyBinding(keys: [.char("a")], action: .addProperty, scope: .members, help: "add a member (project name or id)", hint: "add"),
        KeyBinding(keys: [.char("d"), .delete], action: .removeProperty, scope: .members, help: "remove the member (asks first)",
                   hint: "remove"),
        KeyBinding(keys: [.char("v")], action: .changeVisibility, scope: .members, help: "change the image's visibility",
                   hint: "visibility"),
        KeyBinding(keys: [.escape, .char("q")], action: .leaveEditor, scope: .members, help: "back", hint: "back"),
    ]

    static let transfers: [KeyBinding] = [
        KeyBinding(keys: [.char("x"), .delete], action: .cancelTransfer, scope: .transfers, help: "cancel the transfer (asks first)"),
        KeyBinding(keys: [.char("R")], action: .retryTransfer, scope: .transfers, help: "start a failed, cancelled or interrupted transfer again (downloads resume; :resume)"),
        KeyBinding(keys: [.char("c")], action: .clearFinished, scope: .transfers, help: "clear finished transfers from the list"),
        KeyBinding(keys: [.char("D")], action: .dismissTransfer, scope: .transfers,
                   help: "drop an interrupted transfer from the journal (:dismiss; its .part is kept)"),
        KeyBinding(keys: [.escape, .char("q"), .char("t"), .left], action: .back, scope: .transfers, help: "back"),
    ]

    static let batches: [KeyBinding] = [
        KeyBinding(keys: [.char("x"), .delete], action: .cancelBatch, scope: .batches, help: "cancel the running batch", hint: "cancel"),
        KeyBinding(keys: [.char("R")], action: .retryBatch, scope: .batches, help: "retry what failed or conflicted", hint: "retry"),
        KeyBinding(keys: [.escape, .char("q"), .left], action: .back, scopes: [.batches, .log], help: "back", hint: "back"),
        KeyBinding(keys: [.enter, .char("l"), .right], action: .open, scope: .lineages,
                   help: "unfold or fold the lineage; on a build, open it", hint: "unfold"),
        KeyBinding(keys: [.char(" ")], action: .toggleMark, scope: .lineages,
                   help: "mark every build of the lineage, or the one build (writes go to the marked)", hint: "mark"),
        KeyBinding(keys: [.escape, .char("q"), .char("h"), .left], action: .back, scope: .lineages, help: "back to the list", hint: "back"),
        KeyBinding(keys: [.char("y")], action: .confirm, scope: .retire, help: "retire the images the plan says go (a delete asks for their count)",
                   hint: "retire"),
        KeyBinding(keys: [.escape, .char("q"), .left], action: .back, scope: .retire, help: "leave the plan; nothing is sent", hint: "leave"),
        KeyBinding(keys: [.char("f")], action: .fixFindings, scope: .lint,
                   help: "fix the selected image's findings (or the marked images'), after asking", hint: "fix"),
        KeyBinding(keys: [.char("F")], action: .fixAllFindings, scope: .lint, help: "fix every finding that has a fix, after asking",
                   hint: "fix all"),
        KeyBinding(keys: [.escape, .char("q"), .left], action: .back, scope: .lint, help: "back", hint: "back"),
        KeyBinding(keys: [.enter], action: .open, scope: .usedBy,
                   help: "the server's id and the openstack command that shows it (nothing is done to it)", hint: "show id"),
        KeyBinding(keys: [.escape, .char("q"), .left], action: .back, scopes: [.usedBy, .stores, .usage, .tasks, .cache], help: "back", hint: "back"),
        KeyBinding(keys: [.char("x"), .delete], action: .uncache, scope: .cache, help: "drop the image from the cache or the queue (asks)",
                   hint: "drop"),
        KeyBinding(keys: [.char("C")], action: .clearCache, scope: .cache, help: "empty the whole cache (asks)", hint: "empty"),
        KeyBinding(keys: [.char("Q")], action: .clearCacheQueue, scope: .cache, help: "empty the queue (asks)"),
        KeyBinding(keys: [.enter], action: .open, scope: .tasks, help: "the task whole: its input, result and message", hint: "open"),
    ]

    /// The modes that take every key while they last.
    static let modes: [KeyBinding] = [
        KeyBinding(keys: [.char("j"), .down], action: .scrollHelpDown, scope: .help, help: "scroll down"),
        KeyBinding(keys: [.char("k"), .up], action: .scrollHelpUp, scope: .help, help: "scroll up"),
        KeyBinding(keys: [.ctrl("c")], action: .quit, scope: .help, help: "quit"),
        KeyBinding(keys: [], action: .closeHelp, scope: .help, help: "any other key closes the help"),
        KeyBinding(keys: [.char("y")], action: .confirm, scope: .question, help: "do it (the question names its key: y, o, u)"),
        KeyBinding(keys: [], action: .keepAsIs, scope: .question, help: "any other key keeps things as they are"),
        KeyBinding(keys: [.enter], action: .submitLine, scope: .line, help: "run the command, apply the filter, answer the prompt"),
        KeyBinding(keys: [.escape, .ctrl("c"), .ctrl("g")], action: .cancelLine, scope: .line, help: "cancel the line"),
        KeyBinding(keys: [.tab], action: .completeLine, scope: .line, help: "complete (commands, keys, values, stores)"),
        KeyBinding(keys: [.up], action: .olderLine, scope: .line, help: "an earlier command (in / : up one match)"),
        KeyBinding(keys: [.down], action: .newerLine, scope: .line, help: "a later command (in / : down one match)"),
    ]
}

extension Keymap {
    /// `Y`'s menu: a letter per choice, or j/k and Enter.
    static let copyMenu: [KeyBinding] = [
        KeyBinding(keys: [.char("j"), .down], action: .moveDown, scope: .copyMenu, help: "the next choice"),
        KeyBinding(keys: [.char("k"), .up], action: .moveUp, scope: .copyMenu, help: "the previous choice"),
        KeyBinding(keys: [.enter], action: .copyChosen, scope: .copyMenu, help: "copy the highlighted choice", hint: "copy"),
        KeyBinding(keys: [.char("i")], action: .yankID, scope: .copyMenu, help: "copy the id (the marked images': one per line)"),
        KeyBinding(keys: [.char("n")], action: .yankName, scope: .copyMenu, help: "copy the name"),
        KeyBinding(keys: [.char("u")], action: .yankURL, scope: .copyMenu, help: "copy the image's URL in the Image API"),
        KeyBinding(keys: [.char("c")], action: .yankCommand, scope: .copyMenu, help: "copy the openstack image show command"),
        KeyBinding(keys: [.char("y")], action: .yankYAML, scope: .copyMenu, help: "copy the details as YAML"),
        KeyBinding(keys: [.escape, .char("q")], action: .closeMenu, scope: .copyMenu, help: "close, copying nothing", hint: "close"),
        KeyBinding(keys: [.char("?"), .function(1)], action: .toggleHelp, scope: .copyMenu, help: "this help"),
        KeyBinding(keys: [.ctrl("c")], action: .quit, scope: .copyMenu, help: "quit"),
    ]
}
