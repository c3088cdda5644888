import Foundation

extension ImageClient {
    /// Streams a request body from `body` and/or a response body into `sink`, with the token;
    /// a 401 signs in again once and retries (the body source is rewound). A non-2xx answer
    /// throws `APIError.http` with the server's sentence, as `sendAuthorized` does.
    public func streamAuthorized(_ request: HTTPRequest, body: (any RequestBodySource)? = nil,
                                 sink: (any ResponseSink)? = nil, options: StreamOptions = StreamOptions(),
                                 shouldContinue: () -> Bool = { true }) throws(APIError) -> HTTPResponse {
        guard let streaming = transport as? any StreamingHTTPTransport else {
            throw .configuration("This transport cannot stream image data")
        }
        var authorized = request
        let used = try authenticated().token.value
        authorized.setHeader("X-Auth-Token", used.reveal())
        do {
            return try performStream(streaming, authorized, body, sink, options, shouldContinue)
        } catch let error where error.status == 401 {
            try renew(refused: used)
            if let body, !body.rewind() { throw error }
            authorized.setHeader("X-Auth-Token", try authenticated().token.value.reveal())
            return try performStream(streaming, authorized, body, sink, options, shouldContinue)
        }
    }

    /// The cloud's import methods and stores; either list is empty where the cloud hides it.
    public func importOptions() throws(APIError) -> ImportOptions {
        let endpoint = try imageEndpoint()
        let methods = (try? sendAuthorized(DataRequests.importInfo(endpoint))).map { DataRequests.decodeImportMethods($0.body) } ?? []
        let stores = (try? sendAuthorized(DataRequests.storesInfo(endpoint))).map { DataRequests.decodeStores($0.body) } ?? []
        return ImportOptions(methods: methods, stores: stores)
    }

    /// Starts an import (glance-direct after staging, web-download, copy-image); the server
    /// answers 202 and works on it in the background.
    public func startImport(imageID: String, method: ImportMethod, stores: [String]?,
                            allStoresMustSucceed: Bool = true) throws(APIError) {
        let request = DataRequests.importImage(try imageEndpoint(), id: imageID, method: method, stores: stores,
                                               allStoresMustSucceed: allStoresMustSucceed)
        _ = try sendAuthorized(request)
    }

    private func performStream(_ transport: any StreamingHTTPTransport, _ request: HTTPRequest,
                               _ body: (any RequestBodySource)?, _ sink: (any ResponseSink)?,
                               _ options: StreamOptions, _ shouldContinue: () -> Bool) throws(APIError) -> HTTPResponse {
        let redactor = self.redactor.withLock { $0 }
        let started = DispatchTime.now().uptimeNanoseconds
        let response: HTTPResponse
        do {
            response = try transport.stream(request, body: body, sink: sink, options: options, shouldContinue: shouldContinue)
        } catch {
            log?("\(request.method.rawValue) \(redactor.scrub(request.url)) (stream) -> \(redactor.scrub(String(describing: error)))")
            RequestTrail.note(request.method, redactor.scrub(request.url), status: nil)
            throw .transport(error, url: request.url)
        }
        RequestTrail.note(request.method, redactor.scrub(request.url), status: response.status)
        let ms = (DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
        if let log {
            let headers = request.headers.map { "\($0.name): \(redactor.headerValue(name: $0.name, value: $0.value))" }
            log("\(request.method.rawValue) \(redactor.scrub(request.url)) [\(headers.joined(separator: "; "))] stream up \(body?.length ?? 0) bytes -> \(response.status) \(ms) ms")
        }
        guard response.isSuccess else {
            let message = ErrorBody.message(from: response.body, contentType: response.header("Content-Type"), status: response.status)
            throw .http(status: response.status, message: redactor.scrub(message), url: request.url)
        }
        return response
    }
}
