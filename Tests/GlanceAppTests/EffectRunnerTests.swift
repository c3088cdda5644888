import Foundation
import GlanceAPI
@testable import GlanceApp
import GlanceCore
import Synchronization
import Testing

/// The runner over a test backend that fails on any call a test did not expect: effects become calls, results come back as messages.
@Suite struct EffectRunnerTests {
    let session = SessionInfo(cloud: "c", imageEndpoint: "http://127.0.0.1:9292")

    final class Collected: Sendable {
        let messages = Mutex<[Msg]>([])
        func post(_ m: Msg) { messages.withLock { $0.append(m) } }
        func wait(for count: Int) async -> [Msg] {
            for _ in 0..<500 {
                let m = messages.withLock { $0 }
                if m.count >= count { return m }
                try? await Task.sleep(for: .milliseconds(10))
            }
            return messages.withLock { $0 }
        }
    }

    func backend(page: Result<ImagePage, APIError> = .success(ImagePage(images: [], next: nil)),
                 gate: DispatchSemaphore? = nil) -> TestBackend {
        let backend = TestBackend()
        backend.list = { (_: PageRequest) throws(APIError) in
            gate?.wait()
            return try page.get()
        }
        backend.show = { (id: String) throws(APIError) in
            if id == "missing" { throw .http(status: 404, message: "No image found with ID missing", url: "u") }
            return Image(id: id)
        }
        return backend
    }

    func runner(_ backend: TestBackend, _ out: Collected) -> EffectRunner {
        EffectRunner(cloud: TestCloud(session: session, backend: backend), post: out.post)
    }

    @Test func signInPostsSignedIn() async {
        let out = Collected()
        let runner = runner(TestBackend(), out)
        runner.run(.signIn)
        var described = session
        described.capabilities = [.edit, .delete, .tags, .protection]
        #expect(await out.wait(for: 1) == [.signedIn(described)])
    }

    @Test func pagesAndFailuresComeBackTaggedWithTheirRequest() async {
        let out = Collected()
        let page = ImagePage(images: [Image(id: "a")], next: nil)
        runner(backend(page: .success(page)), out)
            .run(.loadImages(RequestID(7), .first(query: ImageQuery(), limit: 10)))
        #expect(await out.wait(for: 1) == [.imagesPageLoaded(RequestID(7), page)])

        let failing = Collected()
        let error = APIError.http(status: 500, message: "boom", url: "u")
        runner(backend(page: .failure(error)), failing)
            .run(.loadImages(RequestID(8), .first(query: ImageQuery(), limit: 10)))
        #expect(await failing.wait(for: 1) == [.imagesPageFailed(RequestID(8), error)])
    }

    @Test func showImageSuccessAndFailure() async {
        let out = Collected()
        let runner = runner(backend(), out)
        runner.run(.loadImage(RequestID(1), imageID: "x"))
        #expect(await out.wait(for: 1) == [.imageLoaded(RequestID(1), Image(id: "x"))])
        runner.run(.loadImage(RequestID(2), imageID: "missing"))
        let messages = await out.wait(for: 2)
        #expect(messages.last == .imageLoadFailed(RequestID(2), .http(status: 404, message: "No image found with ID missing", url: "u")))
    }

    @Test func theAnswerToACancelledRequestIsNotPosted() async {
        let out = Collected()
        let gate = DispatchSemaphore(value: 0)
        let runner = runner(backend(gate: gate), out)
        runner.run(.loadImages(RequestID(1), .first(query: ImageQuery(), limit: 10)))
        runner.run(.cancel(RequestID(1)))
        runner.run(.loadImages(RequestID(2), .first(query: ImageQuery(), limit: 10)))
        gate.signal()
        gate.signal()
        let messages = await out.wait(for: 1)
        try? await Task.sleep(for: .milliseconds(100))
        #expect(messages == [.imagesPageLoaded(RequestID(2), ImagePage(images: [], next: nil))])
        #expect(out.messages.withLock { $0.count } == 1)
    }

