/// `Y`'s menu: which form of the image (or of every marked image) goes to the clipboard. Open
/// while the value is set; it takes every key, as the help does.
public struct CopyMenuState: Equatable, Sendable {
    /// The highlighted choice, an index into `Update.YankWhat.allCases`.
    public var selection = 0

    public init(selection: Int = 0) { self.selection = selection }
}

extension Update.YankWhat {
    /// The key table's action that copies this form, so the menu's letters are bindings like
    /// any other (listed in the help, remappable).
    public var action: Action {
        switch self {
        case .id: .yankID
        case .name: .yankName
        case .url: .yankURL
        case .command: .yankCommand
        case .yaml: .yankYAML
        }
    }

    public init?(action: Action) {
        guard let what = Self.allCases.first(where: { $0.action == action }) else { return nil }
        self = what
    }

    /// How the menu names it.
    public var label: String {
        switch self {
        case .id: "id"
        case .name: "name"
        case .url: "URL"
        case .command: "openstack command"
        case .yaml: "details as YAML"
        }
    }
}
