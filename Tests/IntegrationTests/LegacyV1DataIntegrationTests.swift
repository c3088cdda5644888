import CurlTransport
import Foundation
import GlanceAPI
import GlanceTransfer
import Testing

/// A request body from memory, in pieces of at most `piece` bytes, each after `delay` µs (so a
/// test can cancel mid-way); `sent` counts what curl took.
final class MemoryBody: RequestBodySource {
    let data: Data
    let piece: Int
    let delay: useconds_t
    private(set) var sent = 0

    init(_ data: Data, piece: Int = 1 << 20, delay: useconds_t = 0) {
        self.data = data
        self.piece = piece
        self.delay = delay
    }

    var length: Int64 { Int64(data.count) }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        if delay > 0 { usleep(delay) }
        let n = min(buffer.count, piece, data.count - sent)
        guard n > 0 else { return 0 }
        data.copyBytes(to: buffer.bindMemory(to: UInt8.self), from: sent..<(sent + n))
        sent += n
        return n
    }

    func rewind() -> Bool {
        sent = 0
        return true
    }
}

/// A response body into memory, with the status and headers `begin` saw last.
final class MemorySink: ResponseSink {
    private(set) var status: Int?
    private(set) var headers: [String: String] = [:]
    private(set) var bytes = Data()

    func begin(status: Int, headers: [String: String]) -> Bool {
        self.status = status
        self.headers = headers
        if (200..<300).contains(status) { bytes = Data() }
        return true
    }

    func receive(_ chunk: UnsafeRawBufferPointer) -> Bool {
        bytes.append(contentsOf: chunk)
        return true
    }
}

/// Data compared where `#expect` cannot see two collections: on a mismatch it would diff
/// hundreds of KiB element by element, for minutes.
func identical(_ a: Data, _ b: Data) -> Bool { a == b }

func md5Hex(_ data: Data) throws -> String {
    let digest = try #require(Digest(algorithm: "md5"))
    digest.update(data)
    return digest.finalizeHex()
}

/// Visibility, protection and image data over the legacy v1 API, against
/// scripts/v1-conformance-server (one per test, as in LegacyV1IntegrationTests).
@Suite(.enabled(if: V1ConformanceServer.available, "needs python3"), .serialized)
final class LegacyV1DataIntegrationTests {
    let server: V1ConformanceServer
    let transport = CurlTransport(options: .init(tls: TLSOptions()))
    let v1: LegacyV1Client

    static let cirros = LegacyV1IntegrationTests.cirros
    static let protectedID = LegacyV1IntegrationTests.protectedID

    init() throws {
        server = try V1ConformanceServer()
        let profile = CloudProfile(name: "v1", authURL: server.url, auth: .token(Secret("fixed-token"), scope: .unscoped),
                                   imageEndpointOverride: server.url)
        v1 = LegacyV1Client(client: ImageClient(profile: profile, transport: transport))
    }

    func status(_ body: () throws -> Void) -> Int? {
        do { try body(); return nil } catch let e as APIError { return e.status } catch { return -1 }
    }

    @Test func visibilityRoundTripsAndKeepsProperties() throws {
        let made = try v1.setPublic(id: Self.cirros, false)
        #expect(made.visibility == "private" && made.fields["os_distro"] == .string("cirros"))
        #expect(try v1.image(id: Self.cirros).visibility == "private")
        #expect(try v1.setPublic(id: Self.cirros, true).visibility == "public")
        let shown = try v1.image(id: Self.cirros)
        #expect(shown.visibility == "public" && shown.fields["hw_disk_bus"] == .string("virtio"))
    }

