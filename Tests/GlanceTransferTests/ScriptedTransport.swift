import Foundation
import GlanceAPI
import Synchronization
@testable import GlanceTransfer

/// One request as the scripted server saw it, with what it answered.
struct RecordedRequest: Sendable {
    var method: HTTPMethod
    var url: String
    var headers: [(name: String, value: String)]
    /// The request body: `HTTPRequest.body`, or every byte read from a streamed `RequestBodySource`.
    var body: Data
    /// The status answered; nil when the exchange ended in a `TransportFailure` before any answer.
    var status: Int?
    /// Body bytes handed to the sink (streamed 2xx answers only).
    var delivered: Int = 0

    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The URL without scheme and host: "/v3/auth/tokens", "/v2/images/img-1/file".
    var path: String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        return String(rest[slash...])
    }

    /// "GET /v2/images/img-1", for comparing whole sequences of requests.
    var line: String { "\(method.rawValue) \(path)" }

    var isKeystone: Bool { path.hasSuffix("/auth/tokens") }
}

/// A `StreamingHTTPTransport` playing Keystone and Glance from a script, for the transfer
/// engines driven through a real `ImageClient`:
///
/// - POST …/v3/auth/tokens issues "token-1", "token-2", … with a catalog whose image endpoint is
///   `imageRoot`; Glance requests carrying any other token are answered 401.
/// - GET /v2/images/ID answers the image's fields; POST /v2/images creates "new-1", "new-2", …
///   (queued); DELETE removes.
/// - GET /v2/images/ID/file consumes `fileAnswers` one per request (then serves normally):
///   the image's bytes, honouring `Range` or not, cut after N bytes with or without an error,
///   with a chosen Content-Range or Content-MD5, or any status.
/// - PUT /file and /stage read the whole streamed body (consuming `putAnswers`); an accepted
///   PUT /file makes the image active with the checksums of the bytes received.
/// - POST /import starts a glance-direct import that finishes after `importPolls` reads of
///   the image, successfully or with some stores failed.
///
/// Bodies reach the sink in `chunkSize` pieces, `chunkDelay` seconds apart; `shouldContinue`
/// is polled before every piece, as curl polls it during a transfer.
final class ScriptedTransport: StreamingHTTPTransport {
    static let authURL = "http://keystone.test:5000"
    static let imageRoot = "http://glance.test:9292"
    static let tokensURL = authURL + "/v3/auth/tokens"
    static let resetMessage = "connection reset"

    static var profile: CloudProfile {
        CloudProfile(name: "scripted", authURL: authURL,
                     auth: .password(user: .name("demo", domain: nil), password: Secret("s3cret"),
                                     scope: .project(.name("demo", domain: nil))))
    }

    /// How one GET /file is answered.
    enum FileAnswer: Sendable {
        case serve(Serve)
        /// A non-2xx answer (or a bare 416) with these headers and body.
        case status(Int, headers: [String: String] = [:], body: String = "")

        static let normal = FileAnswer.serve(Serve())
        /// Sends the first `n` body bytes of this response, then the connection drops.
        static func reset(after n: Int) -> FileAnswer { .serve(Serve(cutAfter: n)) }
        static let unauthorized = FileAnswer.status(
            401, headers: ["Content-Type": "application/json"],
            body: #"{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}"#)
    }

    struct Serve: Sendable {
        /// False: a 200 with every byte whatever the Range asked.
        var honourRange = true
        /// Body bytes of this response delivered before it stops.
        var cutAfter: Int?
        /// Stop after `cutAfter` without an error, as a server closing a keep-alive body early.
        var cutSilently = false
        /// Replaces the Content-Range a 206 carries (and makes the answer a 206).
        var contentRange: String?
        var contentMD5: String?
        /// Replaces the image's bytes for this answer (a flipped byte).
        var data: Data?
    }

    /// How one PUT /file or /stage is answered.
    enum PutAnswer: Sendable {
        case accept
        /// Reads `n` body bytes, then the connection drops (the image stays queued).
        case resetAfter(Int)
        case status(Int, headers: [String: String] = [:], body: String = "")
    }

