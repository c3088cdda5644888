import Foundation
import GlanceAPI
@testable import GlanceCore
import TerminalKit
import Testing

/// `:cloud`, `:region` and `:project` through update(), exhaustively: the switch is asked and
/// signs in beside the current cloud; only its success resets what belonged to the old cloud.
@Suite struct UpdateCloudSwitchTests {
    typealias Store = TestStore

    static let alt = SessionInfo(cloud: "devcloud-alt", region: "RegionOne", projectName: "alt", projectID: "p2",
                                 userName: "alt", imageEndpoint: "http://127.0.0.1:9292")
    static let time = Date(timeIntervalSince1970: 1_700_000_000)

    /// On devcloud-demo with three images listed; clouds.yaml has demo, alt and admin.
    func store() -> Store {
        var state = Fixture.loaded(3)
        state.choices = CloudChoices(clouds: ["devcloud-demo", "devcloud-alt", "devcloud-admin"])
        #expect(state.requestsInFlight.isEmpty && !state.spinnerScheduled && state.nextRequest == 2)
        return Store(state: state)
    }

    /// Types `line` on the command line (as if typed) and presses Enter.
    func submit(_ s: inout Store, _ line: String, effects: [Effect], sourceLocation: SourceLocation = #_sourceLocation,
                _ change: (inout AppState) -> Void) {
        s.state.prompt.input = .command(LineEditor(line))
        s.key(.enter, effects: effects, sourceLocation: sourceLocation) {
            $0.prompt.input = .keys
            $0.prompt.history.append(line)
            change(&$0)
        }
    }

    /// `:cloud devcloud-alt` asked: request 2 signs in.
    func askAlt(_ s: inout Store) {
        submit(&s, "cloud devcloud-alt", effects: [.signInElsewhere(RequestID(2), .cloud("devcloud-alt")), .scheduleSpinnerTick]) {
            $0.switching = CloudSwitch(id: RequestID(2), target: .cloud("devcloud-alt"))
            $0.requestsInFlight = [RequestID(2)]
            $0.nextRequest = 3
            $0.spinnerScheduled = true
            $0.notice = "Signing in to cloud devcloud-alt… (devcloud-demo/demo stays until it succeeds)"
        }
    }

    @Test func askingSignsInBesideTheCurrentCloudWhichStaysMeanwhile() {
        var s = store()
        askAlt(&s)
        #expect(s.state.session == Fixture.session, "still browsing demo until alt has signed in")
        #expect(s.state.catalog.images.count == 3)
    }

    /// What the user chose at start (flags and settings) is theirs, not the cloud's: each is set
    /// away from its default and must be the same after the switch.
    @Test func theUsersChoicesAtStartOutliveTheSwitch() throws {
        var s = store()
        s.state.lowBandwidth = true
        s.state.mouseEnabled = true
        s.state.clipboardEnabled = false
        s.state.keymap = Keymap.standard.applying([(action: .download, keys: [.char("D")])])
        s.state.lintSettings = LintSettings(sets: [.scs], propertyQuota: 7)
        s.state.lineages.by = .name
        s.state.catalog.eagerLimit = 123
        s.state.batches.concurrency = 2
        s.state.catalog.savedViews = [SavedView(name: "v", filter: "status=active")]
        let before = s.state
        _ = Update.update(&s.state, .keyPressed(.char(":")))
        for ch in "cloud devcloud-alt" { _ = Update.update(&s.state, .keyPressed(.char(ch))) }
        _ = Update.update(&s.state, .keyPressed(.enter))
        let id = try #require(s.state.switching?.id)
        _ = Update.update(&s.state, .cloudSignedIn(id, Self.alt))
        #expect(s.state.session == Self.alt)
        #expect(s.state.lowBandwidth && s.state.mouseEnabled && !s.state.clipboardEnabled)
        #expect(s.state.keymap == before.keymap)
        #expect(s.state.lintSettings == before.lintSettings)
        #expect(s.state.lineages.by == before.lineages.by)
        #expect(s.state.catalog.eagerLimit == 123 && s.state.batches.concurrency == 2)
        #expect(s.state.catalog.savedViews == before.catalog.savedViews)
    }

