import Foundation
import GlanceAPI
@testable import GlanceTransfer
import Synchronization
import Testing

/// How a server-side import is followed through the image's properties.
@Suite struct ImportFollowerTests {
    /// Answers GET image with the next of `states` (the last one repeats).
    /// Only reading the image is expected while following; any other call fails the test.
    final class Server: ImageGetter, ImageImporter, @unchecked Sendable {
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
        var api: ImageAPI { .v2 }
        var unavailableFields: [String: String] { [:] }
        func importOptions() throws(APIError) -> ImportOptions { throw unexpected("importOptions") }
        func stage(id: String, body: any RequestBodySource, options: StreamOptions, shouldContinue: () -> Bool) throws(APIError) {
            throw unexpected("stage")
        }
        func startImport(imageID: String, method: ImportMethod, stores: [String]?, allStoresMustSucceed: Bool) throws(APIError) {
            throw unexpected("startImport")
        }
        func unexpected(_ call: String) -> APIError {
            Issue.record("unexpected call to \(call)")
            return .configuration("unexpected call to \(call)")
        }
    }

    static func state(_ status: String, stores: String, importing: String = "", failed: String = "") -> [String: JSONValue] {
        ["status": .string(status), "stores": .string(stores),
         "os_glance_importing_to_stores": .string(importing), "os_glance_failed_import": .string(failed)]
    }

    func follow(_ server: Server, targets: [String]?, grace: Double = 0.3) -> TransferOutcome? {
        var follower = ImportFollower(backend: server)
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
