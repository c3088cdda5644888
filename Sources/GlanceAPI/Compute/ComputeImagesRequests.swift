import Foundation

/// Pure builders for Compute's image proxy (nova/api/openstack/compute/images.py and
/// image_metadata.py). Every request pins the microversion, since the proxy is gone from 2.36 on,
/// and asks for JSON; the token is added by the client that sends them.
public enum ComputeImagesRequests {
    /// The list parameters Nova reads (images.py SUPPORTED_FILTERS plus paging). `server` is a
    /// server id or URL, `type` Glance's `image_type` property ("snapshot", "backup"), `status`
    /// Nova lower-cases and passes to Glance (so "SAVING" does not find queued images), and
    /// `changes-since` is an ISO 8601 time.
    public struct ListQuery: Sendable, Equatable {
        public var name: String?
        public var status: String?
        public var changesSince: String?
        public var minDisk: Int?
        public var minRAM: Int?
        public var server: String?
        public var type: String?
        public var limit: Int?
        public var marker: String?

        public init(name: String? = nil, status: String? = nil, changesSince: String? = nil, minDisk: Int? = nil,
                    minRAM: Int? = nil, server: String? = nil, type: String? = nil, limit: Int? = nil, marker: String? = nil) {
            self.name = name
            self.status = status
            self.changesSince = changesSince
            self.minDisk = minDisk
            self.minRAM = minRAM
            self.server = server
            self.type = type
            self.limit = limit
            self.marker = marker
        }

        /// In a fixed order, so requests compare equal and logs read the same.
        public var items: [(String, String)] {
            var items: [(String, String)] = []
            if let name { items.append(("name", name)) }
            if let status { items.append(("status", status)) }
            if let changesSince { items.append(("changes-since", changesSince)) }
            if let minDisk { items.append(("minDisk", String(minDisk))) }
            if let minRAM { items.append(("minRam", String(minRAM))) }
            if let server { items.append(("server", server)) }
            if let type { items.append(("type", type)) }
            if let limit { items.append(("limit", String(limit))) }
            if let marker { items.append(("marker", marker)) }
            return items
        }
    }

    /// Nova's metadata key pattern (nova/api/validation/parameter_types.py `metadata`): any other
    /// key is a 400 "does not match any of the regexes".
    public static func isValidMetadataKey(_ key: String) -> Bool {
        guard (1...255).contains(key.unicodeScalars.count) else { return false }
        return key.unicodeScalars.allSatisfy { u in
            (u >= "a" && u <= "z") || (u >= "A" && u <= "Z") || (u >= "0" && u <= "9") || "-_:. ".unicodeScalars.contains(u)
        }
    }

    /// Metadata values are strings of at most 255 characters.
    public static let maxMetadataValueLength = 255

    /// Bodyless DELETEs say JSON too: libcurl labels the empty body it sends with a DELETE
    /// "application/x-www-form-urlencoded", which Nova refuses (415 "Unsupported Content-Type").
    static func headers(_ microversion: ComputeMicroversion, body: Bool = false) -> [(name: String, value: String)] {
        var h: [(name: String, value: String)] = [("Accept", "application/json"), (ComputeMicroversion.headerName, microversion.description)]
        if body { h.insert(("Content-Type", "application/json"), at: 0) }
        return h
    }

    static func imageURL(_ endpoint: ComputeEndpoint, _ id: String) -> String {
        endpoint.imagesURL + "/" + QueryString.escapePathSegment(id)
    }

    static func metadataURL(_ endpoint: ComputeEndpoint, _ id: String) -> String { imageURL(endpoint, id) + "/metadata" }

    static func metadataKeyURL(_ endpoint: ComputeEndpoint, _ id: String, _ key: String) -> String {
        metadataURL(endpoint, id) + "/" + QueryString.escapePathSegment(key)
    }

    static func body(_ value: JSONValue) -> Data? { try? JSONEncoder().encode(value) }

    static func stringObject(_ metadata: [String: String]) -> JSONValue {
        .object(metadata.mapValues(JSONValue.string))
    }

    // MARK: images

    /// GET /images: id, name and links only.
    public static func list(_ endpoint: ComputeEndpoint, query: ListQuery = ListQuery(),
                            microversion: ComputeMicroversion = .maxProxy) -> HTTPRequest {
        HTTPRequest(method: .get, url: endpoint.imagesURL + QueryString.encode(query.items), headers: headers(microversion))
    }

    /// GET /images/detail: every field the proxy shows.
    public static func listDetail(_ endpoint: ComputeEndpoint, query: ListQuery = ListQuery(),
                                  microversion: ComputeMicroversion = .maxProxy) -> HTTPRequest {
        HTTPRequest(method: .get, url: endpoint.imagesURL + "/detail" + QueryString.encode(query.items), headers: headers(microversion))
    }

    /// The page after Nova's `images_links` next link, sent to this endpoint (Nova builds links
    /// from its own idea of its host, which behind a proxy may not be reachable): the link's
    /// query is kept, `limit` replaced when given.
    public static func nextPage(_ endpoint: ComputeEndpoint, link: String, limit: Int? = nil,
                                microversion: ComputeMicroversion = .maxProxy) -> HTTPRequest {
        let parts = link.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        var url = endpoint.imagesURL + (path.hasSuffix("/detail") ? "/detail" : "")
        if parts.count > 1, !parts[1].isEmpty { url += "?" + parts[1] }
        if let limit { url = QueryString.replacing("limit", with: String(limit), in: url) }
        return HTTPRequest(method: .get, url: url, headers: headers(microversion))
    }

    /// GET /images/{id}.
    public static func show(_ endpoint: ComputeEndpoint, id: String, microversion: ComputeMicroversion = .maxProxy) -> HTTPRequest {
        HTTPRequest(method: .get, url: imageURL(endpoint, id), headers: headers(microversion))
    }

