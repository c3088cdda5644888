import Foundation

/// What to do with a `.part` file after asking the server for the rest of it with
/// `Range: bytes=<offset>-`.
public enum ResumeDecision: Sendable, Equatable {
    /// Write the body after the first `from` bytes already on disk.
    case append(from: Int64)
    /// Throw the part away and write the body from byte 0.
    case restart
    /// The part already holds every byte; go straight to verification.
    case alreadyComplete
    /// Stop: appending would splice unrelated bytes together.
    case fail(String)

    /// `expectedTotal` is the image size Glance records, when known.
    public static func decide(requestedOffset: Int64, status: Int, contentRange: String?,
                              expectedTotal: Int64?) -> ResumeDecision {
        guard requestedOffset >= 0 else { return .fail("cannot resume from a negative offset (\(requestedOffset))") }
        switch status {
        case 200:
            // A full body: either nothing was asked for, or the server (or a proxy) ignored Range.
            return requestedOffset == 0 ? .append(from: 0) : .restart
        case 206:
            return decidePartial(requestedOffset: requestedOffset, contentRange: contentRange,
                                 expectedTotal: expectedTotal)
        case 416:
            // "bytes */N" with N equal to the part's length: nothing is left to send. Any other
            // 416 means the part is longer than the data, so it cannot be a prefix of it.
            if let header = contentRange, let range = ContentRange.parse(header),
               range.first == nil, range.total == requestedOffset {
                return .alreadyComplete
            }
            // Glance sends its 416 without Content-Range; the image's own size then tells.
            if contentRange == nil, let expectedTotal, expectedTotal == requestedOffset { return .alreadyComplete }
            return .restart
        default:
            return .fail("unexpected HTTP status \(status)")
        }
    }

    private static func decidePartial(requestedOffset: Int64, contentRange: String?,
                                      expectedTotal: Int64?) -> ResumeDecision {
        guard let header = contentRange else {
            return .fail("the server sent part of the image (206) without a Content-Range")
        }
        guard let range = ContentRange.parse(header), let first = range.first else {
            return .fail("the server sent part of the image (206) with an unusable Content-Range \"\(header)\"")
        }
        guard first == requestedOffset else {
            return .fail("the server resumed at byte \(first), not at byte \(requestedOffset) as asked")
        }
        if let total = range.total, let expectedTotal, total != expectedTotal {
            // The image's data changed size since the part was written, or this is another image.
            return .fail("the server reports \(total) bytes but the image records \(expectedTotal)")
        }
        return .append(from: requestedOffset)
    }
}
