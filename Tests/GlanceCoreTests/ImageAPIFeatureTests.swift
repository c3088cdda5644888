import GlanceAPI
@testable import GlanceCore
import TerminalKit
import Testing

/// What an API cannot do is said, not hidden: keys explain and fields show as unavailable.
@Suite struct ImageAPIFeatureTests {
    func state(_ api: ImageAPI) -> AppState {
        var state = AppState(cloudName: "c", size: TerminalSize(width: 80, height: 24))
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(Fixture.session(api)))
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: Fixture.images(2), next: nil)))
        return state
    }

    @Test(arguments: [("d", "d: image data not available through Compute's image proxy"),
                      ("u", "u: uploads not available through Compute's image proxy"),
                      ("m", "m: members not available through Compute's image proxy"),
                      ("C", "C: copying between stores not available through Compute's image proxy"),
                      ("c", "c: creating images not available through Compute's image proxy")])
    func computeProxyKeysExplainAndDoNothing(key: Character, notice: String) {
        var s = state(.compute)
        let before = s.screen
        #expect(Update.update(&s, .keyPressed(.char(key))).isEmpty)
        #expect(s.notice == notice)
        #expect(s.screen == before && s.prompt.input == .keys)
    }

    @Test(arguments: [("X", "X: deactivation not available through Image API v1"),
                      ("m", "m: members not available through Image API v1"),
                      ("A", "A: members not available through Image API v1")])
    func v1KeysForWhatItLacksExplain(key: Character, notice: String) {
        var s = state(.v1)
        #expect(Update.update(&s, .keyPressed(.char(key))).isEmpty)
        #expect(s.notice == notice)
    }

    @Test func v1DownloadsButHasNoMembers() {
        var s = state(.v1)
        _ = Update.update(&s, .keyPressed(.char("d")))
        if case .transfer(.downloadPath, _) = s.prompt.input {} else { Issue.record("d did not ask where to save: \(s.prompt.input)") }
        s.prompt.input = .keys
        _ = Update.update(&s, .keyPressed(.char("m")))
        #expect(s.notice == "m: members not available through Image API v1")
    }

    @Test func capabilitiesAreReadFromEachBackendsConformance() {
        #expect(Fixture.session(.v2).capabilities == Set(ImageCapability.allCases))
        #expect(Fixture.session(.v2).unavailableFields.isEmpty && ImageAPI.v2.title.isEmpty)
        #expect(Fixture.session(.compute).capabilities == [.edit, .delete])
        #expect(Fixture.session(.v1).capabilities == [.edit, .delete, .create, .download, .upload, .visibility, .protection])
    }

    @Test func theDetailPaneShowsWhatTheProxyDoesNotExposeAsUnavailable() {
        let image = Image(id: "i", name: "n", status: "active", fields: ["id": .string("i"), "name": .string("n"),
                                                                        "status": .string("active")])
        let rows = DetailLayout.rows(for: image, width: 80, unavailable: Fixture.session(.compute).unavailableFields)
        #expect(rows.contains(.field(key: "visibility", value: "unavailable", note: "not exposed by Compute's image proxy")))
        #expect(rows.contains(.field(key: "tags", value: "unavailable", note: "not exposed by Compute's image proxy")))
        #expect(!rows.contains { if case .field(let k, _, _) = $0 { k == "size" } else { false } })
        #expect(state(.compute).unavailableFields["checksum"] != nil)
    }
}
