import GlanceAPI
import Synchronization

/// The effect runner's one way to a cloud: sign in, which chooses the backend for the image
/// API found, then that backend. Tests give a `Cloud` whose backend fails on any call they did
/// not expect.
public protocol Cloud: Sendable {
    /// Every write refused, whatever the backend can do.
    var isReadOnly: Bool { get }
    /// Signs in; the session it returns describes the backend chosen (its API, capabilities,
    /// query support), which `backend` is from then on.
    func signIn() throws(APIError) -> SessionInfo
    var backend: any BrowsingBackend { get }
    /// The session of the last sign-in, for the command log's who and where.
    var session: SessionInfo? { get }
    /// Who asks Compute which servers use an image, or `.serviceNotFound` with the sentence why
    /// not. Apart from `backend`, since it works whatever image API is browsed.
    func serverUsage() throws(APIError) -> any ServerUsageSource
    /// The image service's regions and the user's project names, for `:region` and `:project`.
    func scopes() throws(APIError) -> CloudScopes
}

/// What a signed-in user could re-scope to.
public struct CloudScopes: Sendable, Equatable {
    public var regions: [String]
    public var projects: [String]
    public init(regions: [String], projects: [String]) {
        self.regions = regions
        self.projects = projects
    }
}

/// A cloud reached through an `ImageClient`.
public final class LiveCloud: Cloud {
    public let client: ImageClient
    private let requested: ImageAPI?
    private let readOnly: Bool
    private let chosen: Mutex<any BrowsingBackend>
    private let signedIn = Mutex<SessionInfo?>(nil)

    /// `api` nil discovers the image API from the catalog at sign-in; `readOnly` refuses every write.
    public init(client: ImageClient, api: ImageAPI? = .v2, readOnly: Bool = false) {
        self.client = client
        requested = api
        self.readOnly = readOnly
        chosen = Mutex(Backends.make(api ?? .v2, client: client))
    }

    public func signIn() throws(APIError) -> SessionInfo {
        var info = try client.signIn(api: requested)
        let backend = Backends.make(info.api, client: client)
        chosen.withLock { $0 = backend }
        info.describe(backend)
        info.readOnly = readOnly
        signedIn.withLock { $0 = info }
        return info
    }

    /// The session of the last sign-in, if there was one.
    public var session: SessionInfo? { signedIn.withLock { $0 } }

    public var isReadOnly: Bool { readOnly }

    public var backend: any BrowsingBackend { chosen.withLock { $0 } }

    public func serverUsage() throws(APIError) -> any ServerUsageSource { try client.serverUsage() }

    public func scopes() throws(APIError) -> CloudScopes {
        CloudScopes(regions: try client.imageRegions(), projects: try client.projects().compactMap(\.name))
    }
}

extension Cloud {
    /// Clouds without Compute (synthetic ones) say so, and usage stays "could not be checked".
    public func serverUsage() throws(APIError) -> any ServerUsageSource {
        throw .serviceNotFound(ImageClient.noComputeMessage)
    }

    /// Clouds without Keystone (synthetic ones) have nothing to re-scope to.
    public func scopes() throws(APIError) -> CloudScopes {
        throw .configuration("This cloud has no Keystone to list regions and projects")
    }

    /// Why `capability` cannot be used now (read-only, or the backend does not conform), or nil.
    public func refusal(_ capability: ImageCapability) -> APIError? {
        if isReadOnly, capability.isWrite { return .configuration(capability.readOnlyRefusal) }
        let backend = self.backend
        return ImageCapability.of(backend).contains(capability) ? nil : .configuration(backend.api.whyNot(capability))
    }

    /// The backend as `capability` needs it, or the sentence that says it is not there. The
    /// keys already refuse what a session cannot do; this keeps a stray effect from guessing.
    public func require<T>(_: T.Type, _ capability: ImageCapability) throws(APIError) -> T {
        if isReadOnly, capability.isWrite { throw .configuration(capability.readOnlyRefusal) }
        let backend = self.backend
        guard let capable = backend as? T else { throw .configuration(backend.api.whyNot(capability)) }
        return capable
    }
}
