import GlanceAPI
import TerminalKit

/// The whole state of the program. Views read it; only `update` changes it.
public struct AppState: Equatable, Sendable {
    public enum Screen: Equatable, Sendable {
        case list
        case detail
    }

    public enum Connection: Equatable, Sendable {
        case signingIn
        case signedIn(SessionInfo)
        case failed(APIError)
    }

    public enum Listing: Equatable, Sendable {
        case idle
        /// Pages are arriving; `pages` counts those received for the current request.
        case loading(RequestID, pages: Int)
        case complete
        case failed(APIError)
    }

    public var cloudName: String
    public var size: TerminalSize
    public var screen: Screen = .list
    public var connection: Connection = .signingIn
    public var images: [Image] = []
    public var listing: Listing = .idle
    public var list = ListViewport()
    public var detail: DetailState?
    public var showsHelp = false
    /// The last failure, kept in the status bar until the next successful action replaces it.
    public var lastError: String?
    /// A short message for the user that is not an error (e.g. a key not available yet).
    public var notice: String?
    public var requestsInFlight: Set<RequestID> = []
    public var spinnerFrame = 0
    public var spinnerScheduled = false
    public var nextRequest = 1
    public var quitting = false

    public init(cloudName: String, size: TerminalSize) {
        self.cloudName = cloudName
        self.size = size
    }

    public var session: SessionInfo? {
        if case .signedIn(let s) = connection { s } else { nil }
    }

    public var selectedImage: Image? {
        images.indices.contains(list.cursor) ? images[list.cursor] : nil
    }

    public var isBusy: Bool { !requestsInFlight.isEmpty || connection == .signingIn }

    mutating func makeRequestID() -> RequestID {
        defer { nextRequest += 1 }
        return RequestID(nextRequest)
    }
}

/// The detail pane: which image, the freshest copy we have of it, and how far it is scrolled.
public struct DetailState: Equatable, Sendable {
    public var imageID: String
    public var image: Image
    public var scroll = 0
    public var refresh: RequestID?
    public var refreshError: String?

    public init(image: Image) {
        imageID = image.id
        self.image = image
    }
}