    @Test func aCancelStopsTheRequestOnTheWireNotOnlyItsAnswer() async {
        let out = Collected()
        let observed = Mutex(false)
        let backend = TestBackend()
        backend.list = { (_: PageRequest) throws(APIError) in
            // As the transport does: poll the thread's cancellation while the request runs.
            for _ in 0..<500 where CancellationScope.shouldContinue { usleep(10_000) }
            observed.withLock { $0 = !CancellationScope.shouldContinue }
            throw .transport(.cancelled, url: "u")
        }
        let runner = runner(backend, out)
        runner.run(.loadImages(RequestID(1), .first(query: ImageQuery(), limit: 10)))
        try? await Task.sleep(for: .milliseconds(50))
        runner.run(.cancel(RequestID(1)))
        for _ in 0..<300 where !observed.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(10)) }
        #expect(observed.withLock { $0 }, "the request saw its cancellation while running")
        try? await Task.sleep(for: .milliseconds(50))
        #expect(out.messages.withLock { $0 }.isEmpty)
    }

    @Test func anActionGoesThroughTheCapabilitiesItNeeds() async {
        let out = Collected()
        let backend = TestBackend()
        backend.protect = { (_: (String, Bool)) throws(APIError) in }
        backend.remove = { (_: String) throws(APIError) in }
        let action = ImageAction.unprotectAndDelete(imageID: "x", name: "n")
        runner(backend, out).run(.performAction(RequestID(3), action, seen: nil))
        let messages = await out.wait(for: 2)
        #expect(messages.last == .imageActionDone(RequestID(3), action))
        // Recorded for the command log first, with the openstack equivalent.
        guard case .writeRecorded(let record)? = messages.first else {
            Issue.record("no record: \(messages)")
            return
        }
        #expect(record.action == "delete" && record.result == "done" && record.openstack == "openstack image delete x")
        #expect(backend.calls.withLock { $0 } == ["setProtected x false", "delete x"])
    }

    @Test func anActionTheBackendLacksIsRefusedInWordsAndSendsNothing() async {
        let out = Collected()
        let backend = TestBackend()
        let action = ImageAction.setActive(imageID: "x", name: "n", active: false)
        runner(backend, out).run(.performAction(RequestID(4), action, seen: Image(id: "x", status: .active)))
        #expect(await out.wait(for: 2).last
                == .imageActionFailed(RequestID(4), action, .configuration("deactivation not available through Image API v2")))
        #expect(backend.calls.withLock { $0 }.isEmpty)
    }

    @Test func aReadOnlySessionRefusesEveryWriteInWordsAndSendsNothing() async {
        let out = Collected()
        let backend = TestBackend()
        backend.show = { (id: String) throws(APIError) in Image(id: id) }
        let runner = EffectRunner(cloud: TestCloud(session: session, backend: backend, isReadOnly: true), post: out.post)
        let action = ImageAction.delete(imageID: "x", name: "n")
        runner.run(.performAction(RequestID(1), action, seen: Image(id: "x")))
        runner.run(.patchImage(RequestID(2), imageID: "x", [.add(key: "k", value: .string("v"))]))
        runner.run(.loadImage(RequestID(3), imageID: "x"))
        // Two writes recorded, two refusals and the read: all five, or the checks below race them.
        let messages = await out.wait(for: 5)
        #expect(messages.contains(.imageActionFailed(RequestID(1), action,
                                                     .configuration("read-only: deleting images refused (this session does not write)"))))
        #expect(messages.contains(.imagePatchFailed(RequestID(2),
                                                    .configuration("read-only: editing properties refused (this session does not write)"))))
        #expect(messages.contains(.imageLoaded(RequestID(3), Image(id: "x"))), "reading still works")
        #expect(backend.calls.withLock { $0 } == ["image x"])
    }

    @Test func aSingleWritePassesTheSameGuardAsABatch() async {
        let out = Collected()
        let backend = TestBackend()
        let seen = Image(id: "x", name: "n", status: .active, fields: ["tags": .array([])])
        // Someone tagged it meanwhile: the tag write is not sent, theirs is kept.
        backend.show = { (id: String) throws(APIError) in Image(id: id, name: "n", status: .active, fields: ["tags": .array([.string("t")])]) }
        let action = ImageAction.setTag(imageID: "x", tag: "t", present: true)
        runner(backend, out).run(.performAction(RequestID(5), action, seen: seen))
        let messages = await out.wait(for: 2)
        #expect(messages.last == .imageActionFailed(RequestID(5), action,
                                                    .configuration("Not sent: someone changed it meanwhile (tag t was added meanwhile); theirs is kept")))
        #expect(backend.calls.withLock { $0 } == ["image x"])
    }

    @Test func aSingleWriteThatWentThroughIsKeptForUndo() async {
        let out = Collected()
        let backend = TestBackend()
        let seen = Image(id: "x", name: "n", status: .active, fields: ["tags": .array([])])
        backend.show = { (_: String) throws(APIError) in seen }
        backend.tag = { (_: (String, String, Bool)) throws(APIError) in }
        let action = ImageAction.setTag(imageID: "x", tag: "t", present: true)
        runner(backend, out).run(.performAction(RequestID(6), action, seen: seen))
        let messages = await out.wait(for: 3)
        #expect(messages.contains(.singleWriteDone(.tags(add: ["t"], remove: []), imageID: "x", name: "", before: seen)))
        #expect(messages.last == .imageActionDone(RequestID(6), action))
        #expect(backend.calls.withLock { $0 } == ["image x", "setTag x t true"])
    }

    @Test func aSingleWriteTheBackendCannotMakeReadsNothing() async {
        let out = Collected()
        let backend = TestBackend()
        let seen = Image(id: "x", name: "n", status: .active)
        let action = ImageAction.setVisibility(imageID: "x", name: "n", visibility: "public")
        runner(backend, out).run(.performAction(RequestID(7), action, seen: seen))
        let messages = await out.wait(for: 2)
        #expect(messages.last == .imageActionFailed(RequestID(7), action, .configuration("visibility not available through Image API v2")))
        #expect(backend.calls.withLock { $0 }.isEmpty)
    }

    @Test func aBackendThatPublishesNoRulesGetsTheDocumentedSchemaAndProfiles() async {
        let out = Collected()
        let profile = PropertyRule(key: "sw_release", kind: .string, source: "profile test")
        EffectRunner(cloud: TestCloud(session: session, backend: TestBackend()), profileRules: [profile], post: out.post)
            .run(.loadRules)
        guard case .rulesLoaded(let rules)? = await out.wait(for: 1).first else {
            Issue.record("no rules posted")
            return
        }
        #expect(rules.contains { $0.key == "sw_release" })
        #expect(rules.contains { $0.key == "disk_format" })
    }

    @Test func spinnerTickArrivesAfterTheInterval() async {
        let out = Collected()
        let start = Date()
        runner(TestBackend(), out).run(.scheduleSpinnerTick)
        #expect(await out.wait(for: 1) == [.spinnerTicked])
        #expect(Date().timeIntervalSince(start) >= 0.09)
    }

    @Test func inboxWakesThePollerOnceAndDrainsInOrder() throws {
        let inbox = try Inbox()
        inbox.post(.spinnerTicked)
        inbox.post(.quitSignalReceived)
        var fd = pollfd(fd: inbox.readFD, events: Int16(POLLIN), revents: 0)
        #expect(poll(&fd, 1, 0) == 1)
        #expect(inbox.drain() == [.spinnerTicked, .quitSignalReceived])
        fd.revents = 0
        #expect(poll(&fd, 1, 0) == 0, "nothing left to wake for")
        #expect(inbox.drain().isEmpty)
    }
}
