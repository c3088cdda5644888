import ArgumentParser
import Foundation
import GlanceAPI
import GlanceApp
import GlanceCore
import GlanceTransfer
import TerminalKit

/// Options every transferring command shares.
struct TransferOptions: ParsableArguments {
    @Option(name: .customLong("limit-rate"), help: "Cap the transfer rate, in bytes per second (suffixes K, M, G).")
    var limitRate: String?
    @Option(name: .customLong("retries"), help: "Attempts after a dropped connection before giving up.")
    var retries = 8

    func streamOptions() throws -> StreamOptions {
        guard let text = limitRate else { return StreamOptions() }
        guard let rate = ByteCount.parse(text), rate > 0 else {
            throw CLIFailure.usage("--limit-rate \(text) is not a rate; use bytes per second like 500K or 20M")
        }
        return StreamOptions(maxBytesPerSecond: rate)
    }

    var retryPolicy: RetryPolicy { RetryPolicy(maxAttempts: max(0, retries)) }
}

enum ByteCount {
    /// "500", "500K", "20M", "1G" (binary multiples, as curl's --limit-rate).
    static func parse(_ text: String) -> Int64? {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [Character: Int64] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        if let last = t.last, let unit = units[last] { return Int64(t.dropLast()).map { $0 * unit } }
        return Int64(t)
    }
}

/// Runs a transfer on a background thread while the main thread waits for it or a signal,
/// and turns its outcome into output and an exit status.
enum TransferRun {
    /// `journal` keeps the transfer's entry in step; a signal leaves a download's entry
    /// interrupted (its `.part` kept, `glance-tui resume` takes it up), while an upload, which
    /// deletes the image it created when interrupted, is recorded as cancelled.
    static func perform(label: String, command: String, journal: JournalRecorder? = nil,
                        body: (CancellationFlag, CLIProgress) -> TransferOutcome) throws {
        let (outcome, signal) = run(label: label, journal: journal, body: body)
        switch outcome {
        case .completed: break
        case .failed(let message, _):
            throw CLIFailure.failed(message)
        case .cancelled(let part):
            let later = journal.map { " (or glance-tui resume \($0.entry.id))" } ?? ""
            let kept = part.map { "; \($0) is kept, run the same command again to resume" + later } ?? ""
            throw CLIFailure.interrupted(signal: signal ?? SIGINT, "interrupted" + kept)
        }
    }

    /// Runs one transfer to its end, printing its progress and its result line; the outcome
    /// and the signal that interrupted it, if one did.
    static func run(label: String, journal: JournalRecorder?, body: (CancellationFlag, CLIProgress) -> TransferOutcome)
        -> (TransferOutcome, Int32?) {
        DisplayWidth.ensureUTF8Locale()
        // A file-size limit (ulimit -f) then fails the write with EFBIG, reported as such.
        signal(SIGXFSZ, SIG_IGN)
        let cancel = CancellationFlag()
        let watch = InterruptWatch { cancel.cancel() }
        let progress = CLIProgress(label: label)
        progress.observer = journal.map { recorder in { recorder.progressed($0) } }
        let outcome = body(cancel, progress)
        journal?.ended(outcome, interrupted: watch.received != nil && journal?.entry.kind == .download)
        switch outcome {
        case .completed(let location, let bytes, let verification):
            progress.finish("\(TerminalSafe.line(location)): \(ByteFormat.human(bytes)), \(TransferText.verification(verification))")
        case .failed, .cancelled:
            progress.finish("")
        }
        if let problem = journal?.problem { progress.note("note: the transfer journal was not written: \(problem)") }
        return (outcome, watch.received)
    }
}

/// The journal as the one-shot commands keep it: the browser's, under the state directory.
enum CLIJournal {
    static var journal: TransferJournal { TransferJournal(directory: TransferJournal.defaultDirectory()) }

    /// A new entry for `request`, written as it starts; a download to a file an interrupted one
    /// was writing takes that entry over ("run the same command again to resume").
    static func start(_ request: TransferRequest, title: String, session: SessionInfo?) -> JournalRecorder {
        journal.begin(request, title: title, session: session)
    }
}

struct DownloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "download",
        abstract: "Download an image's data, verified, resuming a partial download.",
        discussion: """
        Writes FILE.part and renames it to FILE only when every byte matches the image's \
        checksum and secure hash. Run the same command again after an interruption to resume.
        """)

    @OptionGroup var cloud: CloudOptions
    @OptionGroup var transfer: TransferOptions
    @Argument(help: "Image id or exact name.")
    var image: String
    @Option(name: [.customShort("f"), .customLong("file")], help: "Where to write (default: the image's name, in this directory).")
    var file: String?
    @Flag(name: .customLong("force"), help: "Overwrite FILE if it exists.")
    var force = false

    func run() throws {
        try runReportingFailures("download") {
            let stream = try transfer.streamOptions()
            let signedIn = try cloud.signedIn()
            let backend = try signedIn.capable((any ImageGetter & ImageDownloader).self, .download)
            let found = try ImageLookup.find(image, backend: signedIn.backend)
            let destination = file ?? DownloadName.suggested(for: found)
            let job = DownloadJob(imageID: found.id, destination: destination, overwrite: force,
                                  stream: stream, retry: transfer.retryPolicy)
            let downloader = Downloader(backend: backend)
            let journal = CLIJournal.start(.download(job), title: found.displayName.isEmpty ? found.id : found.displayName,
                                           session: signedIn.session)
            try TransferRun.perform(label: destination, command: "download", journal: journal) { cancel, progress in
                do throws(DownloadRefusal) {
                    return try downloader.run(job, cancel: cancel, progress: progress.show, described: journal.imageKnown)
                } catch {
                    // Nothing moved: no trace is kept.
                    journal.withdrawn()
                    return .failed(message: error.message, partKept: nil)
                }
            }
        }
    }
}
