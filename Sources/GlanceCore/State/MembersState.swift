import GlanceAPI

/// The owner's members pane (`m`): who the image is shared with, and their answers.
public struct MembersState: Equatable, Sendable {
    public enum Phase: Equatable, Sendable {
        case loading(RequestID)
        case ready
        case failed(String)
    }

    public enum Prompt: Equatable, Sendable {
        case addMember(LineEditor)
        /// The image is not shared: say so, and offer to make it shared before adding `project`.
        case confirmShare(project: String)
        case confirmRemove(MemberEntry)
        case visibility(LineEditor)
    }

    public var image: Image
    public var members: [MemberEntry] = []
    public var phase: Phase
    public var prompt: Prompt?
    public var cursor = ListViewport()
    public var message: String?
    public var messageIsError = false

    public init(image: Image, loading request: RequestID) {
        self.image = image
        phase = .loading(request)
    }
}

public enum Visibility {
    /// What each visibility means, shown when choosing one.
    public static let meanings: [(String, String)] = [
        ("private", "only your project"),
        ("shared", "your project and the projects you add as members, once they accept"),
        ("community", "any project may find and use it, though it is not in their default lists"),
        ("public", "every project, in their default lists (usually an admin's choice)"),
    ]
}