    enum ImportEnding: Sendable {
        case succeed
        /// These stores fail: listed in os_glance_failed_import; the others land in "stores".
        case failStores([String], status: String = "active")
    }

    private struct PendingImport {
        var pollsLeft: Int
        var stores: [String]
    }

    private struct State {
        var requests: [RecordedRequest] = []
        var tokensIssued = 0
        var validTokens: Set<String> = []
        var images: [String: [String: JSONValue]] = [:]
        var data: [String: Data] = [:]
        var staged: [String: Data] = [:]
        var fileAnswers: [FileAnswer] = []
        var fileDefault = FileAnswer.normal
        var putAnswers: [PutAnswer] = []
        var imports: [String: PendingImport] = [:]
        var importPolls = 0
        var importEnding = ImportEnding.succeed
        var afterUpload: [String: JSONValue] = [:]
        var created = 0
    }

    private let state = Mutex(State())
    let chunkSize: Int
    let chunkDelay: Double

    init(chunkSize: Int = 8192, chunkDelay: Double = 0) {
        self.chunkSize = chunkSize
        self.chunkDelay = chunkDelay
    }

    // MARK: Script

    /// An active image holding `data`, with the md5 checksum and sha512 multihash of `data`
    /// unless `fields` says otherwise.
    func addImage(id: String, data: Data, status: String = "active", fields: [String: JSONValue] = [:]) {
        var f: [String: JSONValue] = [
            "id": .string(id), "name": .string("cirros"), "status": .string(status),
            "disk_format": .string("raw"), "container_format": .string("bare"), "visibility": .string("private"),
        ]
        if status == "active" {
            f.merge(Self.dataFields(data)) { _, new in new }
        } else {
            f["size"] = .null
            f["checksum"] = .null
        }
        f.merge(fields) { _, new in new }
        state.withLock {
            $0.images[id] = f
            $0.data[id] = data
        }
    }

    /// `size`, `checksum`, `os_hash_algo` and `os_hash_value` of `data`, as Glance records them.
    static func dataFields(_ data: Data) -> [String: JSONValue] {
        ["size": .number(Double(data.count)), "checksum": .string(Bytes.md5(data)),
         "os_hash_algo": .string("sha512"), "os_hash_value": .string(Bytes.sha512(data))]
    }

    /// Every token issued so far stops working (it expired): the next Glance request gets 401.
    func expireTokens() { state.withLock { $0.validTokens.removeAll() } }

    /// Answers the next GET /file requests in turn, then every later one with `otherwise`.
    func scriptFile(_ answers: [FileAnswer], otherwise: FileAnswer = .normal) {
        state.withLock {
            $0.fileAnswers = answers
            $0.fileDefault = otherwise
        }
    }
    func scriptPut(_ answers: [PutAnswer]) { state.withLock { $0.putAnswers = answers } }

    /// Fields the server records after an accepted upload or a finished import, over the
    /// computed ones (a checksum that differs from the bytes).
    func recordAfterUpload(_ fields: [String: JSONValue]) { state.withLock { $0.afterUpload = fields } }

    func scriptImport(polls: Int, ending: ImportEnding) {
        state.withLock {
            $0.importPolls = polls
            $0.importEnding = ending
        }
    }

    // MARK: Inspection

    var requests: [RecordedRequest] { state.withLock { $0.requests } }
    var fileRequests: [RecordedRequest] { requests.filter { $0.path.hasSuffix("/file") && $0.method == .get } }
    var keystoneRequests: [RecordedRequest] { requests.filter(\.isKeystone) }
    var lines: [String] { requests.map(\.line) }
    func image(_ id: String) -> [String: JSONValue]? { state.withLock { $0.images[id] } }

    // MARK: Transport

    func send(_ request: HTTPRequest) throws(TransportFailure) -> HTTPResponse {
        try stream(request, body: nil, sink: nil, options: StreamOptions(), shouldContinue: { true })
    }

