import GlanceAPI
@testable import GlanceCore
@testable import GlanceViews
import TerminalKit
import Testing

@Suite struct ScreenGoldenTests {
    init() { DisplayWidth.ensureUTF8Locale() }

    static let small = TerminalSize(width: 80, height: 24)
    static let large = TerminalSize(width: 120, height: 40)

    func render(_ state: AppState) -> ScreenBuffer {
        RootView.render(state, theme: .builtinDefault, now: ScreenFixtures.now)
    }

    @Test(arguments: [small, large])
    func listWithWideLongAndHostileNames(size: TerminalSize) {
        Golden.assert(render(ScreenFixtures.state(size: size, cursor: 1)), named: "list-\(size.width)x\(size.height)")
    }

    @Test(arguments: [small, large])
    func emptyList(size: TerminalSize) {
        Golden.assert(render(ScreenFixtures.state(size: size, images: [])), named: "empty-\(size.width)x\(size.height)")
    }

    @Test(arguments: [small, large])
    func signInFailed(size: TerminalSize) {
        var state = AppState(cloudName: "devcloud-demo", size: size)
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signInFailed(.http(status: 401, message: "The request you have made requires authentication.",
                                                      url: "http://127.0.0.1:5000/v3/auth/tokens")))
        Golden.assert(render(state), named: "signin-failed-\(size.width)x\(size.height)")
    }

    @Test func signingIn() {
        var state = AppState(cloudName: "devcloud-demo", size: Self.small)
        _ = Update.update(&state, .started)
        Golden.assert(render(state), named: "signing-in-80x24")
    }

    @Test func loadingWithAPageFailureKeepsRowsAndShowsTheError() {
        var state = AppState(cloudName: "devcloud-demo", size: Self.small)
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(ScreenFixtures.session))
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: Array(ScreenFixtures.catalog.prefix(2)), next: "/n")))
        _ = Update.update(&state, .imagesPageFailed(RequestID(1), .transport(.cannotConnect("Connection refused"), url: "http://127.0.0.1:9292/v2/images")))
        Golden.assert(render(state), named: "page-failed-80x24")
    }

    /// Enter, then the fresh GET's answer: the detail with every field and property.
    func openDetail(size: TerminalSize, cursor: Int) -> AppState {
        var state = ScreenFixtures.state(size: size, cursor: cursor)
        _ = Update.update(&state, .keyPressed(.enter))
        _ = Update.update(&state, .imageLoaded(state.detail!.refresh!, ScreenFixtures.catalog[cursor]))
        return state
    }

    @Test(arguments: [small, large])
    func detailOfAStarlingXImage(size: TerminalSize) {
        Golden.assert(render(openDetail(size: size, cursor: 6)), named: "detail-\(size.width)x\(size.height)")
    }

    @Test func detailWhileTheFreshCopyLoadsShowsTheListsCoreFields() {
        var state = ScreenFixtures.state(size: Self.small, cursor: 6)
        _ = Update.update(&state, .keyPressed(.enter))
        Golden.assert(render(state), named: "detail-loading-80x24")
    }

    @Test func detailScrolledShowsTheWrappedValue() {
        var state = openDetail(size: Self.small, cursor: 6)
        _ = Update.update(&state, .keyPressed(.char("G")))
        Golden.assert(render(state), named: "detail-scrolled-80x24")
    }

    @Test func helpOverlay() {
        var state = ScreenFixtures.state(size: Self.small)
        _ = Update.update(&state, .keyPressed(.char("?")))
        Golden.assert(render(state), named: "help-80x24")
        for _ in 0..<40 { _ = Update.update(&state, .keyPressed(.char("j"))) }
        Golden.assert(render(state), named: "help-scrolled-80x24")
        #expect(state.showsHelp)
    }

    @Test func tinyTerminal() {
        Golden.assert(render(ScreenFixtures.state(size: TerminalSize(width: 20, height: 6), cursor: 2)), named: "list-20x6")
        Golden.assert(render(ScreenFixtures.state(size: TerminalSize(width: 10, height: 3))), named: "too-small-10x3")
    }

    @Test func monochromeThemeUsesAttributesOnly() {
        let buffer = RootView.render(ScreenFixtures.state(size: Self.small, cursor: 1), theme: .builtinMonochrome, now: ScreenFixtures.now)
        for cell in buffer.cells {
            #expect(cell.style.foreground == .default && cell.style.background == .default)
        }
        Golden.assert(buffer, named: "list-mono-80x24")
    }

    @Test func hostileNameIsEscapedAndNoControlCharacterReachesTheGrid() {
        let buffer = render(ScreenFixtures.state(size: Self.large))
        let text = buffer.textLines().joined(separator: "\n")
        #expect(text.contains("evil\\x1b[2J\\x1b]0;pwned\\x07name"))
        for cell in buffer.cells {
            for scalar in cell.text.unicodeScalars {
                #expect(scalar.value >= 0x20 && !(0x7F..<0xA0).contains(scalar.value), "control \(scalar.value) in the grid")
            }
        }
    }

    @Test func columnsStayAlignedAfterAWideName() {
        let lines = render(ScreenFixtures.state(size: Self.large)).textLines()
        // Column of STATUS in the header, measured in terminal columns.
        let header = lines[1]
        let statusColumn = DisplayWidth.of(String(header[..<header.range(of: "STATUS")!.lowerBound]))
        for line in lines[2...4] {
            let prefix = line.prefix { _ in true }
            var col = 0
            var found = -1
            for segment in TextSegments(String(prefix)) {
                if found < 0, col == statusColumn { found = col }
                col += segment.width
            }
            #expect(found == statusColumn, "row \(line) is misaligned")
        }
    }
}
