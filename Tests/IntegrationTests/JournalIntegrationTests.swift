import CurlTransport
import Foundation
import GlanceAPI
import GlanceApp
import GlanceCore
import Synchronization
import Testing

/// The transfer journal as the effect runner keeps it, against the real Glance: a download is
/// recorded from start to end with the image's size and checksums, and nothing in the journal is
/// a credential — not the token the session used, not the password that made it.
@Suite(.enabled(if: LocalCloud.isConfigured, "needs the local cloud: run scripts/test"), .serialized)
struct JournalIntegrationTests {
    @Test func aDownloadIsJournalledToTheEndAndTheJournalHoldsNoToken() throws {
        let run = try TransferRun("journal")
        defer { run.cleanUp() }
        let data = Data((0..<(3 * TransferRun.mib + 17)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let image = try run.images.create("journalled", data: data)

        // Signed in with a token of our own, so the test knows the exact secret to look for.
        let password = try LocalCloud.profile()
        let token = try LocalCloud.token(password)
        let profile = CloudProfile(name: "devcloud-demo", authURL: password.authURL,
                                   auth: .token(token.value, scope: .project(.name("demo", domain: .name("Default")))),
                                   regionName: password.regionName, tls: password.tls)
        let cloud = LiveCloud(client: LocalCloud.client(profile))
        _ = try cloud.signIn()
        let directory = run.path("state/glance-tui/transfers")
        let journal = TransferJournal(directory: directory)
        let messages = Mutex<[Msg]>([])
        let finished = DispatchSemaphore(value: 0)
        let runner = EffectRunner(cloud: cloud, journal: journal) { msg in
            messages.withLock { $0.append(msg) }
            if case .transferFinished = msg { finished.signal() }
        }
        let destination = run.path("journalled.raw")
        runner.run(.startTransfer(TransferID(1), .download(DownloadJob(imageID: image.id, destination: destination))))
        #expect(finished.wait(timeout: .now() + 30) == .success)
        #expect(FileManager.default.contents(atPath: destination) == data)

        let entries = journal.read()
        #expect(entries.problems == [])
        let entry = try #require(entries.entries.first)
        #expect(entry.state == .completed && entry.kind == .download)
        #expect(entry.imageID == image.id && entry.imageName == image.name)
        #expect(entry.cloud == "devcloud-demo" && entry.project == "demo" && entry.region == password.regionName)
        #expect(entry.path == destination + ".part" && entry.destination == destination)
        #expect(entry.size == Int64(data.count) && entry.bytesDone == Int64(data.count))
        #expect(entry.checksums["md5"] != nil && entry.checksums["sha512"] != nil)
        #expect(entry.owner == ProcessIdentity.current)

        let file = try #require(FileManager.default.contentsOfDirectory(atPath: directory).first { $0.hasSuffix(".json") })
        let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
        #expect(!text.contains(token.value.reveal()), "the session's token is in the journal")
        guard case .password(_, let secret, _) = password.auth else { return }
        #expect(!text.contains(secret.reveal()), "the password is in the journal")
        let mode = try FileManager.default.attributesOfItem(atPath: directory + "/" + file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    /// The program ending mid-upload (a signal: the runner's cancelTransfersAndWait) leaves the
    /// image it created queued and its entry interrupted; a later run restarts the upload into
    /// that same image, which Glance accepts while it is queued.
    @Test func anUploadInterruptedByTheProgramEndingRestartsIntoItsQueuedImage() throws {
        let run = try TransferRun("journal")
        defer { run.cleanUp() }
        try run.randomFile("big.raw", 3 * TransferRun.mib)
        let original = try #require(run.contents("big.raw"))
        let journal = TransferJournal(directory: run.path("state/transfers"))
        let cloud = LiveCloud(client: run.client)
        _ = try cloud.signIn()
        let created = Mutex<String?>(nil)
        let slow = EffectRunner(cloud: cloud, transferLimits: StreamOptions(maxBytesPerSecond: 256 * 1024), journal: journal) { msg in
            if case .uploadImageCreated(_, let image) = msg { created.withLock { $0 = image.id } }
        }
        let job = UploadJob(file: run.path("big.raw"), target: .newImage(run.fields("interrupted upload")), method: .direct(store: nil))
        slow.run(.startTransfer(TransferID(1), .upload(job)))
        let deadline = Date().addingTimeInterval(10)
        while created.withLock({ $0 }) == nil, Date() < deadline { usleep(50_000) }
        let imageID = try #require(created.withLock { $0 })
        run.track(imageID)
        usleep(1_500_000)
        slow.cancelTransfersAndWait(seconds: 10)

        let entry = try #require(TransferJournal.interrupted(journal.read().entries).first)
        #expect(entry.state == .interrupted && entry.imageID == imageID)
        #expect(entry.resumeRequest == .upload(UploadJob(file: run.path("big.raw"), target: .existing(imageID), method: .direct(store: nil))))
        // Glance puts an image whose upload stopped back to queued.
        var status = try run.client.image(id: imageID).status
        for _ in 0..<50 where status != "queued" {
            usleep(200_000)
            status = try run.client.image(id: imageID).status
        }
        #expect(status == "queued", "the image this upload created was kept for the resume")

        let finished = Mutex<TransferOutcome?>(nil)
        let done = DispatchSemaphore(value: 0)
        let next = EffectRunner(cloud: cloud, journal: journal) { msg in
            if case .transferFinished(_, let outcome) = msg { finished.withLock { $0 = outcome }; done.signal() }
        }
        next.run(.resumeTransfer(TransferID(1), journalID: entry.id, try #require(entry.resumeRequest)))
        #expect(done.wait(timeout: .now() + 30) == .success)
        #expect(finished.withLock { $0 } == .completed(location: imageID, bytes: Int64(original.count), verification: TransferRun.bothDigests))
        #expect(try run.client.image(id: imageID).status == "active")
        #expect(journal.read().entries.first { $0.id == entry.id }?.state == .completed)
    }

    /// `glance-tui resume` of a transfer made after `:project`: the clouds.yaml entry (project
    /// demo) re-scoped to the entry's project, demo2, by name or id; not re-scoped when already
    /// there; a project the user lacks refused, naming theirs.
    @Test func aSignInIsRescopedToTheJournalledProject() throws {
        let demo = LocalCloud.client(try LocalCloud.profile())
        #expect(try KeystoneProjects.profile(of: demo, scopedTo: "demo") == nil, "already there")
        let rescoped = try #require(try KeystoneProjects.profile(of: demo, scopedTo: "demo2"))
        let demo2 = LocalCloud.client(rescoped)
        let cloud = LiveCloud(client: demo2)
        let session = try cloud.signIn()
        #expect(session.projectName == "demo2" && session.cloud == "devcloud-demo")
        let id = try #require(session.projectID)
        #expect(try KeystoneProjects.profile(of: demo2, scopedTo: id) == nil, "an id names the project too")
        let byID = try #require(try KeystoneProjects.profile(of: demo, scopedTo: id))
        #expect(byID == rescoped)
        let error = LocalCloud.apiError { _ = try KeystoneProjects.profile(of: demo, scopedTo: "jf-nosuch") }
        #expect(error?.userMessage.contains("You have no project \"jf-nosuch\" on devcloud-demo") == true, "\(String(describing: error))")
    }
}
