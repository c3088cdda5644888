import CCurl
import Foundation
import GlanceAPI

/// One libcurl easy handle. Not thread-safe: the pool hands it to one request at a time.
final class EasyHandle: @unchecked Sendable {
    private let handle: UnsafeMutableRawPointer?

    init() { handle = curl_easy_init() }
    deinit { curl_easy_cleanup(handle) }

    /// What the callbacks fill in; passed to C as an unmanaged pointer so callbacks capture nothing.
    final class Exchange {
        var status = 0
        var headers: [String: String] = [:]
        var body = Data()
    }

    func perform(_ request: HTTPRequest, options: CurlTransport.Options) throws(TransportFailure) -> HTTPResponse {
        guard let h = handle else { throw .other("libcurl could not create a handle") }
        curl_easy_reset(h)
        let exchange = Exchange()
        let context = Unmanaged.passRetained(exchange)
        defer { context.release() }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }

        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { errors in
            _ = gt_curl_set_pointer(h, CURLOPT_ERRORBUFFER, errors.baseAddress)
            _ = gt_curl_set_string(h, CURLOPT_URL, request.url)
            _ = gt_curl_set_long(h, CURLOPT_NOSIGNAL, 1)
            _ = gt_curl_set_long(h, CURLOPT_FOLLOWLOCATION, 0)
            _ = gt_curl_set_long(h, CURLOPT_CONNECTTIMEOUT, options.connectTimeout)
            _ = gt_curl_set_long(h, CURLOPT_LOW_SPEED_LIMIT, 1)
            _ = gt_curl_set_long(h, CURLOPT_LOW_SPEED_TIME, options.stallTimeout)
            _ = gt_curl_set_string(h, CURLOPT_USERAGENT, options.userAgent)
            _ = gt_curl_set_string(h, CURLOPT_ACCEPT_ENCODING, "")
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
            if request.method != .get, request.method != .head {
                let body = request.body ?? Data()
                _ = gt_curl_set_off(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
                // COPYPOSTFIELDS copies now, so the body need not outlive this call; one spare
                // byte keeps the pointer valid for an empty body.
                var bytes = [UInt8](body)
                bytes.append(0)
                bytes.withUnsafeMutableBytes { raw in
                    _ = gt_curl_set_pointer(h, CURLOPT_COPYPOSTFIELDS, raw.baseAddress)
                }
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
            return curl_easy_perform(h)
        }
        guard code == CURLE_OK else {
            let detail = errorBuffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            throw Self.failure(code, detail: detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail)
        }
        var status = 0
        _ = gt_curl_get_long(h, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: exchange.headers, body: exchange.body)
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
    exchange.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: size * count)
    return size * count
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
    } else if let colon = line.firstIndex(of: ":") {
        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        exchange.headers[name] = value
    }
    return size * count
}
