import GlanceAPI
@testable import GlanceCore
import TerminalKit
import Testing

/// The property editor through update(): staging, validation, and the guarded save.
@Suite struct UpdateEditorTests {
    static let full = Image(id: "img-1", name: "img 1", status: "active", fields: [
        "visibility": .string("private"), "min_ram": .number(0), "min_disk": .number(0), "protected": .bool(false),
        "os_hidden": .bool(false), "tags": .array([]), "disk_format": .string("raw"), "container_format": .string("bare"),
        "updated_at": .string("2026-11-22T10:00:00Z"), "hw_disk_bus": .string("virtio"), "a/b~c": .string("x"),
    ])

    static let timeoutRule = PropertyRule(key: "hw_wrs_live_migration_timeout", kind: .integer, ranges: [0...0, 120...800],
                                          source: "profile starlingx", unit: "seconds")

    func type(_ text: String, _ state: inout AppState) {
        for ch in text { _ = Update.update(&state, .keyPressed(.char(ch))) }
    }

    /// An editor open on `full`, with the StarlingX timeout rule known.
    func opened() -> AppState {
        var state = Fixture.loaded(3)
        _ = Update.update(&state, .rulesLoaded([Self.timeoutRule]))
        _ = Update.update(&state, .keyPressed(.char("j")))
        let effects = Update.update(&state, .keyPressed(.char("e")))
        #expect(effects.first == .loadImage(RequestID(2), imageID: "img-1"))
        #expect(state.screen == .editor)
        _ = Update.update(&state, .imageLoaded(RequestID(2), Self.full))
        #expect(state.editor?.phase == .editing)
        return state
    }

    func select(_ key: String, _ state: inout AppState) {
        let rows = Update.editorRows(state)
        let i = rows.firstIndex { $0.key == key }!
        _ = Update.update(&state, .keyPressed(.char("g")))
        for _ in 0..<i { _ = Update.update(&state, .keyPressed(.char("j"))) }
    }

    func edit(_ key: String, to text: String, _ state: inout AppState) {
        select(key, &state)
        _ = Update.update(&state, .keyPressed(.enter))
        _ = Update.update(&state, .keyPressed(.ctrl("u")))
        type(text, &state)
        _ = Update.update(&state, .keyPressed(.enter))
    }

    @Test func coreValuesAreStagedTypedAndBadOnesRefusedWithTheRule() {
        var state = opened()
        edit("min_ram", to: "512", &state)
        #expect(state.editor?.plan?.changes["min_ram"] == .set(.number(512)))
        edit("protected", to: "yes", &state)
        #expect(state.editor?.message?.contains("is not true or false") == true)
        #expect(state.editor?.prompt != nil, "the value stays open for correction")
        _ = Update.update(&state, .keyPressed(.escape))
        #expect(state.editor?.plan?.changes["protected"] == nil)
    }

    @Test func extraPropertiesFollowTheirProfileAndAreSentAsStrings() {
        var state = opened()
        _ = Update.update(&state, .keyPressed(.char("a")))
        type("hw_wrs_live_migration_timeout", &state)
        _ = Update.update(&state, .keyPressed(.enter))
        type("100", &state)
        _ = Update.update(&state, .keyPressed(.enter))
        #expect(state.editor?.message == "hw_wrs_live_migration_timeout: 100 is out of range (integer, 0 or 120–800 seconds; from profile starlingx)")
        #expect(state.editor?.plan?.isEmpty == true, "refused: nothing staged, nothing sent")
        _ = Update.update(&state, .keyPressed(.ctrl("u")))
        type("400", &state)
        _ = Update.update(&state, .keyPressed(.enter))
        #expect(state.editor?.plan?.changes["hw_wrs_live_migration_timeout"] == .set(.string("400")))
    }

    @Test func lockedRowsSayWhyAndCoreRowsCannotBeRemoved() {
        var state = opened()
        select("disk_format", &state)
        _ = Update.update(&state, .keyPressed(.enter))
        #expect(state.editor?.message == "disk_format is read-only: can change only while the image is queued (it is active)")
        select("name", &state)
        _ = Update.update(&state, .keyPressed(.char("d")))
        #expect(state.editor?.message?.hasPrefix("name cannot be removed") == true)
        select("hw_disk_bus", &state)
        _ = Update.update(&state, .keyPressed(.char("d")))
        #expect(state.editor?.plan?.changes["hw_disk_bus"] == .remove)
        _ = Update.update(&state, .keyPressed(.char("u")))
        #expect(state.editor?.plan?.isEmpty == true)
    }

    @Test func newKeysThatExistOrAreReservedAreRefused() {
        var state = opened()
        for (key, message) in [("name", "name is a core attribute: change it on its own row"),
                               ("hw_disk_bus", "hw_disk_bus exists already: change it on its row"),
                               ("os_glance_importing_to_stores", "os_glance_importing_to_stores is reserved by Glance")] {
            _ = Update.update(&state, .keyPressed(.char("a")))
            type(key, &state)
            _ = Update.update(&state, .keyPressed(.enter))
            #expect(state.editor?.message == message)
            _ = Update.update(&state, .keyPressed(.escape))
        }
    }

