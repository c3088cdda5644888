import Foundation
import GlanceAPI
import Testing
@testable import GlanceTransfer

/// An Uploader over a real ImageClient talking to the scripted server, with a local file.
struct UploadRig {
    let transport: ScriptedTransport
    let client: ImageClient
    let scratch: Scratch
    let data: Data
    let path: String

    init(size: Int = 70_001, chunkSize: Int = 8192, chunkDelay: Double = 0) throws {
        transport = ScriptedTransport(chunkSize: chunkSize, chunkDelay: chunkDelay)
        client = ImageClient(profile: ScriptedTransport.profile, transport: transport)
        scratch = try Scratch()
        data = Bytes.pattern(size, seed: 3)
        path = try scratch.write(data, to: "disk.raw")
    }

    var size: Int { data.count }

    static func fields(disk: String = "raw") -> [String: JSONValue] {
        ["name": .string("uploaded"), "disk_format": .string(disk), "container_format": .string("bare"),
         "visibility": .string("private")]
    }

    func job(_ method: UploadJob.Method, target: UploadJob.Target = .newImage(UploadRig.fields())) -> UploadJob {
        UploadJob(file: path, target: target, method: method, retry: .quick())
    }

    func run(_ job: UploadJob, log: ProgressLog = ProgressLog(), cancel: CancellationFlag = CancellationFlag(),
             created: @escaping (Image) -> Void = { _ in }) -> TransferOutcome {
        Watchdog.arm(cancel)
        return Uploader(backend: ImageV2Backend(client: client)).run(job, cancel: cancel, progress: log.closure, created: created)
    }

    func verified(_ id: String = "new-1") -> TransferOutcome {
        .completed(location: id, bytes: Int64(size), verification: .verified(["md5", "sha512"]))
    }

    func json(_ data: Data) -> JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: data) }

    func requests(_ line: String) -> [RecordedRequest] { transport.requests.filter { $0.line == line } }
}

