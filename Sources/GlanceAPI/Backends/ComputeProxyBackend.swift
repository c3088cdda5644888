/// Compute's image proxy: browse, edit metadata, delete. Nothing else is proxied (no data, no
/// members, tags, visibility or state changes), so it conforms to nothing else.
public struct ComputeProxyBackend: ImageLister, ImageGetter, PropertyPatcher, ImageDeleter {
    public let proxy: ComputeImageClient

    public init(proxy: ComputeImageClient) { self.proxy = proxy }

    public var api: ImageAPI { .compute }
    public var unavailableFields: [String: String] { ComputeImage.unavailableFields }
    public var querySupport: QuerySupport { ComputeImageClient.querySupport }

    public func listImages(_ page: PageRequest) throws(APIError) -> ImagePage { try proxy.listImages(page) }
    public func image(id: String) throws(APIError) -> Image { try proxy.image(id: id) }
    /// Metadata edits become metadata calls; core fields are refused before sending.
    public func patch(id: String, _ operations: [PatchOperation]) throws(APIError) -> Image {
        try proxy.apply(id: id, operations: operations)
    }
    public func delete(id: String) throws(APIError) { try proxy.delete(id: id) }
}
