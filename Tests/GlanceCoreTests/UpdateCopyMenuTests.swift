import Foundation
import GlanceAPI
@testable import GlanceCore
import TerminalKit
import Testing

/// `Y`'s menu: it opens only when there is something to copy, moves with j/k, copies the
/// highlighted choice on Enter or a choice by its letter through the same copy effect as `y`
/// and `:yank`, and closes on Esc without copying. Every message states its whole outcome.
@Suite struct UpdateCopyMenuTests {
    static let images = [
        Image(id: "img-1", name: "web", status: .active, fields: ["updated_at": .string("2026-12-01T10:00:00Z")]),
        Image(id: "img-2", name: "db", status: .active, fields: ["updated_at": .string("2026-12-01T10:00:00Z")]),
    ]

    static let endpoint = "http://127.0.0.1:9292"

    /// The menu as it opens on one image: its title and the previews made then.
    func menu(_ image: Image) -> CopyMenuState {
        let yaml = OutputFormat.yaml.one(ImageOutput.show(image)).trimmingCharacters(in: .newlines)
        return CopyMenuState(targets: [image], endpoint: Self.endpoint, title: image.displayName,
                             previews: [image.id, image.displayName, Self.endpoint + "/v2/images/" + image.id,
                                        "openstack image show " + image.id, "\(yaml.split(separator: "\n").count) lines"])
    }

