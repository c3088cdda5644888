import Foundation
import GlanceAPI

/// Starts a server-side import and follows it through the image's os_glance_importing_to_stores
/// and os_glance_failed_import properties until every store is done.
public struct ImportFollower: Sendable {
    public let service: any ImageDataService
    public var pollInterval: Double = 1

    public init(service: any ImageDataService) { self.service = service }

    /// Nil when the server accepted the import; otherwise the failed outcome.
    func start(_ imageID: String, _ method: ImportMethod, stores: [String]?, allMustSucceed: Bool) -> TransferOutcome? {
        do {
            try service.startImport(imageID: imageID, method: method, stores: stores, allStoresMustSucceed: allMustSucceed)
            return nil
        } catch {
            return .failed(message: "The server refused the \(method.name) import: \(error.userMessage)", partKept: nil)
        }
    }

    /// Copies an active image's data to more stores and follows it.
    public func copy(imageID: String, to stores: [String], allMustSucceed: Bool = false, cancel: CancellationFlag,
                     progress report: @escaping (TransferProgress) -> Void) -> TransferOutcome {
        let reporter = ProgressReporter(report: report)
        reporter.update(.preparing, done: 0, total: nil, force: true)
        if let failed = start(imageID, .copyImage, stores: stores, allMustSucceed: allMustSucceed) { return failed }
        if let failed = follow(imageID, cancel: cancel, reporter: reporter, bytes: nil) { return failed }
        let image = try? service.image(id: imageID)
        return .completed(location: imageID, bytes: image?.size ?? 0,
                          verification: .notChecked("copied by the server; in stores " + (Self.stores(image, "stores").joined(separator: ", "))))
    }

    /// Nil once the image is active with nothing left importing and nothing failed.
    func follow(_ imageID: String, cancel: CancellationFlag, reporter: ProgressReporter, bytes: Int64?) -> TransferOutcome? {
        var misses = 0
        while !cancel.isCancelled {
            let image: Image
            do {
                image = try service.image(id: imageID)
                misses = 0
            } catch {
                misses += 1
                if !error.isRetryable || misses > 10 {
                    return .failed(message: "Lost track of the import: \(error.userMessage)", partKept: nil)
                }
                pause(seconds: pollInterval * 2, unless: cancel)
                continue
            }
            let importing = Self.stores(image, "os_glance_importing_to_stores")
            let failed = Self.stores(image, "os_glance_failed_import")
            if ["killed", "deleted", "pending_delete"].contains(image.status) {
                return .failed(message: "The import failed: the image is \(image.status)", partKept: nil)
            }
            if importing.isEmpty, !failed.isEmpty {
                let landed = Self.stores(image, "stores")
                return .failed(message: "The import failed for store " + failed.joined(separator: ", ")
                               + (landed.isEmpty ? "" : "; the data is in " + landed.joined(separator: ", ")), partKept: nil)
            }
            if importing.isEmpty, image.status == "active" { return nil }
            if importing.isEmpty, image.status == "queued" {
                return .failed(message: "The import stopped: the image is back to queued", partKept: nil)
            }
            reporter.update(.importing(stores: importing), done: bytes ?? 0, total: bytes)
            pause(seconds: pollInterval, unless: cancel)
        }
        return .cancelled(partKept: nil)
    }

    static func stores(_ image: Image?, _ key: String) -> [String] {
        guard let value = image?.fields[key]?.stringValue else { return [] }
        return value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
