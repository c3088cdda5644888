import CCurl
import Foundation
import GlanceAPI

/// One libcurl easy handle. Not thread-safe: the pool hands it to one request at a time.
final class EasyHandle: @unchecked Sendable {
    private let handle: UnsafeMutableRawPointer?

    init() { handle = curl_easy_init() }
    deinit { curl_easy_cleanup(handle) }

    /// What the callbacks read and fill in; passed to C as an unmanaged pointer so callbacks
    /// capture nothing.
    final class Exchange {
        var status = 0
        var headers: [String: String] = [:]
        var body = Data()
        var sink: (any ResponseSink)?
        var source: (any RequestBodySource)?
        var shouldContinue: () -> Bool = { true }
        /// Set when the sink or source asked to stop, so the curl error is reported as a stop.
        var stoppedByCaller = false
        var streamsBody: Bool { sink != nil && (200..<300).contains(status) }
    }

    struct Stream {
        var body: (any RequestBodySource)?
        var sink: (any ResponseSink)?
        var options: StreamOptions
    }

    func perform(_ request: HTTPRequest, options: CurlTransport.Options, stream: Stream? = nil,
                 shouldContinue: () -> Bool = { true }) throws(TransportFailure) -> HTTPResponse {
        guard let h = handle else { throw .other("libcurl could not create a handle") }
        curl_easy_reset(h)
        let exchange = Exchange()
        exchange.sink = stream?.sink
        exchange.source = stream?.body
        let context = Unmanaged.passRetained(exchange)
        defer { context.release() }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }

        let code: CURLcode = withoutActuallyEscaping(shouldContinue) { shouldContinue in
            exchange.shouldContinue = shouldContinue
            defer { exchange.shouldContinue = { true } }
            return errorBuffer.withUnsafeMutableBufferPointer { errors in
                _ = gt_curl_set_pointer(h, CURLOPT_ERRORBUFFER, errors.baseAddress)
                configure(h, request, options: options)
                if let stream {
                    configureStream(h, request, stream, context: context.toOpaque())
                } else {
                    // Listings and JSON compress well; image data (streamed, ranged) is left alone.
                    _ = gt_curl_set_string(h, CURLOPT_ACCEPT_ENCODING, "")
                    setBody(h, request)
                }
                for (name, value) in request.headers {
                    headerList = curl_slist_append(headerList, "\(name): \(value)")
                }
                // curl would otherwise wait for "100 Continue" before sending a body.
                headerList = curl_slist_append(headerList, "Expect:")
                _ = gt_curl_set_slist(h, CURLOPT_HTTPHEADER, headerList)

                _ = gt_curl_set_write(h, writeBody)
                _ = gt_curl_set_pointer(h, CURLOPT_WRITEDATA, context.toOpaque())
                _ = gt_curl_set_header_fn(h, writeHeader)
                _ = gt_curl_set_pointer(h, CURLOPT_HEADERDATA, context.toOpaque())
                _ = gt_curl_set_long(h, CURLOPT_NOPROGRESS, 0)
                _ = gt_curl_set_xferinfo(h, pollContinue)
                _ = gt_curl_set_pointer(h, CURLOPT_XFERINFODATA, context.toOpaque())
                return curl_easy_perform(h)
            }
        }
        guard code == CURLE_OK else {
            if exchange.stoppedByCaller { throw .cancelled }
            let detail = errorBuffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            throw Self.failure(code, detail: detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail)
        }
        var status = 0
        _ = gt_curl_get_long(h, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: exchange.headers, body: exchange.body)
    }

    private func configure(_ h: UnsafeMutableRawPointer, _ request: HTTPRequest, options: CurlTransport.Options) {
        _ = gt_curl_set_string(h, CURLOPT_URL, request.url)
        _ = gt_curl_set_long(h, CURLOPT_NOSIGNAL, 1)
        _ = gt_curl_set_long(h, CURLOPT_FOLLOWLOCATION, 0)
        _ = gt_curl_set_long(h, CURLOPT_CONNECTTIMEOUT, options.connectTimeout)
        _ = gt_curl_set_long(h, CURLOPT_LOW_SPEED_LIMIT, 1)
        _ = gt_curl_set_long(h, CURLOPT_LOW_SPEED_TIME, options.stallTimeout)
        _ = gt_curl_set_string(h, CURLOPT_USERAGENT, options.userAgent)
        _ = gt_curl_set_long(h, CURLOPT_SSL_VERIFYPEER, options.tls.verify ? 1 : 0)
        _ = gt_curl_set_long(h, CURLOPT_SSL_VERIFYHOST, options.tls.verify ? 2 : 0)
        if let ca = options.tls.caFile { _ = gt_curl_set_string(h, CURLOPT_CAINFO, ca) }
        if let cert = options.tls.clientCert { _ = gt_curl_set_string(h, CURLOPT_SSLCERT, cert) }
        if let key = options.tls.clientKey { _ = gt_curl_set_string(h, CURLOPT_SSLKEY, key) }
        switch request.method {
        case .get: _ = gt_curl_set_long(h, CURLOPT_HTTPGET, 1)
        case .head: _ = gt_curl_set_long(h, CURLOPT_NOBODY, 1)
        default: _ = gt_curl_set_string(h, CURLOPT_CUSTOMREQUEST, request.method.rawValue)
        }
    }

    private func setBody(_ h: UnsafeMutableRawPointer, _ request: HTTPRequest) {
        guard request.method != .get, request.method != .head else { return }
        // A DELETE without a body must not get curl's form Content-Type (Nova answers it 415).
        if request.method == .delete, request.body?.isEmpty ?? true { return }
        let body = request.body ?? Data()
        _ = gt_curl_set_off(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
        // COPYPOSTFIELDS copies now, so the body need not outlive this call; one spare byte
        // keeps the pointer valid for an empty body.
        var bytes = [UInt8](body)
        bytes.append(0)
        bytes.withUnsafeMutableBytes { raw in
            _ = gt_curl_set_pointer(h, CURLOPT_COPYPOSTFIELDS, raw.baseAddress)
        }
    }

    private func configureStream(_ h: UnsafeMutableRawPointer, _ request: HTTPRequest, _ stream: Stream,
                                 context: UnsafeMutableRawPointer) {
        if let limit = stream.options.maxBytesPerSecond {
            // libcurl 7.88 reads on past MAX_RECV_SPEED while a slow write callback drains a
            // large buffer, so a rate-limited transfer keeps curl's own 16 KiB buffer.
            _ = gt_curl_set_off(h, CURLOPT_MAX_RECV_SPEED_LARGE, curl_off_t(limit))
            _ = gt_curl_set_off(h, CURLOPT_MAX_SEND_SPEED_LARGE, curl_off_t(limit))
        } else {
            // Bigger buffers than curl's 16 KiB: fewer callbacks and hash calls per GiB.
            _ = gt_curl_set_long(h, CURLOPT_BUFFERSIZE, 512 * 1024)
        }
        if let body = stream.body {
            // UPLOAD makes the request a PUT that reads its body from the read callback;
            // CUSTOMREQUEST (set in configure) keeps another method if one was asked for.
            _ = gt_curl_set_long(h, CURLOPT_UPLOAD, 1)
            _ = gt_curl_set_long(h, CURLOPT_UPLOAD_BUFFERSIZE, 1024 * 1024)
            _ = gt_curl_set_off(h, CURLOPT_INFILESIZE_LARGE, curl_off_t(body.length))
            _ = gt_curl_set_read(h, readBody)
            _ = gt_curl_set_pointer(h, CURLOPT_READDATA, context)
        } else {
            setBody(h, request)
        }
    }

    static func failure(_ code: CURLcode, detail: String) -> TransportFailure {
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: .cannotResolveHost(detail)
        case CURLE_COULDNT_CONNECT: .cannotConnect(detail)
        case CURLE_OPERATION_TIMEDOUT: .timedOut(detail)
        case CURLE_ABORTED_BY_CALLBACK: .cancelled
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_ENGINE_NOTFOUND,
             CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR,
             CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE:
            .tls(detail)
        default: .other(detail)
        }
    }
}

