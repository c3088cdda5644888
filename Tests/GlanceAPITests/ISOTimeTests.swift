import Foundation
import Testing
@testable import GlanceAPI

@Suite("ISOTime.parse")
struct ISOTimeTests {
    /// 2026-11-22T19:44:50Z, computed independently (Python's datetime).
    static let base: Double = 1_795_376_690

    static let validCases: [(String, Double)] = [
        ("2026-11-22T19:44:50Z", base),
        ("2026-11-22T19:44:50z", base),
        ("2026-11-22t19:44:50Z", base),
        ("2026-11-22 19:44:50Z", base),
        ("2026-11-22T19:44:50", base),
        ("2026-11-22T19:44:50+00:00", base),
        ("2026-11-22T19:44:50-00:00", base),
        ("2026-11-22T19:44:50.5Z", base + 0.5),
        ("2026-11-22T19:44:50.250Z", base + 0.25),
        ("2026-11-22T19:44:50.123456Z", base + 0.123456),
        ("2026-11-22T19:44:50.000000", base),
        ("2026-11-22T20:57:36.000000Z", 1_795_381_056),
        ("2026-11-22T21:44:50+02:00", base),
        ("2026-11-22T21:44:50+0200", base),
        ("2026-11-22T14:14:50-0530", base),
        ("2026-11-22T14:14:50-05:30", base),
        ("2026-11-23T01:14:50+05:30", base),
        ("2026-11-22T19:44:50.250-01:00", base + 3600 + 0.25),
        ("2026-11-22T21:44:50+02", base),
        ("2026-11-22T19:44", base - 50),
        ("2026-11-22T19:44Z", base - 50),
        ("2026-11-22", 1_795_305_600),
        ("2000-02-29T12:00:00Z", 951_825_600),
        ("1970-01-01T00:00:00Z", 0),
        ("1969-12-31T23:59:59Z", -1),
        ("2026-12-31T23:59:59Z", 1_798_761_599),
    ]

    @Test("valid timestamps give known epoch seconds", arguments: validCases)
    func validTimestamp(text: String, epoch: Double) throws {
        let date = try #require(ISOTime.parse(text))
        #expect(abs(date.timeIntervalSince1970 - epoch) < 1e-6, "\(text): \(date.timeIntervalSince1970) != \(epoch)")
    }

    @Test("agrees with Foundation's ISO8601DateFormatter on OpenStack-style timestamps",
          arguments: ["2026-11-22T19:44:50Z", "2024-02-29T00:00:00Z", "2031-07-04T12:30:15+09:00",
                      "1999-12-31T23:59:59-08:00", "2026-03-29T01:30:00+01:00"])
    func agreesWithFoundation(text: String) throws {
        let formatter = ISO8601DateFormatter()
        let expected = try #require(formatter.date(from: text))
        #expect(ISOTime.parse(text) == expected)
    }

    static let garbageCases = [
        "", "garbage", "2026", "2026-11", "2026-11-2", "2026/11/22", "20261122T194450Z",
        "2026-13-01", "2026-00-10", "2026-11-00", "2026-11-32",
        "2026-11-22T", "2026-11-22T19", "2026-11-22T19:4", "2026-11-22T19:44:5",
        "2026-11-22T24:00:00Z", "2026-11-22T19:60:00Z", "2026-11-22T19:44:61Z",
        "2026-11-22X19:44:50Z", "2026-11-22T1a:44:50Z", "2026-11-22T19:44:50Q",
        "2026-11-22T19:44:50+", "2026-11-22T19:44:50+2", "2026-11-22T19:44:50+ab:00",
        "2026-11-22junk", "２０２６-11-22", "-2026-11-22",
    ]

    @Test("garbage gives nil", arguments: garbageCases)
    func garbageIsNil(text: String) {
        #expect(ISOTime.parse(text) == nil)
    }

    @Test("daysFromCivil matches known day numbers",
          arguments: [(1970, 1, 1, 0), (1970, 1, 2, 1), (1969, 12, 31, -1), (2000, 3, 1, 11017),
                      (2026, 11, 22, 20779), (1600, 1, 1, -135140)])
    func days(year: Int, month: Int, day: Int, expected: Int) {
        #expect(ISOTime.daysFromCivil(year, month, day) == expected)
    }
}
