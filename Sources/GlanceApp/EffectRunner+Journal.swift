import Foundation
import GlanceAPI
import GlanceCore
import GlanceTransfer

/// Transfers run with their journal entry kept in step: written as they start, as bytes move
/// (throttled), and as they end, so that a run killed mid-transfer leaves enough to resume.
extension EffectRunner {
    /// `resuming`: the journal entry of an interrupted transfer to take over, instead of a new one.
    func runTransfer(_ id: TransferID, _ request: TransferRequest, resuming journalID: String?, on cloud: any Cloud) {
        let flag = CancellationFlag()
        transferFlags.withLock { $0[id] = flag }
        transfersRunning.enter()
        transferQueue.async { [self] in
            defer { transfersRunning.leave() }
            let recorder: JournalRecorder?
            switch makeRecorder(for: request, resuming: journalID, session: cloud.session) {
            case .success(let made): recorder = made
            case .failure(let refusal):
                transferFlags.withLock { $0[id] = nil }
                post(.transferFinished(id, .failed(message: "Not resumed: " + refusal.message, partKept: nil)))
                return
            }
            // `--low-bandwidth`: the screen hears of progress once a second; the journal keeps its own pace.
            let gate = ProgressGate(interval: progressInterval)
            // Said as soon as the start could not be written, not only when the transfer ends.
            if let problem = recorder?.problem { sayJournalProblem(problem) }
            let result = Transfers.run(request.limited(by: transferLimits), cloud: cloud, cancel: flag,
                                       progress: { [post] progress in
                                           recorder?.progressed(progress)
                                           if gate.admits(progress) { post(.transferProgressed(id, progress)) }
                                       },
                                       created: { [post] image in
                                           recorder?.imageKnown(image)
                                           post(.uploadImageCreated(id, image))
                                       },
                                       described: { image in recorder?.imageKnown(image) })
            transferFlags.withLock { $0[id] = nil }
            switch result {
            case .success(let outcome):
                recorder?.ended(outcome, interrupted: flag.isInterrupted)
                post(.transferFinished(id, outcome))
            case .failure(let refusal):
                // A new transfer that never started leaves no trace; a resumed one says why it stopped.
                if journalID == nil { recorder?.withdrawn() } else { recorder?.ended(.failed(message: refusal.message, partKept: nil), interrupted: false) }
                post(.transferRefused(id, refusal))
            }
            if let problem = recorder?.problem { sayJournalProblem(problem) }
        }
    }

    /// A journal that cannot be written is said once: the transfers go on without it.
    private func sayJournalProblem(_ problem: String) {
        guard !journalProblemSaid.withLock({ let was = $0; $0 = true; return was }) else { return }
        post(.journalWriteFailed(problem))
    }

    private func makeRecorder(for request: TransferRequest, resuming journalID: String?, session: SessionInfo?) -> Result<JournalRecorder?, TransferJournal.Failure> {
        guard let journal else { return .success(nil) }
        if let journalID {
            return journal.claim(journalID).map { JournalRecorder(journal: journal, entry: $0) }
        }
        return .success(journal.begin(request, title: Self.provisionalName(request), session: session))
    }

    /// The name the entry carries until the engine reads the image: the new image's name, the
    /// file's, or the image's id.
    static func provisionalName(_ request: TransferRequest) -> String {
        switch request {
        case .download(let job): return job.imageID
        case .copy(let imageID, _): return imageID
        case .upload(let job):
            if case .newImage(let fields) = job.target, case .string(let name)? = fields["name"] { return name }
            return job.file.map { ($0 as NSString).lastPathComponent } ?? "upload"
        }
    }

    /// The unfinished transfers of earlier runs, after dropping old finished ones.
    func readJournal() {
        guard let journal else { return }
        background(nil) { () -> Msg in
            let reading = journal.read()
            journal.prune(reading.entries)
            return .journalRead(TransferJournal.interrupted(reading.entries), problems: reading.problems)
        }
    }
}
