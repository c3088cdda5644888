import ArgumentParser
import Foundation
import GlanceAPI
import GlanceApp
import GlanceCore
import GlanceTransfer

/// `glance-tui transfers`: the transfer journal, in the openstack CLI's shapes.
struct TransfersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfers",
        abstract: "List the transfer journal: every recent download and upload, and those left interrupted.",
        discussion: """
        The journal is kept under $XDG_STATE_HOME/glance-tui/transfers (default ~/.local/state/glance-tui/transfers). \
        A transfer whose program was killed shows as interrupted; `glance-tui resume ID` or R in the browser's \
        transfers pane takes it up. A journal file that cannot be read is set aside and said on stderr.
        """)

    static let columns = ["ID", "State", "Kind", "Name", "Image ID", "Cloud", "Project", "Region", "Done", "Size", "Path",
                          "Updated", "PID"]
    static let shortColumns = ["ID", "State", "Kind", "Name", "Cloud", "Done", "Size", "Path"]

    @Option(name: [.customShort("f"), .customLong("format")], help: "table, json, csv, yaml or value")
    var format = "table"
    @Option(name: [.customShort("c"), .customLong("column")], help: "Only this column (repeatable): \(columns.joined(separator: ", ")).")
    var pick: [String] = []
    @Flag(name: .customLong("long"), help: "Every column.")
    var long = false

    func run() throws {
        try runReportingFailures("transfers") {
            guard let output = OutputFormat(rawValue: format) else { throw CLIFailure.usage("-f takes table, json, csv, yaml or value") }
            for name in pick where !Self.columns.contains(name) {
                throw CLIFailure.usage("-c \(name): no such column (\(Self.columns.joined(separator: ", ")))")
            }
            var seen = Set<String>()
            let headers = pick.isEmpty ? (long || output != .table ? Self.columns : Self.shortColumns) : pick.filter { seen.insert($0).inserted }
            let reading = CLIJournal.journal.read()
            JournalReport.problems(reading.problems, command: "transfers")
            let interrupted = Set(TransferJournal.interrupted(reading.entries).map(\.id))
            let rows = reading.entries.map { entry in
                headers.map { Self.value($0, of: entry, interrupted: interrupted.contains(entry.id)) }
            }
            FileHandle.standardOutput.write(Data(ListCommand.safe(output.list(headers, rows), output).utf8))
        }
    }

    static func value(_ column: String, of entry: JournalEntry, interrupted: Bool) -> JSONValue {
        func text(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
        switch column {
        case "ID": return .string(entry.id)
        case "State": return .string(interrupted ? JournalEntry.State.interrupted.rawValue : entry.state.rawValue)
        case "Kind": return .string(entry.kind.rawValue)
        case "Name": return .string(entry.imageName)
        case "Image ID": return text(entry.imageID)
        case "Cloud": return .string(entry.cloud)
        case "Project": return text(entry.project)
        case "Region": return text(entry.region)
        case "Done": return .number(Double(entry.bytesDone))
        case "Size": return entry.size.map { .number(Double($0)) } ?? .null
        case "Path": return text(entry.path)
        case "Updated": return .string(ISO8601DateFormatter().string(from: entry.updated))
        case "PID": return .number(Double(entry.owner.pid))
        default: return .null
        }
    }
}

