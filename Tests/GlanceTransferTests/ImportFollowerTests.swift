import Foundation
import GlanceAPI
@testable import GlanceTransfer
import Synchronization
import Testing

/// How a server-side import is followed through the image's properties.
@Suite struct ImportFollowerTests {
    /// Answers GET image with the next of `states` (the last one repeats).
    final class Server: ImageDataService, @unchecked Sendable {
        let states: Mutex<[[String: JSONValue]]>
        init(_ states: [[String: JSONValue]]) { self.states = Mutex(states) }

        func image(id: String) throws(APIError) -> Image {
            let fields = states.withLock { s in s.count > 1 ? s.removeFirst() : s[0] }
            var object = fields
            object["id"] = .string(id)
            do { return try Image(json: .object(object)) } catch {
                throw .malformedResponse("test state is not an image: \(error)", url: "")
            }
        }
        func imageEndpoint() throws(APIError) -> ImageEndpoint { ImageEndpoint(catalogURL: "http://g:9292") }
        func sendAuthorized(_ request: HTTPRequest) throws(APIError) -> HTTPResponse { HTTPResponse(status: 202) }
        func streamAuthorized(_ request: HTTPRequest, body: (any RequestBodySource)?, sink: (any ResponseSink)?,
                              options: StreamOptions, shouldContinue: () -> Bool) throws(APIError) -> HTTPResponse {
            HTTPResponse(status: 204)
        }
    }

    static func state(_ status: String, stores: String, importing: String = "", failed: String = "") -> [String: JSONValue] {
        ["status": .string(status), "stores": .string(stores),
         "os_glance_importing_to_stores": .string(importing), "os_glance_failed_import": .string(failed)]
    }

    func follow(_ server: Server, targets: [String]?, grace: Double = 0.3) -> TransferOutcome? {
        var follower = ImportFollower(service: server)
        follower.pollInterval = 0.01
        let reporter = ProgressReporter { _ in }
        return follower.follow("i", targets: targets, cancel: CancellationFlag(), reporter: reporter, bytes: nil, startGrace: grace)
    }

    @Test func aCopyIsDoneOnlyWhenTheTargetStoreHasTheData() {
        // Right after the 202 Glance still shows the image as it was: not done yet.
        let server = Server([Self.state("active", stores: "fast"), Self.state("active", stores: "fast", importing: "cheap"),
                             Self.state("active", stores: "fast,cheap")])
        #expect(follow(server, targets: ["cheap"]) == nil)
    }

    @Test func aTargetThatFailedIsNamed() {
        let server = Server([Self.state("active", stores: "fast", importing: "cheap"), Self.state("active", stores: "fast", failed: "cheap")])
        #expect(follow(server, targets: ["cheap"]) == .failed(message: "The import failed for store cheap; the data is in fast", partKept: nil))
    }

    @Test func aTargetThatNeverAppearsEndsAfterTheGraceInsteadOfPollingForever() {
        let server = Server([Self.state("active", stores: "fast", importing: "cheap"), Self.state("active", stores: "fast")])
        #expect(follow(server, targets: ["cheap"]) == .failed(message: "Glance stopped importing, but cheap never appeared among the image's stores", partKept: nil))
    }

    @Test func anImportThatNeverStartsEndsAfterTheGrace() {
        let server = Server([Self.state("queued", stores: "")])
        #expect(follow(server, targets: nil) == .failed(message: "The import did not start within 0 s (the image is queued)", partKept: nil))
    }

    @Test func anImageBackToQueuedAfterWorkFailed() {
        let server = Server([Self.state("importing", stores: ""), Self.state("queued", stores: "")])
        #expect(follow(server, targets: nil) == .failed(message: "The import stopped: the image is back to queued", partKept: nil))
    }
}
