import Foundation
import GlanceAPI
@testable import GlanceCore
@testable import GlanceViews
import TerminalKit
import Testing

/// Golden screens of `:used-by`: the servers of one image as a project user sees them (with
/// what it cannot see), sorted by status, and the USED column — in colour and in mono.
@Suite struct UsedByGoldenTests {
    init() { DisplayWidth.ensureUTF8Locale() }

    static let sizes = [TerminalSize(width: 80, height: 24), TerminalSize(width: 120, height: 40)]
    static let themes: [(String, Theme)] = [("", .builtinDefault), ("-mono", .builtinMonochrome)]

    func render(_ state: AppState, _ theme: Theme) -> ScreenBuffer { RootView.render(state, theme: theme, now: ScreenFixtures.now) }

    func command(_ state: inout AppState, _ text: String) -> [Effect] {
        _ = Update.update(&state, .keyPressed(.char(":")))
        for ch in text { _ = Update.update(&state, .keyPressed(.char(ch))) }
        return Update.update(&state, .keyPressed(.enter))
    }

    @Test(arguments: sizes)
    func theServersOfAnImage(size: TerminalSize) {
        var state = ScreenFixtures.state(size: size)
        guard case .loadUsedBy(let id, let imageID)? = command(&state, "used-by").first else {
            Issue.record("no servers asked for")
            return
        }
        let usage = ServerUsage(scope: .project("9f3c2a7d51e04b6c8d2f1a0b3c4d5e6f"), servers: [
            ServerSummary(id: "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d", name: "web-frontend-1", status: "ACTIVE",
                          projectID: "9f3c2a7d51e04b6c8d2f1a0b3c4d5e6f", imageID: imageID),
            ServerSummary(id: "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b", name: "evil\u{1b}]0;x\u{07}name", status: "BUILD",
                          projectID: "9f3c2a7d51e04b6c8d2f1a0b3c4d5e6f", imageID: imageID),
            ServerSummary(id: "9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f", name: "batch-worker", status: "SHUTOFF",
                          projectID: "9f3c2a7d51e04b6c8d2f1a0b3c4d5e6f", imageID: imageID),
        ])
        _ = Update.update(&state, .usedByLoaded(id, .success(usage)))
        _ = Update.update(&state, .keyPressed(.char("3")))
        for (suffix, theme) in Self.themes {
            Golden.assert(render(state, theme), named: "used-by-\(size.width)x\(size.height)\(suffix)")
        }
    }

    @Test func theUsedColumn() {
        var state = ScreenFixtures.state(size: Self.sizes[0])
        guard case .countUse(let id, let images)? = command(&state, "columns name,status,used,size").first else {
            Issue.record("no count asked for")
            return
        }
        let counts = Dictionary(uniqueKeysWithValues: images.prefix(2).map { ($0.id, 2) })
        let unknown = Set(images.suffix(2).map(\.id))
        _ = Update.update(&state, .useCounted(id, .checked(counts: counts, unknown: unknown, scope: "project demo")))
        for (suffix, theme) in Self.themes {
            Golden.assert(render(state, theme), named: "used-column-80x24\(suffix)")
        }
    }
}
