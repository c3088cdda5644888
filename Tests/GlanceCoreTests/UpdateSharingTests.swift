import GlanceAPI
@testable import GlanceCore
import TerminalKit
import Testing

/// The consumer's side of sharing: the :shared view, its counts, and answering offers.
@Suite struct UpdateSharingTests {
    static let mine = "p1"
    static let offer = Image(id: "o-1", name: "their image", status: "active",
                             fields: ["visibility": .string("shared"), "owner": .string("p2")])
    static let ownShared = Image(id: "s-1", name: "our shared image", status: "active",
                                 fields: ["visibility": .string("shared"), "owner": .string(mine)])

    func command(_ text: String, _ state: inout AppState) -> [Effect] {
        _ = Update.update(&state, .keyPressed(.char(":")))
        for ch in text { _ = Update.update(&state, .keyPressed(.char(ch))) }
        return Update.update(&state, .keyPressed(.enter))
    }

    @Test func sharedListsOffersPendingByDefaultAndCountsThem() {
        var state = Fixture.loaded(3)
        let effects = command("shared", &state)
        #expect(effects.contains(.loadImages(RequestID(2), .first(query: ImageQuery(parameters: [QueryItem("visibility", "shared"),
                                                                                               QueryItem("member_status", "pending")]), limit: 22))))
        #expect(effects.contains(.countSharedImages(RequestID(3), projectID: Self.mine)))
        #expect(state.catalog.sharedWithMe)
        // Glance lists our own shared images too: the view leaves them out.
        _ = Update.update(&state, .imagesPageLoaded(RequestID(2), ImagePage(images: [Self.ownShared, Self.offer], next: nil)))
        #expect(state.catalog.images.map(\.id) == ["o-1"])
        _ = Update.update(&state, .sharedCountsLoaded(RequestID(3), ["pending": 1, "accepted": 4, "rejected": 0]))
        #expect(state.catalog.sharedCounts == ["pending": 1, "accepted": 4, "rejected": 0])
        _ = command("filter", &state)
        #expect(!state.catalog.sharedWithMe, "another query leaves the view")
        _ = command("shared bogus", &state)
        #expect(state.prompt.message == ":shared takes pending, accepted, rejected or all")
    }

    @Test func answeringAnOfferPutsMyMemberStatusThenReadsBack() {
        var state = Fixture.loaded(0)
        _ = command("shared", &state)
        _ = Update.update(&state, .imagesPageLoaded(RequestID(2), ImagePage(images: [Self.offer], next: nil)))
        let action = ImageAction.setMemberStatus(imageID: "o-1", name: "their image", member: Self.mine, status: "accepted")
        #expect(Update.update(&state, .keyPressed(.char("A"))).first == .performAction(RequestID(4), action, seen: Update.seenImage(state, "o-1")))
        let effects = Update.update(&state, .imageActionDone(RequestID(4), action))
        #expect(state.notice == "Accepted their image: it is in your project's default list now")
        #expect(effects.contains { if case .loadImages = $0 { true } else { false } }, "the list is read again")
        #expect(effects.contains { if case .countSharedImages = $0 { true } else { false } }, "and the counts")
        for (key, status) in [("R", "rejected"), ("P", "pending")] {
            guard case .performAction(_, let a, _)? = Update.update(&state, .keyPressed(.char(Character(key)))).first else {
                Issue.record("no action for \(key)"); continue
            }
            #expect(a == .setMemberStatus(imageID: "o-1", name: "their image", member: Self.mine, status: status))
        }
    }

    @Test func ownAndUnsharedImagesHaveNoOfferToAnswer() {
        var state = AppState(cloudName: "c", size: TerminalSize(width: 80, height: 24))
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(Fixture.session))
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: [Self.ownShared], next: nil)))
        #expect(Update.update(&state, .keyPressed(.char("A"))).isEmpty)
        #expect(state.notice?.contains("your project's own image") == true)
    }
}
