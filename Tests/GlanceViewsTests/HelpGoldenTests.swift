import GlanceAPI
@testable import GlanceCore
@testable import GlanceViews
import TerminalKit
import Testing

/// The help says what this session cannot do: on Compute's image proxy the keys for data,
/// members, tags and state stay listed, dimmed, with the reason.
@Suite struct HelpGoldenTests {
    init() { DisplayWidth.ensureUTF8Locale() }

    @Test func keysTheSessionCannotUseAreDimmedWithTheReason() {
        var state = ScreenFixtures.state(size: TerminalSize(width: 100, height: 40), cursor: 0)
        var session = ScreenFixtures.session
        session.describe(ComputeProxyBackend(proxy: ComputeImageClient(client: ImageClient(
            profile: CloudProfile(name: "c", authURL: "http://k", auth: .token(Secret("t"), scope: .unscoped)),
            transport: Unreachable()))))
        state.connection = .signedIn(session)
        _ = Update.update(&state, .keyPressed(.char("?")))
        for _ in 0..<22 { _ = Update.update(&state, .keyPressed(.char("j"))) }
        let lines = HelpOverlay.lines(width: 60, keymap: state.keymap, session: session)
        #expect(lines.contains { !$0.available && $0.help.hasPrefix("m  members: who the image is shared with — members not available through Compute's image proxy") })
        #expect(lines.contains { $0.available && $0.help == "edit the image's properties" })
        Golden.assert(RootView.render(state, theme: .builtinDefault, now: ScreenFixtures.now), named: "help-compute-100x40")
    }

    struct Unreachable: HTTPTransport {
        func send(_ request: HTTPRequest) throws(TransportFailure) -> HTTPResponse {
            Issue.record("a view test reached the network: \(request.url)")
            throw .other("no network")
        }
    }
}
