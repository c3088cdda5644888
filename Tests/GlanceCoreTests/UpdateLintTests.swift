import Foundation
import GlanceAPI
@testable import GlanceCore
import TerminalKit
import Testing

/// `:lint` through update(), exhaustively: the shown images asked for in full, the findings
/// pane and the LINT column, and their fixes as one batch that goes through the guard.
@Suite struct UpdateLintTests {
    static let writer = ImageWrite.Writer(projectID: "p1", isAdmin: false)

    static func image(_ id: String, _ extras: [String: String]) -> Image {
        var fields: [String: JSONValue] = ["owner": .string("p1"), "visibility": .string("private"),
                                           "updated_at": .string("2026-12-01T10:00:00Z")]
        for (k, v) in extras { fields[k] = .string(v) }
        return Image(id: id, name: id, status: .active, fields: fields)
    }

    static let clean = image("clean", ["hw_disk_bus": "virtio"])
    static let typo = image("typo", ["hw_disk_bus": "scsii", "hw_qemu_guest_agent": "True"])
    static let odd = image("odd", ["hw_disk_bus": "nvme"])

    func store() -> TestStore {
        var state = AppState(cloudName: "c", size: TerminalSize(width: 100, height: 24))
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(Fixture.session(.v2)))
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: [Self.clean, Self.typo, Self.odd], next: nil)))
        _ = Update.update(&state, .spinnerTicked)
        state.lintSettings = LintSettings(sets: [.definitions])
        return TestStore(state: state)
    }

    static func report() -> LintReport {
        let linter = Linter(rules: LintFixture.rules, sets: [.definitions])
        let images = [clean, typo, odd]
        let findings = linter.findings(for: images)
        return LintReport(images: [typo, odd], findings: findings, linted: images.map(\.id))
    }

    func lint(_ s: inout TestStore) {
        _ = Update.update(&s.state, .keyPressed(.char(":")))
        for ch in "lint" { _ = Update.update(&s.state, .keyPressed(.char(ch))) }
        s.key(.enter, effects: [.lintImages(RequestID(2), query: ImageQuery(), ids: ["clean", "typo", "odd"], LintSettings(sets: [.definitions])),
                                .scheduleSpinnerTick]) {
            $0.prompt.input = .keys
            $0.prompt.history = ["lint"]
            $0.lint = LintState(phase: .running(RequestID(2), images: 3))
            $0.screen = .lint
            $0.requestsInFlight = [RequestID(2)]
            $0.nextRequest = 3
            $0.spinnerScheduled = true
        }
    }

    @Test func findingsArriveWithTheListsBadgeAndFTheSelectedImagesFixesAfterAsking() {
        var s = store()
        lint(&s)
        let report = Self.report()
        #expect(report.findings.map(\.key) == ["hw_disk_bus", "hw_qemu_guest_agent", "hw_disk_bus"])
        s.send(.lintFinished(RequestID(2), .success(report))) {
            $0.requestsInFlight = []
            $0.lint?.phase = .done(report)
            $0.catalog.lintCounts = ["clean": 0, "typo": 2, "odd": 1]
            $0.catalog.columns.insert(.lint, at: 1)
            $0.notice = "3 findings on 2 of 3 images · f fixes this image, F all 1"
        }
        // On the odd image's finding: it has no fix.
        s.key("G") { $0.lint?.cursor.cursor = 4; $0.notice = nil }
        s.key("f") { $0.notice = "Nothing here has a fix: each finding says why" }
        s.key("g") { $0.lint?.cursor.cursor = 0; $0.notice = nil }
        let item = BatchItem(.properties(set: ["hw_disk_bus": "scsi", "hw_qemu_guest_agent": "yes"], unset: []), on: Self.typo)
        let batch = Batch(id: BatchID(1), title: "lint fixes", items: [item])
        s.key("f") {
            $0.confirmation = .prepared(batch, question: "fix 2 findings on 1 image, each image read again first — y runs it, any other key cancels")
        }
        s.key("y", effects: [.runBatch(BatchID(1), [item], concurrency: 4, writer: Self.writer)]) {
            $0.confirmation = nil
            $0.batches.batches = [batch]
            $0.batches.nextBatch = 2
            $0.notice = "lint fixes: 1 image (:batches shows each)"
        }
        // The guard compares exactly the keys the fix touches with the copy that was linted.
        #expect(item.write.guardFrom(Self.typo).checks.count == 2)
    }

    @Test func aFailedReadLeavesThePaneAndSaysWhy() {
        var s = store()
        lint(&s)
        s.send(.lintFinished(RequestID(2), .failure(.http(status: 503, message: "busy", url: "http://glance/v2/images")))) {
            $0.requestsInFlight = []
            $0.lint = nil
            $0.screen = .list
            $0.lastError = "Lint: " + APIError.http(status: 503, message: "busy", url: "http://glance/v2/images").userMessage
        }
    }

    @Test func leavingWhileReadingCancelsAndALateAnswerChangesNothing() {
        var s = store()
        lint(&s)
        s.key(.escape, effects: [.cancel(RequestID(2))]) {
            $0.lint = nil
            $0.screen = .list
            $0.requestsInFlight = []
        }
        s.send(.lintFinished(RequestID(2), .success(Self.report())))
    }

    @Test func rReadsTheImagesAgainAndLintsThemAgain() {
        var s = store()
        lint(&s)
        s.send(.lintFinished(RequestID(2), .success(Self.report()))) {
            $0.requestsInFlight = []
            $0.lint?.phase = .done(Self.report())
            $0.catalog.lintCounts = ["clean": 0, "typo": 2, "odd": 1]
            $0.catalog.columns.insert(.lint, at: 1)
            $0.notice = "3 findings on 2 of 3 images · f fixes this image, F all 1"
        }
        s.key("r", effects: [.loadImages(RequestID(3), .first(query: ImageQuery(), limit: 22)),
                             .lintImages(RequestID(4), query: ImageQuery(), ids: ["clean", "typo", "odd"], LintSettings(sets: [.definitions]))]) {
            $0.catalog.listing = .loading(RequestID(3), pages: 0)
            $0.lint = LintState(phase: .running(RequestID(4), images: 3))
            $0.requestsInFlight = [RequestID(3), RequestID(4)]
            $0.nextRequest = 5
            $0.notice = nil
        }
    }
}
