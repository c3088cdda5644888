import Foundation
import GlanceAPI
@testable import GlanceCore
import TerminalKit
import Testing

/// Quotas through update(): read after sign-in, warned of in the title past 90 %, and an upload
/// that would pass a limit refused before anything is sent.
@Suite struct UpdateUsageTests {
    func state(_ usage: ImageUsage) -> AppState {
        var state = AppState(cloudName: "c", size: TerminalSize(width: 100, height: 24))
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(Fixture.session(.v2)))
        _ = Update.update(&state, .usageLoaded(.success(usage)))
        return state
    }

    static let nearlyFull = ImageUsage(resources: [
        "image_count_total": QuotaUsage(usage: 19, limit: 20), "image_size_total": QuotaUsage(usage: 900, limit: 1000),
        "image_stage_total": QuotaUsage(usage: 0, limit: 1000), "image_count_uploading": QuotaUsage(usage: 0, limit: -1),
    ])

    @Test func limitsPastNinetyPercentAreWarnedOf() {
        #expect(Update.quotaWarnings(state(Self.nearlyFull)) == ["image_size_total 90 %", "image_count_total 95 %"])
        #expect(Update.quotaWarnings(state(ImageUsage())).isEmpty, "no limits configured: nothing to warn of")
    }

    @Test func anUploadThatWouldPassALimitIsRefusedBeforeSending() {
        var s = state(Self.nearlyFull)
        let effects = Update.update(&s, .uploadFileInspected(path: "/tmp/big.qcow2", size: 200 * 1_048_576,
                                                             FormatGuess(diskFormat: "qcow2", evidence: "QFI")))
        #expect(effects.isEmpty)
        #expect(s.prompt.input == .keys, "no upload prompt follows")
        #expect(s.lastError == "Cannot upload big.qcow2: 200 MiB would pass the project's image_size_total: 900 MiB used of 1000 MiB, 100 MiB left: nothing was sent")

        var full = state(ImageUsage(resources: ["image_count_total": QuotaUsage(usage: 20, limit: 20)]))
        _ = Update.update(&full, .uploadFileInspected(path: "/tmp/small.raw", size: 10, FormatGuess(diskFormat: "raw", evidence: "")))
        #expect(full.lastError == "Cannot upload small.raw: The project has 20 images of its limit of 20 (image_count_total): nothing was sent")

        var fits = state(Self.nearlyFull)
        _ = Update.update(&fits, .uploadFileInspected(path: "/tmp/ok.raw", size: 50 * 1_048_576, FormatGuess(diskFormat: "raw", evidence: "")))
        #expect(fits.lastError == nil)
        if case .transfer(.uploadName, _) = fits.prompt.input {} else { Issue.record("the upload goes on: \(fits.prompt.input)") }
    }

    @Test func usageIsAViewOfItsOwnAndNotThereOnComputesProxy() {
        var s = state(Self.nearlyFull)
        _ = Update.update(&s, .keyPressed(.char(":")))
        for ch in "usage" { _ = Update.update(&s, .keyPressed(.char(ch))) }
        #expect(Update.update(&s, .keyPressed(.enter)) == [.loadUsage])
        #expect(s.screen == .usage)
        var compute = AppState(cloudName: "c", size: TerminalSize(width: 100, height: 24))
        _ = Update.update(&compute, .signedIn(Fixture.session(.compute)))
        _ = Update.update(&compute, .keyPressed(.char(":")))
        for ch in "usage" { _ = Update.update(&compute, .keyPressed(.char(ch))) }
        #expect(Update.update(&compute, .keyPressed(.enter)).isEmpty)
        #expect(compute.notice == "quota usage not available through Compute's image proxy")
    }
}
