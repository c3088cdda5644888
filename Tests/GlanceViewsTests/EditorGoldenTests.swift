import GlanceAPI
@testable import GlanceCore
@testable import GlanceViews
import TerminalKit
import Testing

/// The property editor's screens: rows with locks and staged changes, the review, a conflict.
@Suite struct EditorGoldenTests {
    init() { DisplayWidth.ensureUTF8Locale() }

    static let size = TerminalSize(width: 100, height: 30)
    static let rules = [PropertyRule(key: "hw_wrs_live_migration_timeout", kind: .integer, ranges: [0...0, 120...800],
                                     description: "Live migration timeout", source: "profile starlingx", unit: "seconds"),
                        PropertyRule(key: "cache_raw_status", readOnlyReason: "set by StarlingX's image cache", source: "profile starlingx")]

    func opened(cursor: Int = 6) -> AppState {
        var state = ScreenFixtures.state(size: Self.size, cursor: cursor)
        _ = Update.update(&state, .rulesLoaded(Self.rules))
        _ = Update.update(&state, .keyPressed(.char("e")))
        var fields = ScreenFixtures.catalog[cursor].fields
        fields["cache_raw_status"] = .string("Cached")
        let image = Image(id: ScreenFixtures.catalog[cursor].id, name: ScreenFixtures.catalog[cursor].name, status: "active", fields: fields)
        _ = Update.update(&state, .imageLoaded(state.editor!.phase == .loading(RequestID(2)) ? RequestID(2) : RequestID(0), image))
        return state
    }

    func type(_ text: String, _ state: inout AppState) {
        for ch in text { _ = Update.update(&state, .keyPressed(.char(ch))) }
    }

    func render(_ state: AppState) -> ScreenBuffer {
        RootView.render(state, theme: .builtinDefault, now: ScreenFixtures.now)
    }

    func staged() -> AppState {
        var state = opened()
        // min_ram (row 6): 0 → 2048; a new property; the timeout refused, then accepted.
        for _ in 0..<5 { _ = Update.update(&state, .keyPressed(.char("j"))) }
        _ = Update.update(&state, .keyPressed(.enter))
        _ = Update.update(&state, .keyPressed(.ctrl("u")))
        type("2048", &state)
        _ = Update.update(&state, .keyPressed(.enter))
        _ = Update.update(&state, .keyPressed(.char("a")))
        type("os_distro", &state)
        _ = Update.update(&state, .keyPressed(.enter))
        type("centos", &state)
        _ = Update.update(&state, .keyPressed(.enter))
        return state
    }

    @Test func editorWithLockedRowsAndStagedChanges() {
        var state = staged()
        Golden.assert(render(state), named: "editor-staged-100x30")
        // The last rows: …timeout, os_distro, sw_wrs_auto_recovery.
        _ = Update.update(&state, .keyPressed(.char("G")))
        _ = Update.update(&state, .keyPressed(.char("k")))
        _ = Update.update(&state, .keyPressed(.char("k")))
        _ = Update.update(&state, .keyPressed(.enter))
        _ = Update.update(&state, .keyPressed(.ctrl("u")))
        type("100", &state)
        _ = Update.update(&state, .keyPressed(.enter))
        Golden.assert(render(state), named: "editor-refused-100x30")
        #expect(state.editor?.plan?.changes["hw_wrs_live_migration_timeout"] == nil, "refused: not staged")
    }

    @Test func reviewBeforeSaving() {
        var state = staged()
        _ = Update.update(&state, .keyPressed(.char("s")))
        Golden.assert(render(state), named: "editor-review-100x30")
    }

    @Test func conflictShowsTheirsBesideYours() {
        var state = staged()
        _ = Update.update(&state, .keyPressed(.char("s")))
        let effects = Update.update(&state, .keyPressed(.enter))
        guard case .loadImage(let id, _)? = effects.first else { Issue.record("no re-read"); return }
        var theirs = state.editor!.plan!.loaded.fields
        theirs["min_ram"] = .number(4096)
        theirs["updated_at"] = .string("2026-11-22T11:59:00Z")
        _ = Update.update(&state, .imageLoaded(id, Image(id: state.editor!.imageID, name: "starlingx-controller", status: "active", fields: theirs)))
        Golden.assert(render(state), named: "editor-conflict-100x30")
    }
}
