/// What a session can do beyond browsing, read from its backend's conformance — never listed
/// by hand. The key table names the capability each key needs; the help, the status-bar hints
/// and the "not available through …" notices all derive from this set.
public enum ImageCapability: String, Sendable, Hashable, CaseIterable, Comparable {
    case edit, delete, create, download, upload, importData, members, tags, deactivate, visibility, protection
    /// The operator's desk: reading tasks, stores, the cache and usage, and the two writes.
    case tasks, stores, deleteFromStore, cache, manageCache, usage

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
        if backend is any TaskReader { found.insert(.tasks) }
        if backend is any StoreLister { found.insert(.stores) }
        if backend is any StoreDataDeleter { found.insert(.deleteFromStore) }
        if backend is any CacheReader { found.insert(.cache) }
        if backend is any CacheManager { found.insert(.manageCache) }
        if backend is any UsageReader { found.insert(.usage) }
        return found
    }

    /// What a read-only session says when this capability is asked for.
    public var readOnlyRefusal: String { "read-only: \(noun) refused (this session does not write)" }

    /// Everything but reading image data and the desk's listings changes something on the cloud.
    public var isWrite: Bool {
        switch self {
        case .download, .tasks, .stores, .cache, .usage: false
        case .edit, .delete, .create, .upload, .importData, .members, .tags, .deactivate, .visibility, .protection,
             .deleteFromStore, .manageCache: true
        }
    }

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
        case .tasks: "tasks"
        case .stores: "store details"
        case .deleteFromStore: "deleting data from a store"
        case .cache: "the image cache"
        case .manageCache: "managing the image cache"
        case .usage: "quota usage"
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
