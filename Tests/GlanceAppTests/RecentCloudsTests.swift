import Foundation
@testable import GlanceApp
import Testing

/// The most-recently-used clouds file: names only, latest first, private, and a damaged file
/// is read as far as it makes sense, never a crash.
@Suite struct RecentCloudsTests {
    func scratch() -> String {
        let dir = NSTemporaryDirectory() + "recent-clouds-\(UUID().uuidString)"
        return dir + "/state/glance-tui/recent-clouds"
    }

    func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? nil
    }

    @Test func theLatestGoesFirstOnceAndTheFileIsPrivate() throws {
        let recent = RecentClouds(path: scratch())
        #expect(recent.load().isEmpty, "no file yet is an empty list")
        #expect(recent.use("devcloud-demo") == nil)
        #expect(recent.use("devcloud-alt") == nil)
        #expect(recent.use("devcloud-demo") == nil)
        #expect(recent.load() == ["devcloud-demo", "devcloud-alt"])
        #expect(try String(contentsOfFile: recent.path, encoding: .utf8) == "devcloud-demo\ndevcloud-alt\n")
        #expect(mode(recent.path) == 0o600)
        #expect(mode((recent.path as NSString).deletingLastPathComponent) == 0o700)
        #expect(!FileManager.default.fileExists(atPath: recent.path + ".tmp"))
    }

    @Test func theListIsCappedAndNamesNoCloudCouldHaveAreRefused() {
        let recent = RecentClouds(path: scratch())
        for i in 0..<(RecentClouds.limit + 5) { recent.use("c\(i)") }
        let names = recent.load()
        #expect(names.count == RecentClouds.limit && names.first == "c\(RecentClouds.limit + 4)")
        #expect(recent.use("evil\u{1b}[2J") == "not a cloud name")
        #expect(recent.use("") == "not a cloud name")
        #expect(recent.load() == names)
    }

    @Test func aDamagedFileIsReadAsFarAsItMakesSense() throws {
        let recent = RecentClouds(path: scratch())
        try FileManager.default.createDirectory(atPath: (recent.path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data("prod\n\n\u{7}bell\nprod\nlab\n".utf8 + [0xff, 0xfe]).write(to: URL(fileURLWithPath: recent.path))
        #expect(recent.load().isEmpty, "not UTF-8: nothing is trusted")
        try Data("prod\n\n\u{7}bell\nprod\nlab\n".utf8).write(to: URL(fileURLWithPath: recent.path))
        #expect(recent.load() == ["prod", "lab"])
    }

    @Test func theDefaultPathFollowsXDGStateHome() {
        #expect(RecentClouds.defaultPath(environment: ["XDG_STATE_HOME": "/s"], home: "/h") == "/s/glance-tui/recent-clouds")
        #expect(RecentClouds.defaultPath(environment: ["XDG_STATE_HOME": ""], home: "/h") == "/h/.local/state/glance-tui/recent-clouds")
    }
}
