import Foundation
@testable import GlanceViews
import TerminalKit
import Testing

@Suite struct ThemeFileTests {
    static let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes")

    /// The shipped files and the compiled-in themes must agree; SNAPSHOT_RECORD=1 rewrites the files.
    @Test(arguments: [("default", Theme.builtinDefault), ("mono", Theme.builtinMonochrome)])
    func shippedFileMatchesTheBuiltInTheme(name: String, builtin: Theme) throws {
        let path = Self.themes.appendingPathComponent(name + ".json").path
        if ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1" {
            try ThemeFile.encode(builtin).write(toFile: path, atomically: true, encoding: .utf8)
        }
        let loaded = try ThemeFile.load(path: path)
        #expect(loaded == builtin)
    }

    @Test func everyShippedThemeLoadsAndDefinesEveryRole() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themes.path).filter { $0.hasSuffix(".json") }
        #expect(files.count >= 2)
        for file in files {
            let data = try Data(contentsOf: Self.themes.appendingPathComponent(file))
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let roles = try #require(object["roles"] as? [String: Any])
            #expect(Set(roles.keys) == Set(Role.allCases.map(\.rawValue)), "\(file) leaves out roles")
            _ = try ThemeFile.parse(data, source: file)
        }
    }

    @Test func colourNamesIndicesAndAttributesParse() throws {
        let json = #"{"name": "t", "roles": {"title": {"fg": "bright-red", "bg": 236, "attrs": ["bold", "underline"]}, "row": {"fg": "default"}}}"#
        let theme = try ThemeFile.parse(Data(json.utf8), source: "t.json")
        #expect(theme[.title] == Style(foreground: .indexed(9), background: .indexed(236), attributes: [.bold, .underline]))
        #expect(theme[.row] == Style())
        #expect(theme[.section] == Theme.builtinDefault[.section], "roles left out fall back to the default")
    }

    @Test(arguments: [
        (#"{"roles": {"titel": {}}}"#, "unknown role \"titel\""),
        (#"{"roles": {"title": {"fg": "purple"}}}"#, "unknown colour \"purple\""),
        (#"{"roles": {"title": {"fg": 300}}}"#, "a colour is a name or 0–255"),
        (#"{"roles": {"title": {"attrs": ["blink"]}}}"#, "unknown attribute \"blink\""),
        (#"{"name": "x"}"#, "no \"roles\" object"),
        ("not json", "not a JSON object"),
    ])
    func mistakesAreNamed(json: String, message: String) {
        #expect {
            _ = try ThemeFile.parse(Data(json.utf8), source: "bad.json")
        } throws: { error in
            (error as? ThemeFile.LoadError)?.description.contains(message) == true
                && (error as? ThemeFile.LoadError)?.description.hasPrefix("bad.json") == true
        }
    }
}