    func stream(_ request: HTTPRequest, body: (any RequestBodySource)?, sink: (any ResponseSink)?,
                options: StreamOptions, shouldContinue: () -> Bool) throws(TransportFailure) -> HTTPResponse {
        let index = state.withLock { s in
            s.requests.append(RecordedRequest(method: request.method, url: request.url, headers: request.headers,
                                              body: request.body ?? Data(), status: nil))
            return s.requests.count - 1
        }
        guard shouldContinue() else { throw .cancelled }
        let reply = try route(request, index: index, body: body, shouldContinue: shouldContinue)
        state.withLock { $0.requests[index].status = reply.status }
        return try deliver(reply, index: index, sink: sink, shouldContinue: shouldContinue)
    }

    /// What the server sends back: status, headers, body, and where the body stops.
    private struct Reply {
        var status: Int
        var headers: [String: String]
        var body: Data
        var cutAfter: Int?
        var cutSilently = false

        init(_ status: Int, headers: [String: String] = [:], body: Data = Data(), cutAfter: Int? = nil, cutSilently: Bool = false) {
            self.status = status
            var h = headers
            if h["Content-Length"] == nil { h["Content-Length"] = String(body.count) }
            self.headers = h
            self.body = body
            self.cutAfter = cutAfter
            self.cutSilently = cutSilently
        }

        static func json(_ status: Int, _ value: JSONValue) -> Reply {
            Reply(status, headers: ["Content-Type": "application/json"], body: Data(value.compactJSON.utf8))
        }

        static func text(_ status: Int, _ text: String, headers: [String: String] = [:]) -> Reply {
            var h = headers
            if h["Content-Type"] == nil { h["Content-Type"] = "text/plain" }
            return Reply(status, headers: h, body: Data(text.utf8))
        }
    }