    @Test func savingReReadsComparesThenPatchesWithReplaceForKnownKeysAndAddForNew() {
        var state = opened()
        edit("hw_disk_bus", to: "scsi", &state)
        edit("min_disk", to: "10", &state)
        _ = Update.update(&state, .keyPressed(.char("s")))
        #expect(state.editor?.phase == .reviewing)
        let check = Update.update(&state, .keyPressed(.enter))
        #expect(check.first == .loadImage(RequestID(3), imageID: "img-1"))
        // Unchanged on the server: the PATCH goes out.
        let save = Update.update(&state, .imageLoaded(RequestID(3), Self.full))
        #expect(save.first == .patchImage(RequestID(4), imageID: "img-1", [
            .replace(key: "hw_disk_bus", value: .string("scsi")), .replace(key: "min_disk", value: .number(10)),
        ]))
        var saved = Self.full.fields
        saved["hw_disk_bus"] = .string("scsi")
        saved["min_disk"] = .number(10)
        saved["updated_at"] = .string("2026-11-22T10:05:00Z")
        let result = Image(id: "img-1", name: "img 1", status: "active", fields: saved)
        _ = Update.update(&state, .imagePatched(RequestID(4), result))
        #expect(state.editor?.message == "Saved")
        #expect(state.editor?.plan?.isEmpty == true)
        #expect(state.editor?.plan?.loaded == result, "the next edit starts from what the server answered")
    }

    @Test func aChangeBySomeoneElseStopsTheSaveAndShowsTheirsBesideYours() {
        var state = opened()
        edit("hw_disk_bus", to: "scsi", &state)
        _ = Update.update(&state, .keyPressed(.char("s")))
        _ = Update.update(&state, .keyPressed(.enter))
        var theirs = Self.full.fields
        theirs["hw_disk_bus"] = .string("ide")
        theirs["updated_at"] = .string("2026-11-22T10:01:00Z")
        let current = Image(id: "img-1", name: "img 1", status: "active", fields: theirs)
        let effects = Update.update(&state, .imageLoaded(RequestID(3), current))
        #expect(!effects.contains { if case .patchImage = $0 { true } else { false } }, "nothing is sent")
        guard case .conflict(let conflicts, _)? = state.editor?.phase else { Issue.record("no conflict"); return }
        #expect(conflicts == [EditPlan.Conflict(key: "hw_disk_bus", loaded: .string("virtio"), theirs: .string("ide"),
                                                yours: .set(.string("scsi")))])
        // Keep mine: the plan now starts from theirs, and is reviewed again.
        _ = Update.update(&state, .keyPressed(.char("o")))
        #expect(state.editor?.phase == .reviewing)
        #expect(state.editor?.plan?.loaded == current)
        #expect(state.editor?.plan?.operations == [.replace(key: "hw_disk_bus", value: .string("scsi"))])
    }

    @Test func takingTheirsDropsMyChanges() {
        var state = opened()
        edit("hw_disk_bus", to: "scsi", &state)
        _ = Update.update(&state, .keyPressed(.char("s")))
        _ = Update.update(&state, .keyPressed(.enter))
        var theirs = Self.full.fields
        theirs["updated_at"] = .string("2026-11-22T10:01:00Z")
        theirs["min_ram"] = .number(2048)
        let current = Image(id: "img-1", name: "img 1", status: "active", fields: theirs)
        _ = Update.update(&state, .imageLoaded(RequestID(3), current))
        guard case .conflict(let conflicts, _)? = state.editor?.phase else { Issue.record("no conflict"); return }
        #expect(conflicts.map(\.key) == ["min_ram", "updated_at"], "an untouched key changed: still a conflict")
        _ = Update.update(&state, .keyPressed(.char("t")))
        #expect(state.editor?.plan == EditPlan(loaded: current))
    }

    @Test func aRefusedPatchKeepsTheChangesAndReadsTheImageAgain() {
        var state = opened()
        edit("hw_disk_bus", to: "scsi", &state)
        _ = Update.update(&state, .keyPressed(.char("s")))
        _ = Update.update(&state, .keyPressed(.enter))
        _ = Update.update(&state, .imageLoaded(RequestID(3), Self.full))
        let error = APIError.http(status: 409, message: "Property hw_disk_bus does not exist.", url: "u")
        let effects = Update.update(&state, .imagePatchFailed(RequestID(4), error))
        #expect(effects.first == .loadImage(RequestID(5), imageID: "img-1"))
        #expect(state.editor?.message?.hasPrefix("Not saved: 409 Conflict: Property hw_disk_bus does not exist.") == true)
        #expect(state.editor?.plan?.changes["hw_disk_bus"] == .set(.string("scsi")))
    }

    @Test func leavingWithUnsavedChangesAsksFirst() {
        var state = opened()
        edit("min_ram", to: "64", &state)
        _ = Update.update(&state, .keyPressed(.escape))
        #expect(state.editor?.prompt == .confirmDiscard)
        _ = Update.update(&state, .keyPressed(.char("n")))
        #expect(state.screen == .editor && state.editor?.plan?.isEmpty == false)
        _ = Update.update(&state, .keyPressed(.escape))
        _ = Update.update(&state, .keyPressed(.char("y")))
        #expect(state.screen == .list && state.editor == nil)
    }

    @Test func jsonPointerEscapingReachesThePatch() {
        var state = opened()
        edit("a/b~c", to: "y", &state)
        #expect(state.editor?.plan?.operations == [.replace(key: "a/b~c", value: .string("y"))])
        #expect(JSONPointer.path("a/b~c") == "/a~1b~0c")
    }
}