    @Test func signedInResetsWhatBelongedToTheOldCloudAndListsTheNewOne() throws {
        var s = store()
        // Demo's state: marks, a detail pane being refreshed, an undoable write, a running download,
        // a write in the command log, rules, a quota, a filter and the columns chosen.
        let before = s.state.catalog.images[0]
        let write = ImageWrite.active(false)
        _ = Update.update(&s.state, .singleWriteDone(write, imageID: before.id, name: before.name ?? "", before: before))
        let record = WriteRecord(write, imageID: before.id, imageName: before.name ?? "", outcome: .done(before: before),
                                 requests: ["PATCH → 200"], session: Fixture.session, time: Self.time)
        _ = Update.update(&s.state, .writeRecorded(record))
        s.state.catalog.marks.toggle(s.state.catalog.images[1])
        var download = TransferEntry(id: TransferID(1), kind: .download, title: "img 0", imageID: before.id, path: "img0.raw",
                                     request: .download(DownloadJob(imageID: before.id, destination: "img0.raw")))
        download.scope = CloudScope(Fixture.session)
        s.state.transfers.entries = [download]
        s.state.transfers.nextID = 2
        s.state.rules = ["os_distro": PropertyRule(key: "os_distro", source: "schema")]
        s.state.catalog.query = try FilterParser.parse("status=active")
        s.state.catalog.columns = [.name, .status, .id]
        s.state.prompt.history = ["filter status=active"]
        s.state.screen = .detail
        s.state.detail = DetailState(image: before)
        s.state.detail?.refresh = RequestID(9)
        s.state.requestsInFlight = [RequestID(9)]
        s.state.nextRequest = 10
        submit(&s, "cloud devcloud-alt", effects: [.signInElsewhere(RequestID(10), .cloud("devcloud-alt")), .scheduleSpinnerTick]) {
            $0.switching = CloudSwitch(id: RequestID(10), target: .cloud("devcloud-alt"))
            $0.requestsInFlight = [RequestID(9), RequestID(10)]
            $0.nextRequest = 11
            $0.spinnerScheduled = true
            $0.notice = "Signing in to cloud devcloud-alt… (devcloud-demo/demo stays until it succeeds)"
        }
        let listing = Effect.loadImages(RequestID(11), .first(query: try FilterParser.parse("status=active"),
                                                              limit: Update.firstPageSize(for: s.state.size)))
        s.send(.cloudSignedIn(RequestID(10), Self.alt),
               effects: [.adoptCloud(RequestID(10)), .cancel(RequestID(9)), listing, .loadRules, .loadUsage,
                         .readJournal, .rememberCloud("devcloud-alt")]) { old in
            // Everything else starts as a fresh state does: no marks, undo, panes, rules or quota.
            var fresh = AppState(cloudName: "devcloud-alt", size: old.size)
            fresh.connection = .signedIn(Self.alt)
            fresh.choices = CloudChoices(clouds: ["devcloud-alt", "devcloud-demo", "devcloud-admin"])
            fresh.catalog.query = old.catalog.query
            fresh.catalog.columns = old.catalog.columns
            fresh.catalog.listing = .loading(RequestID(11), pages: 0)
            fresh.prompt.history = old.prompt.history
            fresh.transfers.entries = [download]
            fresh.transfers.nextID = 2
            fresh.batches.log = [record]
            fresh.batches.nextBatch = 2
            fresh.requestsInFlight = [RequestID(11)]
            fresh.nextRequest = 12
            fresh.spinnerScheduled = true
            fresh.spinnerFrame = old.spinnerFrame
            fresh.notice = "Now on devcloud-alt/alt (left devcloud-demo/demo: marks, undo and its open panes closed)"
            old = fresh
        }
        #expect(s.state.batches.undoable == nil, "z has nothing of demo's to undo on alt")
        // Demo's late answers: the detail's refresh and the old listing are dropped.
        s.send(.imageLoaded(RequestID(9), before))
        s.send(.imagesPageLoaded(RequestID(1), ImagePage(images: Fixture.images(5), next: nil)))
        // Demo's download goes on and still says where it runs.
        let progress = TransferProgress(phase: .transferring, bytesDone: 10, totalBytes: 100)
        s.send(.transferProgressed(TransferID(1), progress)) { $0.transfers.entries[0].progress = progress }
        s.send(.imagesPageLoaded(RequestID(11), ImagePage(images: Fixture.images(2, prefix: "alt"), next: nil))) {
            $0.catalog.images = Fixture.images(2, prefix: "alt").map($0.summarize)
            $0.catalog.searchKeys = Fixture.images(2, prefix: "alt").map(SearchKey.init)
            $0.catalog.rows = [0, 1]
            $0.catalog.listing = .complete
            $0.requestsInFlight = []
        }
    }