    /// DELETE /images/{id}: 204; 403 "You are not allowed to delete the image." for another
    /// project's image, 404 "Image not found.".
    public static func delete(_ endpoint: ComputeEndpoint, id: String, microversion: ComputeMicroversion = .maxProxy) -> HTTPRequest {
        HTTPRequest(method: .delete, url: imageURL(endpoint, id), headers: headers(microversion, body: true))
    }

    // MARK: metadata

    /// GET /images/{id}/metadata: {"metadata": {...}}.
    public static func metadata(_ endpoint: ComputeEndpoint, id: String, microversion: ComputeMicroversion = .maxProxy) -> HTTPRequest {
        HTTPRequest(method: .get, url: metadataURL(endpoint, id), headers: headers(microversion))
    }

    /// POST /images/{id}/metadata {"metadata": {...}}: merges into the existing properties and
    /// answers with all of them.
    public static func mergeMetadata(_ endpoint: ComputeEndpoint, id: String, metadata: [String: String],
                                     microversion: ComputeMicroversion = .maxProxy) -> HTTPRequest {
        HTTPRequest(method: .post, url: metadataURL(endpoint, id), headers: headers(microversion, body: true),
                    body: body(.object(["metadata": stringObject(metadata)])))
    }

    /// PUT /images/{id}/metadata {"metadata": {...}}: replaces every extra property (those not
    /// listed are removed from the Glance image).
    public static func replaceMetadata(_ endpoint: ComputeEndpoint, id: String, metadata: [String: String],
                                       microversion: ComputeMicroversion = .maxProxy) -> HTTPRequest {
        HTTPRequest(method: .put, url: metadataURL(endpoint, id), headers: headers(microversion, body: true),
                    body: body(.object(["metadata": stringObject(metadata)])))
    }

    /// GET /images/{id}/metadata/{key}: {"meta": {key: value}}; 404 when the key is not set.
    public static func metadataItem(_ endpoint: ComputeEndpoint, id: String, key: String,
                                    microversion: ComputeMicroversion = .maxProxy) -> HTTPRequest {
        HTTPRequest(method: .get, url: metadataKeyURL(endpoint, id, key), headers: headers(microversion))
    }

    /// PUT /images/{id}/metadata/{key} {"meta": {key: value}}: the key in the body must be the
    /// one in the path (else 400 "Request body and URI mismatch").
    public static func setMetadataItem(_ endpoint: ComputeEndpoint, id: String, key: String, value: String,
                                       microversion: ComputeMicroversion = .maxProxy) -> HTTPRequest {
        HTTPRequest(method: .put, url: metadataKeyURL(endpoint, id, key), headers: headers(microversion, body: true),
                    body: body(.object(["meta": .object([key: .string(value)])])))
    }

    /// DELETE /images/{id}/metadata/{key}: 204; 404 "Invalid metadata key" when not set.
    public static func deleteMetadataItem(_ endpoint: ComputeEndpoint, id: String, key: String,
                                          microversion: ComputeMicroversion = .maxProxy) -> HTTPRequest {
        HTTPRequest(method: .delete, url: metadataKeyURL(endpoint, id, key), headers: headers(microversion, body: true))
    }

    // MARK: decoding

    static func object(_ body: Data, what: String, url: String) throws(APIError) -> [String: JSONValue] {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: body), let o = json.objectValue else {
            throw .malformedResponse("the \(what) is not a JSON object", url: url)
        }
        return o
    }

    /// {"images": [...], "images_links": [{"rel": "next", "href": …}]}: `next` is the next
    /// link's href as sent (its marker is `ImagesRequests.marker(inLink:)`).
    public static func decodePage(_ body: Data, url: String) throws(APIError) -> ImagePage {
        let o = try object(body, what: "Compute image list", url: url)
        guard let list = o["images"]?.arrayValue else {
            throw .malformedResponse("the Compute image list has no \"images\" array", url: url)
        }
        var images: [Image] = []
        images.reserveCapacity(list.count)
        var skipped = 0
        for entry in list {
            if let image = try? ComputeImage.image(entry) { images.append(image) } else { skipped += 1 }
        }
        let next = o["images_links"]?.arrayValue?.lazy.compactMap(\.objectValue)
            .first { $0["rel"]?.stringValue == "next" }?["href"]?.stringValue
        return ImagePage(images: images, next: next, skippedEntries: skipped)
    }

    /// {"image": {...}}.
    public static func decodeImage(_ body: Data, url: String) throws(APIError) -> Image {
        let o = try object(body, what: "Compute image", url: url)
        guard let entry = o["image"] else { throw .malformedResponse("the Compute image has no \"image\" object", url: url) }
        do { return try ComputeImage.image(entry) } catch {
            throw .malformedResponse(error == .missingID ? "the Compute image has no id" : "the Compute image is not a JSON object", url: url)
        }
    }

    /// {"metadata": {...}} of show-all, merge and replace-all.
    public static func decodeMetadata(_ body: Data, url: String) throws(APIError) -> [String: String] {
        let o = try object(body, what: "image metadata", url: url)
        guard let m = o["metadata"]?.objectValue else {
            throw .malformedResponse("the image metadata has no \"metadata\" object", url: url)
        }
        return ComputeImage.strings(m)
    }

    /// {"meta": {key: value}} of show-one and set-one.
    public static func decodeMetadataItem(_ body: Data, key: String, url: String) throws(APIError) -> String {
        let o = try object(body, what: "image metadata item", url: url)
        guard let m = o["meta"]?.objectValue, let value = m[key] else {
            throw .malformedResponse("the image metadata item has no \"meta\" object with \"\(key)\"", url: url)
        }
        return ComputeImage.string(value)
    }
}
