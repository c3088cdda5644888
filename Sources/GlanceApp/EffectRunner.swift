import Dispatch
import GlanceAPI
import GlanceCore
import GlanceTransfer
import Synchronization

/// Performs effects off the UI thread and posts what happened back as messages.
public final class EffectRunner: Sendable {
    public static let spinnerInterval = DispatchTimeInterval.milliseconds(100)

    private let service: ImageService
    private let post: @Sendable (Msg) -> Void
    private let queue = DispatchQueue(label: "glance-tui.effects", qos: .userInitiated, attributes: .concurrent)
    private let cancelled = Mutex<Set<RequestID>>([])
    /// Transfers run long, each on a thread of its own, apart from the short requests.
    private let transferQueue = DispatchQueue(label: "glance-tui.transfers", qos: .utility, attributes: .concurrent)
    private let transferFlags = Mutex<[TransferID: CancellationFlag]>([:])
    private let transfersRunning = DispatchGroup()

    public init(service: ImageService, post: @escaping @Sendable (Msg) -> Void) {
        self.service = service
        self.post = post
    }

    /// `.quit` and `.redrawScreen` are not work for the runner: the UI loop acts on them.
    public func run(_ effect: Effect) {
        switch effect {
        case .signIn:
            queue.async { [service, post] in
                do throws(APIError) { post(.signedIn(try service.signIn())) } catch { post(.signInFailed(error)) }
            }
        case .loadImages(let id, let page):
            queue.async { [self] in
                let result: Result<ImagePage, APIError>
                do throws(APIError) { result = .success(try service.listImages(page)) } catch { result = .failure(error) }
                deliver(id) {
                    switch result {
                    case .success(let p): .imagesPageLoaded(id, p)
                    case .failure(let e): .imagesPageFailed(id, e)
                    }
                }
            }
        case .loadImage(let id, let imageID):
            queue.async { [self] in
                let result: Result<Image, APIError>
                do throws(APIError) { result = .success(try service.showImage(imageID)) } catch { result = .failure(error) }
                deliver(id) {
                    switch result {
                    case .success(let image): .imageLoaded(id, image)
                    case .failure(let e): .imageLoadFailed(id, e)
                    }
                }
            }
        case .loadRules:
            queue.async { [service, post] in
                // Without rules the editor falls back to the Image API's basic ones.
                if let rules = try? service.loadRules() { post(.rulesLoaded(rules)) }
            }
        case .patchImage(let id, let imageID, let operations):
            queue.async { [service, post] in
                do throws(APIError) { post(.imagePatched(id, try service.patchImage(imageID, operations))) } catch {
                    post(.imagePatchFailed(id, error))
                }
            }
        case .createImage(let id, let fields):
            queue.async { [service, post] in
                do throws(APIError) { post(.imageCreated(id, try service.createImage(fields))) } catch {
                    post(.imagePatchFailed(id, error))
                }
            }
        case .loadMembers(let id, let imageID):
            queue.async { [self] in
                let result: Result<[MemberEntry], APIError>
                do throws(APIError) { result = .success(try service.loadMembers(imageID)) } catch { result = .failure(error) }
                deliver(id) {
                    switch result {
                    case .success(let entries): .membersLoaded(id, entries)
                    case .failure(let e): .membersLoadFailed(id, e)
                    }
                }
            }
        case .countSharedImages(let id, let project):
            queue.async { [service, post] in
                // Counts are a courtesy in the header: a failure leaves them out.
                if let counts = try? service.countShared(project) { post(.sharedCountsLoaded(id, counts)) }
            }
        case .performAction(let id, let action):
            queue.async { [service, post] in
                do throws(APIError) {
                    try service.performAction(action)
                    post(.imageActionDone(id, action))
                } catch {
                    post(.imageActionFailed(id, action, error))
                }
            }
        case .startTransfer(let id, let request):
            let flag = CancellationFlag()
            transferFlags.withLock { $0[id] = flag }
            transfersRunning.enter()
            transferQueue.async { [self] in
                defer { transfersRunning.leave() }
                let result = service.transfer(request, flag, { [post] progress in post(.transferProgressed(id, progress)) },
                                              { [post] image in post(.uploadImageCreated(id, image)) })
                transferFlags.withLock { $0[id] = nil }
                switch result {
                case .success(let outcome): post(.transferFinished(id, outcome))
                case .failure(let refusal): post(.transferRefused(id, refusal))
                }
            }
        case .cancelTransfer(let id):
            transferFlags.withLock { $0[id] }?.cancel()
        case .inspectUploadFile(let path):
            queue.async { [service, post] in
                do throws(LocalFileError) {
                    let found = try service.inspectFile(path)
                    post(.uploadFileInspected(path: path, size: found.size, found.guess))
                } catch {
                    post(.uploadFileUnreadable(path: path, reason: error.message))
                }
            }
        case .loadImportOptions:
            queue.async { [service, post] in
                // Without them the prompts offer the direct upload and the default store only.
                if let options = try? service.importOptions() { post(.importOptionsLoaded(options)) }
            }
        case .cancel(let id):
            _ = cancelled.withLock { $0.insert(id) }
        case .scheduleSpinnerTick:
            queue.asyncAfter(deadline: .now() + Self.spinnerInterval) { [post] in post(.spinnerTicked) }
        case .quit, .redrawScreen:
            break
        }
    }

    /// Cancels every running transfer and waits up to `seconds` for them to close their files
    /// (and delete an image an unfinished upload created), so quitting leaves things tidy.
    public func cancelTransfersAndWait(seconds: Double) {
        for flag in transferFlags.withLock({ Array($0.values) }) { flag.cancel() }
        _ = transfersRunning.wait(timeout: .now() + seconds)
    }

    /// Answers to cancelled requests are dropped here; `update` would ignore them anyway, but
    /// this spares the UI thread the work of decoding what nobody wants.
    private func deliver(_ id: RequestID, _ make: () -> Msg) {
        let wasCancelled = cancelled.withLock { $0.remove(id) != nil }
        if !wasCancelled { post(make()) }
    }
}
