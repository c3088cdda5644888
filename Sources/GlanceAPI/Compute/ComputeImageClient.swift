import Foundation

/// Browses and edits images through Compute's image proxy, over an `ImageClient`'s sign-in and
/// catalog (the "compute" endpoint in the same region and interface), with the microversion
/// pinned to at most 2.35 on every request.
public final class ComputeImageClient: Sendable {
    public let client: ImageClient
    public let microversion: ComputeMicroversion

    public init(client: ImageClient, microversion: ComputeMicroversion = .maxProxy) {
        self.client = client
        self.microversion = microversion
    }

    /// With the caller's microversion text ("2.35", "2.1"…): above 2.35 is refused.
    public convenience init(client: ImageClient, microversion: String) throws(APIError) {
        self.init(client: client, microversion: try ComputeMicroversion(microversion))
    }

    /// The compute endpoint of the catalog (signing in first if needed).
    public func endpoint() throws(APIError) -> ComputeEndpoint {
        ComputeEndpoint(catalogURL: try client.serviceEndpoint(type: "compute"))
    }

    // MARK: listing

    /// What the proxy can send (Nova hands name, status and changes-since to Glance) and what the
    /// client can apply to the detailed rows it loads; the rest (visibility, owner, tags, formats,
    /// sorting…) is not exposed by the proxy at all and is refused.
    public static let querySupport = QuerySupport(
        apiName: ImageAPI.compute.longName, server: [.name, .status, .changesSince],
        local: [.sizeMin, .sizeMax, .createdAt, .updatedAt, .id, .properties])

    static func listQuery(_ query: ImageQuery, limit: Int, marker: String?) throws(APIError) -> ComputeImagesRequests.ListQuery {
        let unsendable = query.fieldsSet.filter { !querySupport.server.contains($0) }
        guard unsendable.isEmpty else {
            throw .configuration("Compute's image proxy cannot filter by " + unsendable.map(\.rawValue).joined(separator: ", "))
        }
        var q = ComputeImagesRequests.ListQuery(limit: limit, marker: marker)
        q.name = query.name
        q.status = query.status
        q.changesSince = query.changesSince
        return q
    }

    /// One page of images, detailed (GET /images/detail) unless `detail` is false (GET /images:
    /// id and name only). A query part the proxy cannot send is refused, never dropped.
    /// A 404 here means the cloud has no proxy (its minimum microversion is above 2.35, or the
    /// proxy is turned off) and becomes `.serviceNotFound`.
    public func listImages(_ page: PageRequest, detail: Bool = true) throws(APIError) -> ImagePage {
        let endpoint = try endpoint()
        let request: HTTPRequest
        switch page {
        case .first(let query, let limit), .after(let query, _, let limit):
            var marker: String?
            if case .after(_, let m, _) = page { marker = m }
            let q = try Self.listQuery(query, limit: limit, marker: marker)
            request = detail ? ComputeImagesRequests.listDetail(endpoint, query: q, microversion: microversion)
                : ComputeImagesRequests.list(endpoint, query: q, microversion: microversion)
        case .next(let link, let limit):
            request = ComputeImagesRequests.nextPage(endpoint, link: link, limit: limit, microversion: microversion)
        }
        let response: HTTPResponse
        do { response = try client.sendAuthorized(request) } catch { throw proxyError(error) }
        return try ComputeImagesRequests.decodePage(response.body, url: request.url)
    }

    /// What a failure of the root list means: a 404 says the proxy is not there at all.
    public func proxyError(_ error: APIError) -> APIError {
        Self.proxyError(error, microversion: microversion)
    }

    public static func proxyError(_ error: APIError, microversion: ComputeMicroversion) -> APIError {
        guard error.status == 404 else { return error }
        return .serviceNotFound("This cloud's Compute API does not proxy images (GET /images answered 404 at compute microversion \(microversion): Nova removed the image proxy from microversion 2.36 on, so the cloud's minimum microversion is above 2.35 or the proxy is turned off); browse with the Image API instead")
    }

    // MARK: images

    public func image(id: String) throws(APIError) -> Image {
        let request = ComputeImagesRequests.show(try endpoint(), id: id, microversion: microversion)
        let response = try client.sendAuthorized(request)
        return try ComputeImagesRequests.decodeImage(response.body, url: request.url)
    }

    public func delete(id: String) throws(APIError) {
        _ = try client.sendAuthorized(ComputeImagesRequests.delete(try endpoint(), id: id, microversion: microversion))
    }

    // MARK: metadata

    public func metadata(id: String) throws(APIError) -> [String: String] {
        let request = ComputeImagesRequests.metadata(try endpoint(), id: id, microversion: microversion)
        return try ComputeImagesRequests.decodeMetadata(try client.sendAuthorized(request).body, url: request.url)
    }

