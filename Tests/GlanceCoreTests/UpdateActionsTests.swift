import GlanceAPI
@testable import GlanceCore
import TerminalKit
import Testing

/// Delete, deactivate, tags and create through update(): ask first, then read back.
@Suite struct UpdateActionsTests {
    func state(protected: Bool = false, status: String = "active") -> AppState {
        var state = AppState(cloudName: "c", size: TerminalSize(width: 80, height: 24))
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(Fixture.session))
        let image = Image(id: "11111111-2222-4333-8444-555555555555", name: "golden", status: ImageStatus(raw: status),
                          fields: ["protected": .bool(protected)])
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: [image] + Fixture.images(2), next: nil)))
        _ = Update.update(&state, .spinnerTicked)
        return state
    }

    func type(_ text: String, _ state: inout AppState) {
        for ch in text { _ = Update.update(&state, .keyPressed(.char(ch))) }
    }

    @Test func deleteAsksNamingTheImageAndOnlyYDeletes() {
        var s = state()
        let golden = s.catalog.images.first { $0.id.hasPrefix("1111") }!
        // Compute is asked first; the question waits for its answer.
        #expect(Update.update(&s, .keyPressed(.char("D"))) == [.countServers(RequestID(2), [golden]), .scheduleSpinnerTick])
        #expect(s.confirmation == nil && s.notice == "Asking Compute whether servers use it…")
        _ = Update.update(&s, .serversCounted(RequestID(2), .checked(counts: [:], unknown: [], scope: "all projects"), ids: [golden.id]))
        #expect(s.confirmation?.question == "y deletes it, any other key keeps it: delete golden (11111111)? It cannot be undone")
        #expect(Update.update(&s, .keyPressed(.char("n"))).isEmpty)
        #expect(s.confirmation == nil && s.notice == "Nothing was changed" && s.catalog.images.count == 3)
        press(.char("D"), &s, answering: .checked(counts: [golden.id: 2], unknown: [], scope: "all projects"))
        #expect(s.confirmation?.question
                == "⚠ IN USE: 2 servers boot from it — y deletes it, any other key keeps it: delete golden (11111111)? It cannot be undone")
        let action = ImageAction.delete(imageID: "11111111-2222-4333-8444-555555555555", name: "golden")
        let seen = Update.seenImage(s, action.imageID)
        #expect(seen != nil, "the write carries the copy the user saw")
        #expect(Update.update(&s, .keyPressed(.char("y"))) == [.performAction(RequestID(4), action, seen: seen)])
        _ = Update.update(&s, .imageActionDone(RequestID(4), action))
        #expect(s.catalog.images.map(\.id) == ["img-0", "img-1"] && s.catalog.rows == [0, 1])
        #expect(s.notice == "Deleted golden")
    }

    @Test func deletingTheLastImageOfTheListKeepsTheCursorInBounds() {
        var s = state()
        _ = Update.update(&s, .keyPressed(.char("G")))
        let last = s.catalog.images[s.catalog.rows[s.catalog.cursor.cursor]]
        press(.char("D"), &s)
        let action = ImageAction.delete(imageID: last.id, name: last.name ?? last.id)
        #expect(Update.update(&s, .keyPressed(.char("y"))).first == .performAction(RequestID(3), action, seen: Update.seenImage(s, action.imageID)))
        _ = Update.update(&s, .imageActionDone(RequestID(3), action))
        #expect(s.catalog.images.count == 2 && s.catalog.rows == [0, 1])
        #expect(s.catalog.cursor.cursor == 1 && s.selectedImage?.id == s.catalog.images[1].id)
    }

    @Test func aWriteThatWorkedIsNotHiddenByAnEarlierError() {
        var s = state()
        s.lastError = "download x failed: No such file or directory"
        press(.char("D"), &s)
        let action = ImageAction.delete(imageID: "11111111-2222-4333-8444-555555555555", name: "golden")
        _ = Update.update(&s, .keyPressed(.char("y")))
        _ = Update.update(&s, .imageActionDone(RequestID(3), action))
        #expect(s.lastError == nil && s.notice == "Deleted golden")
    }

    @Test func aProtectedImageExplainsAndOffersToLiftTheProtection() {
        var s = state(protected: true)
        press(.char("D"), &s, answering: .unavailable("no Compute endpoint"))
        #expect(s.confirmation?.confirmKey == "u")
        #expect(s.confirmation?.question.contains("protection must be lifted") == true)
        #expect(s.confirmation?.question.hasSuffix("(whether servers use it is not known: no Compute endpoint)") == true)
        #expect(Update.update(&s, .keyPressed(.char("y"))).isEmpty, "y is not the key for this one")
        press(.char("D"), &s)
        let effects = Update.update(&s, .keyPressed(.char("u")))
        #expect(effects.first == .performAction(RequestID(4), .unprotectAndDelete(imageID: "11111111-2222-4333-8444-555555555555", name: "golden"),
                                               seen: Update.seenImage(s, "11111111-2222-4333-8444-555555555555")))
    }

    @Test func aRefusedWriteShowsTheServersSentenceAndReadsTheListAgain() {
        var s = state(status: "active")
        press(.char("X"), &s)
        let action = ImageAction.setActive(imageID: "11111111-2222-4333-8444-555555555555", name: "golden", active: false)
        #expect(Update.update(&s, .keyPressed(.char("y"))).first == .performAction(RequestID(3), action, seen: Update.seenImage(s, action.imageID)))
        let error = APIError.http(status: 403, message: "You are not authorized to complete deactivate action.", url: "u")
        let effects = Update.update(&s, .imageActionFailed(RequestID(3), action, error))
        #expect(s.lastError == "Could not deactivate golden: 403 Forbidden: You are not authorized to complete deactivate action. "
            + "(the policy of this cloud does not allow it for your role) — deactivating and reactivating are for admins under Glance's default policy")
        #expect(effects.contains(.loadImages(RequestID(4), .first(query: ImageQuery(), limit: 22))), "the list is read again, not guessed")
    }

    @Test func onlyActiveImagesDeactivateAndOnlyDeactivatedOnesReactivate() {
        var queued = state(status: "queued")
        _ = Update.update(&queued, .keyPressed(.char("X")))
        #expect(queued.confirmation == nil)
        #expect(queued.notice?.contains("golden is queued") == true)
        var deactivated = state(status: "deactivated")
        _ = Update.update(&deactivated, .keyPressed(.char("X")))
        #expect(deactivated.confirmation?.action == .setActive(imageID: "11111111-2222-4333-8444-555555555555", name: "golden", active: true))
    }

    @Test func tagsChangeAtOnceFromTheEditorWhichThenRebasesOnTheAnswer() {
        var s = state()
        _ = Update.update(&s, .keyPressed(.char("e")))
        let full = Image(id: "11111111-2222-4333-8444-555555555555", name: "golden", status: "active",
                         fields: ["tags": .array([.string("old")]), "updated_at": .string("2026-01-01T00:00:00Z")])
        _ = Update.update(&s, .imageLoaded(RequestID(2), full))
        _ = Update.update(&s, .keyPressed(.char("+")))
        type(String(repeating: "x", count: 256), &s)
        _ = Update.update(&s, .keyPressed(.enter))
        #expect(s.editor?.message == "A tag is at most 255 characters (this one has 256)")
        _ = Update.update(&s, .keyPressed(.ctrl("u")))
        type("old", &s)
        _ = Update.update(&s, .keyPressed(.enter))
        #expect(s.editor?.message == "The image has the tag old already")
        _ = Update.update(&s, .keyPressed(.ctrl("u")))
        type("gpu", &s)
        let action = ImageAction.setTag(imageID: full.id, tag: "gpu", present: true)
        #expect(Update.update(&s, .keyPressed(.enter)).first == .performAction(RequestID(3), action, seen: Update.seenImage(s, action.imageID)))
        let effects = Update.update(&s, .imageActionDone(RequestID(3), action))
        #expect(effects.first == .loadImage(RequestID(4), imageID: full.id))
        #expect(s.editor?.message == "Tag gpu added")
        var after = full.fields
        after["tags"] = .array([.string("old"), .string("gpu")])
        after["updated_at"] = .string("2026-01-01T00:00:05Z")
        let tagged = Image(id: full.id, name: "golden", status: "active", fields: after)
        _ = Update.update(&s, .imageLoaded(RequestID(4), tagged))
        #expect(s.editor?.plan?.loaded == tagged, "a later save compares against the tagged image, not a stale one")
    }

    @Test func theCreateFormPostsItsFieldsAndTheNewImageIsSelected() {
        var s = state()
        _ = Update.update(&s, .keyPressed(.char("c")))
        #expect(s.screen == .editor && s.editor?.isCreating == true)
        // id row first: a bad UUID is refused.
        _ = Update.update(&s, .keyPressed(.enter))
        type("nope", &s)
        _ = Update.update(&s, .keyPressed(.enter))
        #expect(s.editor?.message?.contains("is not a UUID") == true)
        _ = Update.update(&s, .keyPressed(.ctrl("u")))
        type("AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE", &s)
        _ = Update.update(&s, .keyPressed(.enter))
        _ = Update.update(&s, .keyPressed(.char("j")))
        _ = Update.update(&s, .keyPressed(.enter))
        type("fresh", &s)
        _ = Update.update(&s, .keyPressed(.enter))
        _ = Update.update(&s, .keyPressed(.char("s")))
        let effects = Update.update(&s, .keyPressed(.enter))
        #expect(effects.first == .createImage(RequestID(2), ["id": .string("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"), "name": .string("fresh")]))
        let created = Image(id: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", name: "fresh", status: "queued")
        _ = Update.update(&s, .imageCreated(RequestID(2), created))
        #expect(s.screen == .list && s.editor == nil)
        #expect(s.selectedImage?.id == created.id)
        #expect(s.notice == "Created fresh (queued)")
    }

    @Test func addingAPropertyOffersKnownOnesWithWhatTheyMean() {
        var s = state()
        _ = Update.update(&s, .rulesLoaded([
            PropertyRule(key: "hw_wrs_live_migration_timeout", kind: .integer, ranges: [0...0, 120...800],
                         description: "Live migration timeout", source: "profile starlingx", unit: "seconds"),
            PropertyRule(key: "hw_wrs_live_migration_max_downtime", kind: .integer, ranges: [100...Double.infinity],
                         source: "profile starlingx", unit: "ms"),
        ]))
        _ = Update.update(&s, .keyPressed(.char("e")))
        _ = Update.update(&s, .imageLoaded(RequestID(2), Image(id: "11111111-2222-4333-8444-555555555555", name: "golden")))
        _ = Update.update(&s, .keyPressed(.char("a")))
        type("hw_wrs", &s)
        _ = Update.update(&s, .keyPressed(.tab))
        #expect(s.editor?.prompt == .newKey(LineEditor("hw_wrs_live_migration_")))
        #expect(s.editor?.message == "2 known: hw_wrs_live_migration_max_downtime  hw_wrs_live_migration_timeout")
        type("t", &s)
        _ = Update.update(&s, .keyPressed(.tab))
        #expect(s.editor?.prompt == .newKey(LineEditor("hw_wrs_live_migration_timeout")))
        #expect(s.editor?.message == "Live migration timeout · integer, 0 or 120–800 seconds")
    }
}

