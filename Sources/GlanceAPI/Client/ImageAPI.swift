/// Which of the ways images are served a session speaks. The panes are the same for all; what
/// an API cannot do is said, not hidden: its fields show as unavailable and its keys explain.
public enum ImageAPI: String, Sendable, Equatable, CaseIterable {
    /// Image API v2 (Glance), the default.
    case v2
    /// Compute's image proxy (Nova /v2.1/images), pinned to microversion 2.35 or lower.
    case compute
    /// The legacy Image API v1 (and its registry), metadata in x-image-meta-* headers.
    case v1

    /// How the title bar names it; empty for the default.
    public var title: String {
        switch self {
        case .v2: ""
        case .compute: "Compute image proxy"
        case .v1: "Image API v1"
        }
    }
}
