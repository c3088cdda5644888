import Foundation
import GlanceAPI
@testable import GlanceCore
@testable import GlanceViews
import TerminalKit
import Testing

/// Golden screens of the operator's views: the stores with what the loaded images hold, and the
/// quotas as bars with the title's warning — in colour and in mono, at both sizes.
@Suite struct DeskGoldenTests {
    init() { DisplayWidth.ensureUTF8Locale() }

    static let sizes = [TerminalSize(width: 80, height: 24), TerminalSize(width: 120, height: 40)]
    static let themes: [(String, Theme)] = [("", .builtinDefault), ("-mono", .builtinMonochrome)]

    func render(_ state: AppState, _ theme: Theme) -> ScreenBuffer { RootView.render(state, theme: theme, now: ScreenFixtures.now) }

    func command(_ state: inout AppState, _ text: String) -> [Effect] {
        _ = Update.update(&state, .keyPressed(.char(":")))
        for ch in text { _ = Update.update(&state, .keyPressed(.char(ch))) }
        return Update.update(&state, .keyPressed(.enter))
    }

    @Test(arguments: sizes)
    func theStores(size: TerminalSize) {
        let images = ScreenFixtures.catalog.enumerated().map { i, image -> Image in
            var image = image
            image.fields["stores"] = .string(i % 3 == 0 ? "fast,cheap" : "fast")
            return image
        }
        var state = ScreenFixtures.state(size: size, images: images)
        guard case .loadStores(let id)? = command(&state, "stores").first else {
            Issue.record("no stores asked for")
            return
        }
        let listing = StoreListing(stores: [
            ImageStore(id: "fast", description: "NVMe, near the compute nodes", isDefault: true, type: "file"),
            ImageStore(id: "cheap", description: "spinning disks for old builds", type: "file"),
            ImageStore(id: "archive", description: "read-only mirror", isReadOnly: true, type: "http"),
        ], isDetailed: false, detailRefusal: "You are not authorized to complete stores_info_detail action.")
        _ = Update.update(&state, .storesLoaded(id, .success(listing)))
        _ = Update.update(&state, .keyPressed(.char("5")))
        for (suffix, theme) in Self.themes {
            Golden.assert(render(state, theme), named: "stores-\(size.width)x\(size.height)\(suffix)")
        }
    }

    @Test(arguments: sizes)
    func theQuotasAsBars(size: TerminalSize) {
        var state = ScreenFixtures.state(size: size)
        _ = command(&state, "usage")
        _ = Update.update(&state, .usageLoaded(.success(ImageUsage(resources: [
            "image_count_total": QuotaUsage(usage: 19, limit: 20), "image_size_total": QuotaUsage(usage: 61_440, limit: 102_400),
            "image_stage_total": QuotaUsage(usage: 0, limit: 10_240), "image_count_uploading": QuotaUsage(usage: 1, limit: -1),
        ]))))
        for (suffix, theme) in Self.themes {
            Golden.assert(render(state, theme), named: "usage-\(size.width)x\(size.height)\(suffix)")
        }
    }
}