    @Test func aFailedSignInKeepsTheCurrentCloudAndSaysKeystonesSentence() {
        var s = store()
        askAlt(&s)
        s.send(.cloudSignInFailed(RequestID(2), Fixture.unauthorized)) {
            $0.switching = nil
            $0.requestsInFlight = []
            $0.notice = nil
            $0.lastError = "Still on devcloud-demo/demo: could not sign in to cloud devcloud-alt: "
                + Fixture.unauthorized.userMessage
        }
        #expect(s.state.session == Fixture.session && s.state.catalog.images.count == 3)
    }

    @Test func answersToAnotherSwitchAreDropped() {
        var s = store()
        s.send(.cloudSignedIn(RequestID(7), Self.alt))
        s.send(.cloudSignInFailed(RequestID(7), Fixture.unauthorized))
        askAlt(&s)
        s.send(.cloudSignedIn(RequestID(1), Self.alt))
    }

    @Test func aSecondSwitchWaitsForTheFirst() {
        var s = store()
        askAlt(&s)
        submit(&s, "cloud devcloud-admin", effects: []) {
            $0.lastError = "Still signing in to cloud devcloud-alt; wait for it before switching again"
        }
    }

    @Test func aNameClouds_yamlDoesNotHaveStaysOnTheLine() {
        var s = store()
        submit(&s, "cloud nosuch", effects: []) {
            $0.prompt.input = .command(LineEditor("cloud nosuch"))
            $0.prompt.message = "clouds.yaml has no cloud \"nosuch\" (devcloud-demo, devcloud-alt, devcloud-admin)"
        }
    }

    @Test func aRunningBatchIsNotLeftOnTheOldCloud() {
        var s = store()
        s.state.batches.batches = [Batch(id: BatchID(1), title: "tag +x",
                                         items: [BatchItem(.tags(add: ["x"], remove: []), on: s.state.catalog.images[0])])]
        #expect(s.state.batches.running.count == 1)
        submit(&s, "cloud devcloud-alt", effects: []) {
            $0.lastError = "Not switched: the batch \"tag +x\" is running on devcloud-demo/demo; "
                + "let it finish or cancel it (x in :batches), then switch"
        }
    }

    @Test func aTransferOfAnotherCloudIsNotStartedAgainHere() {
        var s = store()
        var failed = TransferEntry(id: TransferID(1), kind: .download, title: "img 0", imageID: "img-0", path: "img0.raw",
                                   request: .download(DownloadJob(imageID: "img-0", destination: "img0.raw")))
        failed.scope = CloudScope(Self.alt)
        failed.outcome = .failed(message: "cut", partKept: nil)
        s.state.transfers.entries = [failed]
        s.state.screen = .transfers
        s.key("R") {
            $0.lastError = "img 0 belongs to devcloud-alt/alt: switch back there (:cloud devcloud-alt) to start it again"
        }
    }

