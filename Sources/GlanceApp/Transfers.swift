import GlanceAPI
import GlanceCore
import GlanceTransfer

/// Runs a transfer request with the engines of GlanceTransfer.
enum Transfers {
    static func run(_ request: TransferRequest, client: ImageClient, cancel: CancellationFlag,
                    progress: @escaping (TransferProgress) -> Void,
                    created: @escaping (Image) -> Void) -> Result<TransferOutcome, DownloadRefusal> {
        switch request {
        case .download(let job):
            do throws(DownloadRefusal) {
                return .success(try Downloader(service: client).run(job, cancel: cancel, progress: progress))
            } catch {
                return .failure(error)
            }
        case .upload(let job):
            return .success(Uploader(service: client).run(job, cancel: cancel, progress: progress, created: created))
        case .copy(let imageID, let stores):
            return .success(ImportFollower(service: client).copy(imageID: imageID, to: stores, cancel: cancel, progress: progress))
        }
    }
}

extension TransferRequest {
    /// The request with the session's rate cap, unless it carries one of its own.
    func limited(by limits: StreamOptions) -> TransferRequest {
        guard limits.maxBytesPerSecond != nil else { return self }
        switch self {
        case .download(var job):
            if job.stream.maxBytesPerSecond == nil { job.stream = limits }
            return .download(job)
        case .upload(var job):
            if job.stream.maxBytesPerSecond == nil { job.stream = limits }
            return .upload(job)
        case .copy: return self
        }
    }
}