    @Test func protectedRefusesDeleteUntilUnprotected() throws {
        let image = try v1.create(V1ImageMetadata(fields: ["name": "guarded", "disk_format": "raw", "container_format": "bare"]))
        #expect(image.isProtected == false)
        #expect(try v1.setProtected(id: image.id, true).isProtected == true)
        #expect(try v1.image(id: image.id).isProtected == true)
        #expect(status { try self.v1.delete(id: image.id) } == 403)
        #expect(try v1.setProtected(id: image.id, false).isProtected == false)
        try v1.delete(id: image.id)
        #expect(status { _ = try self.v1.image(id: image.id) } == 404)
    }

    /// Why every merging PUT says "x-glance-registry-purge-props: false": v1 purges without it.
    @Test func aPutWithoutThePurgeHeaderPurges() throws {
        var request = V1Requests.setProtected(server.url + "/v1", id: Self.cirros, false)
        request.headers.removeAll { $0.name == "x-glance-registry-purge-props" }
        _ = try v1.client.sendAuthorized(request)
        #expect(try v1.image(id: Self.cirros).fields["os_distro"] == nil)
    }

    // MARK: Image data

    static let count = 384 * 1024
    let options = StreamOptions()

    func download(_ id: String, from offset: Int64, into sink: MemorySink = MemorySink()) throws -> (HTTPResponse, MemorySink) {
        (try v1.download(id: id, from: offset, sink: sink, options: options, shouldContinue: { true }), sink)
    }

    func queuedImage(_ name: String, fields: [String: String] = [:]) throws -> Image {
        let image = try v1.create(V1ImageMetadata(fields: ["name": name, "disk_format": "raw", "container_format": "bare"]
            .merging(fields) { _, new in new }))
        try #require(image.status == "queued")
        return image
    }

