import Foundation
import GlanceAPI
import TerminalKit

/// `y` and `:yank …`: the selected image's id (or every marked one's, a line each), name, URL,
/// `openstack image show` command or details as YAML, put on the clipboard of the machine the
/// terminal runs on (OSC 52), through SSH and tmux.
extension Update {
    public enum YankWhat: String, CaseIterable, Sendable {
        case id, name, url, command, yaml
    }

    static func yank(_ state: inout AppState, _ what: YankWhat) -> [Effect] {
        guard state.clipboardEnabled else {
            state.notice = "Copying is off (clipboard: false in the settings)"
            return []
        }
        let images = writeTargets(state)
        guard !images.isEmpty else { return [] }
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
        guard Clipboard.sequence(for: text, through: .none) != nil else {
            state.notice = "Too much to copy at once (\(text.utf8.count) bytes; terminals take about 55 KB): mark fewer images"
            return []
        }
        let what = images.count == 1 ? "\(what.rawValue) of \(images[0].displayName.isEmpty ? images[0].id : images[0].displayName)"
            : "\(what.rawValue)s of \(images.count) images"
        state.notice = "Copied the \(what) to the clipboard (OSC 52)"
        return [.copyToClipboard(text)]
    }
}
