import Foundation

/// Image data over v1, streamed both ways through `ImageClient.streamAuthorized` (which signs in
/// again once on a 401 and rewinds the body). Upload answers are v1's `{"image": {...}}` JSON.
extension LegacyV1Client {
    /// Streams the image's bytes into `sink` from `offset` on (206 with Content-Range when offset > 0).
    /// glance-api v1 ignored Range and answered 200 with every byte: `sink.begin` sees which came.
    /// Only an active image has data (v1 answers 404 otherwise); a start past the end throws 416.
    public func download(id: String, from offset: Int64, sink: any ResponseSink, options: StreamOptions,
                         shouldContinue: () -> Bool) throws(APIError) -> HTTPResponse {
        let request = V1Requests.download(try baseURL(), id: id, offset: offset)
        return try client.streamAuthorized(request, sink: sink, options: options, shouldContinue: shouldContinue)
    }

    /// Fills a queued image with the bytes of `body` (PUT); returns the image as the server reports it after.
    /// Any other status is refused with 409. An empty body is no data to v1: the image stays queued.
    /// When the bytes do not match the image's `checksum` or `size`, v1 answers 400 and kills the image.
    public func upload(id: String, body: any RequestBodySource, options: StreamOptions,
                       shouldContinue: () -> Bool) throws(APIError) -> Image {
        let request = V1Requests.upload(try baseURL(), id: id, length: body.length)
        let response = try client.streamAuthorized(request, body: body, options: options, shouldContinue: shouldContinue)
        return try V1Decoding.decodeImage(response.body, url: request.url)
    }

    /// A new image and its bytes in one POST.
    /// The metadata is checked against `V1Rules` first, as in `create(_:data:)`. A `checksum` among
    /// the fields is verified by the server: on a mismatch it answers 400 and leaves the image killed.
    public func create(_ metadata: V1ImageMetadata, body: any RequestBodySource, options: StreamOptions,
                       shouldContinue: () -> Bool) throws(APIError) -> Image {
        if let sentence = V1Rules.violation(metadata.fields) { throw .configuration(sentence) }
        let request = V1Requests.createWithData(try baseURL(), metadata: metadata, length: body.length)
        let response = try client.streamAuthorized(request, body: body, options: options, shouldContinue: shouldContinue)
        return try V1Decoding.decodeImage(response.body, url: request.url)
    }
}
