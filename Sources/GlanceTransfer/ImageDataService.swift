import Foundation
import GlanceAPI

/// What the transfer engines need from a cloud; `ImageClient` is the live one, tests give a
/// scripted server.
public protocol ImageDataService: Sendable {
    func image(id: String) throws(APIError) -> Image
    func imageEndpoint() throws(APIError) -> ImageEndpoint
    func sendAuthorized(_ request: HTTPRequest) throws(APIError) -> HTTPResponse
    func streamAuthorized(_ request: HTTPRequest, body: (any RequestBodySource)?, sink: (any ResponseSink)?,
                          options: StreamOptions, shouldContinue: () -> Bool) throws(APIError) -> HTTPResponse
}

extension ImageClient: ImageDataService {}

extension ImageDataService {
    func createImage(fields: [String: JSONValue]) throws(APIError) -> Image {
        let request = ImagesRequests.create(try imageEndpoint(), fields: fields)
        let response = try sendAuthorized(request)
        return try ImagesRequests.decodeImage(response.body, url: request.url)
    }

    func deleteImage(id: String) throws(APIError) {
        _ = try sendAuthorized(ImagesRequests.delete(try imageEndpoint(), id: id))
    }

    func startImport(imageID: String, method: ImportMethod, stores: [String]?, allStoresMustSucceed: Bool) throws(APIError) {
        let request = DataRequests.importImage(try imageEndpoint(), id: imageID, method: method, stores: stores,
                                               allStoresMustSucceed: allStoresMustSucceed)
        _ = try sendAuthorized(request)
    }
}

extension APIError {
    /// A failure worth another attempt: no answer at all, or a server or gateway in trouble.
    var isRetryable: Bool {
        switch self {
        case .transport(let failure, _): failure != .cancelled
        case .http(let status, _, _): [408, 429, 500, 502, 503, 504].contains(status)
        default: false
        }
    }
}
