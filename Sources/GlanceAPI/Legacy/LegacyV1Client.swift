import Foundation

/// Browses and edits images over the legacy Image API v1 (and the v1 registry API), through an
/// `ImageClient` for the token. Every write is checked against `V1Rules` before it is sent:
/// a refused value throws `APIError.configuration` with the rule's sentence and sends nothing.
public final class LegacyV1Client: Sendable {
    public let client: ImageClient
    let baseOverride: String?
    let registryOverride: String?

    /// `baseURL`: the v1 URL ("http://host:9292/v1"); default the image endpoint's root + "/v1".
    /// `registryURL`: the registry's root ("http://host:9191"); default the image endpoint's root.
    public init(client: ImageClient, baseURL: String? = nil, registryURL: String? = nil) {
        self.client = client
        baseOverride = baseURL
        registryOverride = registryURL
    }

    public func baseURL() throws(APIError) -> String {
        if let baseOverride { return V1Requests.trimmed(baseOverride) }
        return try client.imageEndpoint().root + "/v1"
    }

    public func registryURL() throws(APIError) -> String {
        if let registryOverride { return V1Requests.trimmed(registryOverride) }
        return try client.imageEndpoint().root
    }

    // MARK: Listing

    /// The v2 list parameters v1 cannot express: a caller should tell the user rather than list
    /// more than was asked for. (visibility other than public/private, member_status, owner, tag,
    /// created_at, updated_at, os_hidden, protected, id, more than one sort key, `in:`/`neq:` names.)
    public static func translate(_ items: [QueryItem]) -> (query: V1ListQuery, unsupported: [String]) {
        var q = V1ListQuery()
        var unsupported: [String] = []
        for item in items {
            switch item.name {
            case "name":
                if item.value.hasPrefix("eq:") { q.name = String(item.value.dropFirst(3)) }
                else if item.value.hasPrefix("in:") || item.value.hasPrefix("neq:") { unsupported.append("name (\(item.value))") }
                else { q.name = item.value }
            case "status": q.status = item.value
            case "disk_format": q.diskFormat = item.value
            case "container_format": q.containerFormat = item.value
            case "size_min": if let n = Int64(item.value) { q.sizeMin = n } else { unsupported.append("size_min") }
            case "size_max": if let n = Int64(item.value) { q.sizeMax = n } else { unsupported.append("size_max") }
            case "visibility":
                switch item.value {
                case "public": q.isPublic = true
                case "private": q.isPublic = false
                case "all": break
                default: unsupported.append("visibility=\(item.value)")
                }
            case "sort":
                let keys = item.value.split(separator: ",")
                if keys.count > 1 { unsupported.append("sorting by more than one key") }
                if let first = keys.first {
                    let parts = first.split(separator: ":")
                    q.sortKey = String(parts[0])
                    if parts.count > 1 { q.sortDir = String(parts[1]) }
                }
            case "sort_key", "sort-key":
                if q.sortKey != nil { unsupported.append("sorting by more than one key") } else { q.sortKey = item.value }
            case "sort_dir", "sort-dir": if q.sortDir == nil { q.sortDir = item.value }
            case "changes-since": q.changesSince = item.value
            case "marker": q.marker = item.value
            case "limit": q.limit = Int(item.value)
            case "member_status", "owner", "tag", "created_at", "updated_at", "os_hidden", "protected", "id":
                unsupported.append(item.name)
            default:
                // v2 filters on extra properties by their bare key; v1 spells it property-<key>.
                q.properties[item.name] = item.value
            }
        }
        var seen = Set<String>()
        return (q, unsupported.filter { seen.insert($0).inserted })
    }

