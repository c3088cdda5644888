import Foundation

/// Pure builders for Image API v2 requests; the token is added by the client that sends them.
public enum ImagesRequests {
    /// Glance's default api_limit_max: larger pages are silently capped by the server.
    public static let maxPageSize = 1000

    public static func list(_ endpoint: ImageEndpoint, query: [(String, String)] = [], limit: Int? = nil) -> HTTPRequest {
        var items = query
        if let limit { items.append(("limit", String(limit))) }
        return HTTPRequest(method: .get, url: endpoint.v2 + "/images" + QueryString.encode(items),
                           headers: [("Accept", "application/json")])
    }

    /// The request for the page after `next`, optionally with a different page size: the first
    /// page is kept small so it paints quickly, later ones are large so everything loads sooner.
    public static func nextPage(_ endpoint: ImageEndpoint, next: String, limit: Int? = nil) -> HTTPRequest {
        var url = endpoint.resolve(link: next)
        if let limit { url = QueryString.replacing("limit", with: String(limit), in: url) }
        return HTTPRequest(method: .get, url: url, headers: [("Accept", "application/json")])
    }

    /// The `marker` parameter of a `next` link, percent-decoded.
    public static func marker(inLink link: String) -> String? {
        guard let query = link.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0] == "marker" {
                return String(parts[1]).removingPercentEncoding ?? String(parts[1])
            }
        }
        return nil
    }

    public static func show(_ endpoint: ImageEndpoint, id: String) -> HTTPRequest {
        HTTPRequest(method: .get, url: endpoint.v2 + "/images/" + QueryString.escapePathSegment(id),
                    headers: [("Accept", "application/json")])
    }

    public static func decodePage(_ body: Data, url: String) throws(APIError) -> ImagePage {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: body), let o = json.objectValue else {
            throw .malformedResponse("the image list is not JSON", url: url)
        }
        guard let list = o["images"]?.arrayValue else {
            throw .malformedResponse("the image list has no \"images\" array", url: url)
        }
        var images: [Image] = []
        images.reserveCapacity(list.count)
        var skipped = 0
        for entry in list {
            if let image = try? Image(json: entry) { images.append(image) } else { skipped += 1 }
        }
        return ImagePage(images: images, next: o["next"]?.stringValue, skippedEntries: skipped)
    }

    public static func decodeImage(_ body: Data, url: String) throws(APIError) -> Image {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: body) else {
            throw .malformedResponse("the image is not JSON", url: url)
        }
        do { return try Image(json: json) } catch {
            throw .malformedResponse(error == .missingID ? "the image has no id" : "the image is not a JSON object", url: url)
        }
    }
}

public struct ImagePage: Sendable, Equatable {
    public var images: [Image]
    public var next: String?
    /// Entries without an id or not objects: counted and reported, never a crash.
    public var skippedEntries: Int
    /// Something the backend wants the user told about how it listed (a sort syntax it fell back to).
    public var notice: String?

    public init(images: [Image], next: String?, skippedEntries: Int = 0) {
        self.images = images
        self.next = next
        self.skippedEntries = skippedEntries
    }
}
