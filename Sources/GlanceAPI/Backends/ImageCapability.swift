/// What a session can do beyond browsing, read from its backend's conformance — never listed
/// by hand. The key table names the capability each key needs; the help, the status-bar hints
/// and the "not available through …" notices all derive from this set.
public enum ImageCapability: String, Sendable, Hashable, CaseIterable, Comparable {
    case edit, delete, create, download, upload, importData, members, tags, deactivate, visibility, protection

    /// The capabilities `backend` conforms to.
    public static func of(_ backend: any ImageBackend) -> Set<ImageCapability> {
        var found: Set<ImageCapability> = []
        if backend is any PropertyPatcher { found.insert(.edit) }
        if backend is any ImageDeleter { found.insert(.delete) }
        if backend is any ImageCreator { found.insert(.create) }
        if backend is any ImageDownloader { found.insert(.download) }
        if backend is any ImageUploader, backend is any ImageCreator { found.insert(.upload) }
        if backend is any ImageImporter { found.insert(.importData) }
        if backend is any MemberManager { found.insert(.members) }
        if backend is any ImageTagger { found.insert(.tags) }
        if backend is any ImageActivator { found.insert(.deactivate) }
        if backend is any VisibilityChanger { found.insert(.visibility) }
        if backend is any ProtectionChanger { found.insert(.protection) }
        return found
    }

    /// What a read-only session says when this capability is asked for.
    public var readOnlyRefusal: String { "read-only: \(noun) refused (this session does not write)" }

    /// Everything but reading image data changes something on the cloud.
    public var isWrite: Bool { self != .download }

    /// How a notice names it: "… not available through Image API v1".
    public var noun: String {
        switch self {
        case .edit: "editing properties"
        case .delete: "deleting images"
        case .create: "creating images"
        case .download: "image data"
        case .upload: "uploads"
        case .importData: "copying between stores"
        case .members: "members"
        case .tags: "tags"
        case .deactivate: "deactivation"
        case .visibility: "visibility"
        case .protection: "protection"
        }
    }

    public static func < (a: ImageCapability, b: ImageCapability) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

extension ImageAPI {
    /// Why a capability is missing, for the notice its key shows.
    public func whyNot(_ capability: ImageCapability) -> String {
        "\(capability.noun) not available through \(longName)"
    }

    /// How notices name the API.
    public var longName: String {
        switch self {
        case .v2: "Image API v2"
        case .compute: "Compute's image proxy"
        case .v1: "Image API v1"
        }
    }
}