    @Test func aStartedTransferRemembersItsCloud() {
        var s = store()
        s.key("d") { $0.prompt.input = .transfer(.downloadPath(imageID: "img-0", name: "img 0"), LineEditor("img 0")) }
        var entry = TransferEntry(id: TransferID(1), kind: .download, title: "img 0", imageID: "img-0", path: "img 0",
                                  request: .download(DownloadJob(imageID: "img-0", destination: "img 0")))
        entry.scope = CloudScope(cloud: "devcloud-demo", region: "RegionOne", project: "demo")
        s.key(.enter, effects: [.startTransfer(TransferID(1), .download(DownloadJob(imageID: "img-0", destination: "img 0")))]) {
            $0.prompt.input = .keys
            $0.transfers.entries = [entry]
            $0.transfers.nextID = 2
            $0.notice = "Started: download img 0 (t shows transfers)"
        }
    }

    @Test func aFilterTheNewSessionCannotCarryIsClearedAndSaid() throws {
        var s = store()
        let compute = Fixture.session(.compute)
        var query = ImageQuery()
        query.sort = [ImageQuery.Sort(.name, .asc), ImageQuery.Sort(.size, .desc)]
        var probe = s.state
        probe.connection = .signedIn(compute)
        try #require(Update.queryPlan(probe, query).refusal != nil, "the compute proxy cannot sort by two keys")
        s.state.catalog.query = query
        askAlt(&s)
        let effects = Update.update(&s.state, .cloudSignedIn(RequestID(2), compute))
        #expect(effects.first == .adoptCloud(RequestID(2)))
        #expect(s.state.catalog.query == ImageQuery())
        #expect(s.state.notice?.hasSuffix("; the filter does not apply here and was cleared") == true)
    }

    // MARK: Completion

    @Test func cloudNamesCompleteMostRecentlyUsedFirstAndAsWritten() {
        let ordered = CloudChoices.ordered(configured: ["admin", "Prod", "alt", "demo"], recent: ["demo", "gone", "Prod", "demo"])
        #expect(ordered == ["demo", "Prod", "admin", "alt"], "recent first, a cloud no longer configured left out, then the rest")
        var choices = CloudChoices(clouds: ordered)
        choices.used("alt")
        #expect(choices.clouds == ["alt", "demo", "Prod", "admin"])
        let all = CommandCompletion.complete("cloud ", views: [], choices: choices)
        #expect(all.candidates == ["alt", "demo", "Prod", "admin"] && all.insert == nil)
        #expect(CommandCompletion.complete("cloud P", views: [], choices: choices) == .init(insert: "rod", candidates: ["Prod"]))
        #expect(CommandCompletion.complete("cloud p", views: [], choices: choices).candidates.isEmpty, "names are case-sensitive")
        #expect(CommandCompletion.complete("cl", views: []).insert == "oud ")
    }

    @Test func regionsAndProjectsAreAskedForTheFirstTimeTheyAreCompleted() {
        var s = store()
        s.state.prompt.input = .command(LineEditor("project "))
        s.key(.tab, effects: [.loadScopes]) {
            $0.prompt.message = "Asking the cloud for its regions and your projects… (Tab again)"
        }
        s.send(.scopesLoaded(regions: ["RegionOne"], projects: ["alt", "demo"])) {
            $0.choices.regions = ["RegionOne"]
            $0.choices.projects = ["alt", "demo"]
            $0.choices.scopesRead = true
        }
        s.key(.tab) {
            $0.prompt.message = nil
            $0.prompt.candidates = ["alt", "demo"]
        }
        s.state.prompt.input = .command(LineEditor("project a"))
        s.key(.tab) {
            $0.prompt.input = .command(LineEditor("project alt"))
            $0.prompt.candidates = []
        }
        s.key(.enter, effects: [.signInElsewhere(RequestID(2), .project("alt")), .scheduleSpinnerTick]) {
            $0.prompt.input = .keys
            $0.prompt.history = ["project alt"]
            $0.switching = CloudSwitch(id: RequestID(2), target: .project("alt"))
            $0.requestsInFlight = [RequestID(2)]
            $0.nextRequest = 3
            $0.spinnerScheduled = true
            $0.notice = "Signing in to project alt… (devcloud-demo/demo stays until it succeeds)"
        }
    }

