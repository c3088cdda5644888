import Foundation
import GlanceAPI

/// Streams an image's data to disk, resuming a `.part` left by an earlier attempt, retrying
/// dropped connections from where they stopped, and renaming to the destination only when every
/// byte is verified. A mismatch keeps the bytes as `.corrupt`.
public struct Downloader: Sendable {
    public let backend: any ImageGetter & ImageDownloader

    public init(backend: any ImageGetter & ImageDownloader) { self.backend = backend }

    /// Throws only before anything is written (an existing destination, an image with no data);
    /// every later ending is the outcome.
    /// `described` hears the image as read before any byte moves (its name, size, checksums).
    public func run(_ job: DownloadJob, cancel: CancellationFlag,
                    progress report: @escaping (TransferProgress) -> Void,
                    described: (Image) -> Void = { _ in }) throws(DownloadRefusal) -> TransferOutcome {
        let reporter = ProgressReporter(report: report)
        reporter.update(.preparing, done: 0, total: nil, force: true)
        if !job.overwrite, FileSystem.exists(job.destination) { throw .destinationExists(job.destination) }
        let image: Image
        do {
            image = try backend.image(id: job.imageID)
        } catch {
            return .failed(message: error.userMessage, partKept: nil)
        }
        guard image.status == "active" else {
            throw .notDownloadable("\(image.displayName.isEmpty ? image.id : image.displayName) is \(image.status); only active images have data to download")
        }
        described(image)
        let total = image.size
        let digests = DigestSet(expected: ExpectedDigests(image: image))
        let file: LocalFile
        var offset: Int64
        do {
            file = try LocalFile.openPart(job.partPath)
            offset = try rehashPart(file, digests: digests, total: total, reporter: reporter, cancel: cancel)
        } catch {
            return .failed(message: error.message, partKept: FileSystem.exists(job.partPath) ? job.partPath : nil)
        }
        if cancel.isCancelled { return Self.cancelled(job, keeping: offset) }

        var attempt = 0
        var contentMD5: String?
        // A part that already holds every byte (the last run stopped just before renaming) needs
        // no request: Glance answers a Range past the end with a bare 416.
        while total == nil || offset < total! {
            let sink = DownloadSink(file: file, digests: digests, offset: offset, expectedTotal: total) { done in
                reporter.update(.transferring, done: done, total: total)
            }
            reporter.update(.transferring, done: offset, total: total, force: true)
            let failure: APIError?
            do {
                _ = try backend.download(id: job.imageID, from: offset, sink: sink, options: job.stream,
                                         shouldContinue: { !cancel.isCancelled })
                failure = sink.bodyComplete ? nil : .transport(.other("the connection closed early"), url: "")
            } catch let error where error.status == 416 && sink.decision == .alreadyComplete {
                failure = nil
            } catch let error where error.status == 416 && sink.decision == .restart && offset > 0 {
                // The part is longer than the data: it was emptied, and a 416 has no body, so the
                // whole image is asked for again (not counted as a failed attempt).
                _ = error
                offset = 0
                continue
            } catch {
                failure = error
            }
            if let disk = sink.diskError {
                return .failed(message: disk.message + "; \(job.partPath) keeps \(sink.written) bytes, run again to resume",
                               partKept: job.partPath)
            }
            if case .fail(let why)? = sink.decision {
                return .failed(message: "The server's answer to a resumed download was wrong: \(why); \(job.partPath) kept",
                               partKept: job.partPath)
            }
            if cancel.isCancelled { return Self.cancelled(job, keeping: sink.written) }
            contentMD5 = sink.contentMD5 ?? contentMD5
            let moved = sink.written > offset
            offset = sink.written
            guard let failure else { break }
            guard failure.isRetryable else {
                // An empty part is no use to anyone: leave nothing behind when nothing was kept.
                if offset == 0 { unlink(job.partPath) }
                return .failed(message: failure.userMessage + (offset > 0 ? "; \(job.partPath) keeps \(offset) bytes" : ""),
                               partKept: offset > 0 ? job.partPath : nil)
            }
            attempt = moved ? 1 : attempt + 1
            guard attempt <= job.retry.maxAttempts else {
                return .failed(message: "Gave up after \(job.retry.maxAttempts) attempts: \(failure.userMessage); "
                               + "\(job.partPath) keeps \(offset) bytes, run again to resume", partKept: job.partPath)
            }
            reporter.update(.retrying(attempt: attempt, reason: failure.userMessage, resumeAt: offset), done: offset, total: total, force: true)
            pause(seconds: job.retry.delay(beforeAttempt: attempt), unless: cancel)
            reporter.resetRate()
            if cancel.isCancelled { return Self.cancelled(job, keeping: offset) }
        }
        return finish(job, file: file, digests: digests, received: offset, contentMD5: contentMD5,
                      recordedMD5: image.checksum, reporter: reporter)
    }

