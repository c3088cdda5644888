import Foundation
import GlanceAPI
@testable import GlanceCore
import TerminalKit
import Testing

/// `:export FILE`: the rows shown, in their order, with the list's columns, in the format the
/// extension names; an existing file is overwritten only after asking.
@Suite struct UpdateExportTests {
    func state() -> AppState {
        var state = AppState(cloudName: "c", size: TerminalSize(width: 100, height: 24))
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(Fixture.session(.v2)))
        let images = ["web", "db", "cache"].enumerated().map { i, name in
            Image(id: "img-\(i)", name: name, status: .active, fields: ["size": .number(Double(1024 * (i + 1))), "updated_at": .string("2026-12-01T10:00:00Z")])
        }
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: images, next: nil)))
        return state
    }

    func command(_ state: inout AppState, _ text: String) -> [Effect] {
        _ = Update.update(&state, .keyPressed(.char(":")))
        for ch in text { _ = Update.update(&state, .keyPressed(.char(ch))) }
        return Update.update(&state, .keyPressed(.enter))
    }

    @Test func theShownRowsWithTheListsColumnsAsCSV() {
        var s = state()
        _ = command(&s, "columns name,size")
        s.catalog.quickFilter = "db"
        Update.rebuildRows(&s)
        let effects = command(&s, "export /tmp/x.csv")
        #expect(effects == [.writeExport(path: "/tmp/x.csv", text: "\"ID\",\"Name\",\"Size\"\n\"img-1\",\"db\",2048\n", rows: 1, overwrite: false)])
        #expect(s.notice == "Exporting 1 row to /tmp/x.csv…")
        _ = Update.update(&s, .exported(path: "/tmp/x.csv", rows: 1, nil))
        #expect(s.notice == "Exported 1 row to /tmp/x.csv")
    }

    @Test func anExistingFileIsOverwrittenOnlyAfterAskingAndAnUnknownExtensionIsExplained() {
        var s = state()
        _ = command(&s, "export out.json")
        _ = Update.update(&s, .exported(path: "out.json", rows: 3, .exists))
        #expect(s.confirmation == .overwriteExport(path: "out.json", question: "y overwrites out.json, any other key keeps it: it exists"))
        guard case .writeExport(_, _, 3, true)? = Update.update(&s, .keyPressed(.char("y"))).first else {
            Issue.record("not written again with overwrite")
            return
        }
        #expect(command(&s, "export out.txt").isEmpty)
        #expect(s.prompt.message == "Name the file .csv, .json or .yaml: its extension says the format")
    }
}
