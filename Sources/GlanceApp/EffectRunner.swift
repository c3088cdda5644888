import Foundation
import Dispatch
import GlanceAPI
import GlanceCore
import GlanceTransfer
import Synchronization

/// Performs effects off the UI thread, each through the capability of the session's backend
/// it needs, and posts what happened back as messages.
public final class EffectRunner: Sendable {
    public static let spinnerInterval = DispatchTimeInterval.milliseconds(100)
    /// Seconds between two progress reports of a transfer at low bandwidth.
    public static let lowBandwidthProgressInterval = 1.0
    /// Makes the cloud a switch goes to (`:cloud`, `:region`, `:project`) from the current one;
    /// it is signed in by the runner, off the UI thread.
    public typealias CloudMaker = @Sendable (CloudTarget, _ current: any Cloud) throws(APIError) -> any Cloud

    /// The cloud effects start on. Each effect captures it when it starts, so work already
    /// running keeps its own cloud when a switch replaces it.
    let slot: Mutex<CloudSlot>
    let makeCloud: CloudMaker?
    let recent: RecentClouds?
    /// Vendor profiles' rules, merged into what the cloud publishes.
    private let profileRules: [PropertyRule]
    /// `--limit-rate`, for every transfer that sets none of its own.
    let transferLimits: StreamOptions
    /// At least this long between two progress reports of one transfer (0: as they come).
    let progressInterval: Double
    let post: @Sendable (Msg) -> Void
    let queue = DispatchQueue(label: "glance-tui.effects", qos: .userInitiated, attributes: .concurrent)
    /// Requests in flight, so that `.cancel` stops the transfer on the wire, not only its answer.
    private let requests = Mutex<[RequestID: CancellationFlag]>([:])
    /// Transfers run long, each on a thread of its own, apart from the short requests.
    let transferQueue = DispatchQueue(label: "glance-tui.transfers", qos: .utility, attributes: .concurrent)
    let transferFlags = Mutex<[TransferID: CancellationFlag]>([:])
    let transfersRunning = DispatchGroup()
    private let batchFlags = Mutex<[BatchID: CancellationFlag]>([:])
    /// Where every write is appended; nil keeps no audit log (tests, benchmarks).
    private let audit: AuditLog?
    private let auditProblem = Mutex<Bool>(false)
    /// Where every transfer is recorded so it outlives the program; nil keeps none (tests, benchmarks).
    let journal: TransferJournal?
    /// The journal has failed to be written and the screen was told (once a session).
    let journalProblemSaid = Mutex<Bool>(false)

    public init(cloud: any Cloud, profileRules: [PropertyRule] = [], transferLimits: StreamOptions = StreamOptions(),
                progressInterval: Double = 0, audit: AuditLog? = nil, journal: TransferJournal? = nil,
                makeCloud: CloudMaker? = nil, recent: RecentClouds? = nil, post: @escaping @Sendable (Msg) -> Void) {
        slot = Mutex(CloudSlot(cloud: cloud))
        self.progressInterval = progressInterval
        self.makeCloud = makeCloud
        self.recent = recent
        self.journal = journal
        self.audit = audit
        self.profileRules = profileRules
        self.transferLimits = transferLimits
        self.post = post
    }