    /// One page, as `ImageClient.listImages` gives it. `next` is a v1 link with the last id as
    /// marker when the page is full (v1 sends no link of its own).
    public func listImages(_ page: PageRequest, detail: Bool = true) throws(APIError) -> ImagePage {
        let base = try baseURL()
        var query: V1ListQuery
        let limit: Int
        switch page {
        case .first(let q, let l): (query, limit) = (try Self.expressible(q.queryItems()), l)
        case .after(let q, let marker, let l):
            query = try Self.expressible(q.queryItems())
            query.marker = marker
            limit = l
        case .next(let link, let l):
            let url = link.hasPrefix("http://") || link.hasPrefix("https://") ? link
                : (try client.imageEndpoint().root) + (link.hasPrefix("/") ? link : "/" + link)
            let request = HTTPRequest(method: .get, url: QueryString.replacing("limit", with: String(l), in: url),
                                      headers: [("Accept", "application/json")])
            return try fetchPage(request, limit: l)
        }
        query.limit = limit
        return try fetchPage(V1Requests.list(base, detail: detail, query: query), limit: limit)
    }

    static func expressible(_ items: [QueryItem]) throws(APIError) -> V1ListQuery {
        let (query, unsupported) = translate(items)
        guard unsupported.isEmpty else {
            throw .configuration("The Image API v1 cannot filter or sort by \(unsupported.joined(separator: ", ")): remove it from the query")
        }
        return query
    }

    private func fetchPage(_ request: HTTPRequest, limit: Int) throws(APIError) -> ImagePage {
        let response = try client.sendAuthorized(request)
        let (images, skipped) = try V1Decoding.decodeList(response.body, url: request.url)
        var next: String?
        if limit > 0, images.count >= limit, let last = images.last {
            next = QueryString.replacing("marker", with: last.id, in: request.url)
        }
        return ImagePage(images: images, next: next, skippedEntries: skipped)
    }

    /// A whole v1 listing with the parameters as given (one request).
    public func list(_ query: V1ListQuery = V1ListQuery(), detail: Bool = true) throws(APIError) -> [Image] {
        let request = V1Requests.list(try baseURL(), detail: detail, query: query)
        return try V1Decoding.decodeList(try client.sendAuthorized(request).body, url: request.url).images
    }

    // MARK: One image

    /// HEAD /v1/images/{id}.
    public func image(id: String) throws(APIError) -> Image {
        let response = try headers(id: id)
        do { return try V1Decoding.image(headers: response.headers) } catch {
            throw .malformedResponse("the v1 HEAD answer carries no x-image-meta-id", url: V1Requests.head(try baseURL(), id: id).url)
        }
    }

    func headers(id: String) throws(APIError) -> HTTPResponse {
        try client.sendAuthorized(V1Requests.head(try baseURL(), id: id))
    }

    /// POST /v1/images, with the image data when given.
    public func create(_ metadata: V1ImageMetadata, data: Data? = nil) throws(APIError) -> Image {
        if let sentence = V1Rules.violation(metadata.fields) { throw .configuration(sentence) }
        let request = V1Requests.create(try baseURL(), metadata: metadata, data: data)
        return try V1Decoding.decodeImage(try client.sendAuthorized(request).body, url: request.url)
    }

    /// PUT /v1/images/{id}. Properties merge unless `purgeProperties`; `removedProperties`
    /// reads the image first (HEAD), drops them, and PUTs all the rest with purge.
    public func update(id: String, _ changes: V1ImageMetadata, purgeProperties: Bool = false) throws(APIError) -> Image {
        var current: HTTPResponse?
        let touchesOneFormat = (changes.fields["disk_format"] != nil) != (changes.fields["container_format"] != nil)
        if V1Rules.violation(changes.fields, currentDiskFormat: nil, currentContainerFormat: nil) == nil, touchesOneFormat {
            current = try headers(id: id)
        }
        if let sentence = V1Rules.violation(changes.fields,
                                            currentDiskFormat: current?.header("x-image-meta-disk_format").flatMap(Self.some),
                                            currentContainerFormat: current?.header("x-image-meta-container_format").flatMap(Self.some)) {
            throw .configuration(sentence)
        }
        var metadata = changes
        var purge = purgeProperties
        if !changes.removedProperties.isEmpty {
            if !purgeProperties {
                let response: HTTPResponse
                if let current { response = current } else { response = try headers(id: id) }
                var properties = V1Decoding.properties(headers: response.headers)
                for key in changes.removedProperties { properties.removeValue(forKey: key) }
                properties.merge(changes.properties) { _, new in new }
                metadata.properties = properties
            }
            for key in changes.removedProperties { metadata.properties.removeValue(forKey: key) }
            purge = true
        }
        let request = V1Requests.update(try baseURL(), id: id, metadata: metadata, purgeProperties: purge)
        return try V1Decoding.decodeImage(try client.sendAuthorized(request).body, url: request.url)
    }

