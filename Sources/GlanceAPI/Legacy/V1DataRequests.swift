import Foundation

/// Requests that move image data over v1. Upload bodies are streamed by the sender, so these
/// requests carry none; `x-image-meta-size` tells glance-api the length up front (it kills the
/// image when the bytes that arrive differ).
extension V1Requests {
    /// GET /v1/images/{id}: the data, with the metadata in x-image-meta-* headers. A resumed
    /// download asks for `Range: bytes=<offset>-`; glance-api v1 itself ignored Range and sent
    /// the whole image (200), which the caller must expect.
    public static func download(_ base: String, id: String, offset: Int64 = 0) -> HTTPRequest {
        var request = show(base, id: id)
        if offset > 0 { request.setHeader("Range", "bytes=\(offset)-") }
        return request
    }

    /// PUT /v1/images/{id} with the data of a queued image.
    public static func upload(_ base: String, id: String, length: Int64) -> HTTPRequest {
        HTTPRequest(method: .put, url: imageURL(base, id), headers: dataHeaders(length: length))
    }

    /// POST /v1/images with the metadata as headers and the data as the body. A `size` among the
    /// fields gives way to `length`: the body is what the server measures.
    public static func createWithData(_ base: String, metadata: V1ImageMetadata, length: Int64) -> HTTPRequest {
        var metadata = metadata
        metadata.fields.removeValue(forKey: "size")
        return HTTPRequest(method: .post, url: trimmed(base) + "/images",
                           headers: metadata.headers + dataHeaders(length: length))
    }

    static func dataHeaders(length: Int64) -> [(name: String, value: String)] {
        [("Content-Type", "application/octet-stream"), ("x-image-meta-size", String(length)),
         ("Accept", "application/json")]
    }
}
