import Foundation
import GlanceAPI
@testable import GlanceApp
import GlanceCore
import Synchronization
import Testing

/// The runner's side of a switch: the new cloud signs in beside the current one, is used only
/// once adopted, and answers to work started on the cloud left are not posted (writes still
/// reach the command log, naming the cloud they went to).
@Suite struct CloudSwitchRunnerTests {
    typealias Collected = EffectRunnerTests.Collected
    let demo = SessionInfo(cloud: "devcloud-demo", imageEndpoint: "http://127.0.0.1:9292")
    let alt = SessionInfo(cloud: "devcloud-alt", imageEndpoint: "http://127.0.0.1:9292")
    static let altPage = ImagePage(images: [Image(id: "alt-1")], next: nil)
    static let demoPage = ImagePage(images: [Image(id: "demo-1")], next: nil)

    /// A backend whose listing waits for `gate` and signals `returned` as it answers.
    func gated(_ page: ImagePage, gate: DispatchSemaphore, returned: DispatchSemaphore) -> TestBackend {
        let backend = TestBackend()
        backend.list = { (_: PageRequest) throws(APIError) in
            gate.wait()
            returned.signal()
            return page
        }
        return backend
    }

    func described(_ session: SessionInfo, _ backend: TestBackend) -> SessionInfo {
        var info = session
        info.describe(backend)
        return info
    }

    /// Waits until `returned` is signalled, then long enough for a post that would follow.
    func settle(_ returned: DispatchSemaphore) async {
        #expect(returned.wait(timeout: .now() + 5) == .success)
        try? await Task.sleep(for: .milliseconds(200))
    }

    @Test func aSwitchSignsInBesideDropsTheOldCloudsAnswersAndAdoptsOnlyWhenTold() async {
        let out = Collected()
        let gate = DispatchSemaphore(value: 0), returned = DispatchSemaphore(value: 0)
        let demoBackend = gated(Self.demoPage, gate: gate, returned: returned)
        let altBackend = TestBackend()
        altBackend.list = { (_: PageRequest) throws(APIError) in Self.altPage }
        let asked = Mutex<[CloudTarget]>([])
        let altCloud = TestCloud(session: alt, backend: altBackend)
        let runner = EffectRunner(cloud: TestCloud(session: demo, backend: demoBackend), makeCloud: { target, _ in
            asked.withLock { $0.append(target) }
            return altCloud
        }, post: out.post)

        runner.run(.loadImages(RequestID(1), .first(query: ImageQuery(), limit: 10)))
        runner.run(.signInElsewhere(RequestID(2), .cloud("devcloud-alt")))
        #expect(await out.wait(for: 1) == [.cloudSignedIn(RequestID(2), described(alt, altBackend))])
        #expect(asked.withLock { $0 } == [.cloud("devcloud-alt")])

        // Signed in, not adopted: what starts now is the old state's, on the old cloud, and dropped.
        runner.run(.loadImages(RequestID(3), .first(query: ImageQuery(), limit: 10)))
        gate.signal()
        gate.signal()
        await settle(returned)
        await settle(returned)
        #expect(demoBackend.calls.withLock { $0 } == ["listImages", "listImages"])
        #expect(altBackend.calls.withLock { $0 } == ["listImages"], "only the sign-in's proof")
        #expect(out.messages.withLock { $0 }.count == 1, "demo's pages were not posted")

        runner.run(.adoptCloud(RequestID(2)))
        runner.run(.loadImages(RequestID(4), .first(query: ImageQuery(), limit: 10)))
        #expect(await out.wait(for: 2).last == .imagesPageLoaded(RequestID(4), Self.altPage))
        #expect(altBackend.calls.withLock { $0 } == ["listImages", "listImages"], "the sign-in's proof, then the list")
        #expect(runner.currentCloud.session?.cloud == "devcloud-alt")
    }

