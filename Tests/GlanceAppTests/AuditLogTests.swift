import Foundation
import GlanceAPI
@testable import GlanceApp
import Testing

/// The audit log: JSON lines under the state directory, readable by its owner only.
@Suite struct AuditLogTests {
    static let session = SessionInfo(cloud: "prod", region: "r", projectName: "demo", projectID: "p1", userName: "ops",
                                     imageEndpoint: "http://g:9292")

    @Test func writesAreAppendedAsJSONLinesInAFileOnlyItsOwnerReads() throws {
        let dir = NSTemporaryDirectory() + "audit-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let log = AuditLog(path: AuditLog.defaultPath(environment: ["XDG_STATE_HOME": dir], home: "/nonexistent"))
        #expect(log.path == dir + "/glance-tui/audit.log")
        let time = Date(timeIntervalSince1970: 1_796_000_000)
        let done = WriteRecord(.hidden(true), imageID: "i1", imageName: "web", outcome: .done(before: Image(id: "i1")),
                               requests: ["PATCH /v2/images/i1 → 200"], session: Self.session, time: time)
        let conflict = WriteRecord(.tags(add: ["x"], remove: []), imageID: "i2", imageName: "db",
                                   outcome: .conflict(["tag x was added meanwhile"]), requests: ["GET /v2/images/i2 → 200"],
                                   session: Self.session, time: time)
        #expect(log.append(done) == nil)
        #expect(log.append(conflict) == nil)
        let attributes = try FileManager.default.attributesOfItem(atPath: log.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let lines = try String(contentsOfFile: log.path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let first = try decoder.decode(WriteRecord.self, from: Data(lines[0].utf8))
        #expect(first == done)
        #expect(first.openstack == "openstack image set --hidden i1" && first.user == "ops" && first.project == "demo")
        #expect(lines[1].contains(#""result":"conflict: tag x was added meanwhile""#))
        #expect(lines[1].contains(#""ok":false"#))
    }

    @Test func aLogThatCannotBeWrittenSaysWhy() {
        let log = AuditLog(path: "/proc/no-such-dir/audit.log")
        #expect(log.append(WriteRecord(.delete, imageID: "i", imageName: "n", outcome: .cancelled, requests: [],
                                       session: Self.session, time: Date())) != nil)
    }
}