    public func metadata(id: String, key: String) throws(APIError) -> String {
        let request = ComputeImagesRequests.metadataItem(try endpoint(), id: id, key: key, microversion: microversion)
        return try ComputeImagesRequests.decodeMetadataItem(try client.sendAuthorized(request).body, key: key, url: request.url)
    }

    /// Adds or overwrites these keys, keeping the others; answers with all properties.
    @discardableResult
    public func mergeMetadata(id: String, _ metadata: [String: String]) throws(APIError) -> [String: String] {
        try Self.check(metadata)
        let request = ComputeImagesRequests.mergeMetadata(try endpoint(), id: id, metadata: metadata, microversion: microversion)
        return try ComputeImagesRequests.decodeMetadata(try client.sendAuthorized(request).body, url: request.url)
    }

    /// Makes these the image's only extra properties: every other one is removed.
    @discardableResult
    public func replaceMetadata(id: String, _ metadata: [String: String]) throws(APIError) -> [String: String] {
        try Self.check(metadata)
        let request = ComputeImagesRequests.replaceMetadata(try endpoint(), id: id, metadata: metadata, microversion: microversion)
        return try ComputeImagesRequests.decodeMetadata(try client.sendAuthorized(request).body, url: request.url)
    }

    @discardableResult
    public func setMetadata(id: String, key: String, value: String) throws(APIError) -> String {
        try Self.check([key: value])
        let request = ComputeImagesRequests.setMetadataItem(try endpoint(), id: id, key: key, value: value, microversion: microversion)
        return try ComputeImagesRequests.decodeMetadataItem(try client.sendAuthorized(request).body, key: key, url: request.url)
    }

    public func deleteMetadata(id: String, key: String) throws(APIError) {
        _ = try client.sendAuthorized(ComputeImagesRequests.deleteMetadataItem(try endpoint(), id: id, key: key, microversion: microversion))
    }

    /// Refuses before sending what Nova would refuse (400), and core field names, which Nova
    /// accepts with 200 and echoes back while Glance keeps the old value.
    static func check(_ metadata: [String: String]) throws(APIError) {
        for key in metadata.keys.sorted() {
            if Image.coreKeys.contains(key) || unavailableFields[key] != nil {
                throw .configuration(coreFieldMessage(key))
            }
            if !ComputeImagesRequests.isValidMetadataKey(key) {
                throw .configuration("Compute's image proxy refuses the property name \"\(key)\": it allows 1 to 255 letters, digits, spaces and - _ : . only")
            }
            if metadata[key]!.count > ComputeImagesRequests.maxMetadataValueLength {
                throw .configuration("Compute's image proxy refuses the value of \"\(key)\": at most \(ComputeImagesRequests.maxMetadataValueLength) characters")
            }
        }
    }

    static var unavailableFields: [String: String] { ComputeImage.unavailableFields }

    static func coreFieldMessage(_ key: String) -> String {
        "Compute's image proxy cannot change \"\(key)\": it edits extra properties only (Nova answers OK but Glance keeps the old value); use the Image API to change it"
    }

    // MARK: editing

    /// The operations a v2 JSON-patch list becomes: one merge POST of every added or replaced
    /// extra property (the last value of a key wins), then one DELETE per removed key. Any core
    /// field (name, min_ram and min_disk included) is refused before anything is sent.
    public struct MetadataPlan: Sendable, Equatable {
        public var merge: [String: String]
        public var remove: [String]
    }

    public static func plan(_ operations: [PatchOperation]) throws(APIError) -> MetadataPlan {
        var merge: [String: String] = [:]
        var remove: [String] = []
        for op in operations {
            let key = op.key
            if Image.coreKeys.contains(key) || ComputeImage.unavailableFields[key] != nil {
                throw .configuration(coreFieldMessage(key))
            }
            switch op {
            case .add(_, let value), .replace(_, let value):
                let text: String
                switch value {
                case .string(let s): text = s
                case .number, .bool: text = value.displayText
                case .null, .array, .object:
                    throw .configuration("Compute's image proxy stores text only: \"\(key)\" cannot be set to \(value.compactJSON)")
                }
                merge[key] = text
                remove.removeAll { $0 == key }
            case .remove:
                merge[key] = nil
                if !remove.contains(key) { remove.append(key) }
            }
        }
        try check(merge)
        return MetadataPlan(merge: merge, remove: remove)
    }

    /// Carries out a v2 JSON-patch list with metadata calls and answers with the image as the
    /// proxy then shows it.
    @discardableResult
    public func apply(id: String, operations: [PatchOperation]) throws(APIError) -> Image {
        let plan = try Self.plan(operations)
        if plan.merge.count == 1, let (key, value) = plan.merge.first {
            try setMetadata(id: id, key: key, value: value)
        } else if !plan.merge.isEmpty {
            try mergeMetadata(id: id, plan.merge)
        }
        for key in plan.remove { try deleteMetadata(id: id, key: key) }
        return try image(id: id)
    }
}