    @Test func theCommandsTakeOneNameAsWritten() {
        #expect(CommandParser.parse("cloud Prod-1") == .success(.switchTo(.cloud("Prod-1"))))
        #expect(CommandParser.parse("region RegionTwo") == .success(.switchTo(.region("RegionTwo"))))
        #expect(CommandParser.parse("project alt") == .success(.switchTo(.project("alt"))))
        #expect(CommandParser.parse("cloud") == .failure(CommandError(":cloud takes one name (Tab completes it)")))
        #expect(CommandParser.parse("project a b") == .failure(CommandError(":project takes one name (Tab completes it)")))
        #expect(CommandParser.parse("re keep=1") == CommandParser.parse("retire keep=1"), ":re is still retire")
    }
}

extension UpdateCloudSwitchTests {
    @Test func theCloudStartedOnCountsAsUsedOnceItHasSignedInNotBefore() {
        var state = AppState(cloudName: "devcloud-alt", size: TerminalSize(width: 80, height: 24))
        state.choices = CloudChoices(clouds: ["devcloud-demo", "devcloud-alt"])
        var s = Store(state: state)
        s.send(.started, effects: [.signIn, .scheduleSpinnerTick]) { $0.spinnerScheduled = true }
        s.send(.signInFailed(Fixture.unauthorized)) {
            $0.connection = .failed(Fixture.unauthorized)
            $0.lastError = Fixture.unauthorized.userMessage
        }
        #expect(s.state.choices.clouds == ["devcloud-demo", "devcloud-alt"], "a cloud that failed is not moved up")
        s.send(.started, effects: [.signIn]) {
            $0.connection = .signingIn
        }
        s.send(.signedIn(Self.alt),
               effects: [.loadImages(RequestID(1), .first(query: ImageQuery(), limit: Update.firstPageSize(for: s.state.size))),
                         .loadRules, .loadUsage, .readJournal, .rememberCloud("devcloud-alt")]) {
            $0.connection = .signedIn(Self.alt)
            $0.lastError = nil
            $0.choices.clouds = ["devcloud-alt", "devcloud-demo"]
            $0.catalog.listing = .loading(RequestID(1), pages: 0)
            $0.requestsInFlight = [RequestID(1)]
            $0.nextRequest = 2
        }
    }
}

extension UpdateCloudSwitchTests {
    @Test func unsavedEditsAreNotDroppedByASwitch() {
        var s = store()
        var editor = EditorState(imageID: "img-0", loading: RequestID(0))
        var plan = EditPlan(loaded: s.state.catalog.images[0])
        plan.set("os_distro", .string("debian"))
        editor.plan = plan
        editor.phase = .editing
        s.state.editor = editor
        s.state.screen = .editor
        submit(&s, "cloud devcloud-alt", effects: []) {
            $0.lastError = "Not switched: 1 unsaved change to img 0; save or leave the editor first"
        }
        s.state.editor?.plan?.discard("os_distro")
        submit(&s, "cloud devcloud-alt", effects: [.signInElsewhere(RequestID(2), .cloud("devcloud-alt")), .scheduleSpinnerTick]) {
            $0.switching = CloudSwitch(id: RequestID(2), target: .cloud("devcloud-alt"))
            $0.requestsInFlight = [RequestID(2)]
            $0.nextRequest = 3
            $0.spinnerScheduled = true
            $0.lastError = nil
            $0.notice = "Signing in to cloud devcloud-alt… (devcloud-demo/demo stays until it succeeds)"
            $0.prompt.history.removeLast()  // the same line again is kept once
        }
    }
}