@Suite("Uploader over a scripted Glance")
struct UploaderTests {
    @Test("direct upload: POST /v2/images, PUT /file with the bytes and the store header, verified")
    func directUpload() throws {
        let rig = try UploadRig()
        defer { rig.scratch.remove() }
        var created: [String] = []
        let log = ProgressLog()
        let outcome = rig.run(rig.job(.direct(store: "fast")), log: log) { created.append($0.id) }

        #expect(outcome == rig.verified())
        #expect(created == ["new-1"])
        #expect(rig.transport.lines == ["POST /v3/auth/tokens", "POST /v2/images", "PUT /v2/images/new-1/file",
                                        "GET /v2/images/new-1"])
        let create = try #require(rig.requests("POST /v2/images").first)
        #expect(rig.json(create.body) == .object(UploadRig.fields()))
        #expect(create.header("Content-Type") == "application/json")
        let put = try #require(rig.requests("PUT /v2/images/new-1/file").first)
        #expect(put.header("Content-Type") == "application/octet-stream")
        #expect(put.header("X-Image-Meta-Store") == "fast")
        #expect(put.header("X-Auth-Token") == "token-1")
        #expect(put.body == rig.data)
        #expect(log.phases.first == .preparing)
        #expect(log.phases.contains(.transferring))
        #expect(log.phases.last == .verifying)
    }

    @Test("direct upload without a store sends no store header")
    func directUploadDefaultStore() throws {
        let rig = try UploadRig()
        defer { rig.scratch.remove() }
        let outcome = rig.run(rig.job(.direct(store: nil)))
        #expect(outcome == rig.verified())
        let put = try #require(rig.requests("PUT /v2/images/new-1/file").first)
        #expect(put.header("X-Image-Meta-Store") == nil)
        #expect(put.body == rig.data)
    }

    @Test("the server's checksum differing from the bytes sent fails with a mismatch")
    func checksumMismatch() throws {
        let rig = try UploadRig()
        defer { rig.scratch.remove() }
        let recorded = Bytes.md5(Data("other bytes".utf8))
        rig.transport.recordAfterUpload(["checksum": .string(recorded)])
        let outcome = rig.run(rig.job(.direct(store: nil)))

        let failure = try #require(outcome.failure)
        #expect(failure.message.contains("md5 mismatch: expected \(Bytes.md5(rig.data)), got \(recorded)"))
        #expect(failure.partKept == nil)
        // An image this upload created does not stay behind when the upload failed.
        #expect(rig.transport.lines.last == "DELETE /v2/images/new-1")
        #expect(failure.message.contains("deleted again"))
    }

    @Test("a 415 on PUT explains the disk_format refusal and deletes the created image")
    func unsupportedMediaType() throws {
        let rig = try UploadRig()
        defer { rig.scratch.remove() }
        let html = """
        <html>
         <head>
          <title>415 Unsupported Media Type</title>
         </head>
         <body>
          <h1>415 Unsupported Media Type</h1>
          The request media type application/octet-stream is not supported by this server.<br /><br />
        Image disk_format qcow2 does not match stream data raw


         </body>
        </html>
        """
        rig.transport.scriptPut([.status(415, headers: ["Content-Type": "text/html; charset=UTF-8"], body: html)])
        let outcome = rig.run(rig.job(.direct(store: nil), target: .newImage(UploadRig.fields(disk: "qcow2"))))

        let failure = try #require(outcome.failure)
        #expect(failure.message.contains("refused the data as not disk_format qcow2"))
        #expect(failure.message.contains("Image disk_format qcow2 does not match stream data raw"))
        #expect(failure.message.contains("upload it as raw"))
        #expect(failure.message.contains("deleted again"))
        #expect(rig.requests("PUT /v2/images/new-1/file").count == 1)
        #expect(rig.transport.lines.last == "DELETE /v2/images/new-1")
        #expect(rig.transport.image("new-1") == nil)
    }

    @Test("a reset mid-PUT with the image back to queued is retried from byte 0")
    func resetMidPut() throws {
        let rig = try UploadRig()
        defer { rig.scratch.remove() }
        let n = rig.size / 2
        rig.transport.scriptPut([.resetAfter(n), .accept])
        let log = ProgressLog()
        let outcome = rig.run(rig.job(.direct(store: nil)), log: log)

        #expect(outcome == rig.verified())
        #expect(rig.transport.lines == ["POST /v3/auth/tokens", "POST /v2/images", "PUT /v2/images/new-1/file",
                                        "GET /v2/images/new-1", "PUT /v2/images/new-1/file", "GET /v2/images/new-1"])
        let puts = rig.requests("PUT /v2/images/new-1/file")
        try #require(puts.count == 2)
        #expect(puts[0].body == rig.data.prefix(n))
        #expect(puts[1].body == rig.data)
        #expect(log.retries.map(\.attempt) == [1])
        #expect(log.retries.map(\.resumeAt) == [0])
    }

    @Test("a token that expired before the PUT: signs in again and sends the whole file again")
    func reauthenticatesBeforePut() throws {
        let rig = try UploadRig()
        defer { rig.scratch.remove() }
        let transport = rig.transport
        let outcome = rig.run(rig.job(.direct(store: nil))) { _ in transport.expireTokens() }

        #expect(outcome == rig.verified())
        #expect(rig.transport.lines == ["POST /v3/auth/tokens", "POST /v2/images", "PUT /v2/images/new-1/file",
                                        "POST /v3/auth/tokens", "PUT /v2/images/new-1/file", "GET /v2/images/new-1"])
        let puts = rig.requests("PUT /v2/images/new-1/file")
        try #require(puts.count == 2)
        #expect(puts.map(\.status) == [401, 204])
        #expect(puts.map { $0.header("X-Auth-Token") } == ["token-1", "token-2"])
        #expect(puts[0].body == rig.data)
        #expect(puts[1].body == rig.data)
    }

    @Test("cancelling during the PUT deletes the created image")
    func cancelDeletesCreatedImage() throws {
        let rig = try UploadRig(size: 64 * 1024, chunkSize: 1024, chunkDelay: 0.01)
        defer { rig.scratch.remove() }
        let cancel = CancellationFlag()
        let log = ProgressLog()
        log.onReport = { p in if p.phase == .transferring, p.bytesDone > 0 { cancel.cancel() } }
        let outcome = rig.run(rig.job(.direct(store: nil)), log: log, cancel: cancel)

        #expect(outcome == .cancelled(partKept: nil))
        let puts = rig.requests("PUT /v2/images/new-1/file")
        #expect(puts.count == 1)
        #expect(puts.first.map { $0.body.count < rig.size } == true)
        #expect(rig.transport.lines.last == "DELETE /v2/images/new-1")
        #expect(rig.transport.image("new-1") == nil)
    }

    @Test("an existing image that is not queued is refused")
    func existingActiveImage() throws {
        let rig = try UploadRig()
        defer { rig.scratch.remove() }
        rig.transport.addImage(id: "img-1", data: Data("already".utf8))
        let outcome = rig.run(rig.job(.direct(store: nil), target: .existing("img-1")))

        let failure = try #require(outcome.failure)
        #expect(failure.message.contains("data can be uploaded only to a queued image"))
        #expect(failure.message.contains("active"))
        #expect(rig.transport.lines == ["POST /v3/auth/tokens", "GET /v2/images/img-1"])
        #expect(rig.transport.image("img-1") != nil)
    }

    @Test("an existing queued image takes the data and is not deleted or created")
    func existingQueuedImage() throws {
        let rig = try UploadRig()
        defer { rig.scratch.remove() }
        rig.transport.addImage(id: "img-q", data: Data(), status: "queued")
        let outcome = rig.run(rig.job(.direct(store: nil), target: .existing("img-q")))

        #expect(outcome == rig.verified("img-q"))
        #expect(rig.transport.lines == ["POST /v3/auth/tokens", "GET /v2/images/img-q", "PUT /v2/images/img-q/file",
                                        "GET /v2/images/img-q"])
        #expect(rig.requests("PUT /v2/images/img-q/file").first?.body == rig.data)
    }

    @Test("glance-direct: PUT /stage, POST /import to the stores, follow until active, verified")
    func glanceDirect() throws {
        let rig = try UploadRig()
        defer { rig.scratch.remove() }
        rig.transport.scriptImport(polls: 1, ending: .succeed)
        let log = ProgressLog()
        let outcome = rig.run(rig.job(.glanceDirect(stores: ["fast", "cheap"])), log: log)

        #expect(outcome == rig.verified())
        #expect(rig.transport.lines == [
            "POST /v3/auth/tokens", "POST /v2/images", "PUT /v2/images/new-1/stage", "POST /v2/images/new-1/import",
            "GET /v2/images/new-1", "GET /v2/images/new-1", "GET /v2/images/new-1",
        ])
        let stage = try #require(rig.requests("PUT /v2/images/new-1/stage").first)
        #expect(stage.header("Content-Type") == "application/octet-stream")
        #expect(stage.body == rig.data)
        let start = try #require(rig.requests("POST /v2/images/new-1/import").first)
        #expect(rig.json(start.body) == .object([
            "method": .object(["name": .string("glance-direct")]),
            "stores": .array([.string("fast"), .string("cheap")]),
            "all_stores_must_succeed": .bool(true),
        ]))
        #expect(log.phases.contains(.importing(stores: ["fast", "cheap"])))
        #expect(rig.requests("PUT /v2/images/new-1/file").isEmpty)
    }

    @Test("glance-direct: cancelling while the server imports stops following and deletes the created image")
    func glanceDirectCancelWhileImporting() throws {
        let rig = try UploadRig()
        defer { rig.scratch.remove() }
        rig.transport.scriptImport(polls: 50, ending: .succeed)
        let cancel = CancellationFlag()
        let log = ProgressLog()
        log.onReport = { p in if case .importing = p.phase { cancel.cancel() } }
        let started = Date()
        let outcome = rig.run(rig.job(.glanceDirect(stores: ["fast"])), log: log, cancel: cancel)

        #expect(outcome == .cancelled(partKept: nil))
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(rig.transport.lines.last == "DELETE /v2/images/new-1")
    }

    @Test("glance-direct: an import that ends with os_glance_failed_import fails naming the store")
    func glanceDirectStoreFails() throws {
        let rig = try UploadRig()
        defer { rig.scratch.remove() }
        rig.transport.scriptImport(polls: 0, ending: .failStores(["cheap"]))
        let outcome = rig.run(rig.job(.glanceDirect(stores: ["fast", "cheap"])))

        let failure = try #require(outcome.failure)
        #expect(failure.message.contains("The import failed for store cheap"))
        #expect(failure.message.contains("the data is in fast"))
        #expect(rig.requests("PUT /v2/images/new-1/stage").count == 1)
        #expect(rig.requests("POST /v2/images/new-1/import").count == 1)
    }
}