    /// Hashes what an earlier attempt left, so the final digests cover every byte. A part longer
    /// than the image cannot be a prefix of it and is started over.
    private func rehashPart(_ file: LocalFile, digests: DigestSet, total: Int64?, reporter: ProgressReporter,
                            cancel: CancellationFlag) throws(LocalFileError) -> Int64 {
        let existing = try file.size()
        if let total, existing > total {
            try file.truncate(to: 0)
            return 0
        }
        guard existing > 0 else { return 0 }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var done: Int64 = 0
        try file.seek(to: 0)
        while done < existing, !cancel.isCancelled {
            let want = Int(min(Int64(buffer.count), existing - done))
            let n = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want]))
            if n == 0 { break }
            digests.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            done += Int64(n)
            reporter.update(.checkingPart, done: done, total: total)
        }
        try file.seek(to: done)
        reporter.resetRate()
        return done
    }

    private func finish(_ job: DownloadJob, file: LocalFile, digests: DigestSet, received: Int64,
                        contentMD5: String?, recordedMD5: String?, reporter: ProgressReporter) -> TransferOutcome {
        reporter.update(.verifying, done: received, total: received, force: true)
        var verification = digests.finish()
        // The data is hashed against the image's checksum; a Content-MD5 that disagrees with
        // that checksum means one of the two is wrong, and the bytes cannot be trusted.
        if !verification.isFailure, let header = contentMD5, let recorded = recordedMD5?.lowercased() {
            let sent = Self.hexMD5(fromHeader: header) ?? header
            if sent != recorded {
                verification = .mismatch(algorithm: "Content-MD5", expected: recorded, actual: sent)
            }
        }
        do {
            try file.sync()
            if verification.isFailure {
                try FileSystem.rename(job.partPath, to: job.corruptPath)
                return .failed(message: "\(Self.describe(verification)); the data is kept as \(job.corruptPath)",
                               partKept: job.corruptPath)
            }
            try FileSystem.rename(job.partPath, to: job.destination)
        } catch {
            return .failed(message: error.message, partKept: job.partPath)
        }
        return .completed(location: job.destination, bytes: received, verification: verification)
    }

    /// A cancel keeps the part for a resume, unless it holds nothing to resume from.
    static func cancelled(_ job: DownloadJob, keeping bytes: Int64) -> TransferOutcome {
        guard bytes > 0 else {
            unlink(job.partPath)
            return .cancelled(partKept: nil)
        }
        return .cancelled(partKept: job.partPath)
    }

    /// Content-MD5 is base64 by RFC 1864; Glance sends the hex checksum. Either becomes hex.
    static func hexMD5(fromHeader header: String) -> String? {
        let value = header.trimmingCharacters(in: .whitespaces)
        if value.count == 32, value.allSatisfy(\.isHexDigit) { return value.lowercased() }
        guard let data = Data(base64Encoded: value), data.count == 16 else { return nil }
        return data.map { String(format: "%02x", $0) }.joined()
    }

    public static func describe(_ verification: Verification) -> String {
        switch verification {
        case .verified(let names): "verified (" + names.joined(separator: ", ") + ")"
        case .mismatch(let algorithm, let expected, let actual): "\(algorithm) mismatch: expected \(expected), got \(actual)"
        case .truncated(let expected, let received): "truncated: \(received) of \(expected) bytes"
        case .notChecked(let why): "not verified: \(why)"
        }
    }
}
