import GlanceAPI
@testable import GlanceCore
@testable import GlanceViews
import TerminalKit
import Testing

/// The title bar's cloud, region and project: always there, cut to fit at 80 columns, a
/// hostile name escaped, and where a switch is going while it signs in.
@Suite struct CloudSwitchGoldenTests {
    init() { DisplayWidth.ensureUTF8Locale() }

    func render(_ state: AppState) -> ScreenBuffer {
        RootView.render(state, theme: .builtinDefault, now: ScreenFixtures.now)
    }

    @Test(arguments: [TerminalSize(width: 80, height: 24), TerminalSize(width: 120, height: 40)])
    func aLongHostileCloudNameIsCutAndEscapedWithTheFilterStillShown(size: TerminalSize) throws {
        var state = AppState(cloudName: "x", size: size)
        let session = SessionInfo(cloud: "prod-\u{1b}]0;pwned\u{07}-eu-west-with-a-very-long-name", region: "eu-west-1-availability",
                                  projectName: "platform-engineering-images", imageEndpoint: "https://image.example")
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(session))
        _ = Update.update(&state, .imagesPageLoaded(state.catalog.listing.requestID!, ImagePage(images: ScreenFixtures.catalog, next: nil)))
        _ = Update.update(&state, .spinnerTicked)
        state.catalog.query = try FilterParser.parse("status=active")
        let buffer = render(state)
        Golden.assert(buffer, named: "title-hostile-cloud-\(size.width)x\(size.height)")
        let text = buffer.textLines().joined(separator: "\n")
        #expect(!text.contains("\u{1b}") && !text.contains("\u{07}"), "no control reaches the terminal")
    }

    @Test func theTitleSaysWhereASwitchIsGoingWhileItSignsIn() {
        var state = ScreenFixtures.state(size: TerminalSize(width: 120, height: 40))
        state.choices = CloudChoices(clouds: ["devcloud-demo", "devcloud-alt"])
        state.prompt.input = .command(LineEditor("cloud devcloud-alt"))
        _ = Update.update(&state, .keyPressed(.enter))
        Golden.assert(render(state), named: "title-switching-120x40")
    }
}