extension UpdateCloudSwitchTests {
    @Test func aLineBeingTypedStaysOnlyWhenItIsACommand() {
        for (typing, kept) in [(AppState.Input.command(LineEditor("sort name")), true), (.quickFilter(LineEditor("img")), false),
                               (.transfer(.downloadPath(imageID: "img-0", name: "img 0"), LineEditor("img 0")), false)] {
            var s = store()
            askAlt(&s)
            s.state.prompt.input = typing
            _ = Update.update(&s.state, .cloudSignedIn(RequestID(2), Self.alt))
            #expect(s.state.prompt.input == (kept ? typing : .keys), "\(typing)")
        }
    }
}

extension UpdateCloudSwitchTests {
    @Test func aCloudWithNothingToOfferSaysSoAndIsNotAskedAgain() {
        var s = store()
        s.state.prompt.input = .command(LineEditor("region "))
        s.key(.tab, effects: [.loadScopes]) {
            $0.prompt.message = "Asking the cloud for its regions and your projects… (Tab again)"
        }
        s.send(.scopesLoaded(regions: [], projects: [])) {
            $0.choices.scopesRead = true
            $0.prompt.message = "This cloud offers no regions or projects to choose from"
        }
        s.key(.tab) { $0.prompt.message = nil }
    }
}

/// What starts while a switch signs in would be cut off by `cloudSignedIn`: a batch's rows (so
/// its outcomes reach neither :batches, :log nor the audit log) and the editor's staged changes.
extension UpdateCloudSwitchTests {
    static let waitForAlt = "still signing in to cloud devcloud-alt; wait until it has switched (or failed), then do it again"

    @Test func aWriteConfirmedWhileSwitchingIsNotSentAndSaysWhy() throws {
        var s = store()
        askAlt(&s)
        // The question may be asked; answering it is what would write.
        _ = Update.update(&s.state, .keyPressed(.char(":")))
        for ch in "tag +x" { _ = Update.update(&s.state, .keyPressed(.char(ch))) }
        _ = Update.update(&s.state, .keyPressed(.enter))
        try #require(s.state.confirmation != nil)
        s.key("y", effects: []) {
            $0.confirmation = nil
            $0.notice = nil
            $0.lastError = "Not sent: " + Self.waitForAlt
        }
    }

    @Test func theEditorDoesNotOpenWhileSwitching() {
        var s = store()
        askAlt(&s)
        s.key("e", effects: []) {
            $0.notice = nil
            $0.lastError = "Editor not opened: " + Self.waitForAlt
        }
    }

    @Test func undoWhileSwitchingIsNotSent() throws {
        var s = store()
        let image = s.state.catalog.images[0]
        var batch = Batch(id: BatchID(1), title: "tag +x", items: [BatchItem(.tags(add: ["x"], remove: []), on: image)])
        batch.rows[0].outcome = .done(before: image)
        batch.finished = true
        s.state.batches.batches = [batch]
        askAlt(&s)
        _ = Update.update(&s.state, .keyPressed(.char("z")))
        try #require(s.state.confirmation != nil, "z asks before undoing")
        s.key("y", effects: []) {
            $0.confirmation = nil
            $0.notice = nil
            $0.lastError = "Not sent: " + Self.waitForAlt
        }
    }
}

extension UpdateCloudSwitchTests {
    /// An editor open with nothing staged does not stop a switch; staging during its sign-in
    /// would be lost by it, so it is refused, and the editor is as it was.
    @Test func aChangeIsNotStagedInAnOpenEditorWhileSwitching() {
        let editing = UpdateEditorTests()
        var state = editing.opened()
        state.choices = CloudChoices(clouds: ["devcloud-demo", "devcloud-alt"])
        editing.select("hw_disk_bus", &state)
        _ = Update.update(&state, .keyPressed(.char(":")))
        editing.type("cloud devcloud-alt", &state)
        _ = Update.update(&state, .keyPressed(.enter))
        #expect(state.switching?.target == .cloud("devcloud-alt"))
        var s = Store(state: state)
        s.key("d", effects: []) {
            $0.notice = nil
            $0.lastError = "Not staged: " + Self.waitForAlt
        }
        #expect(s.state.editor?.plan?.isEmpty == true)
    }
}
