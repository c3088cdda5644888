import ArgumentParser
import Foundation
import GlanceAPI
import GlanceApp
import GlanceCore
import Synchronization

/// `glance-tui batch`: one write over the images a filter lists (or those named), as the
/// browser's `:` write commands do — each image read again and checked before it is written,
/// a few at a time, every write in the audit log. For scripts and cron jobs.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Write to many images at once: tag, set, unset, hide, protect, deactivate, visibility, share, accept, delete…",
        discussion: """
        The write is a browser command: tag +T -U, set k=v…, unset k…, hide, unhide, protect, unprotect, \
        deactivate, reactivate, visibility V, share PROJECT, unshare PROJECT, accept, reject, delete. \
        Exit status 0 when every image was written or had nothing to do, 1 when any failed or conflicted.
        """)

    @OptionGroup var cloud: CloudOptions
    @Option(name: .customLong("filter"), help: "The images: those this filter lists (as :filter takes it).")
    var filter: String?
    @Option(name: .customLong("image"), help: "An image id (repeatable), instead of or besides --filter.")
    var images: [String] = []
    @Option(name: .customLong("concurrency"), help: "Images written at once (default: batch_concurrency of the settings, else 4).")
    var concurrency: Int?
    @Flag(name: .customLong("dry-run"), help: "Print what would be written and skipped; send nothing.")
    var dryRun = false
    @Flag(name: .customLong("yes"), help: "Confirm a delete (there is no undo).")
    var yes = false
    @Argument(parsing: .captureForPassthrough, help: "The write, e.g. tag +release")
    var command: [String] = []

    func run() throws {
        try runReportingFailures("batch") {
            // "--" ends the options where a write's words start with "-" (tag -- -old); it is
            // not a word of the write.
            let words = command.filter { $0 != "--" }
            guard let verb = words.first else { throw CLIFailure.usage("name the write: " + WriteCommands.verbs.joined(separator: ", ")) }
            let write: ImageWrite
            do {
                guard let parsed = try WriteCommands.parse(verb: verb, words: Array(words.dropFirst())) else {
                    throw CLIFailure.usage("\(verb) is not a write (" + WriteCommands.verbs.joined(separator: ", ") + ")")
                }
                write = parsed
            } catch let error as CommandError {
                throw CLIFailure.usage(error.message)
            }
            guard filter != nil || !images.isEmpty else {
                throw CLIFailure.usage("name the images with --filter or --image (a batch never means every image by default)")
            }
            if write == .delete, !dryRun, !yes { throw CLIFailure.usage("a delete cannot be undone: add --yes, or look first with --dry-run") }
            let signedIn = try cloud.signedIn()
            let session = try signedIn.currentSession()
            if !dryRun { _ = try signedIn.capable((any ImageGetter).self, write.capability) }
            let targets = try BatchTargets.collect(filter: filter, ids: images, backend: signedIn.backend, session: session)
            let writer = ImageWrite.Writer(session)
            let plan = targets.map { image in (image, write.skipReason(for: image, by: writer)) }
            let items = plan.filter { $0.1 == nil }.map { BatchItem(write, on: $0.0) }
            print("\(write.summary): \(items.count) of \(targets.count) image\(targets.count == 1 ? "" : "s")")
            for (image, reason) in plan {
                if let reason { print("skip      \(BatchTargets.label(image)): \(reason)") } else if dryRun { print("would     \(BatchTargets.label(image))") }
            }
            guard !dryRun, !items.isEmpty else { return }
            let failed = try execute(items, write: write, signedIn: signedIn, session: session, writer: writer)
            if failed > 0 { throw CLIFailure.failed("\(failed) image\(failed == 1 ? "" : "s") not written") }
        }
    }

    /// Runs the batch, printing each image as it ends and logging each write; the failures.
    private func execute(_ items: [BatchItem], write: ImageWrite, signedIn: LiveCloud, session: SessionInfo,
                         writer: ImageWrite.Writer) throws -> Int {
        let names = Dictionary(items.map { ($0.imageID, $0.name) }, uniquingKeysWith: { a, _ in a })
        let audit = AuditLog(path: AuditLog.defaultPath())
        let counts = Mutex<[String: Int]>([:])
        let auditProblem = Mutex<String?>(nil)
        let settings = try? Settings.load(cloud.configFile)
        let runner = BatchRunner(backend: signedIn.backend, writer: writer,
                                 concurrency: concurrency ?? settings?.batchConcurrency ?? 4)
        let cancel = CancellationFlag()
        runner.run(items, cancel: cancel) { id, outcome, requests in
            let record = WriteRecord(write, imageID: id, imageName: names[id] ?? "", outcome: outcome, requests: requests,
                                     session: session, time: Date())
            if let problem = audit.append(record) { auditProblem.withLock { $0 = $0 ?? problem } }
            let word = record.result.split(separator: ":").first.map(String.init) ?? record.result
            counts.withLock { $0[word, default: 0] += 1 }
            let line = "\(word.padding(toLength: 9, withPad: " ", startingAt: 0)) \(TerminalSafe.line(names[id] ?? "")) (\(id))"
                + (record.result.contains(":") ? ": " + TerminalSafe.line(String(record.result.drop { $0 != ":" }.dropFirst(2))) : "")
            print(line)
        }
        let c = counts.withLock { $0 }
        print(["done", "skipped", "conflict", "failed", "cancelled"].map { "\(c[$0] ?? 0) \($0)" }.joined(separator: ", "))
        if let problem = auditProblem.withLock({ $0 }) { FileHandle.standardError.write(Data("glance-tui batch: audit log: \(problem)\n".utf8)) }
        return (c["conflict"] ?? 0) + (c["failed"] ?? 0) + (c["cancelled"] ?? 0)
    }
}

/// The images a batch names: a filter's listing (every page) and ids, each once.
enum BatchTargets {
    /// An empty filter lists every image.
    static func collect(filter: String?, ids: [String], backend: any BrowsingBackend, session: SessionInfo) throws -> [Image] {
        var found: [Image] = []
        if let filter {
            let query: ImageQuery
            do { query = try FilterParser.parse(filter) } catch { throw CLIFailure.usage("--filter: \(error.message)") }
            let plan = session.querySupport.plan(query)
            if let refusal = plan.refusal { throw CLIFailure.usage(refusal) }
            do throws(APIError) { found = try backend.listAll(plan.server) } catch { throw CLIFailure.failed(error.userMessage) }
            if !plan.local.isEmpty { found = found.filter(plan.local.matches) }
        }
        for id in ids where !found.contains(where: { $0.id == id }) {
            do { found.append(try backend.image(id: id)) } catch { throw CLIFailure.failed("\(id): \(error.userMessage)") }
        }
        return found
    }

    static func label(_ image: Image) -> String {
        "\(TerminalSafe.line(image.displayName.isEmpty ? "(no name)" : image.displayName)) (\(image.id))"
    }
}
