import Foundation
import GlanceAPI
@testable import GlanceCore
import TerminalKit
import Testing

/// `:lineage` and `:retire` through update(), exhaustively: the folded pane, unfolding,
/// marking a lineage, the plan waiting for Compute, what it keeps and why, and its batch.
@Suite struct UpdateLifecycleTests {
    static let time = Date(timeIntervalSince1970: 1_796_000_000) // 2026-11-30
    static let writer = ImageWrite.Writer(projectID: "p1", isAdmin: false)

    static func build(_ id: String, _ distro: String?, _ date: String, protected: Bool = false) -> Image {
        var fields: [String: JSONValue] = ["owner": .string("p1"), "visibility": .string("private"), "protected": .bool(protected),
                                           "os_hidden": .bool(false), "image_build_date": .string(date),
                                           "updated_at": .string("2026-12-01T10:00:00Z"), "hw_disk_bus": .string("virtio")]
        if let distro { fields["os_distro"] = .string(distro); fields["os_version"] = .string("1") }
        return Image(id: id, name: id, status: .active, fields: fields)
    }

    static let images = [
        build("deb-new", "debian", "2026-11-20"), build("deb-old", "debian", "2026-01-01"),
        build("deb-older", "debian", "2025-06-01"), build("deb-gold", "debian", "2025-01-01", protected: true),
        build("cirros", "cirros", "2026-10-01"), build("loose", nil, "2024-01-01"),
    ]