    private func deliver(_ reply: Reply, index: Int, sink: (any ResponseSink)?,
                         shouldContinue: () -> Bool) throws(TransportFailure) -> HTTPResponse {
        let lowered = Dictionary(reply.headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        if let sink, !sink.begin(status: reply.status, headers: lowered) { throw .cancelled }
        guard let sink, (200..<300).contains(reply.status) else {
            return HTTPResponse(status: reply.status, headers: reply.headers, body: reply.body)
        }
        let limit = min(reply.body.count, reply.cutAfter ?? reply.body.count)
        var offset = 0
        while offset < limit {
            guard shouldContinue() else { throw .cancelled }
            if chunkDelay > 0, offset > 0 { usleep(UInt32(chunkDelay * 1_000_000)) }
            let end = min(limit, offset + chunkSize)
            let chunk = reply.body.subdata(in: offset..<end)
            let accepted = chunk.withUnsafeBytes { sink.receive($0) }
            guard accepted else { throw .cancelled }
            offset = end
            state.withLock { $0.requests[index].delivered = offset }
        }
        if reply.cutAfter != nil, !reply.cutSilently { throw .other(Self.resetMessage) }
        return HTTPResponse(status: reply.status, headers: reply.headers, body: Data())
    }

    /// Reads a streamed request body into the record, up to `limit` bytes.
    private func readBody(_ body: (any RequestBodySource)?, index: Int, limit: Int?,
                          shouldContinue: () -> Bool) throws(TransportFailure) {
        guard let body else { return }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var received = Data()
        defer { state.withLock { $0.requests[index].body = received } }
        while true {
            guard shouldContinue() else { throw .cancelled }
            let want = limit.map { min(chunkSize, $0 - received.count) } ?? chunkSize
            if want <= 0 { return }
            if chunkDelay > 0, !received.isEmpty { usleep(UInt32(chunkDelay * 1_000_000)) }
            guard let n = body.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want])) else {
                throw .cancelled
            }
            if n == 0 { return }
            received.append(buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n)
        }
    }

    private func route(_ request: HTTPRequest, index: Int, body: (any RequestBodySource)?,
                       shouldContinue: () -> Bool) throws(TransportFailure) -> Reply {
        if request.url == Self.tokensURL {
            guard request.method == .post else { return .text(405, "tokens take POST") }
            return issueToken()
        }
        guard request.url.hasPrefix(Self.imageRoot + "/v2/") else {
            return .text(404, "ScriptedTransport: nothing at \(request.url)")
        }
        let valid = state.withLock { s in request.header("X-Auth-Token").map { s.validTokens.contains($0) } ?? false }
        guard valid else {
            // A real server answers only after the request's body went out (curl sends no Expect).
            try readBody(body, index: index, limit: nil, shouldContinue: shouldContinue)
            return .text(401, #"{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}"#,
                         headers: ["Content-Type": "application/json"])
        }
        let parts = request.url.dropFirst((Self.imageRoot + "/v2/").count).split(separator: "/").map(String.init)

        switch (request.method, parts.count) {
        case (.post, 1) where parts[0] == "images":
            return create(request)
        case (.get, 2) where parts[0] == "images":
            return showImage(parts[1])
        case (.delete, 2) where parts[0] == "images":
            let existed = state.withLock { $0.images.removeValue(forKey: parts[1]) != nil }
            return existed ? Reply(204) : .text(404, "No image found with ID \(parts[1])")
        case (.get, 3) where parts[0] == "images" && parts[2] == "file":
            return serveFile(parts[1], request: request)
        case (.put, 3) where parts[0] == "images" && (parts[2] == "file" || parts[2] == "stage"):
            return try receive(parts[1], staging: parts[2] == "stage", index: index, body: body, shouldContinue: shouldContinue)
        case (.post, 3) where parts[0] == "images" && parts[2] == "import":
            return startImport(parts[1], request: request)
        default:
            return .text(404, "ScriptedTransport: no route for \(request.method.rawValue) \(request.url)")
        }
    }

    private func issueToken() -> Reply {
        let token = state.withLock { s in
            s.tokensIssued += 1
            let value = "token-\(s.tokensIssued)"
            s.validTokens.insert(value)
            return value
        }
        let body = """
        {"token": {"methods": ["password"], "expires_at": "2030-01-01T00:00:00.000000Z",
          "user": {"id": "u1", "name": "demo", "domain": {"id": "default", "name": "Default"}},
          "project": {"id": "p1", "name": "demo", "domain": {"id": "default", "name": "Default"}},
          "roles": [{"id": "r1", "name": "member"}],
          "catalog": [
            {"type": "identity", "name": "keystone", "endpoints": [
              {"interface": "public", "region_id": "RegionOne", "region": "RegionOne", "url": "\(Self.authURL)/v3"}]},
            {"type": "image", "name": "glance", "endpoints": [
              {"interface": "public", "region_id": "RegionOne", "region": "RegionOne", "url": "\(Self.imageRoot)"},
              {"interface": "internal", "region_id": "RegionOne", "region": "RegionOne", "url": "http://glance.internal:9292"}]}
          ]}}
        """
        return Reply(201, headers: ["Content-Type": "application/json", "X-Subject-Token": token], body: Data(body.utf8))
    }

    private func create(_ request: HTTPRequest) -> Reply {
        guard let body = request.body, let json = try? JSONDecoder().decode(JSONValue.self, from: body),
              var fields = json.objectValue else {
            return .text(400, "create needs a JSON object")
        }
        let id = state.withLock { s in
            s.created += 1
            return "new-\(s.created)"
        }
        fields["id"] = .string(id)
        fields["status"] = .string("queued")
        fields["size"] = .null
        fields["checksum"] = .null
        fields["os_hash_algo"] = .null
        fields["os_hash_value"] = .null
        state.withLock { $0.images[id] = fields }
        return .json(201, .object(fields))
    }

    private func showImage(_ id: String) -> Reply {
        let fields: [String: JSONValue]? = state.withLock { s in
            if var pending = s.imports[id] {
                if pending.pollsLeft > 0 {
                    pending.pollsLeft -= 1
                    s.imports[id] = pending
                } else {
                    s.imports[id] = nil
                    Self.finishImport(&s, id: id, stores: pending.stores)
                }
            }
            return s.images[id]
        }
        guard let fields else { return .text(404, "No image found with ID \(id)") }
        return .json(200, .object(fields))
    }

    private static func finishImport(_ s: inout State, id: String, stores: [String]) {
        guard var fields = s.images[id] else { return }
        fields["os_glance_importing_to_stores"] = .string("")
        switch s.importEnding {
        case .succeed:
            fields.merge(dataFields(s.staged[id] ?? Data())) { _, new in new }
            fields.merge(s.afterUpload) { _, new in new }
            fields["status"] = .string("active")
            fields["stores"] = .string(stores.joined(separator: ","))
        case .failStores(let failed, let status):
            fields.merge(dataFields(s.staged[id] ?? Data())) { _, new in new }
            fields["status"] = .string(status)
            fields["os_glance_failed_import"] = .string(failed.joined(separator: ","))
            fields["stores"] = .string(stores.filter { !failed.contains($0) }.joined(separator: ","))
        }
        s.data[id] = s.staged[id]
        s.images[id] = fields
    }

    private func serveFile(_ id: String, request: HTTPRequest) -> Reply {
        let (fields, stored, answer) = state.withLock { s in
            (s.images[id], s.data[id], s.fileAnswers.isEmpty ? s.fileDefault : s.fileAnswers.removeFirst())
        }
        guard let fields, let stored else { return .text(404, "No image found with ID \(id)") }
        guard fields["status"]?.stringValue == "active" else { return .text(204, "") }
        switch answer {
        case .status(let status, let headers, let body):
            return .text(status, body, headers: headers)
        case .serve(let serve):
            let data = serve.data ?? stored
            let size = data.count
            var headers = ["Content-Type": "application/octet-stream"]
            if let md5 = serve.contentMD5 { headers["Content-MD5"] = md5 }
            var start = 0
            if serve.honourRange, let range = request.header("Range") {
                guard range.hasPrefix("bytes="), range.hasSuffix("-"),
                      let first = Int(range.dropFirst("bytes=".count).dropLast()) else {
                    return .text(400, "ScriptedTransport cannot parse Range \(range)")
                }
                guard first < size else {
                    return .text(416, "", headers: ["Content-Range": "bytes */\(size)"])
                }
                start = first
            }
            let status = start > 0 || serve.contentRange != nil ? 206 : 200
            if status == 206 {
                headers["Content-Range"] = serve.contentRange ?? "bytes \(start)-\(size - 1)/\(size)"
            }
            let body = data.subdata(in: start..<size)
            return Reply(status, headers: headers, body: body, cutAfter: serve.cutAfter, cutSilently: serve.cutSilently)
        }
    }

    private func receive(_ id: String, staging: Bool, index: Int, body: (any RequestBodySource)?,
                         shouldContinue: () -> Bool) throws(TransportFailure) -> Reply {
        let answer: PutAnswer? = state.withLock { s in
            guard s.images[id] != nil else { return nil }
            return s.putAnswers.isEmpty ? .accept : s.putAnswers.removeFirst()
        }
        guard let answer else { return .text(404, "No image found with ID \(id)") }
        switch answer {
        case .resetAfter(let n):
            try readBody(body, index: index, limit: n, shouldContinue: shouldContinue)
            throw .other(Self.resetMessage)
        case .status(let status, let headers, let text):
            try readBody(body, index: index, limit: nil, shouldContinue: shouldContinue)
            return .text(status, text, headers: headers)
        case .accept:
            try readBody(body, index: index, limit: nil, shouldContinue: shouldContinue)
            let received = state.withLock { $0.requests[index].body }
            let conflict: String? = state.withLock { s in
                guard let status = s.images[id]?["status"]?.stringValue else { return "gone" }
                guard status == "queued" else { return status }
                if staging {
                    s.staged[id] = received
                    s.images[id]?["status"] = .string("uploading")
                } else {
                    s.data[id] = received
                    var fields = s.images[id] ?? [:]
                    fields.merge(Self.dataFields(received)) { _, new in new }
                    fields.merge(s.afterUpload) { _, new in new }
                    fields["status"] = .string("active")
                    s.images[id] = fields
                }
                return nil
            }
            if let conflict {
                return .text(409, "Image status transition from \(conflict) to saving is not allowed")
            }
            return Reply(204)
        }
    }

    private func startImport(_ id: String, request: HTTPRequest) -> Reply {
        guard let body = request.body, let json = try? JSONDecoder().decode(JSONValue.self, from: body),
              let object = json.objectValue, object["method"]?.objectValue?["name"]?.stringValue == "glance-direct" else {
            return .text(400, "ScriptedTransport imports glance-direct only")
        }
        let stores = object["stores"]?.arrayValue?.compactMap(\.stringValue) ?? ["default"]
        let refused: String? = state.withLock { s in
            guard var fields = s.images[id] else { return "No image found with ID \(id)" }
            guard fields["status"]?.stringValue == "uploading", s.staged[id] != nil else {
                return "Image \(id) has no staged data"
            }
            fields["status"] = .string("importing")
            fields["os_glance_importing_to_stores"] = .string(stores.joined(separator: ","))
            s.images[id] = fields
            s.imports[id] = PendingImport(pollsLeft: s.importPolls, stores: stores)
            return nil
        }
        if let refused { return .text(409, refused) }
        return Reply(202)
    }
}

