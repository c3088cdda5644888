import Foundation
import GlanceAPI

/// Puts a file's bytes into an image (PUT /file, or staging and glance-direct import), or has
/// the server fetch a URL (web-download), then checks the image's checksums against what was
/// sent. An image this upload created is deleted again when the upload fails or is cancelled,
/// so no empty queued image is left behind.
public struct Uploader: Sendable {
    public typealias Backend = ImageGetter & ImageCreator & ImageDeleter & ImageUploader
    public let backend: any Backend

    public init(backend: any Backend) { self.backend = backend }

    public func run(_ job: UploadJob, cancel: CancellationFlag, progress report: @escaping (TransferProgress) -> Void,
                    created: (Image) -> Void = { _ in }) -> TransferOutcome {
        let reporter = ProgressReporter(report: report)
        reporter.update(.preparing, done: 0, total: nil, force: true)
        var file: LocalFile?
        var length: Int64 = 0
        if let path = job.file {
            do {
                let opened = try LocalFile.openForReading(path)
                guard opened.isRegularFile else { return .failed(message: "\(path) is not a regular file", partKept: nil) }
                length = try opened.size()
                file = opened
            } catch {
                return .failed(message: error.message, partKept: nil)
            }
        } else if case .webDownload = job.method {
        } else {
            return .failed(message: "No file to upload", partKept: nil)
        }

        let image: Image
        var createdHere = false
        do {
            switch job.target {
            case .newImage(let fields):
                image = try backend.create(fields)
                createdHere = true
                created(image)
            case .existing(let id):
                image = try backend.image(id: id)
                guard image.status == "queued" else {
                    return .failed(message: "\(image.displayName.isEmpty ? id : image.displayName) is \(image.status); data can be uploaded only to a queued image"
                                   + Self.whyNotQueued("\(image.status)"), partKept: nil)
                }
            }
        } catch {
            return .failed(message: error.userMessage, partKept: nil)
        }

        let outcome = transfer(job, image: image, file: file, length: length, cancel: cancel, reporter: reporter)
        switch outcome {
        case .completed: return outcome
        case .failed(let message, _) where createdHere:
            return .failed(message: message + discard(image), partKept: nil)
        case .cancelled where createdHere && cancel.isInterrupted:
            // The program is ending: the queued image stays for the journal's resume.
            return .cancelled(partKept: nil)
        case .cancelled where createdHere:
            _ = discard(image)
            return .cancelled(partKept: nil)
        default: return outcome
        }
    }

    private func transfer(_ job: UploadJob, image: Image, file: LocalFile?, length: Int64, cancel: CancellationFlag,
                          reporter: ProgressReporter) -> TransferOutcome {
        // Staging and web-download are interoperable import, which not every API has.
        let follower = (backend as? any ImageGetter & ImageImporter).map { ImportFollower(backend: $0) }
        switch job.method {
        case .direct(let store):
            guard let file else { return .failed(message: "No file to upload", partKept: nil) }
            let sent: [String: String]
            switch send(file, length: length, to: image, staging: false, store: store, job: job, cancel: cancel, reporter: reporter) {
            case .success(let digests): sent = digests
            case .failure(let outcome): return outcome
            }
            reporter.update(.verifying, done: length, total: length, force: true)
            return verify(imageID: image.id, sent: sent, length: length)
        case .glanceDirect(let stores):
            guard let file else { return .failed(message: "No file to upload", partKept: nil) }
            let sent: [String: String]
            guard follower != nil else { return Self.noImport(backend) }
            switch send(file, length: length, to: image, staging: true, store: nil, job: job, cancel: cancel, reporter: reporter) {
            case .success(let digests): sent = digests
            case .failure(let outcome): return outcome
            }
            guard let follower else { return Self.noImport(backend) }
            if let failed = follower.start(image.id, .glanceDirect, stores: stores, allMustSucceed: job.allStoresMustSucceed) {
                return failed
            }
            if let failed = follower.follow(image.id, targets: stores, cancel: cancel, reporter: reporter, bytes: length) { return failed }
            return verify(imageID: image.id, sent: sent, length: length)
        case .webDownload(let uri, let stores):
            guard let follower else { return Self.noImport(backend) }
            if let failed = follower.start(image.id, .webDownload(uri: uri), stores: stores, allMustSucceed: job.allStoresMustSucceed) {
                return failed
            }
            if let failed = follower.follow(image.id, targets: stores, cancel: cancel, reporter: reporter, bytes: nil) { return failed }
            let size = (try? backend.image(id: image.id).size) ?? nil
            return .completed(location: image.id, bytes: size ?? 0,
                              verification: .notChecked("the server fetched the data itself"))
        }
    }

    private enum Sent { case success([String: String]), failure(TransferOutcome) }

