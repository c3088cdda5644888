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
        let endpoint = state.session?.imageEndpoint ?? ""
        let text: String = images.map { image in
            switch what {
            case .id: image.id
            case .name: image.displayName
            case .url: (endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint) + "/v2/images/" + image.id
            case .command: "openstack image show " + image.id
            case .yaml: OutputFormat.yaml.one(ImageOutput.show(image)).trimmingCharacters(in: .newlines)
            }
        }.joined(separator: "\n")
        return (text, images)
    }

    static func yank(_ state: inout AppState, _ what: YankWhat) -> [Effect] {
        guard state.clipboardEnabled else {
            state.notice = "Copying is off (clipboard: false in the settings)"
            return []
        }
        let (text, images) = copyText(state, what)
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
        state.notice = "Copied the \(what) to the clipboard (OSC 52)"
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
        guard !writeTargets(state).isEmpty else {
            state.notice = "Nothing to copy: no image is selected here"
            return []
        }
        state.copyMenu = CopyMenuState()
        return []
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
            state.copyMenu = nil
            return yank(&state, choices[menu.selection])
        default:
            guard let what = YankWhat(action: action) else { return [] }
            state.copyMenu = nil
            return yank(&state, what)
        }
        state.copyMenu = menu
        return []
    }
}
