/// Which of the ways images are served a session speaks. The panes are the same for all; what
/// an API cannot do is said, not hidden: its fields show as unavailable and its keys explain.
public enum ImageAPI: String, Sendable, Equatable, CaseIterable {
    /// Image API v2 (Glance), the default.
    case v2
    /// Compute's image proxy (Nova /v2.1/images), pinned to microversion 2.35 or lower.
    case compute
    /// The legacy Image API v1 (and its registry), metadata in x-image-meta-* headers.
    case v1

    public enum Feature: Sendable, Equatable, CaseIterable {
        case download, upload, copyToStores, members, tags, create, deactivate, visibility
    }

    /// How the title bar names it; empty for the default.
    public var title: String {
        switch self {
        case .v2: ""
        case .compute: "Compute image proxy"
        case .v1: "Image API v1"
        }
    }

    public func supports(_ feature: Feature) -> Bool {
        switch self {
        case .v2: true
        case .compute: false
        case .v1: [.download, .create, .visibility].contains(feature)
        }
    }

    /// Fields the API does not expose, with the reason the detail pane shows.
    public var unavailableFields: [String: String] {
        switch self {
        case .v2: [:]
        case .compute:
            Dictionary(uniqueKeysWithValues: ["visibility", "owner", "protected", "checksum", "disk_format",
                                              "container_format", "tags", "os_hash_algo", "os_hash_value", "virtual_size"]
                .map { ($0, "not exposed by Compute's image proxy") })
        case .v1:
            Dictionary(uniqueKeysWithValues: ["tags", "os_hash_algo", "os_hash_value", "virtual_size", "os_hidden"]
                .map { ($0, "not in Image API v1") })
        }
    }

    /// Why a feature is missing, for the notice a key shows.
    public func whyNot(_ feature: Feature) -> String {
        let what = switch feature {
        case .download: "image data"
        case .upload: "uploads"
        case .copyToStores: "copying between stores"
        case .members: "members"
        case .tags: "tags"
        case .create: "creating images"
        case .deactivate: "deactivation"
        case .visibility: "visibility"
        }
        return "\(what) not available through \(self == .compute ? "Compute's image proxy" : "Image API v1")"
    }
}
