import Foundation

/// One image in Glance's local cache (glance/api/v2/cached_images.py, `get_cache_state`).
public struct CachedImage: Sendable, Equatable {
    public var imageID: String
    public var hits: Int64
    /// Both drivers send these as Unix seconds (floats); 0 means never.
    public var lastAccessed: Date?
    public var lastModified: Date?
    public var size: Int64?
    /// Only the centralized_db driver sends the checksum.
    public var checksum: String?

    public init(imageID: String, hits: Int64 = 0, lastAccessed: Date? = nil, lastModified: Date? = nil,
                size: Int64? = nil, checksum: String? = nil) {
        self.imageID = imageID
        self.hits = hits
        self.lastAccessed = lastAccessed
        self.lastModified = lastModified
        self.size = size
        self.checksum = checksum
    }

    init?(json: JSONValue) {
        guard let o = json.objectValue, let id = o["image_id"]?.stringValue, !id.isEmpty else { return nil }
        func date(_ key: String) -> Date? {
            guard case .number(let seconds)? = o[key], seconds > 0 else { return nil }
            return Date(timeIntervalSince1970: seconds)
        }
        self.init(imageID: id, hits: o["hits"]?.looseInt ?? 0, lastAccessed: date("last_accessed"),
                  lastModified: date("last_modified"), size: o["size"]?.looseInt, checksum: o["checksum"]?.stringValue)
    }
}

/// GET /v2/cache: what this API node has cached, and the ids waiting for the prefetcher.
public struct ImageCacheState: Sendable, Equatable {
    public var cached: [CachedImage]
    /// Oldest first, as Glance lists them.
    public var queued: [String]

    public init(cached: [CachedImage] = [], queued: [String] = []) {
        self.cached = cached
        self.queued = queued
    }

    public func isCached(_ imageID: String) -> Bool { cached.contains { $0.imageID == imageID } }
}

/// Which part of the cache DELETE /v2/cache empties.
public enum CacheClearTarget: String, Sendable, CaseIterable {
    /// No header: Glance empties both.
    case both
    case cache
    case queue
}

/// Pure builders and decoders for the cache API (Glance ≥ 25, Yoga). Every call needs the
/// cache_* policies (admin by default: 403 "You are not authorized to complete cache_list
/// action.") and then a cache: without `image_cache_dir` Glance answers 404 "Caching via API
/// is not supported at this site." — after the policy check, so a member sees only the 403.
public enum CacheRequests {
    public static let notSupportedSentence = "Caching via API is not supported at this site"

    public static func state(_ endpoint: ImageEndpoint) -> HTTPRequest {
        HTTPRequest(method: .get, url: endpoint.v2 + "/cache", headers: [("Accept", "application/json")])
    }

    /// PUT /v2/cache/{id}: 202; only active images (400 "Only images with status active can be
    /// targeted for queueing").
    public static func queue(_ endpoint: ImageEndpoint, imageID: String) -> HTTPRequest {
        HTTPRequest(method: .put, url: imageURL(endpoint, imageID))
    }

    /// DELETE /v2/cache/{id}: 204, out of the cache and the queue both.
    public static func remove(_ endpoint: ImageEndpoint, imageID: String) -> HTTPRequest {
        HTTPRequest(method: .delete, url: imageURL(endpoint, imageID))
    }

    /// DELETE /v2/cache: 204 (the counts Glance computes are dropped with the body).
    public static func clear(_ endpoint: ImageEndpoint, target: CacheClearTarget) -> HTTPRequest {
        var request = HTTPRequest(method: .delete, url: endpoint.v2 + "/cache")
        if target != .both { request.setHeader("x-image-cache-clear-target", target.rawValue) }
        return request
    }

    /// `{"cached_images": [{image_id, hits, last_accessed, last_modified, size, …}], "queued_images": [ids]}`.
    public static func decodeState(_ body: Data, url: String) throws(APIError) -> ImageCacheState {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: body), let o = json.objectValue else {
            throw .malformedResponse("the cache state is not JSON", url: url)
        }
        guard let cached = o["cached_images"]?.arrayValue, let queued = o["queued_images"]?.arrayValue else {
            throw .malformedResponse("the cache state has no \"cached_images\" and \"queued_images\" arrays", url: url)
        }
        return ImageCacheState(cached: cached.compactMap(CachedImage.init(json:)), queued: queued.compactMap(\.stringValue))
    }

    /// Whether `error` is a cloud without the cache (not a policy refusal or a missing image).
    public static func isNotSupported(_ error: APIError) -> Bool {
        guard case .http(404, let message, _) = error else { return false }
        return message.contains(notSupportedSentence)
    }

    private static func imageURL(_ endpoint: ImageEndpoint, _ id: String) -> String {
        endpoint.v2 + "/cache/" + QueryString.escapePathSegment(id)
    }
}
