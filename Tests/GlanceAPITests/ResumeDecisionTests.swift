import Foundation
import Testing
@testable import GlanceAPI

@Suite("ResumeDecision.decide")
struct ResumeDecisionTests {
    static func decide(_ offset: Int64, _ status: Int, _ contentRange: String?, total: Int64? = 1000) -> ResumeDecision {
        ResumeDecision.decide(requestedOffset: offset, status: status, contentRange: contentRange, expectedTotal: total)
    }

    static func isFailure(_ decision: ResumeDecision) -> Bool {
        if case .fail = decision { return true }
        return false
    }

    @Test("a fresh download with 200 writes from byte 0")
    func freshDownload() {
        #expect(Self.decide(0, 200, nil) == .append(from: 0))
        #expect(Self.decide(0, 200, nil, total: nil) == .append(from: 0))
    }

    @Test("200 to a ranged request means the server ignored Range: start over")
    func rangeIgnored() {
        #expect(Self.decide(400, 200, nil) == .restart)
        #expect(Self.decide(400, 200, "bytes 0-999/1000") == .restart)
    }

    @Test("206 starting where asked appends", arguments: [
        ("bytes 400-999/1000", Int64?.some(1000)),
        ("bytes 400-999/*", Int64?.some(1000)),
        ("bytes 400-999/1000", Int64?.none),
        ("Bytes  400-999/1000", Int64?.some(1000)),
    ])
    func partialAppends(header: String, total: Int64?) {
        #expect(Self.decide(400, 206, header, total: total) == .append(from: 400))
    }

    @Test("206 that cannot be trusted fails with a sentence", arguments: [
        String?.some("bytes 0-999/1000"),
        "bytes 401-999/1000",
        "bytes 400-1999/2000",
        "bytes */1000",
        "bytes 400-999",
        "nonsense",
        String?.none,
    ])
    func partialFails(header: String?) {
        let decision = Self.decide(400, 206, header)
        #expect(Self.isFailure(decision), "\(String(describing: header)) gave \(decision)")
        if case let .fail(message) = decision { #expect(message.count > 20) }
    }

    @Test("206 with a different start names both offsets")
    func partialWrongStartMessage() {
        #expect(Self.decide(400, 206, "bytes 0-999/1000")
            == .fail("the server resumed at byte 0, not at byte 400 as asked"))
    }

    @Test("416 whose length equals the part means the part is complete")
    func alreadyComplete() {
        #expect(Self.decide(1000, 416, "bytes */1000") == .alreadyComplete)
        #expect(Self.decide(1000, 416, " bytes */1000 ", total: nil) == .alreadyComplete)
    }

    @Test("any other 416 means the part is longer than the image: start over", arguments: [
        String?.some("bytes */999"),
        "bytes */1001",
        "bytes 0-9/1000",
        "garbage",
    ])
    func rangeNotSatisfiable(header: String?) {
        #expect(Self.decide(1000, 416, header) == .restart)
    }

    @Test("Glance's bare 416 (no Content-Range) is complete only when the part is the image's size")
    func bareRangeNotSatisfiable() {
        #expect(Self.decide(1000, 416, nil, total: 1000) == .alreadyComplete)
        #expect(Self.decide(1200, 416, nil, total: 1000) == .restart)
        #expect(Self.decide(1000, 416, nil, total: nil) == .restart)
    }

    @Test("other statuses fail and name the status", arguments: [204, 301, 404, 500, 503])
    func unexpectedStatus(status: Int) {
        #expect(Self.decide(400, status, nil) == .fail("unexpected HTTP status \(status)"))
    }
}