    /// One PUT of is_public (v1 has only public and private).
    public func setPublic(id: String, _ isPublic: Bool) throws(APIError) -> Image {
        let request = V1Requests.setPublic(try baseURL(), id: id, isPublic)
        return try V1Decoding.decodeImage(try client.sendAuthorized(request).body, url: request.url)
    }

    /// One PUT of protected; while true the server refuses DELETE with 403.
    public func setProtected(id: String, _ isProtected: Bool) throws(APIError) -> Image {
        let request = V1Requests.setProtected(try baseURL(), id: id, isProtected)
        return try V1Decoding.decodeImage(try client.sendAuthorized(request).body, url: request.url)
    }

    static func some(_ s: String) -> String? { s == "None" || s.isEmpty ? nil : s }

    public func delete(id: String) throws(APIError) {
        _ = try client.sendAuthorized(V1Requests.delete(try baseURL(), id: id))
    }

    /// The v1 metadata for v2 JSON-patch operations, or the sentence saying why v1 cannot do it.
    public static func metadata(for operations: [PatchOperation]) -> Result<V1ImageMetadata, APIError> {
        var m = V1ImageMetadata()
        for op in operations {
            switch op {
            case .add(let key, let value), .replace(let key, let value):
                m.removedProperties.remove(key)
                switch key {
                case "name", "disk_format", "container_format", "owner":
                    m.fields[key] = value.displayText
                case "min_disk", "min_ram":
                    guard let n = value.looseInt else { return .failure(.configuration("\(key) must be a whole number")) }
                    m.fields[key] = String(n)
                case "protected":
                    guard let b = value.looseBool else { return .failure(.configuration("protected must be true or false")) }
                    m.fields[key] = V1Requests.flag(b)
                case "visibility":
                    switch value.stringValue {
                    case "public": m.fields["is_public"] = V1Requests.flag(true)
                    case "private": m.fields["is_public"] = V1Requests.flag(false)
                    default:
                        return .failure(.configuration("The Image API v1 knows only public and private images, not \"\(value.displayText)\""))
                    }
                case "tags", "os_hidden", "status", "id", "size", "virtual_size", "checksum", "os_hash_algo",
                     "os_hash_value", "created_at", "updated_at", "locations", "stores", "self", "file", "schema", "direct_url":
                    return .failure(.configuration("The Image API v1 cannot change \(key) this way"))
                default:
                    m.properties[key] = value.displayText
                }
            case .remove(let key):
                if Image.coreKeys.contains(key) || V1Decoding.coreKeys.contains(key) {
                    return .failure(.configuration("The Image API v1 cannot remove \(key); only extra properties can be removed"))
                }
                m.properties.removeValue(forKey: key)
                m.removedProperties.insert(key)
            }
        }
        return .success(m)
    }

    /// Translates v2 JSON-patch operations into one v1 PUT (after a HEAD when a property is removed).
    public func apply(id: String, operations: [PatchOperation]) throws(APIError) -> Image {
        let metadata: V1ImageMetadata
        switch Self.metadata(for: operations) {
        case .success(let m): metadata = m
        case .failure(let e): throw e
        }
        return try update(id: id, metadata)
    }
}