/// Test data and its digests.
enum Bytes {
    /// `count` bytes that depend on their position, so a dropped, repeated or shifted range
    /// changes the digests.
    static func pattern(_ count: Int, seed: Int = 7) -> Data {
        Data((0..<count).map { UInt8(truncatingIfNeeded: ($0 &* 31) ^ ($0 >> 9) &+ seed) })
    }

    static func md5(_ data: Data) -> String { hex("md5", data) }
    static func sha512(_ data: Data) -> String { hex("sha512", data) }

    static func md5Base64(_ data: Data) -> String {
        let hex = md5(data)
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return Data(bytes).base64EncodedString()
    }

    private static func hex(_ algorithm: String, _ data: Data) -> String {
        let digest = Digest(algorithm: algorithm)!
        digest.update(data)
        return digest.finalizeHex()
    }
}

/// A scratch directory removed by `remove()`.
final class Scratch {
    let path: String

    init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("glance-transfer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    func write(_ data: Data, to name: String) throws -> String {
        let p = file(name)
        try data.write(to: URL(fileURLWithPath: p))
        return p
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    static func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }
}

/// Every progress report with the time it arrived; `onReport` may act (cancel) on one.
final class ProgressLog {
    private(set) var entries: [(time: Double, progress: TransferProgress)] = []
    var onReport: (TransferProgress) -> Void = { _ in }
    private let start = DispatchTime.now().uptimeNanoseconds

    var reports: [TransferProgress] { entries.map(\.progress) }
    var phases: [TransferPhase] { reports.map(\.phase) }

    var closure: (TransferProgress) -> Void {
        { [self] progress in
            entries.append((Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, progress))
            onReport(progress)
        }
    }

    var retries: [(attempt: Int, reason: String, resumeAt: Int64)] {
        phases.compactMap { phase in
            if case .retrying(let attempt, let reason, let resumeAt) = phase { (attempt, reason, resumeAt) } else { nil }
        }
    }
}

extension RetryPolicy {
    /// Fast enough for tests: 0.01 s, 0.02 s, 0.04 s …
    static func quick(_ attempts: Int = 4) -> RetryPolicy {
        RetryPolicy(maxAttempts: attempts, baseDelay: 0.01, maxDelay: 0.05)
    }
}

/// Cancels a transfer that is still running after `seconds`, so an engine that never ends
/// (a follower polling forever) fails its test instead of hanging the run.
enum Watchdog {
    static let seconds = 20.0

    static func arm(_ cancel: CancellationFlag, after seconds: Double = Watchdog.seconds) {
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { cancel.cancel() }
    }
}