    func store() -> TestStore {
        var state = AppState(cloudName: "c", size: TerminalSize(width: 100, height: 24))
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(Fixture.session(.v2)))
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: Self.images, next: nil)))
        _ = Update.update(&state, .spinnerTicked)
        return TestStore(state: state)
    }

    func command(_ s: inout TestStore, _ text: String, effects: [Effect] = [], _ change: (inout AppState) -> Void) {
        _ = Update.update(&s.state, .keyPressed(.char(":")))
        for ch in text { _ = Update.update(&s.state, .keyPressed(.char(ch))) }
        s.key(.enter, effects: effects) {
            $0.prompt.input = .keys
            $0.prompt.message = nil
            $0.prompt.candidates = []
            if $0.prompt.history.last != text { $0.prompt.history.append(text) }
            $0.prompt.historyIndex = nil
            change(&$0)
        }
    }

    @Test func theListKeepsWhatLineagesGroupByAndNothingElseOfTheProperties() {
        let kept = store().state.catalog.images[0]
        #expect(kept.isSummary)
        #expect(Set(kept.fields.keys) == ["os_distro", "os_version", "image_build_date"])
    }

    @Test func lineagesShowFoldedEnterUnfoldsAndSpaceMarksEveryBuildOfOne() {
        var s = store()
        command(&s, "lineage") {
            $0.screen = .lineages
            $0.lineages.groups = Lineage.group($0.catalog.shown)
            $0.lineages.rows = [.group(0), .group(1), .group(2)]
        }
        #expect(s.state.lineages.groups.map(\.key) == ["cirros 1", "debian 1", ""])
        s.key("j") { $0.lineages.cursor.cursor = 1 }
        s.key(.enter) {
            $0.lineages.unfolded = ["debian 1"]
            $0.lineages.rows = [.group(0), .group(1), .build(group: 1, index: 0), .build(group: 1, index: 1),
                                .build(group: 1, index: 2), .build(group: 1, index: 3), .group(2)]
        }
        #expect(s.state.lineages.groups[1].images.map(\.id) == ["deb-new", "deb-old", "deb-older", "deb-gold"])
        // Space on the lineage marks its four builds and moves to the first of them.
        s.key(" ") {
            $0.catalog.marks.mark($0.lineages.groups[1].images)
            $0.notice = "4 marked"
            $0.lineages.cursor.cursor = 2
        }
        // Enter on a build opens it; going back returns to the lineages.
        s.key(.enter, effects: [.loadImage(RequestID(2), imageID: "deb-new"), .scheduleSpinnerTick]) {
            $0.screen = .detail
            $0.detail = DetailState(image: $0.catalog.images[0])
            $0.detail?.refresh = RequestID(2)
            $0.requestsInFlight = [RequestID(2)]
            $0.nextRequest = 3
            $0.spinnerScheduled = true
            $0.screenBeforePane = .lineages
            $0.notice = nil
        }
        s.send(.imageLoaded(RequestID(2), Self.images[0])) {
            $0.requestsInFlight = []
            $0.detail = DetailState(image: Self.images[0])
        }
        s.key(.escape) {
            $0.screen = .lineages
            $0.detail = nil
        }
        s.key(.escape) { $0.screen = .list; $0.screenBeforePane = .list }
        // An image opened from the list later goes back to the list, not to the lineages.
        _ = Update.update(&s.state, .keyPressed(.enter))
        _ = Update.update(&s.state, .keyPressed(.escape))
        #expect(s.state.screen == .list)
    }

    @Test func aLineageKeyTheListDidNotKeepReadsTheImagesAgain() {
        var s = store()
        command(&s, "lineage by=name") {
            $0.screen = .lineages
            $0.lineages.by = .name
            $0.lineages.groups = Lineage.group($0.catalog.shown, by: .name)
            $0.lineages.rows = $0.lineages.groups.indices.map { .group($0) }
        }
        #expect(s.state.lineages.groups.count == 6)
        s.state.screen = .list
        let reload: [Effect] = [.loadImages(RequestID(2), .first(query: ImageQuery(), limit: 22)), .scheduleSpinnerTick]
        command(&s, "lineage by=image_original_user", effects: reload) {
            $0.screen = .lineages
            $0.lineages.by = .properties(["image_original_user"])
            $0.catalog.images = []
            $0.catalog.searchKeys = []
            $0.catalog.rows = []
            $0.catalog.listing = .loading(RequestID(2), pages: 0)
            $0.requestsInFlight = [RequestID(2)]
            $0.nextRequest = 3
            $0.spinnerScheduled = true
            $0.lineages.groups = []
            $0.lineages.rows = []
        }
    }

    @Test func retirePlansAfterComputeAnswersAndRunsWhatGoesAsABatch() {
        var s = store()
        command(&s, "retire keep=1 older-than=30d", effects: [.checkRetirement(RequestID(2), query: ImageQuery(), ids: ["deb-new", "deb-old", "deb-older", "deb-gold", "cirros", "loose"]), .scheduleSpinnerTick]) {
            $0.retire = RetireState(policy: RetentionPolicy(keep: 1, olderThanDays: 30, by: .standard), phase: .checking(RequestID(2), images: 6))
            $0.screen = .retire
            $0.screenBeforePane = .list
            $0.requestsInFlight = [RequestID(2)]
            $0.nextRequest = 3
            $0.spinnerScheduled = true
            $0.notice = "Reading the 6 images again and asking Compute which servers use them…"
        }
        // deb-old is booted by a server; deb-older goes; the protected one and the current ones stay.
        let check = UsageCheck.checked(counts: ["deb-old": 2], unknown: [], scope: "all projects")
        let plan = RetentionPlan.make(Self.images, policy: RetentionPolicy(keep: 1, olderThanDays: 30, by: .standard), now: Self.time,
                                      check: check, writer: Self.writer)
        s.send(.retirementChecked(RequestID(2), .success(RetireState.Facts(images: Self.images, usage: check)), at: Self.time)) {
            $0.requestsInFlight = []
            $0.retire?.phase = .planned(plan)
            $0.notice = "y: hide 1 image · Esc: leave, nothing sent"
        }
        #expect(plan.going.map(\.image.id) == ["deb-older"])
        #expect(plan.decisions.first { $0.image.id == "deb-old" }?.reason == "in use by 2 servers")
        let item = BatchItem(.hidden(true), on: plan.going[0].image)
        #expect(!item.imageID.isEmpty)
        s.key("y", effects: [.runBatch(BatchID(1), [item], concurrency: 4, writer: Self.writer)]) {
            $0.retire = nil
            $0.screen = .list
            $0.batches.batches = [Batch(id: BatchID(1), title: "hide", items: [item])]
            $0.batches.nextBatch = 2
            $0.notice = "hide: 1 image (:batches shows each)"
        }
    }

    @Test func withoutForceAnImageWhoseUseIsUnknownStaysAndYSaysSo() {
        var s = store()
        command(&s, "retire keep=1", effects: [.checkRetirement(RequestID(2), query: ImageQuery(), ids: ["deb-new", "deb-old", "deb-older", "deb-gold", "cirros", "loose"]), .scheduleSpinnerTick]) {
            $0.retire = RetireState(policy: RetentionPolicy(keep: 1, by: .standard), phase: .checking(RequestID(2), images: 6))
            $0.screen = .retire
            $0.requestsInFlight = [RequestID(2)]
            $0.nextRequest = 3
            $0.spinnerScheduled = true
            $0.notice = "Reading the 6 images again and asking Compute which servers use them…"
        }
        let check = UsageCheck.unavailable("no Compute endpoint in the catalog")
        s.send(.retirementChecked(RequestID(2), .success(RetireState.Facts(images: Self.images, usage: check)), at: Self.time)) {
            $0.requestsInFlight = []
            $0.retire?.phase = .planned(RetentionPlan.make(Self.images, policy: RetentionPolicy(keep: 1, by: .standard), now: Self.time,
                                                           check: check, writer: Self.writer))
            $0.notice = "Nothing to hide · 2 kept because their use could not be checked (add force to :retire) · Esc: leave, nothing sent"
        }
        #expect(s.state.retire?.plan?.usageNote == "whether servers use the images could not be checked: no Compute endpoint in the catalog")
        s.key("y") { $0.notice = "Nothing to hide: every image is kept (the plan says why)" }
        s.key(.escape) {
            $0.retire = nil
            $0.screen = .list
            $0.notice = "Nothing was retired"
        }
    }

    @Test func leavingWhileComputeIsAskedCancelsTheRequest() {
        var s = store()
        command(&s, "retire keep=2 action=deactivate", effects: [.checkRetirement(RequestID(2), query: ImageQuery(), ids: ["deb-new", "deb-old", "deb-older", "deb-gold", "cirros", "loose"]), .scheduleSpinnerTick]) {
            $0.retire = RetireState(policy: RetentionPolicy(keep: 2, action: .deactivate, by: .standard), phase: .checking(RequestID(2), images: 6))
            $0.screen = .retire
            $0.requestsInFlight = [RequestID(2)]
            $0.nextRequest = 3
            $0.spinnerScheduled = true
            $0.notice = "Reading the 6 images again and asking Compute which servers use them…"
        }
        s.key("q", effects: [.cancel(RequestID(2))]) {
            $0.retire = nil
            $0.screen = .list
            $0.requestsInFlight = []
            $0.notice = "Nothing was retired"
        }
        // A late answer changes nothing.
        s.send(.retirementChecked(RequestID(2), .success(RetireState.Facts(images: Self.images, usage: .unavailable("late"))), at: Self.time))
    }

    @Test func badRetireWordsAreRefusedOnTheCommandLine() {
        for (text, message) in [("retire", "Say how many builds of each lineage to keep: keep=N"),
                                ("retire keep=0", "keep is how many builds to keep: 1 or more"),
                                ("retire keep=2 action=burn", "action is hide, deactivate or delete"),
                                ("retire keep=2 lineage=\"ubuntu", "A quote is not closed"),
                                ("lineage os_distro", ":lineage takes by=name or by=PROPERTY+PROPERTY (os_distro+os_version)")] {
            guard case .failure(let error) = CommandParser.parse(text) else {
                Issue.record("\(text) was accepted")
                continue
            }
            #expect(error.message == message)
        }
        #expect(CommandParser.parse("retire keep=2 lineage=\"ubuntu 22.04\" force")
                == .success(.retire(RetentionPolicy(keep: 2, lineage: "ubuntu 22.04", force: true))))
    }
}
