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
}
