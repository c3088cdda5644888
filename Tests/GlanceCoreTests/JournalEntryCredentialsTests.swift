import Foundation
import GlanceAPI
@testable import GlanceCore
import Testing

/// A web-download's URL can carry credentials (a password, a signed URL's signature): the journal
/// keeps neither, and says why such an import cannot be resumed from it.
@Suite struct JournalEntryCredentialsTests {
    static let owner = JournalEntry.Owner(pid: 4711, startTicks: 99, bootID: "b")

    static func entry(_ uri: String) -> JournalEntry {
        let job = UploadJob(file: nil, target: .existing("img-1"), method: .webDownload(uri: uri, stores: nil))
        return JournalEntry(id: "e1", request: .upload(job), title: "web", session: Fixture.session, owner: owner,
                            at: Date(timeIntervalSince1970: 1_796_040_000))
    }

    @Test func aPasswordAndAQueryAreNotWrittenAndTheImportIsNotResumable() throws {
        let entry = Self.entry("https://mirror:s3cret@images.example/f.qcow2?X-Amz-Signature=abcdef&X-Amz-Expires=600")
        let written = String(decoding: try JSONEncoder().encode(entry), as: UTF8.self)
        #expect(!written.contains("s3cret") && !written.contains("abcdef"))
        #expect(entry.sending?.uri == "https://mirror@images.example/f.qcow2")
        #expect(entry.resumeRequest == nil)
        #expect(entry.resumeProblem == "entry e1 imports from a URL whose password or query the journal does not keep: start the import again")
    }

    @Test func aPlainURLIsKeptAndResumedAsItWas() {
        let uri = "https://images.example/f.qcow2"
        let entry = Self.entry(uri)
        #expect(entry.sending?.uri == uri && entry.sending?.uriWithheld == nil)
        #expect(entry.resumeRequest == .upload(UploadJob(file: nil, target: .existing("img-1"),
                                                        method: .webDownload(uri: uri, stores: nil))))
    }
}
