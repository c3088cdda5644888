/// The legacy Image API v1: metadata in x-image-meta-* headers, one PUT per save, data in the
/// image's own URL; public or private, and protection.
public struct LegacyV1Backend: ImageLister, ImageGetter, PropertyPatcher, ImageDeleter, ImageCreator, ImageDownloader,
    ImageUploader, VisibilityChanger, ProtectionChanger {
    public let v1: LegacyV1Client

    public init(v1: LegacyV1Client) { self.v1 = v1 }

    public var api: ImageAPI { .v1 }
    public var unavailableFields: [String: String] {
        Dictionary(uniqueKeysWithValues: ["tags", "os_hash_algo", "os_hash_value", "virtual_size", "os_hidden"]
            .map { ($0, "not in Image API v1") })
    }
    public var querySupport: QuerySupport { LegacyV1Client.querySupport }

    public func listImages(_ page: PageRequest) throws(APIError) -> ImagePage { try v1.listImages(page) }
    public func image(id: String) throws(APIError) -> Image { try v1.image(id: id) }
    public func patch(id: String, _ operations: [PatchOperation]) throws(APIError) -> Image {
        try v1.apply(id: id, operations: operations)
    }
    public func delete(id: String) throws(APIError) { try v1.delete(id: id) }

    // MARK: - Image data

    /// GET /v1/images/{id}, with Range from `offset`; a server that ignores it answers 200 and
    /// the download starts over.
    public func download(id: String, from offset: Int64, sink: any ResponseSink, options: StreamOptions,
                         shouldContinue: () -> Bool) throws(APIError) -> HTTPResponse {
        try v1.download(id: id, from: offset, sink: sink, options: options, shouldContinue: shouldContinue)
    }

    /// PUT /v1/images/{id} into the queued image a `create` reserved; v1 has no stores.
    public func upload(id: String, body: any RequestBodySource, store: String?, options: StreamOptions,
                       shouldContinue: () -> Bool) throws(APIError) {
        if let store { throw .configuration("Image API v1 has no stores (asked for \(store))") }
        _ = try v1.upload(id: id, body: body, options: options, shouldContinue: shouldContinue)
    }

    // MARK: - Visibility and protection

    public var visibilities: [String] { ["private", "public"] }

    /// v1 knows only public (is_public True) and private.
    public func setVisibility(id: String, _ visibility: String) throws(APIError) {
        guard visibilities.contains(visibility) else {
            throw .configuration("Image API v1 knows only public and private images, not \(visibility)")
        }
        _ = try v1.setPublic(id: id, visibility == "public")
    }

    public func setProtected(id: String, _ isProtected: Bool) throws(APIError) {
        _ = try v1.setProtected(id: id, isProtected)
    }

    /// The v2-shaped fields of a new image, as v1 metadata (checked against v1's rules).
    public func create(_ fields: [String: JSONValue]) throws(APIError) -> Image {
        let adds = fields.keys.sorted().map { PatchOperation.add(key: $0, value: fields[$0]!) }
        switch LegacyV1Client.metadata(for: adds) {
        case .success(let metadata): return try v1.create(metadata)
        case .failure(let error): throw error
        }
    }
}

extension LegacyV1Client {
    /// v1 sends name, status, formats, sizes, public/private, changes-since, extra properties
    /// and one sort key; owner, times, protection and ids are judged on the loaded rows; member
    /// status, tags and hidden images do not exist in v1.
    public static let querySupport = QuerySupport(
        apiName: ImageAPI.v1.longName,
        server: [.name, .status, .diskFormat, .containerFormat, .sizeMin, .sizeMax, .visibility, .changesSince,
                 .properties, .sort],
        local: [.owner, .createdAt, .updatedAt, .protected, .id],
        serverVisibilities: [.public, .private, .all], maxSortKeys: 1)
}