    /// PUT /file or /stage, again from the first byte after a dropped connection as long as
    /// the image went back to queued (Glance has no partial uploads).
    private func send(_ file: LocalFile, length: Int64, to image: Image, staging: Bool, store: String?,
                      job: UploadJob, cancel: CancellationFlag, reporter: ProgressReporter) -> Sent {
        let source = FileSource(file: file, length: length) { sent in
            reporter.update(.transferring, done: sent, total: length)
        }
        var attempt = 0
        while true {
            reporter.update(.transferring, done: 0, total: length, force: true)
            let failure: APIError
            do {
                if staging, let importer = backend as? any ImageImporter {
                    try importer.stage(id: image.id, body: source, options: job.stream, shouldContinue: { !cancel.isCancelled })
                } else {
                    try backend.upload(id: image.id, body: source, store: store, options: job.stream,
                                       shouldContinue: { !cancel.isCancelled })
                }
                return .success(source.finishDigests())
            } catch {
                failure = error
            }
            if let readError = source.readError { return .failure(.failed(message: readError.message, partKept: nil)) }
            if cancel.isCancelled { return .failure(.cancelled(partKept: nil)) }
            if failure.status == 415 {
                return .failure(.failed(message: Self.explainUnsupported(failure, image: image, file: file.path), partKept: nil))
            }
            guard failure.isRetryable else { return .failure(.failed(message: failure.userMessage, partKept: nil)) }
            attempt += 1
            guard attempt <= job.retry.maxAttempts else {
                return .failure(.failed(message: "Gave up after \(job.retry.maxAttempts) attempts: \(failure.userMessage)", partKept: nil))
            }
            reporter.update(.retrying(attempt: attempt, reason: failure.userMessage, resumeAt: 0), done: source.sent, total: length, force: true)
            pause(seconds: job.retry.delay(beforeAttempt: attempt), unless: cancel)
            if cancel.isCancelled { return .failure(.cancelled(partKept: nil)) }
            // Only a queued image takes data again; anything else means the server kept a
            // half-finished state that another upload would not fix.
            if let now = try? backend.image(id: image.id), now.status != "queued", now.status != "uploading" {
                return .failure(.failed(message: "\(failure.userMessage); the image is now \(now.status), not retrying", partKept: nil))
            }
            guard source.rewind() else { return .failure(.failed(message: "Cannot read \(file.path) again from the start", partKept: nil)) }
            reporter.resetRate()
        }
    }

    /// Compares the image's recorded checksums with the digests of the bytes sent.
    private func verify(imageID: String, sent: [String: String], length: Int64) -> TransferOutcome {
        let image: Image
        do { image = try backend.image(id: imageID) } catch {
            return .failed(message: "Uploaded, but reading the image back failed: \(error.userMessage)", partKept: nil)
        }
        var checked: [String] = []
        if let recorded = image.size, recorded != length {
            return .failed(message: "The image records \(recorded) bytes but \(length) were sent", partKept: nil)
        }
        if let recorded = image.checksum?.lowercased(), let md5 = sent["md5"] {
            guard recorded == md5 else {
                return .failed(message: Downloader.describe(.mismatch(algorithm: "md5", expected: md5, actual: recorded)), partKept: nil)
            }
            checked.append("md5")
        }
        if let algorithm = image.hashAlgorithm?.lowercased(), let recorded = image.hashValue?.lowercased(), let ours = sent[algorithm] {
            guard recorded == ours else {
                return .failed(message: Downloader.describe(.mismatch(algorithm: algorithm, expected: ours, actual: recorded)), partKept: nil)
            }
            checked.append(algorithm)
        }
        let verification: Verification = checked.isEmpty ? .notChecked("the image records no checksum yet") : .verified(checked)
        return .completed(location: image.id, bytes: length, verification: verification)
    }

    private func discard(_ image: Image) -> String {
        (try? backend.delete(id: image.id)) != nil
            ? "; the image \(image.id) this upload created was deleted again"
            : "; the queued image \(image.id) this upload created is left behind"
    }

    /// What an image's status means for sending its data again, as after an interrupted upload.
    static func whyNotQueued(_ status: String) -> String {
        switch status {
        case "saving": " (Glance is still taking, or has not yet given up on, an earlier upload's data; it puts the image back to queued when it does — try again in a moment)"
        case "active": " (it already has its data: an earlier upload finished)"
        case "uploading", "importing": " (an import is under way; the server carries on by itself)"
        default: ""
        }
    }

    static func noImport(_ backend: any ImageBackend) -> TransferOutcome {
        .failed(message: "Importing (glance-direct, web-download) is not available through \(backend.api.longName)", partKept: nil)
    }

    /// Glance answers 415 when the bytes do not look like the declared disk_format.
    static func explainUnsupported(_ error: APIError, image: Image, file: String) -> String {
        let declared = image.diskFormat ?? "?"
        var text = "The server refused the data as not disk_format \(declared)"
        if case .http(_, let message, _) = error {
            // Glance prefixes its reason with webob's generic "media type not supported" sentence.
            let reason = message.replacingOccurrences(
                of: "The request media type application/octet-stream is not supported by this server.", with: "")
                .trimmingCharacters(in: .whitespaces)
            if !reason.isEmpty { text += " (Glance: \"\(reason)\")" }
        }
        if let guess = try? FormatSample.detect(file).guess {
            if guess.diskFormat != declared {
                text += ". The file looks like \(guess.diskFormat) (\(guess.evidence)); upload it as \(guess.diskFormat)"
            }
        }
        return text
    }
}
