import Foundation
import GlanceAPI
import TerminalKit

/// `y`, `Y`'s menu and `:yank …`: the selected image's id (or every marked one's, a line each),
/// name, URL, `openstack image show` command or details as YAML, put on the clipboard of the
/// machine the terminal runs on (OSC 52), through SSH and tmux.
extension Update {
    public enum YankWhat: String, CaseIterable, Sendable {
        case id, name, url, command, yaml
    }

    /// What `what` puts on the clipboard for the images a copy goes to (the marked ones, else
    /// the one in view): a line per image, a YAML document per image. Empty when there is none.
    public static func copyText(_ state: AppState, _ what: YankWhat) -> (text: String, images: [Image]) {
        let images = writeTargets(state)
        return (copyText(images, endpoint: state.session?.imageEndpoint ?? "", what), images)
    }

    /// What `what` puts on the clipboard for `images`.
    public static func copyText(_ images: [Image], endpoint: String, _ what: YankWhat) -> String {
        images.map { image in
            switch what {
            case .id: image.id
            case .name: image.displayName
            case .url: (endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint) + "/v2/images/" + image.id
            case .command: "openstack image show " + image.id
            case .yaml: OutputFormat.yaml.one(ImageOutput.show(image)).trimmingCharacters(in: .newlines)
            }
        }.joined(separator: "\n")
    }

    static func yank(_ state: inout AppState, _ what: YankWhat) -> [Effect] {
        guard state.clipboardEnabled else {
            state.notice = "Copying is off (clipboard: false in the settings)"
            return []
        }
        let (text, images) = copyText(state, what)
        return copy(&state, text, what, images)
    }

    /// Puts `text` (`what` of `images`) on the clipboard, or says why not; `gone`, how many of
    /// them have left the list since the copy was chosen.
    static func copy(_ state: inout AppState, _ text: String, _ what: YankWhat, _ images: [Image], gone: Int = 0) -> [Effect] {
        guard !images.isEmpty else {
            state.notice = "Nothing to copy: no image is selected here"
            return []
        }
        guard Clipboard.sequence(for: text, through: .none) != nil else {
            state.notice = "Too much to copy at once (\(text.utf8.count) bytes; terminals take about 55 KB): mark fewer images"
            return []
        }
        let what = images.count == 1 ? "\(what.rawValue) of \(images[0].displayName.isEmpty ? images[0].id : images[0].displayName)"
            : "\(what.rawValue)s of \(images.count) images"
        let goneNote = gone == 0 ? "" : images.count == 1 ? " — it is no longer in the list"
            : " — \(gone) of them \(gone == 1 ? "is" : "are") no longer in the list"
        state.notice = "Copied the \(what) to the clipboard (OSC 52)" + goneNote
        return [.copyToClipboard(text)]
    }

    // MARK: - The menu

    /// `Y`: the menu, when there is something to copy and copying is on; otherwise why not,
    /// so the menu never offers what cannot be done.
    static func openCopyMenu(_ state: inout AppState) -> [Effect] {
        guard state.clipboardEnabled else {
            state.notice = "Copying is off (clipboard: false in the settings)"
            return []
        }
        guard ScreenLayout.fits(state.size) else {
            state.notice = "The terminal is too small for the copy menu"
            return []
        }
        let targets = writeTargets(state)
        guard !targets.isEmpty else {
            state.notice = "Nothing to copy: no image is selected here"
            return []
        }
        state.copyMenu = copyMenu(state, targets)
        return []
    }

    /// The menu for `targets`: its title and the short previews, made once here.
    static func copyMenu(_ state: AppState, _ targets: [Image]) -> CopyMenuState {
        let endpoint = state.session?.imageEndpoint ?? ""
        let title: String
        if targets.count == 1 {
            title = targets[0].displayName.isEmpty ? targets[0].id : targets[0].displayName
        } else if !state.catalog.marks.isEmpty {
            title = "\(targets.count) marked images"
        } else {
            title = "the lineage's \(targets.count) builds"
        }
        let previews = YankWhat.allCases.map { what -> String in
            if targets.count > 1 { return what == .yaml ? "\(targets.count) documents" : "\(targets.count) lines, one per image" }
            let text = copyText(targets, endpoint: endpoint, what)
            return what == .yaml ? "\(text.split(separator: "\n", omittingEmptySubsequences: false).count) lines" : text
        }
        return CopyMenuState(targets: targets, endpoint: endpoint, title: title, previews: previews)
    }

    /// A choice of the menu: the images it was opened for, whatever is selected now; those that
    /// have left the list meanwhile (deleted, say) are still copied, and the notice says so.
    static func copyChosen(_ state: inout AppState, _ menu: CopyMenuState, _ what: YankWhat) -> [Effect] {
        state.copyMenu = nil
        guard state.clipboardEnabled else {
            state.notice = "Copying is off (clipboard: false in the settings)"
            return []
        }
        let listed = Set(state.catalog.images.map(\.id))
        let gone = menu.targets.filter { !listed.contains($0.id) }.count
        return copy(&state, copyText(menu.targets, endpoint: menu.endpoint, what), what, menu.targets, gone: gone)
    }

    /// A key in the menu, as the key table named it: move, choose by Enter or by the choice's
    /// own key, or close. Keys the menu does not bind do nothing, so a stray key copies nothing.
    static func copyMenuAction(_ state: inout AppState, _ action: Action?) -> [Effect] {
        guard var menu = state.copyMenu, let action else { return [] }
        let choices = YankWhat.allCases
        switch action {
        case .moveDown: menu.selection = min(menu.selection + 1, choices.count - 1)
        case .moveUp: menu.selection = max(menu.selection - 1, 0)
        case .top: menu.selection = 0
        case .bottom: menu.selection = choices.count - 1
        case .toggleHelp:
            state.showsHelp = true
            return []
        case .closeMenu:
            state.copyMenu = nil
            return []
        case .quit:
            state.copyMenu = nil
            return quit(&state)
        case .copyChosen:
            return copyChosen(&state, menu, choices[menu.selection])
        default:
            guard let what = YankWhat(action: action) else { return [] }
            return copyChosen(&state, menu, what)
        }
        state.copyMenu = menu
        return []
    }
}