    @Test func uploadIntoAQueuedImageThenDownloadWholeAndFromAnOffset() throws {
        let data = try TransferRun.randomData(Self.count)
        let queued = try queuedImage("filled-by-put")
        let body = MemoryBody(data, piece: 64 * 1024)
        let image = try v1.upload(id: queued.id, body: body, options: options, shouldContinue: { true })
        #expect(body.sent == data.count)
        #expect(image.id == queued.id && image.status == "active" && image.size == Int64(data.count))
        let md5 = try md5Hex(data)
        #expect(image.checksum == md5)
        #expect(try v1.image(id: queued.id).checksum == md5)

        let (whole, wholeSink) = try download(queued.id, from: 0)
        #expect(whole.status == 200 && wholeSink.status == 200 && wholeSink.headers["content-range"] == nil)
        #expect(wholeSink.headers["content-length"] == String(data.count))
        #expect(wholeSink.headers["x-image-meta-checksum"] == md5)
        #expect(identical(wholeSink.bytes, data))

        let offset = 100_000
        let (part, partSink) = try download(queued.id, from: Int64(offset))
        #expect(part.status == 206 && partSink.status == 206)
        #expect(part.header("Content-Range") == "bytes \(offset)-\(data.count - 1)/\(data.count)")
        #expect(partSink.headers["content-length"] == String(data.count - offset))
        #expect(partSink.bytes.count == data.count - offset)
        #expect(identical(partSink.bytes, data.subdata(in: offset..<data.count)))

        // v1 takes data only into a queued image.
        #expect(status { _ = try self.v1.upload(id: queued.id, body: MemoryBody(data), options: self.options,
                                                shouldContinue: { true }) } == 409)
    }

    @Test func createWithDataInOnePost() throws {
        let data = try TransferRun.randomData(Self.count + 17)
        let metadata = V1ImageMetadata(fields: ["name": "posted", "disk_format": "qcow2", "container_format": "bare",
                                                "checksum": try md5Hex(data), "min_ram": "64"],
                                       properties: ["os_distro": "cirros"])
        let image = try v1.create(metadata, body: MemoryBody(data), options: options, shouldContinue: { true })
        let md5 = try md5Hex(data)
        #expect(image.status == "active" && image.size == Int64(data.count) && image.checksum == md5)
        #expect(image.name == "posted" && image.minRAM == 64 && image.fields["os_distro"] == .string("cirros"))
        #expect(identical(try download(image.id, from: 0).1.bytes, data))
        let (part, sink) = try download(image.id, from: Int64(data.count - 1))
        #expect(part.status == 206 && part.header("Content-Range") == "bytes \(data.count - 1)-\(data.count - 1)/\(data.count)")
        #expect(identical(sink.bytes, data.suffix(1)))
    }

    @Test func aRangePastTheEndIs416WithTheTotal() throws {
        let data = try TransferRun.randomData(4096)
        let image = try v1.create(V1ImageMetadata(fields: ["name": "short"]), body: MemoryBody(data), options: options,
                                  shouldContinue: { true })
        let sink = MemorySink()
        #expect(status { _ = try self.download(image.id, from: Int64(data.count), into: sink) } == 416)
        #expect(sink.status == 416 && sink.headers["content-range"] == "bytes */4096" && sink.bytes.isEmpty)
    }

    @Test func onlyActiveImagesHaveData() throws {
        let queued = try queuedImage("empty")
        #expect(status { _ = try self.download(queued.id, from: 0) } == 404)
    }

    /// As glance-api v1's upload_utils: bytes that miss the supplied checksum leave the image killed.
    @Test func aChecksumMismatchIs400AndKillsTheImage() throws {
        let data = try TransferRun.randomData(64 * 1024)
        let wrong = String(repeating: "0", count: 32)
        #expect(status {
            _ = try self.v1.create(V1ImageMetadata(fields: ["name": "bad-post", "checksum": wrong]), body: MemoryBody(data),
                                   options: self.options, shouldContinue: { true })
        } == 400)
        let posted = try #require(try v1.list(V1ListQuery(name: "bad-post"), detail: true).first)
        #expect(posted.status == "killed")

        let queued = try queuedImage("bad-put", fields: ["checksum": wrong])
        #expect(status {
            _ = try self.v1.upload(id: queued.id, body: MemoryBody(data), options: self.options, shouldContinue: { true })
        } == 400)
        #expect(try v1.image(id: queued.id).status == "killed")
        #expect(status { _ = try self.download(queued.id, from: 0) } == 404)
    }

    /// What a cancelled upload leaves on v1: the server sees the body end early and kills the image.
    @Test func aCancelledUploadLeavesTheImageKilled() throws {
        let data = try TransferRun.randomData(2 << 20)
        let queued = try queuedImage("cancelled")
        let body = MemoryBody(data, piece: 16 * 1024, delay: 5_000)
        #expect(throws: APIError.self) {
            _ = try self.v1.upload(id: queued.id, body: body, options: self.options,
                                   shouldContinue: { body.sent < 512 * 1024 })
        }
        #expect(body.sent < data.count)
        var state = ImageStatus.queued
        for _ in 0..<40 {
            state = try v1.image(id: queued.id).status
            if state == "killed" { break }
            usleep(50_000)
        }
        #expect(state == "killed")
    }

    /// glance-api v1 itself ignored Range: a resumed download then gets every byte, with a 200.
    @Test func aServerThatIgnoresRangeSendsEverything() throws {
        let plain = try V1ConformanceServer(arguments: ["--ignore-range"])
        let profile = CloudProfile(name: "v1", authURL: plain.url, auth: .token(Secret("t"), scope: .unscoped),
                                   imageEndpointOverride: plain.url)
        let other = LegacyV1Client(client: ImageClient(profile: profile, transport: transport))
        let data = try TransferRun.randomData(8192)
        let image = try other.create(V1ImageMetadata(fields: ["name": "whole"]), body: MemoryBody(data), options: options,
                                     shouldContinue: { true })
        let sink = MemorySink()
        let response = try other.download(id: image.id, from: 4096, sink: sink, options: options, shouldContinue: { true })
        #expect(response.status == 200 && sink.headers["content-range"] == nil)
        #expect(identical(sink.bytes, data))
    }
}
