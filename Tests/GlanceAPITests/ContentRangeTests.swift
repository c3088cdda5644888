import Foundation
import Testing
@testable import GlanceAPI

@Suite("ContentRange.parse")
struct ContentRangeTests {
    static let validCases: [(String, Int64?, Int64?, Int64?)] = [
        ("bytes 100-999/1000", 100, 999, 1000),
        ("bytes 0-0/1", 0, 0, 1),
        ("bytes */1000", nil, nil, 1000),
        ("bytes */0", nil, nil, 0),
        ("bytes 100-999/*", 100, 999, nil),
        ("BYTES 100-999/1000", 100, 999, 1000),
        ("Bytes 100-999/1000", 100, 999, 1000),
        ("  bytes   100 - 999 / 1000  ", 100, 999, 1000),
        ("bytes\t5-9/10", 5, 9, 10),
        ("bytes 0-9223372036854775806/9223372036854775807", 0, 9_223_372_036_854_775_806, 9_223_372_036_854_775_807),
        ("bytes 4294967296-8589934591/8589934592", 4_294_967_296, 8_589_934_591, 8_589_934_592),
    ]

    @Test("well-formed headers", arguments: validCases)
    func valid(header: String, first: Int64?, last: Int64?, total: Int64?) throws {
        let range = try #require(ContentRange.parse(header), "\(header)")
        #expect(range == ContentRange(first: first, last: last, total: total))
    }

    static let garbageCases = [
        "", "bytes", "bytes ", "garbage", "items 0-9/10", "bytes=0-9/10", "bytes0-9/10",
        "bytes */*", "bytes 9-0/10", "bytes 0-9", "bytes 0-9/10/11", "bytes -9/10", "bytes 0-/10",
        "bytes 0--9/10", "bytes -1-9/10", "bytes +0-9/10", "bytes 0-9/-10", "bytes 0x10-0x20/100",
        "bytes 1 0-20/100", "bytes 0-9/10x", "bytes 0-9/9", "bytes 0-9/5",
        "bytes 0-9223372036854775808/*", "bytes * /", "bytes 0-9/ ",
    ]

    @Test("garbage is rejected", arguments: garbageCases)
    func garbage(header: String) {
        #expect(ContentRange.parse(header) == nil, "\(header)")
    }
}
