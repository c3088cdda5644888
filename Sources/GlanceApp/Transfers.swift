import GlanceAPI
import GlanceCore
import GlanceTransfer

/// Runs a transfer request with the engines of GlanceTransfer, over the backend's data
/// capabilities.
enum Transfers {
    static func run(_ request: TransferRequest, cloud: any Cloud, cancel: CancellationFlag,
                    progress: @escaping (TransferProgress) -> Void,
                    created: @escaping (Image) -> Void,
                    described: @escaping (Image) -> Void = { _ in }) -> Result<TransferOutcome, DownloadRefusal> {
        do throws(APIError) {
            switch request {
            case .download(let job):
                let backend = try cloud.require((any ImageGetter & ImageDownloader).self, .download)
                do throws(DownloadRefusal) {
                    return .success(try Downloader(backend: backend).run(job, cancel: cancel, progress: progress, described: described))
                } catch {
                    return .failure(error)
                }
            case .upload(let job):
                let backend = try cloud.require((any Uploader.Backend).self, .upload)
                return .success(Uploader(backend: backend).run(job, cancel: cancel, progress: progress, created: created))
            case .copy(let imageID, let stores):
                let backend = try cloud.require((any ImageGetter & ImageImporter).self, .importData)
                return .success(ImportFollower(backend: backend).copy(imageID: imageID, to: stores, cancel: cancel, progress: progress))
            }
        } catch {
            return .success(.failed(message: error.userMessage, partKept: nil))
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
