import GlanceAPI
@testable import GlanceCore
import TerminalKit
import Testing

/// The owner's members pane through update().
@Suite struct UpdateMembersTests {
    static let altID = "349c50e6abbd412a91c1655896dd026c"

    func state(visibility: String, owner: String = "p1") -> AppState {
        var state = AppState(cloudName: "c", size: TerminalSize(width: 100, height: 24))
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(Fixture.session))
        let image = Image(id: "i-1", name: "web", status: "active",
                          fields: ["visibility": .string(visibility), "owner": .string(owner)])
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: [image], next: nil)))
        return state
    }

    func type(_ text: String, _ state: inout AppState) {
        for ch in text { _ = Update.update(&state, .keyPressed(.char(ch))) }
    }

    @Test func aSharedImageListsItsMembers() {
        var s = state(visibility: "shared")
        #expect(Update.update(&s, .keyPressed(.char("m"))).first == .loadMembers(RequestID(2), imageID: "i-1"))
        #expect(s.screen == .members)
        let member = ImageMember(imageID: "i-1", memberID: Self.altID, status: .pending)
        _ = Update.update(&s, .membersLoaded(RequestID(2), [MemberEntry(member: member, projectName: "alt")]))
        #expect(s.members?.phase == .ready && s.members?.members.count == 1)
        _ = Update.update(&s, .keyPressed(.escape))
        #expect(s.screen == .list && s.members == nil)
    }

    @Test func aPrivateImageExplainsAndOffersToBecomeSharedBeforeAdding() {
        var s = state(visibility: "private")
        #expect(Update.update(&s, .keyPressed(.char("m"))).isEmpty, "Glance would answer 403: nothing is asked")
        #expect(s.members?.message?.contains("only shared images have members") == true)
        _ = Update.update(&s, .keyPressed(.char("a")))
        type(Self.altID, &s)
        _ = Update.update(&s, .keyPressed(.enter))
        #expect(s.members?.prompt == .confirmShare(project: Self.altID))
        let effects = Update.update(&s, .keyPressed(.char("y")))
        #expect(effects.first == .performAction(RequestID(3), .addMember(imageID: "i-1", name: "web", project: Self.altID, makeShared: true),
                                               seen: s.members?.image))
        let reload = Update.update(&s, .imageActionDone(RequestID(3), .addMember(imageID: "i-1", name: "web", project: Self.altID, makeShared: true)))
        #expect(s.members?.image.visibility == "shared")
        #expect(reload.contains { if case .loadMembers = $0 { true } else { false } }, "the members are read back")
    }

    @Test func malformedIdsAndExistingMembersAreRefusedBeforeSending() {
        var s = state(visibility: "shared")
        _ = Update.update(&s, .keyPressed(.char("m")))
        _ = Update.update(&s, .membersLoaded(RequestID(2), [MemberEntry(member: ImageMember(imageID: "i-1", memberID: Self.altID, status: .accepted))]))
        for (input, problem) in [("349c50e6abbd412a91c1655896dd026", "is not a project id (32 hexadecimal digits)"),
                                 (Self.altID, "is a member already"), ("p1", "That is the image's own project")] {
            _ = Update.update(&s, .keyPressed(.char("a")))
            type(input, &s)
            #expect(Update.update(&s, .keyPressed(.enter)).isEmpty)
            #expect(s.members?.message?.contains(problem) == true, "\(input)")
            _ = Update.update(&s, .keyPressed(.escape))
        }
    }

    @Test func removingAsksFirstAndVisibilityExplainsEachChoice() {
        var s = state(visibility: "shared")
        _ = Update.update(&s, .keyPressed(.char("m")))
        let entry = MemberEntry(member: ImageMember(imageID: "i-1", memberID: Self.altID, status: .accepted), projectName: "alt")
        _ = Update.update(&s, .membersLoaded(RequestID(2), [entry]))
        _ = Update.update(&s, .keyPressed(.char("d")))
        #expect(s.members?.prompt == .confirmRemove(entry))
        #expect(Update.update(&s, .keyPressed(.char("y"))).first
            == .performAction(RequestID(3), .removeMember(imageID: "i-1", name: "web", member: Self.altID), seen: s.members?.image))
        _ = Update.update(&s, .keyPressed(.char("v")))
        #expect(s.members?.message?.contains("community: any project may find and use it") == true)
        _ = Update.update(&s, .keyPressed(.ctrl("u")))
        type("everyone", &s)
        _ = Update.update(&s, .keyPressed(.enter))
        #expect(s.members?.message == "Visibility is one of private, shared, community, public")
        _ = Update.update(&s, .keyPressed(.ctrl("u")))
        type("public", &s)
        let action = ImageAction.setVisibility(imageID: "i-1", name: "web", visibility: "public")
        #expect(Update.update(&s, .keyPressed(.enter)).first == .performAction(RequestID(4), action, seen: s.members?.image))
        let refused = APIError.http(status: 403, message: "You are not authorized to complete publicize_image action.", url: "u")
        _ = Update.update(&s, .imageActionFailed(RequestID(4), action, refused))
        #expect(s.members?.message?.contains("403 Forbidden: You are not authorized to complete publicize_image action.") == true)
    }

    @Test func anotherProjectsImageHasNoMembersPaneForUs() {
        var s = state(visibility: "shared", owner: "p2")
        #expect(Update.update(&s, .keyPressed(.char("m"))).isEmpty)
        #expect(s.screen == .list)
        #expect(s.notice?.contains("only its owner manages members") == true)
    }
}
