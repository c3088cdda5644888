import GlanceAPI
import Synchronization

/// What browsing and editing ask of a cloud, with one implementation per image API. The live
/// service picks one at sign-in (the API chosen by --image-api or discovered from the catalog).
protocol ImageBackend: Sendable {
    func listImages(_ page: PageRequest) throws(APIError) -> ImagePage
    func image(id: String) throws(APIError) -> Image
    func patch(id: String, _ operations: [PatchOperation]) throws(APIError) -> Image
    func delete(id: String) throws(APIError)
}

/// Image API v2 (Glance).
struct ImageV2Backend: ImageBackend {
    let client: ImageClient

    func listImages(_ page: PageRequest) throws(APIError) -> ImagePage { try client.listImages(page) }
    func image(id: String) throws(APIError) -> Image { try client.image(id: id) }

    func patch(id: String, _ operations: [PatchOperation]) throws(APIError) -> Image {
        let request = ImagesRequests.patch(try client.imageEndpoint(), id: id, operations: operations)
        let response = try client.sendAuthorized(request)
        return try ImagesRequests.decodeImage(response.body, url: request.url)
    }

    func delete(id: String) throws(APIError) {
        _ = try client.sendAuthorized(ImagesRequests.delete(try client.imageEndpoint(), id: id))
    }
}

/// The backend chosen at sign-in; Image v2 until then.
final class BackendChoice: Sendable {
    private let current: Mutex<any ImageBackend>
    private let make: @Sendable (ImageAPI) -> any ImageBackend

    init(make: @escaping @Sendable (ImageAPI) -> any ImageBackend) {
        self.make = make
        current = Mutex(make(.v2))
    }

    func choose(_ api: ImageAPI) { current.withLock { $0 = make(api) } }
    var backend: any ImageBackend { current.withLock { $0 } }
}

/// Compute's image proxy: metadata edits become metadata calls; core fields cannot change.
struct ComputeProxyBackend: ImageBackend {
    let proxy: ComputeImageClient

    func listImages(_ page: PageRequest) throws(APIError) -> ImagePage { try proxy.listImages(page) }
    func image(id: String) throws(APIError) -> Image { try proxy.image(id: id) }
    func patch(id: String, _ operations: [PatchOperation]) throws(APIError) -> Image {
        try proxy.apply(id: id, operations: operations)
    }
    func delete(id: String) throws(APIError) { try proxy.delete(id: id) }
}

/// The legacy Image API v1: metadata in x-image-meta-* headers, one PUT per save.
struct LegacyV1Backend: ImageBackend {
    let v1: LegacyV1Client

    func listImages(_ page: PageRequest) throws(APIError) -> ImagePage { try v1.listImages(page) }
    func image(id: String) throws(APIError) -> Image { try v1.image(id: id) }
    func patch(id: String, _ operations: [PatchOperation]) throws(APIError) -> Image {
        try v1.apply(id: id, operations: operations)
    }
    func delete(id: String) throws(APIError) { try v1.delete(id: id) }
}
