/// A backend every session can browse with: listing and showing are what the panes start from.
public typealias BrowsingBackend = ImageLister & ImageGetter

public enum Backends {
    /// The backend for `api` over `client`'s sign-in and catalog.
    public static func make(_ api: ImageAPI, client: ImageClient) -> any BrowsingBackend {
        switch api {
        case .v2: ImageV2Backend(client: client)
        case .compute: ComputeProxyBackend(proxy: ComputeImageClient(client: client))
        case .v1: LegacyV1Backend(v1: LegacyV1Client(client: client))
        }
    }
}

extension SessionInfo {
    /// The session as the panes need to know it: what `backend` can do, how it carries a
    /// query, which fields it cannot show — all read from the backend itself.
    public mutating func describe(_ backend: any BrowsingBackend) {
        api = backend.api
        capabilities = ImageCapability.of(backend)
        querySupport = backend.querySupport
        unavailableFields = backend.unavailableFields
        if let changer = backend as? any VisibilityChanger { visibilities = changer.visibilities }
    }
}