extension UpdateActionsTests {
    /// A key pressed while Compute is asked drops the question: a late answer never turns the
    /// next key into a "yes" the user did not give to a question they had not seen.
    @Test func aKeyWhileComputeIsAskedDropsTheQuestion() {
        var s = state()
        let effects = Update.update(&s, .keyPressed(.char("D")))
        guard case .countServers(let id, let images)? = effects.first else { Issue.record("no check: \(effects)"); return }
        let moved = Update.update(&s, .keyPressed(.char("j")))
        #expect(moved.first == .cancel(id))
        #expect(s.useCheck == nil && s.notice == "Not asked: a key came before Compute answered (ask again)")
        _ = Update.update(&s, .serversCounted(id, .checked(counts: [:], unknown: [], scope: "all projects"), ids: images.map(\.id)))
        #expect(s.confirmation == nil, "the late answer asks nothing")
        #expect(Update.update(&s, .keyPressed(.char("y"))).allSatisfy { if case .performAction = $0 { false } else { true } })
    }

    /// On a pane that shows no images, a write goes to the marks only, never to the list's
    /// cursor out of sight.
    @Test func aWriteFromAPaneWithoutImagesNeedsMarks() {
        var s = state()
        s.screen = .tasks
        s.tasks = TasksState(imageID: nil, query: TaskQuery(), phase: .loaded)
        _ = Update.update(&s, .keyPressed(.char(":")))
        for ch in "hide" { _ = Update.update(&s, .keyPressed(.char(ch))) }
        _ = Update.update(&s, .keyPressed(.enter))
        #expect(s.confirmation == nil)
        #expect(s.notice == "Nothing marked or selected: Space marks images")
    }
}