    /// `.quit` and `.redrawScreen` are not work for the runner: the UI loop acts on them.
    public func run(_ effect: Effect) {
        let (cloud, generation) = slot.withLock { $0.starting }
        switch effect {
        case .signInElsewhere, .adoptCloud, .loadScopes, .rememberCloud:
            runSwitch(effect, cloud: cloud, generation: generation)
        case .signIn:
            background(generation) { [cloud] () -> Msg in
                do throws(APIError) { return .signedIn(try cloud.signIn()) } catch { return .signInFailed(error) }
            }
        case .loadImages(let id, let page):
            request(id, generation) { [cloud] () -> Msg in
                do throws(APIError) { return .imagesPageLoaded(id, try cloud.backend.listImages(page)) } catch {
                    return .imagesPageFailed(id, error)
                }
            }
        case .loadImage(let id, let imageID):
            request(id, generation) { [cloud] () -> Msg in
                do throws(APIError) { return .imageLoaded(id, try cloud.backend.image(id: imageID)) } catch {
                    return .imageLoadFailed(id, error)
                }
            }
        case .loadRules:
            background(generation) { [cloud, profileRules] () -> Msg? in
                // Without rules the editor falls back to the Image API's basic ones.
                guard let source = cloud.backend as? any PropertyRuleSource else {
                    return .rulesLoaded(Self.offlineRules(profiles: profileRules))
                }
                return (try? source.propertyRules(profiles: profileRules)).map(Msg.rulesLoaded)
            }
        case .patchImage(let id, let imageID, let operations):
            queue.async { [self, cloud] in
                // The editor's save is a write like any other: in the command log and the audit log.
                let (result, requests) = RequestTrail.record { () -> Result<Image, APIError> in
                    do throws(APIError) {
                        return .success(try cloud.require((any PropertyPatcher).self, .edit).patch(id: imageID, operations))
                    } catch {
                        return .failure(error)
                    }
                }
                if let session = cloud.session {
                    let image = (try? result.get()) ?? Image(id: imageID)
                    let (ok, text): (Bool, String) = switch result {
                    case .success: (true, "done")
                    case .failure(let error): (false, "failed: " + error.userMessage)
                    }
                    post(.writeRecorded(WriteRecord(patch: operations, image: image, ok: ok, result: text, requests: requests,
                                                    session: session, time: Date())))
                }
                switch result {
                case .success(let image): postFresh(generation, .imagePatched(id, image))
                case .failure(let error): postFresh(generation, .imagePatchFailed(id, error))
                }
            }
        case .createImage(let id, let fields):
            background(generation) { [cloud] () -> Msg in
                do throws(APIError) {
                    return .imageCreated(id, try cloud.require((any ImageCreator).self, .create).create(fields))
                } catch {
                    return .imagePatchFailed(id, error)
                }
            }
        case .loadMembers(let id, let imageID):
            request(id, generation) { [cloud] () -> Msg in
                do throws(APIError) {
                    return .membersLoaded(id, try cloud.require((any MemberManager).self, .members).members(of: imageID))
                } catch {
                    return .membersLoadFailed(id, error)
                }
            }
        case .countSharedImages(let id, let project):
            request(id, generation) { [cloud] () -> Msg? in
                // Counts are a courtesy in the header: a failure leaves them out.
                (try? cloud.require((any MemberManager).self, .members).countShared(with: project))
                    .map { .sharedCountsLoaded(id, $0) }
            }
        case .performAction(let id, let action, let seen):
            queue.async { [self] in
                let (result, requests) = RequestTrail.record { performSingle(action, seen: seen, on: cloud) }
                if let session = cloud.session {
                    let outcome: BatchOutcome = switch result {
                    case .success(let before): .done(before: before ?? Image(id: action.imageID))
                    case .failure(let error): .failed(error.userMessage)
                    }
                    post(.writeRecorded(WriteRecord(action.write, imageID: action.imageID, imageName: action.imageName, outcome: outcome,
                                                    requests: requests, session: session, time: Date())))
                }
                // The command log above names the cloud written to; the undo and the list
                // belong to that cloud and are dropped once the browser has left it.
                switch result {
                case .success(let before):
                    if let before, action.write.isUndoable {
                        postFresh(generation, .singleWriteDone(action.write, imageID: action.imageID, name: action.imageName, before: before))
                    }
                    postFresh(generation, .imageActionDone(id, action))
                case .failure(let error): postFresh(generation, .imageActionFailed(id, action, error))
                }
            }
        case .lintImages(let id, let query, let ids, let settings):
            request(id, generation) { [cloud, profileRules] () -> Msg in
                do throws(APIError) {
                    return .lintFinished(id, .success(try LintRun.run(backend: cloud.backend, query: query, ids: ids, settings: settings,
                                                                       profiles: profileRules)))
                } catch {
                    return .lintFinished(id, .failure(error))
                }
            }
        case .loadTasks(let id, let imageID, let query):
            request(id, generation) { [cloud] () -> Msg in
                .tasksLoaded(id, Result { () throws(APIError) -> [GlanceTask] in
                    let reader = try cloud.require((any TaskReader).self, .tasks)
                    if let imageID { return try reader.tasks(ofImage: imageID) }
                    return try Self.allTasks(reader, query)
                }, at: Date())
            }
        case .writeExport(let path, let text, let rows, let overwrite):
            // The file is written whichever cloud the browser is on by then, so it is said.
            background(nil) { () -> Msg in
                let expanded = (path as NSString).expandingTildeInPath
                if !overwrite, FileManager.default.fileExists(atPath: expanded) { return .exported(path: path, rows: rows, .exists) }
                do {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: expanded), options: .atomic)
                    return .exported(path: path, rows: rows, nil)
                } catch {
                    return .exported(path: path, rows: rows, .failed((error as NSError).localizedDescription))
                }
            }
        case .loadImageTasks(let id, let imageID):
            request(id, generation) { [cloud] () -> Msg in
                .imageTasksLoaded(id, Result { () throws(APIError) -> [GlanceTask] in
                    try cloud.require((any TaskReader).self, .tasks).tasks(ofImage: imageID)
                })
            }
        case .loadTask(let id, let taskID):
            request(id, generation) { [cloud] () -> Msg in
                .taskLoaded(id, Result { () throws(APIError) -> GlanceTask in try cloud.require((any TaskReader).self, .tasks).task(id: taskID) })
            }
        case .loadCache(let id):
            request(id, generation) { [cloud] () -> Msg in
                .cacheLoaded(id, Result { () throws(APIError) -> ImageCacheState in
                    try cloud.require((any CacheReader).self, .cache).cacheState()
                }, at: Date())
            }
        case .clearCache(let id, let target):
            request(id, generation) { [cloud] () -> Msg in
                do throws(APIError) {
                    try cloud.require((any CacheManager).self, .manageCache).clearCache(target)
                    return .cacheCleared(id, target, nil)
                } catch {
                    return .cacheCleared(id, target, error)
                }
            }
        case .loadUsage:
            background(generation) { [cloud] () -> Msg in
                do throws(APIError) { return .usageLoaded(.success(try cloud.require((any UsageReader).self, .usage).usage())) } catch {
                    return .usageLoaded(.failure(error))
                }
            }
        case .loadStores(let id):
            request(id, generation) { [cloud] () -> Msg in
                do throws(APIError) {
                    return .storesLoaded(id, .success(try cloud.require((any StoreLister).self, .stores).storeListing()))
                } catch {
                    return .storesLoaded(id, .failure(error))
                }
            }
        case .countUse(let id, let images):
            request(id, generation) { [cloud] () -> Msg in .useCounted(id, cloud.serverUsage(of: images)) }
        case .loadUsedBy(let id, let imageID):
            request(id, generation) { [cloud] () -> Msg in
                do throws(APIError) { return .usedByLoaded(id, .success(try cloud.serverUsage().servers(usingImage: imageID))) } catch {
                    return .usedByLoaded(id, .failure(error))
                }
            }
        case .countServers(let id, let images):
            request(id, generation) { [cloud] () -> Msg in .serversCounted(id, cloud.serverUsage(of: images), ids: images.map(\.id)) }
        case .checkRetirement(let id, let query, let ids):
            request(id, generation) { [cloud] () -> Msg in
                do throws(APIError) {
                    let images = try cloud.backend.listAll(query, keeping: ids)
                    return .retirementChecked(id, .success(RetireState.Facts(images: images, usage: cloud.serverUsage(of: images))), at: Date())
                } catch {
                    return .retirementChecked(id, .failure(error), at: Date())
                }
            }
        case .runBatch(let id, let items, let concurrency, let writer):
            let flag = CancellationFlag()
            batchFlags.withLock { $0[id] = flag }
            transfersRunning.enter()
            transferQueue.async { [self] in
                defer { transfersRunning.leave() }
                runBatch(id, items, concurrency: concurrency, writer: writer, cancel: flag, on: cloud)
                batchFlags.withLock { $0[id] = nil }
                post(.batchFinished(id))
            }
        case .cancelBatch(let id):
            batchFlags.withLock { $0[id] }?.cancel()
        case .appendAudit(let record):
            guard let audit else { break }
            queue.async { [self] in
                // Said once: a log that cannot be written does not stop the writes.
                if let problem = audit.append(record), !auditProblem.withLock({ let was = $0; $0 = true; return was }) {
                    post(.auditLogFailed(problem))
                }
            }
        case .startTransfer(let id, let request):
            runTransfer(id, request, resuming: nil, on: cloud)
        case .resumeTransfer(let id, let journalID, let request):
            runTransfer(id, request, resuming: journalID, on: cloud)
        case .readJournal:
            readJournal()
        case .dismissJournalEntry(let journalID):
            journal?.remove(journalID)
        case .cancelTransfer(let id):
            transferFlags.withLock { $0[id] }?.cancel()
        case .inspectUploadFile(let path):
            background(generation) { () -> Msg in
                do throws(LocalFileError) {
                    let sample = try FormatSample.detect(path)
                    return .uploadFileInspected(path: path, size: sample.size, sample.guess)
                } catch {
                    return .uploadFileUnreadable(path: path, reason: error.message)
                }
            }
        case .loadImportOptions:
            background(generation) { [cloud] () -> Msg? in
                // Without them the prompts offer the direct upload and the default store only.
                (try? cloud.require((any ImageImporter).self, .importData).importOptions()).map(Msg.importOptionsLoaded)
            }
        case .cancel(let id):
            requests.withLock { $0[id] }?.cancel()
        case .scheduleSpinnerTick:
            queue.asyncAfter(deadline: .now() + Self.spinnerInterval) { [post] in post(.spinnerTicked) }
        case .quit, .redrawScreen, .copyToClipboard:
            break
        }
    }


    /// Cancels every running transfer and batch and waits up to `seconds` for them to close
    /// their files and finish the image a batch is writing, so quitting leaves things tidy.
    /// Transfers still running are interrupted, not cancelled: the journal keeps them to resume
    /// (an upload keeps the image it created); those the user cancelled are already cancelled.
    public func cancelTransfersAndWait(seconds: Double) {
        for flag in transferFlags.withLock({ Array($0.values) }) { flag.interrupt() }
        for flag in batchFlags.withLock({ Array($0.values) }) { flag.cancel() }
        _ = transfersRunning.wait(timeout: .now() + seconds)
    }

    /// One write, through the guard every batch item passes when the copy the user saw is
    /// known: read again, compared, then written. The image as it was before, for undo.
    private func performSingle(_ action: ImageAction, seen: Image?, on cloud: any Cloud) -> Result<Image?, APIError> {
        // Lifting protection and deleting is two writes in order; it needs no guard beyond the
        // question the user answered.
        guard let seen, action.write != .delete || !(seen.isProtected ?? false), !isUnprotectAndDelete(action) else {
            do throws(APIError) { try action.perform(on: cloud); return .success(nil) } catch { return .failure(error) }
        }
        if let refusal = cloud.refusal(action.write.capability) { return .failure(refusal) }
        let session = cloud.session
        let writer = ImageWrite.Writer(session)
        let runner = BatchRunner(backend: cloud.backend, writer: writer, concurrency: 1)
        switch runner.write(BatchItem(action.write, on: seen), CancellationFlag(), planned: false) {
        case .written(let before): return .success(before)
        case .refused(let error): return .failure(error)
        case .notWritten(.conflict(let what)):
            return .failure(.configuration("Not sent: someone changed it meanwhile (" + what.joined(separator: "; ") + "); theirs is kept"))
        case .notWritten(.skipped(let why)): return .failure(.configuration("Not sent: " + why))
        case .notWritten(let other): return .failure(.configuration("Not sent: \(other)"))
        }
    }

    private func isUnprotectAndDelete(_ action: ImageAction) -> Bool {
        if case .unprotectAndDelete = action { true } else { false }
    }

    private func runBatch(_ id: BatchID, _ items: [BatchItem], concurrency: Int, writer: ImageWrite.Writer,
                          cancel: CancellationFlag, on cloud: any Cloud) {
        let write = items.first?.write
        // The runner refuses what the session may not write, the same way every write is refused.
        if let write, let refusal = cloud.refusal(write.capability) {
            for item in items {
                post(.batchItemFinished(id, imageID: item.imageID, .failed(refusal.userMessage), requests: [], at: Date()))
            }
            return
        }
        BatchRunner(backend: cloud.backend, writer: writer, concurrency: concurrency).run(items, cancel: cancel) { [post] imageID, outcome, requests in
            post(.batchItemFinished(id, imageID: imageID, outcome, requests: requests, at: Date()))
        }
    }

    /// Work whose answer is wanted only while the browser is on the cloud it started on
    /// (`generation`); nil: wanted whatever the cloud.
    func background(_ generation: Int?, _ work: @escaping @Sendable () -> Msg?) {
        queue.async { [self] in
            guard let msg = work() else { return }
            if let generation { postFresh(generation, msg) } else { post(msg) }
        }
    }

    /// Work that `.cancel(id)` can stop: the transport polls the flag while the request runs,
    /// and the answer to a cancelled request is dropped here rather than decoded for nobody.
    private func request(_ id: RequestID, _ generation: Int, _ work: @escaping @Sendable () -> Msg?) {
        let flag = CancellationFlag()
        requests.withLock { $0[id] = flag }
        queue.async { [self] in
            let msg = CancellationScope.run(flag) { work() }
            requests.withLock { if $0[id] === flag { $0[id] = nil } }
            if !flag.isCancelled, let msg { postFresh(generation, msg) }
        }
    }

    /// Every page of tasks; Glance keeps them about two days, so a cloud has hundreds, not more.
    static func allTasks(_ reader: any TaskReader, _ query: TaskQuery) throws(APIError) -> [GlanceTask] {
        var page = try reader.listTasks(.first(query: query, limit: 200))
        var tasks = page.tasks
        var seen = Set(tasks.map(\.id))
        while let next = page.next, !page.tasks.isEmpty, tasks.count < 10_000 {
            page = try reader.listTasks(.next(link: next))
            let fresh = page.tasks.filter { seen.insert($0.id).inserted }
            guard !fresh.isEmpty else { break }
            tasks += fresh
        }
        return tasks
    }

    /// The editor's rules where the cloud publishes none through its API: the Image API's
    /// schema as documented, and the vendor profiles.
    static func offlineRules(profiles: [PropertyRule]) -> [PropertyRule] {
        let schema = ImageSchema.standard.rules
        let book = RuleBook(schema: schema, metadefs: [], profiles: profiles)
        let keys = Set(schema.map(\.key)).union(profiles.map(\.key))
        return keys.sorted().compactMap { book.rule(for: $0) }
    }
}
