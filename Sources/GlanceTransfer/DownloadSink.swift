import Foundation
import GlanceAPI

/// Receives a download's body: appends to the part file and hashes as it goes. Decides at the
/// response head whether the server resumed where asked, restarted, or answered something else.
final class DownloadSink: ResponseSink {
    let file: LocalFile
    let digests: DigestSet
    let expectedTotal: Int64?
    let requestedOffset: Int64
    private(set) var written: Int64
    private(set) var decision: ResumeDecision?
    private(set) var contentLength: Int64?
    private(set) var contentMD5: String?
    private(set) var receivedThisResponse: Int64 = 0
    private(set) var diskError: LocalFileError?
    private let onBytes: (Int64) -> Void

    init(file: LocalFile, digests: DigestSet, offset: Int64, expectedTotal: Int64?, onBytes: @escaping (Int64) -> Void) {
        self.file = file
        self.digests = digests
        self.requestedOffset = offset
        self.written = offset
        self.expectedTotal = expectedTotal
        self.onBytes = onBytes
    }

    func begin(status: Int, headers: [String: String]) -> Bool {
        guard (200..<300).contains(status) || status == 416 else { return true }
        let decision = ResumeDecision.decide(requestedOffset: requestedOffset, status: status,
                                             contentRange: headers["content-range"], expectedTotal: expectedTotal)
        self.decision = decision
        contentLength = headers["content-length"].flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
        if status == 200 { contentMD5 = headers["content-md5"] }
        switch decision {
        case .append, .alreadyComplete: return true
        case .fail: return false
        case .restart:
            do {
                try file.truncate(to: 0)
            } catch {
                diskError = error
                return false
            }
            digests.reset()
            written = 0
            return true
        }
    }

    func receive(_ bytes: UnsafeRawBufferPointer) -> Bool {
        do {
            try file.write(bytes)
        } catch {
            diskError = error
            return false
        }
        digests.update(bytes)
        written += Int64(bytes.count)
        receivedThisResponse += Int64(bytes.count)
        onBytes(written)
        return true
    }

    /// The body was as long as the server said it would be.
    var bodyComplete: Bool { contentLength.map { $0 == receivedThisResponse } ?? true }
}
