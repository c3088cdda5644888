import Foundation
import GlanceAPI
import GlanceApp
import Synchronization
import Testing

/// Writes to many images at once against the real Glance of scripts/devcloud: the runner the
/// browser and `glance-tui batch` use, over the backend sign-in chooses.
@Suite(.enabled(if: LocalCloud.isConfigured, "needs the local cloud: run scripts/test"), .serialized)
struct BatchIntegrationTests {
    final class Outcomes: Sendable {
        let all = Mutex<[String: BatchOutcome]>([:])
        let requests = Mutex<[String: [String]]>([:])
        func record(_ id: String, _ outcome: BatchOutcome, _ sent: [String]) {
            all.withLock { $0[id] = outcome }
            requests.withLock { $0[id] = sent }
        }
        var value: [String: BatchOutcome] { all.withLock { $0 } }
    }

    static func runner(_ t: TestImages) -> BatchRunner {
        BatchRunner(backend: ImageV2Backend(client: t.demo.client),
                    writer: ImageWrite.Writer(projectID: t.demo.projectID, isAdmin: false), concurrency: 4)
    }

    @Test func twoHundredImagesTaggedInOneBatchAndTheOneSomeoneChangedKeepsTheirValue() throws {
        let t = try TestImages("batch")
        defer { t.deleteAll() }
        let images = try (0..<200).map { try t.create(String(format: "b%03d", $0)) }
        // The rows as the list loaded them; then another client tags one of them the same way.
        let rows = try t.list(ImageQuery()).map { $0.summary() }
        #expect(rows.count == 200)
        let theirs = images[17]
        try t.patch(theirs.id, [("replace", "/tags", .array([.string("release")]))])
        let write = ImageWrite.tags(add: ["release"], remove: [])
        let out = Outcomes()
        Self.runner(t).run(rows.map { BatchItem(write, on: $0) }, cancel: CancellationFlag(), report: out.record)
        let outcomes = out.value
        #expect(outcomes.count == 200)
        #expect(outcomes[theirs.id] == .conflict(["tag release was added meanwhile"]))
        #expect(outcomes.values.filter { if case .done = $0 { true } else { false } }.count == 199)
        var tagged = ImageQuery()
        tagged.tags = ["release"]
        #expect(try t.list(tagged).count == 200)
        #expect(out.requests.withLock { $0[images[0].id] } == ["GET /v2/images/\(images[0].id) → 200",
                                                                "PUT /v2/images/\(images[0].id)/tags/release → 204"])
    }

    @Test func aPropertyChangedByAnotherClientIsNotOverwritten() throws {
        let t = try TestImages("batch")
        defer { t.deleteAll() }
        let mine = try t.create("mine", ["tier": .string("bronze")])
        let theirs = try t.create("theirs", ["tier": .string("bronze")])
        let seen = try [mine, theirs].map { try t.demo.client.image(id: $0.id) }
        try t.patch(theirs.id, [("replace", "/tier", .string("gold"))])
        let out = Outcomes()
        Self.runner(t).run(seen.map { BatchItem(.properties(set: ["tier": "silver"], unset: []), on: $0) },
                           cancel: CancellationFlag(), report: out.record)
        #expect(out.value[theirs.id] == .conflict(["tier is now gold (was bronze)"]))
        #expect(try t.demo.client.image(id: theirs.id).fields["tier"] == .string("gold"))
        #expect(try t.demo.client.image(id: mine.id).fields["tier"] == .string("silver"))
    }

    @Test func aDeleteBatchLeavesTheProtectedOnesAndUndoOfAHideShowsThemAgain() throws {
        let t = try TestImages("batch")
        defer { t.deleteAll() }
        let plain = try t.create("plain")
        let guarded = try t.create("guarded", ["protected": .bool(true)])
        let writer = ImageWrite.Writer(projectID: t.demo.projectID, isAdmin: false)
        // Planning leaves the protected one out, with the reason.
        #expect(ImageWrite.delete.skipReason(for: guarded, by: writer) == "protected (unprotect it first)")
        #expect(ImageWrite.delete.skipReason(for: plain, by: writer) == nil)

        // Hide both, then undo from what each was before.
        let out = Outcomes()
        Self.runner(t).run([plain, guarded].map { BatchItem(.hidden(true), on: $0) }, cancel: CancellationFlag(), report: out.record)
        #expect(try t.demo.client.image(id: plain.id).isHidden == true)
        var undo: [BatchItem] = []
        for (id, outcome) in out.value {
            guard case .done(let before) = outcome, let inverse = ImageWrite.hidden(true).inverse(restoring: before)?.first else {
                Issue.record("\(id) was not hidden: \(outcome)")
                continue
            }
            undo.append(BatchItem(inverse, on: try t.demo.client.image(id: id)))
        }
        let undone = Outcomes()
        Self.runner(t).run(undo, cancel: CancellationFlag(), report: undone.record)
        #expect(undone.value.count == 2 && undone.value.values.allSatisfy { if case .done = $0 { true } else { false } })
        #expect(try t.demo.client.image(id: plain.id).isHidden == false)
        #expect(try t.demo.client.image(id: guarded.id).isHidden == false)
    }
}
