import Foundation
import GlanceAPI

/// Starts a server-side import and follows it through the image's os_glance_importing_to_stores
/// and os_glance_failed_import properties until every store is done.
public struct ImportFollower: Sendable {
    public let backend: any ImageGetter & ImageImporter
    public var pollInterval: Double = 1

    public init(backend: any ImageGetter & ImageImporter) { self.backend = backend }

    /// Nil when the server accepted the import; otherwise the failed outcome.
    func start(_ imageID: String, _ method: ImportMethod, stores: [String]?, allMustSucceed: Bool) -> TransferOutcome? {
        do {
            try backend.startImport(imageID: imageID, method: method, stores: stores, allStoresMustSucceed: allMustSucceed)
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
        if let failed = follow(imageID, targets: stores, cancel: cancel, reporter: reporter, bytes: nil) { return failed }
        let image = try? backend.image(id: imageID)
        return .completed(location: imageID, bytes: image?.size ?? 0,
                          verification: .notChecked("copied by the server; in stores " + (Self.stores(image, "stores").joined(separator: ", "))))
    }

    /// Nil once the import is over and every target store has the data. Glance answers 202
    /// before its task marks anything, so "active, nothing importing" right after the POST is
    /// not the end of a copy: the targets must show up in `stores` (or among the failed). An
    /// image still queued may simply not have started; only one that went back to queued after
    /// work was seen, or that never starts within `startGrace` seconds, has failed.
    func follow(_ imageID: String, targets: [String]? = nil, cancel: CancellationFlag, reporter: ProgressReporter,
                bytes: Int64?, startGrace: Double = 60) -> TransferOutcome? {
        var misses = 0
        var sawWork = false
        var idleSince: Double?
        let started = ProgressReporter.now()
        while !cancel.isCancelled {
            let image: Image
            do {
                image = try backend.image(id: imageID)
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
            let landed = Self.stores(image, "stores")
            if !importing.isEmpty || image.status == "importing" { sawWork = true }
            if ["killed", "deleted", "pending_delete"].contains(image.status) {
                return .failed(message: "The import failed: the image is \(image.status)", partKept: nil)
            }
            let targetsSettled = targets.map { Set($0).isSubset(of: Set(landed).union(failed)) } ?? true
            if importing.isEmpty, image.status == "active", targetsSettled {
                let missed = targets.map { $0.filter { failed.contains($0) } } ?? failed
                guard missed.isEmpty else {
                    return .failed(message: "The import failed for store " + missed.joined(separator: ", ")
                                   + (landed.isEmpty ? "" : "; the data is in " + landed.joined(separator: ", ")), partKept: nil)
                }
                return nil
            }
            if importing.isEmpty, !failed.isEmpty, image.status != "active" {
                return .failed(message: "The import failed for store " + failed.joined(separator: ", "), partKept: nil)
            }
            if image.status == "queued", sawWork {
                return .failed(message: "The import stopped: the image is back to queued", partKept: nil)
            }
            if !sawWork, ProgressReporter.now() - started > startGrace, !targetsSettled || image.status != "active" {
                return .failed(message: "The import did not start within \(Int(startGrace)) s (the image is \(image.status))", partKept: nil)
            }
            // Glance says it is done importing, yet a target store is neither in `stores` nor
            // among the failed: after the same grace, say so rather than poll forever.
            if sawWork, importing.isEmpty, image.status == "active", !targetsSettled {
                idleSince = idleSince ?? ProgressReporter.now()
                if let since = idleSince, ProgressReporter.now() - since > startGrace {
                    let missing = (targets ?? []).filter { !landed.contains($0) && !failed.contains($0) }
                    return .failed(message: "Glance stopped importing, but " + missing.joined(separator: ", ")
                                   + " never appeared among the image's stores", partKept: nil)
                }
            } else {
                idleSince = nil
            }
            reporter.update(.importing(stores: importing.isEmpty ? (targets ?? []) : importing), done: bytes ?? 0, total: bytes)
            pause(seconds: pollInterval, unless: cancel)
        }
        return .cancelled(partKept: nil)
    }

    static func stores(_ image: Image?, _ key: String) -> [String] {
        guard let value = image?.fields[key]?.stringValue else { return [] }
        return value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
