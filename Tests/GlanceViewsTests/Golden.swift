import Foundation
import TerminalKit
import Testing

/// Golden screens: a buffer's text and style grids compared with __Snapshots__/NAME.txt.
/// Run with SNAPSHOT_RECORD=1 to write the files anew, then review the diff before committing.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    static var recording: Bool { ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1" }

    static func assert(_ buffer: ScreenBuffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let file = directory.appendingPathComponent(name + ".txt")
        let actual = buffer.snapshot()
        if recording || !FileManager.default.fileExists(atPath: file.path) {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? actual.write(to: file, atomically: true, encoding: .utf8)
            if !recording {
                Issue.record("No golden for \(name): recorded \(file.lastPathComponent); check it and run again", sourceLocation: sourceLocation)
            }
            return
        }
        let expected = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDiff = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }
            let where_ = firstDiff.map { "line \($0.offset + 1):\n  expected \($0.element.1)\n  actual   \($0.element.0)" } ?? "length differs"
            Issue.record("Screen \(name) differs from its golden at \(where_)\n(SNAPSHOT_RECORD=1 re-records)", sourceLocation: sourceLocation)
        }
    }
}