    func store(_ images: [Image] = Self.images) -> TestStore {
        var state = AppState(cloudName: "c", size: TerminalSize(width: 100, height: 24))
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(Fixture.session(.v2)))
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: images, next: nil)))
        _ = Update.update(&state, .spinnerTicked)
        return TestStore(state: state)
    }

    @Test func jkMoveTheHighlightWithinTheChoicesAndEnterCopiesIt() {
        var s = store()
        s.key("Y") { $0.copyMenu = menu($0.catalog.images[0]) }
        s.key("k")
        s.key("j") { $0.copyMenu?.selection = 1 }
        s.key(.down) { $0.copyMenu?.selection = 2 }
        s.key("j") { $0.copyMenu?.selection = 3 }
        s.key("j") { $0.copyMenu?.selection = 4 }
        s.key("j")
        s.key("k") { $0.copyMenu?.selection = 3 }
        s.key(.enter, effects: [.copyToClipboard("openstack image show img-1")]) {
            $0.copyMenu = nil
            $0.notice = "Copied the command of web to the clipboard (OSC 52)"
        }
    }

    @Test func aChoicesLetterCopiesItAtOnce() {
        var s = store()
        s.key("Y") { $0.copyMenu = menu($0.catalog.images[0]) }
        s.key("u", effects: [.copyToClipboard("http://127.0.0.1:9292/v2/images/img-1")]) {
            $0.copyMenu = nil
            $0.notice = "Copied the url of web to the clipboard (OSC 52)"
        }
        s.key("Y") {
            $0.copyMenu = menu($0.catalog.images[0])
            $0.notice = nil
        }
        s.key("n", effects: [.copyToClipboard("web")]) {
            $0.copyMenu = nil
            $0.notice = "Copied the name of web to the clipboard (OSC 52)"
        }
    }

    @Test func theDetailsAsYAMLAreTheShowOutput() {
        var s = store()
        s.key("Y") { $0.copyMenu = menu($0.catalog.images[0]) }
        let yaml = OutputFormat.yaml.one(ImageOutput.show(Self.images[0])).trimmingCharacters(in: .newlines)
        #expect(yaml.contains("id: img-1") && yaml.contains("name: web"))
        s.key("y", effects: [.copyToClipboard(yaml)]) {
            $0.copyMenu = nil
            $0.notice = "Copied the yaml of web to the clipboard (OSC 52)"
        }
    }

    @Test func escClosesAndAStrayKeyDoesNothing() {
        var s = store()
        s.key("Y") { $0.copyMenu = menu($0.catalog.images[0]) }
        // Keys the menu does not bind: no copy, no quit, the list's cursor stays.
        s.key("x")
        s.key("D")
        s.key("q") { $0.copyMenu = nil }
        s.key("Y") { $0.copyMenu = menu($0.catalog.images[0]) }
        s.key(.escape) { $0.copyMenu = nil }
        // Back on the list, j moves the list again.
        s.key("j") { $0.catalog.cursor.cursor = 1 }
    }

    @Test func markedImagesCopyALineEach() {
        var s = store()
        s.key(.ctrl("a")) {
            $0.catalog.marks.mark($0.catalog.images)
            $0.notice = "2 marked"
        }
        s.key("Y") {
            $0.copyMenu = CopyMenuState(targets: $0.catalog.images, endpoint: Self.endpoint, title: "2 marked images",
                                        previews: ["2 lines, one per image", "2 lines, one per image", "2 lines, one per image",
                                                   "2 lines, one per image", "2 documents"])
            $0.notice = nil
        }
        s.key("i", effects: [.copyToClipboard("img-1\nimg-2")]) {
            $0.copyMenu = nil
            $0.notice = "Copied the ids of 2 images to the clipboard (OSC 52)"
        }
    }

    @Test func theMenuOpensOnlyWhenThereIsSomethingToCopy() {
        var empty = store([])
        empty.key("Y") { $0.notice = "Nothing to copy: no image is selected here" }
        var off = store()
        off.state.clipboardEnabled = false
        off.key("Y") { $0.notice = "Copying is off (clipboard: false in the settings)" }
        // The transfers pane shows no image: Y is not bound there.
        var transfers = store()
        transfers.key("t") { $0.screen = .transfers; $0.transfers.returnScreen = .list }
        transfers.key("Y")
    }

    @Test func theHelpOpensOverTheMenuAndClosesBackToIt() {
        var s = store()
        s.key("Y") { $0.copyMenu = menu($0.catalog.images[0]) }
        s.key("?") { $0.showsHelp = true }
        s.key("x") { $0.showsHelp = false }
        s.key(.ctrl("c"), effects: [.quit]) {
            $0.copyMenu = nil
            $0.quitting = true
        }
    }

    /// The menu copies the images it was opened for: a delete finishing while it is open moves
    /// the list's cursor to the next image, and i still copies the one the title names, saying
    /// it is gone.
    @Test func theMenuCopiesWhatItWasOpenedForWhateverIsSelectedWhenTheKeyComes() {
        var state = store().state
        let web = state.catalog.images[0]
        let asked = Update.update(&state, .keyPressed(.char("D")))
        guard case .countServers(let check, let images)? = asked.first else { Issue.record("no check: \(asked)"); return }
        _ = Update.update(&state, .serversCounted(check, .checked(counts: [:], unknown: [], scope: "all projects"), ids: images.map(\.id)))
        let yes = Update.update(&state, .keyPressed(.char("y")))
        guard case .performAction(let id, let action, _)? = yes.first else { Issue.record("no delete: \(yes)"); return }
        _ = Update.update(&state, .keyPressed(.char("Y")))
        #expect(state.copyMenu == menu(web))
        _ = Update.update(&state, .imageActionDone(id, action))
        #expect(state.selectedImage?.id == "img-2", "the delete moved the cursor to the next image")
        #expect(state.copyMenu == menu(web), "the menu stays on what it was opened for")
        var s = TestStore(state: state)
        s.key("i", effects: [.copyToClipboard("img-1")]) {
            $0.copyMenu = nil
            $0.notice = "Copied the id of web to the clipboard (OSC 52) — it is no longer in the list"
        }
    }

    /// On a lineage's row with nothing marked the menu copies the lineage's builds and says so,
    /// not "marked images".
    @Test func onALineagesRowTheTitleNamesItsBuilds() {
        var s = store()
        for key in [Key.char(":")] + "lineage".map({ Key.char($0) }) + [.enter] { _ = Update.update(&s.state, .keyPressed(key)) }
        #expect(s.state.screen == .lineages && s.state.catalog.marks.isEmpty)
        let builds = s.state.lineages.selectedImages
        #expect(builds.count == 2, "both images lack os_distro: one lineage of two builds")
        s.key("Y") {
            $0.copyMenu = CopyMenuState(targets: builds, endpoint: Self.endpoint, title: "the lineage's 2 builds",
                                        previews: ["2 lines, one per image", "2 lines, one per image", "2 lines, one per image",
                                                   "2 lines, one per image", "2 documents"])
            $0.notice = nil
        }
    }

    /// Below the smallest screen the menu cannot be seen, so it closes (and does not open):
    /// it must never take keys while invisible.
    @Test func theMenuClosesWhenTheTerminalBecomesTooSmallToShowIt() {
        var s = store()
        s.key("Y") { $0.copyMenu = menu($0.catalog.images[0]) }
        s.send(.terminalResized(TerminalSize(width: 30, height: 3))) { $0.size = TerminalSize(width: 30, height: 3) }
        s.send(.terminalResized(TerminalSize(width: 15, height: 10))) {
            $0.size = TerminalSize(width: 15, height: 10)
            $0.copyMenu = nil
            $0.notice = "The copy menu was closed: the terminal was too small to show it"
        }
        s.key("Y") { $0.notice = "The terminal is too small for the copy menu" }
        s.key("j") {
            $0.catalog.cursor.cursor = 1
            $0.notice = nil
        }
    }
}