private let writeBody: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    data, size, count, context in
    guard let data, let context else { return 0 }
    let exchange = Unmanaged<EasyHandle.Exchange>.fromOpaque(context).takeUnretainedValue()
    if exchange.streamsBody, let sink = exchange.sink {
        guard sink.receive(UnsafeRawBufferPointer(start: data, count: size * count)) else {
            exchange.stoppedByCaller = true
            return 0
        }
        return size * count
    }
    exchange.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: size * count)
    return size * count
}

private let readBody: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    buffer, size, count, context in
    guard let buffer, let context else { return Int(CURL_READFUNC_ABORT) }
    let exchange = Unmanaged<EasyHandle.Exchange>.fromOpaque(context).takeUnretainedValue()
    guard let source = exchange.source,
          let n = source.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: size * count)) else {
        exchange.stoppedByCaller = true
        return Int(CURL_READFUNC_ABORT)
    }
    return n
}

private let pollContinue: @convention(c) (UnsafeMutableRawPointer?, curl_off_t, curl_off_t, curl_off_t, curl_off_t) -> Int32 = {
    context, _, _, _, _ in
    guard let context else { return 0 }
    let exchange = Unmanaged<EasyHandle.Exchange>.fromOpaque(context).takeUnretainedValue()
    if exchange.shouldContinue() { return 0 }
    exchange.stoppedByCaller = true
    return 1
}

private let writeHeader: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    data, size, count, context in
    guard let data, let context else { return 0 }
    let exchange = Unmanaged<EasyHandle.Exchange>.fromOpaque(context).takeUnretainedValue()
    let bytes = UnsafeRawBufferPointer(start: data, count: size * count)
    let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    if line.hasPrefix("HTTP/") {
        // A new response (after 100 Continue or a redirect): forget the previous one's headers.
        exchange.headers = [:]
        let parts = line.split(separator: " ", maxSplits: 2)
        exchange.status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
    } else if line.isEmpty {
        // The end of a header block: the final one (not 1xx) is handed to the sink.
        if exchange.status >= 200, let sink = exchange.sink,
           !sink.begin(status: exchange.status, headers: exchange.headers) {
            exchange.stoppedByCaller = true
            return 0
        }
    } else if let colon = line.firstIndex(of: ":") {
        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        exchange.headers[name] = value
    }
    return size * count
}
