import Foundation
import GlanceAPI
@testable import GlanceCore
import TerminalKit
import Testing

/// `y` and `:yank`: what goes to the clipboard, for one image and for marked ones, and the
/// OSC 52 sequence that carries it — base64, so no name can drive the terminal.
@Suite struct UpdateCopyTests {
    func state() -> AppState {
        var state = AppState(cloudName: "c", size: TerminalSize(width: 100, height: 24))
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(Fixture.session(.v2)))
        let images = [Image(id: "img-1", name: "evil\u{1b}]0;x\u{07}", status: .active, fields: ["updated_at": .string("2026-12-01T10:00:00Z")]),
                      Image(id: "img-2", name: "db", status: .active, fields: ["updated_at": .string("2026-12-01T10:00:00Z")])]
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: images, next: nil)))
        return state
    }

    @Test func yCopiesTheIdOrEveryMarkedIdALineEach() {
        var s = state()
        #expect(Update.update(&s, .keyPressed(.char("y"))) == [.copyToClipboard("img-1")])
        _ = Update.update(&s, .keyPressed(.ctrl("a")))
        #expect(Update.update(&s, .keyPressed(.char("y"))) == [.copyToClipboard("img-1\nimg-2")])
        #expect(s.notice == "Copied the ids of 2 images to the clipboard (OSC 52)")
        s.clipboardEnabled = false
        #expect(Update.update(&s, .keyPressed(.char("y"))).isEmpty)
    }

    @Test func yankNamesTheCommandAndTheURL() throws {
        var s = state()
        _ = Update.update(&s, .keyPressed(.char(":")))
        for ch in "yank command" { _ = Update.update(&s, .keyPressed(.char(ch))) }
        #expect(Update.update(&s, .keyPressed(.enter)) == [.copyToClipboard("openstack image show img-1")])
    }

    @Test func theSequenceIsBase64AndWrappedOnlyForScreen() throws {
        let seq = try #require(Clipboard.sequence(for: "evil\u{1b}]0;x\u{07}", through: .none))
        #expect(seq == "\u{1b}]52;c;" + Data("evil\u{1b}]0;x\u{07}".utf8).base64EncodedString() + "\u{07}")
        #expect(!seq.dropFirst().dropLast().contains("\u{07}"), "nothing of the name reaches the terminal raw")
        #expect(Clipboard.sequence(for: "x", through: .screen)?.hasPrefix("\u{1b}P\u{1b}]52;") == true)
        #expect(Clipboard.sequence(for: String(repeating: "x", count: 60_000), through: .none) == nil)
        #expect(Clipboard.multiplexer(environment: ["TMUX": "/tmp/tmux-1/default,1,0"]) == .tmux)
    }
}
