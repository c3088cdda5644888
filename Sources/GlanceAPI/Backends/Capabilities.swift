import Foundation

// The capability protocols a backend conforms to, after k9s's dao `Lister`/`Getter`/`Describer`.
// A backend has exactly what it implements: `ImageCapability.of(_:)` reads its conformance, and
// the keys, the help and the notices follow from that set. Every call blocks; the effect runner
// and the transfer engines make them on background threads.

/// One image API as one cloud serves it.
public protocol ImageBackend: Sendable {
    var api: ImageAPI { get }
    /// Fields this API does not expose, with the reason the detail pane shows.
    var unavailableFields: [String: String] { get }
}

/// Lists images page by page. The query is typed; the backend spells it in its own API's terms
/// and refuses, before sending, whatever `querySupport` says it cannot carry.
public protocol ImageLister: ImageBackend {
    var querySupport: QuerySupport { get }
    func listImages(_ page: PageRequest) throws(APIError) -> ImagePage
}

public protocol ImageGetter: ImageBackend {
    func image(id: String) throws(APIError) -> Image
}

/// Changes properties with JSON-patch operations, translated to what the API takes.
public protocol PropertyPatcher: ImageBackend {
    func patch(id: String, _ operations: [PatchOperation]) throws(APIError) -> Image
}

public protocol ImageDeleter: ImageBackend {
    func delete(id: String) throws(APIError)
}

/// Makes a new image without data (queued); `fields` are core fields typed, extras strings.
public protocol ImageCreator: ImageBackend {
    func create(_ fields: [String: JSONValue]) throws(APIError) -> Image
}

/// Streams an image's bytes, resuming at `offset` (a 206 with Content-Range, or a 200 when the
/// server ignores the range: the sink decides).
public protocol ImageDownloader: ImageBackend {
    func download(id: String, from offset: Int64, sink: any ResponseSink, options: StreamOptions,
                  shouldContinue: () -> Bool) throws(APIError) -> HTTPResponse
}

/// Fills a queued image with bytes, into `store` where the API has stores.
public protocol ImageUploader: ImageBackend {
    func upload(id: String, body: any RequestBodySource, store: String?, options: StreamOptions,
                shouldContinue: () -> Bool) throws(APIError)
}

/// Interoperable import: stage then import (glance-direct), web-download, copy-image; stores.
public protocol ImageImporter: ImageBackend {
    func importOptions() throws(APIError) -> ImportOptions
    func stage(id: String, body: any RequestBodySource, options: StreamOptions,
               shouldContinue: () -> Bool) throws(APIError)
    func startImport(imageID: String, method: ImportMethod, stores: [String]?,
                     allStoresMustSucceed: Bool) throws(APIError)
}

/// The owner's and the consumer's side of sharing.
public protocol MemberManager: ImageBackend {
    /// Members with their project's name where Keystone lets this user look it up.
    func members(of imageID: String) throws(APIError) -> [MemberEntry]
    /// Resolves `project` (a name or an id) first, so a name that cannot be resolved never
    /// leaves the image shared with no one; `makeShared` sets visibility shared before adding.
    func addMember(project: String, to imageID: String, makeShared: Bool) throws(APIError)
    func removeMember(_ memberID: String, from imageID: String) throws(APIError)
    /// A project's id from its name or id, with a sentence when it cannot be told.
    func resolveProjectID(_ project: String) throws(APIError) -> String
    func setMemberStatus(_ status: MemberStatus, image imageID: String, member memberID: String) throws(APIError)
    /// Images other projects share with `project`, counted by its member status.
    func countShared(with project: String) throws(APIError) -> [String: Int]
}

public protocol ImageTagger: ImageBackend {
    /// Ends with the tag present or absent, whatever it was before.
    func setTag(id: String, tag: String, present: Bool) throws(APIError)
}

/// Deactivate (no data served) and reactivate.
public protocol ImageActivator: ImageBackend {
    func setActive(id: String, active: Bool) throws(APIError)
}

public protocol VisibilityChanger: ImageBackend {
    /// The visibilities this API knows, in the order a chooser offers them.
    var visibilities: [String] { get }
    func setVisibility(id: String, _ visibility: String) throws(APIError)
}

public protocol ProtectionChanger: ImageBackend {
    func setProtected(id: String, _ isProtected: Bool) throws(APIError)
}

/// The rules the property editor checks values against, as the cloud publishes them.
public protocol PropertyRuleSource: ImageBackend {
    /// The image schema's rules; metadata definitions are a help, not a requirement, so a
    /// cloud that hides them gives an empty list rather than a failure.
    func propertyRules(profiles: [PropertyRule]) throws(APIError) -> [PropertyRule]
    /// The same rules kept apart by where they came from, for the linter, which reports a
    /// schema or metadefs finding differently from a profile's.
    func ruleBook(profiles: [PropertyRule]) throws(APIError) -> RuleBook
}

// MARK: - The operator's desk (Image API v2 only: Compute's proxy and v1 have none of these)

/// Glance's background tasks (imports, copies); admin only under the default policy.
public protocol TaskReader: ImageBackend {
    func listTasks(_ page: TaskPageRequest) throws(APIError) -> TaskPage
    /// The whole task, with input, result and message (a listing gives stubs).
    func task(id: String) throws(APIError) -> GlanceTask
    /// An image's tasks, whole; 404 on Glance before Wallaby.
    func tasks(ofImage imageID: String) throws(APIError) -> [GlanceTask]
}

/// The stores with their drivers and settings where the policy shows them.
public protocol StoreLister: ImageBackend {
    func storeListing() throws(APIError) -> StoreListing
}

/// Removes an image's data from one store, keeping it in the others.
public protocol StoreDataDeleter: ImageBackend {
    func deleteData(imageID: String, fromStore store: String) throws(APIError)
}

/// What Glance's image cache holds and has queued.
public protocol CacheReader: ImageBackend {
    func cacheState() throws(APIError) -> ImageCacheState
}

/// Fills and empties Glance's image cache.
public protocol CacheManager: ImageBackend {
    func queueForCache(imageID: String) throws(APIError)
    /// Out of the cache and the queue both.
    func removeFromCache(imageID: String) throws(APIError)
    func clearCache(_ target: CacheClearTarget) throws(APIError)
}

/// The project's use of its Keystone unified limits for images.
public protocol UsageReader: ImageBackend {
    func usage() throws(APIError) -> ImageUsage
}
