import GlanceAPI
import TerminalKit

/// One row of the key table: the keys, what they do, where, the help text and the status-bar
/// hint. The help overlay, the hints and dispatch all read the same rows, so none of them can
/// fall out of step with the others.
public struct KeyBinding: Equatable, Sendable {
    public var keys: [Key]
    public var action: Action
    /// Where it applies: one binding for every pane it serves, not a copy per pane.
    public var scopes: [KeyScope]
    public var help: String
    /// The status bar's word for it ("edit" in "Enter edit · a add"); nil keeps it out of the hints.
    public var hint: String?
    /// Set for reserved keys whose capability is not in this version; the help shows it dimmed.
    public var unavailableReason: String?
    /// What the session's backend must conform to for the key to act; without it the key says
    /// why, and the help shows it dimmed.
    public var needs: ImageCapability?

    public init(keys: [Key], action: Action, scopes: [KeyScope], help: String, hint: String? = nil,
                unavailableReason: String? = nil, needs: ImageCapability? = nil) {
        self.keys = keys
        self.action = action
        self.scopes = scopes
        self.help = help
        self.hint = hint
        self.unavailableReason = unavailableReason
        self.needs = needs ?? Self.capability(needed: action)
    }

    public init(keys: [Key], action: Action, scope: KeyScope, help: String, hint: String? = nil) {
        self.init(keys: keys, action: action, scopes: [scope], help: help, hint: hint)
    }

    /// The first scope, for a binding that has one.
    public var scope: KeyScope { scopes[0] }

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
        case .editProperties, .fixFindings, .fixAllFindings: .edit
        case .uncache, .clearCache, .clearCacheQueue: .manageCache
        case .imageTasks: .tasks
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