/// `glance-tui resume [ID | --all]`: interrupted transfers taken up without the browser, each
/// signed in to the cloud it belongs to (by its name in clouds.yaml), with plain progress lines
/// when stderr is not a terminal, for nohup and logs.
struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Resume interrupted transfers from the journal (a download from its .part, an upload into its queued image).",
        discussion: """
        Each transfer signs in to the cloud it was started on, by its name in clouds.yaml. A download resumes \
        from its .part and is verified as usual; an upload is sent again from the start into the image it \
        created, which Glance accepts only while the image is queued (after a killed upload Glance puts it back \
        to queued; saving or active ones cannot take data again). Exits 1 if any failed.
        """)

    @OptionGroup var transfer: TransferOptions
    @Argument(help: "The transfer's id (glance-tui transfers lists them).")
    var id: String?
    @Flag(name: .customLong("all"), help: "Every interrupted transfer.")
    var all = false
    @Option(name: .customLong("config"), help: "glance-tui's settings file (read_only per cloud).")
    var configFile: String?

    func run() throws {
        try runReportingFailures("resume") {
            let journal = CLIJournal.journal
            let reading = journal.read()
            JournalReport.problems(reading.problems, command: "resume")
            let interrupted = TransferJournal.interrupted(reading.entries)
            let chosen: [JournalEntry]
            switch (id, all) {
            case (nil, false), (.some, true):
                let ids = interrupted.map(\.id)
                throw CLIFailure.usage("give one transfer's id or --all" + (ids.isEmpty ? " (none is interrupted)" : " (interrupted: \(ids.joined(separator: ", ")))"))
            case (nil, true):
                chosen = interrupted
                if chosen.isEmpty { FileHandle.standardError.write(Data("glance-tui resume: no interrupted transfer\n".utf8)) }
            case (let id?, false):
                guard let entry = interrupted.first(where: { $0.id == id }) else {
                    if let other = reading.entries.first(where: { $0.id == id }) {
                        throw CLIFailure.failed("transfer \(id) is \(other.state == .running ? "running (pid \(other.owner.pid))" : other.state.rawValue); nothing to resume")
                    }
                    throw CLIFailure.failed("no transfer \(id) in the journal (glance-tui transfers lists them)")
                }
                chosen = [entry]
            }
            var failed = 0
            var clouds: [String: LiveCloud] = [:]
            for entry in chosen {
                switch resume(entry, journal: journal, clouds: &clouds) {
                case .done: break
                case .failed: failed += 1
                case .interrupted(let signal):
                    throw CLIFailure.interrupted(signal: signal, "interrupted; glance-tui resume \(entry.id) takes it up again")
                }
            }
            if failed > 0 { throw CLIFailure.failed("\(failed) of \(chosen.count) not resumed") }
        }
    }

    private enum Result { case done, failed, interrupted(Int32) }

    private func resume(_ entry: JournalEntry, journal: TransferJournal, clouds: inout [String: LiveCloud]) -> Result {
        let label = "\(entry.id) \(entry.kind.rawValue) \(entry.imageName)"
        func fail(_ why: String) -> Result {
            FileHandle.standardError.write(Data("glance-tui resume: \(TerminalSafe.line(label)): \(TerminalSafe.line(why))\n".utf8))
            return .failed
        }
        guard var request = entry.resumeRequest else { return fail("the journal entry lacks what resuming needs") }
        let cloud: LiveCloud
        let place = entry.cloud + (entry.project.map { " (project \($0))" } ?? "")
        let key = [entry.cloud, entry.region ?? "", entry.project ?? ""].joined(separator: "\u{0}")
        if let known = clouds[key] {
            cloud = known
        } else {
            do {
                var arguments = ["--os-cloud", entry.cloud]
                if let region = entry.region { arguments += ["--os-region-name", region] }
                if let configFile { arguments += ["--config", configFile] }
                // A transfer made after :project (or :region) in the browser runs there again.
                cloud = try CloudOptions.parse(arguments).signedIn(project: entry.project)
            } catch let failure as CLIFailure {
                return fail("cannot sign in to \(place): \(failure.text)")
            } catch {
                return fail("cannot sign in to \(place): \(error)")
            }
            clouds[key] = cloud
        }
        if let project = entry.project, let session = cloud.session, project != session.projectName, project != session.projectID {
            return fail("it belongs to project \(project); \(entry.cloud) signed in to \(session.projectName ?? session.projectID ?? "none")")
        }
        if let region = entry.region, let current = cloud.session?.region, region != current {
            return fail("it belongs to region \(region); \(entry.cloud) signed in to \(current)")
        }
        let stream: StreamOptions
        do { stream = try transfer.streamOptions() } catch { return fail("\(error)") }
        switch request {
        case .download(var job): job.stream = stream; job.retry = transfer.retryPolicy; request = .download(job)
        case .upload(var job): job.stream = stream; job.retry = transfer.retryPolicy; request = .upload(job)
        case .copy: break
        }
        let recorder: JournalRecorder
        switch journal.claim(entry.id) {
        case .success(let claimed): recorder = JournalRecorder(journal: journal, entry: claimed)
        case .failure(let refusal): return fail(refusal.message)
        }
        FileHandle.standardError.write(Data("resuming \(TerminalSafe.line(label)) on \(TerminalSafe.line(place))\n".utf8))
        let (outcome, signal) = TransferRun.run(label: entry.imageName, journal: recorder) { cancel, progress in
            Self.perform(request, cloud: cloud, cancel: cancel, progress: progress, recorder: recorder)
        }
        switch outcome {
        case .completed: return .done
        case .failed(let message, _): return fail(message)
        case .cancelled: return .interrupted(signal ?? SIGINT)
        }
    }

    private static func perform(_ request: TransferRequest, cloud: LiveCloud, cancel: CancellationFlag, progress: CLIProgress,
                                recorder: JournalRecorder) -> TransferOutcome {
        do throws(APIError) {
            switch request {
            case .download(let job):
                let backend = try cloud.require((any ImageGetter & ImageDownloader).self, .download)
                do throws(DownloadRefusal) {
                    return try Downloader(backend: backend).run(job, cancel: cancel, progress: progress.show, described: recorder.imageKnown)
                } catch {
                    return .failed(message: error.message, partKept: nil)
                }
            case .upload(let job):
                let backend = try cloud.require((any Uploader.Backend).self, .upload)
                return Uploader(backend: backend).run(job, cancel: cancel, progress: progress.show, created: recorder.imageKnown)
            case .copy(let imageID, let stores):
                let backend = try cloud.require((any ImageGetter & ImageImporter).self, .importData)
                return ImportFollower(backend: backend).copy(imageID: imageID, to: stores, cancel: cancel, progress: progress.show)
            }
        } catch {
            return .failed(message: error.userMessage, partKept: nil)
        }
    }
}

enum JournalReport {
    /// Each journal file set aside, on stderr: reported, never a crash.
    static func problems(_ problems: [String], command: String) {
        for problem in problems {
            FileHandle.standardError.write(Data("glance-tui \(command): transfer journal: \(TerminalSafe.line(problem))\n".utf8))
        }
    }
}