    @Test func aWriteOnTheCloudLeftIsLoggedWithItsCloudButItsAnswerIsDropped() async {
        let out = Collected()
        let gate = DispatchSemaphore(value: 0), returned = DispatchSemaphore(value: 0)
        let demoBackend = TestBackend()
        demoBackend.patch = { (input: (String, [PatchOperation])) throws(APIError) in
            gate.wait()
            returned.signal()
            return Image(id: input.0)
        }
        let altBackend = TestBackend()
        altBackend.list = { (_: PageRequest) throws(APIError) in Self.altPage }
        let altCloud = TestCloud(session: alt, backend: altBackend)
        let runner = EffectRunner(cloud: TestCloud(session: demo, backend: demoBackend), makeCloud: { _, _ in altCloud },
                                  post: out.post)
        runner.run(.patchImage(RequestID(1), imageID: "demo-1", [.add(key: "os_distro", value: .string("debian"))]))
        runner.run(.signInElsewhere(RequestID(2), .cloud("devcloud-alt")))
        _ = await out.wait(for: 1)
        runner.run(.adoptCloud(RequestID(2)))
        gate.signal()
        await settle(returned)
        let messages = await out.wait(for: 2)
        #expect(messages.count == 2, "the switch and the write's record, not its answer: \(messages)")
        guard case .writeRecorded(let record)? = messages.last else {
            Issue.record("no write record: \(messages)")
            return
        }
        #expect(record.cloud == "devcloud-demo" && record.imageID == "demo-1" && record.ok)
        #expect(demoBackend.calls.withLock { $0 } == ["patch demo-1"])
    }

    @Test func aFailedSignInKeepsTheCurrentCloud() async {
        let out = Collected()
        let demoBackend = TestBackend()
        demoBackend.list = { (_: PageRequest) throws(APIError) in Self.demoPage }
        let refusal = APIError.http(status: 401, message: "The request you have made requires authentication.", url: "u")
        let runner = EffectRunner(cloud: TestCloud(session: demo, backend: demoBackend),
                                  makeCloud: { _, _ throws(APIError) in throw refusal }, post: out.post)
        runner.run(.signInElsewhere(RequestID(1), .cloud("e2e-wrongpw")))
        #expect(await out.wait(for: 1) == [.cloudSignInFailed(RequestID(1), refusal)])
        runner.run(.adoptCloud(RequestID(1)))
        runner.run(.loadImages(RequestID(2), .first(query: ImageQuery(), limit: 10)))
        #expect(await out.wait(for: 2).last == .imagesPageLoaded(RequestID(2), Self.demoPage))
        #expect(runner.currentCloud.session?.cloud == "devcloud-demo")
    }

    /// A sign-in that asked nobody (the token cache) is proved by one authorized request before
    /// the runner moves: a token the cloud refuses (and no renewal) fails the switch, the current
    /// cloud stays, and its answers are still posted.
    @Test func aSignInTheNewCloudRefusesOnItsFirstRequestIsAFailedSwitch() async {
        let out = Collected()
        let demoBackend = TestBackend()
        demoBackend.list = { (_: PageRequest) throws(APIError) in Self.demoPage }
        let refusal = APIError.http(status: 401, message: "The request you have made requires authentication.", url: "u")
        let altBackend = TestBackend()
        let asked = Mutex<[PageRequest]>([])
        altBackend.list = { (page: PageRequest) throws(APIError) in
            asked.withLock { $0.append(page) }
            throw refusal
        }
        let runner = EffectRunner(cloud: TestCloud(session: demo, backend: demoBackend),
                                  makeCloud: { _, _ in TestCloud(session: alt, backend: altBackend) }, post: out.post)
        runner.run(.signInElsewhere(RequestID(1), .cloud("devcloud-alt")))
        #expect(await out.wait(for: 1) == [.cloudSignInFailed(RequestID(1), refusal)])
        #expect(asked.withLock { $0 } == [.first(query: ImageQuery(), limit: 1)])
        runner.run(.loadImages(RequestID(2), .first(query: ImageQuery(), limit: 10)))
        #expect(await out.wait(for: 2).last == .imagesPageLoaded(RequestID(2), Self.demoPage), "still demo's, and posted")
        #expect(runner.currentCloud.session?.cloud == "devcloud-demo")
    }

    @Test func aRunnerWithoutAWayToMakeCloudsSaysSo() async {
        let out = Collected()
        let runner = EffectRunner(cloud: TestCloud(session: demo, backend: TestBackend()), post: out.post)
        runner.run(.signInElsewhere(RequestID(1), .project("alt")))
        #expect(await out.wait(for: 1) == [.cloudSignInFailed(RequestID(1), .configuration("This session cannot switch clouds"))])
    }
}
