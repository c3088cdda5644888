import GlanceAPI

/// `Y`'s menu: which form of the images it was opened for goes to the clipboard. Open while the
/// value is set; it takes every key, as the help does.
public struct CopyMenuState: Equatable, Sendable {
    /// The highlighted choice, an index into `Update.YankWhat.allCases`.
    public var selection = 0
    /// What the menu copies, fixed when it opens: a delete finishing or a reload moving the
    /// cursor while it is open never changes which images a choice copies.
    public var targets: [Image]
    /// The Image API endpoint when it opened, for the URL.
    public var endpoint: String
    /// What the title names: the image, "3 marked images", "the lineage's 4 builds".
    public var title: String
    /// A short preview per choice, in `YankWhat.allCases` order: made once when the menu opens,
    /// not every frame (YAML for hundreds of marked images is not cheap).
    public var previews: [String]

    public init(selection: Int = 0, targets: [Image], endpoint: String, title: String, previews: [String]) {
        self.selection = selection
        self.targets = targets
        self.endpoint = endpoint
        self.title = title
        self.previews = previews
    }
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
