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

extension DeskGoldenTests {
    static let tasks: [GlanceTask] = [
        GlanceTask(id: "4c1f9e2a-0b3d-4e5f-8a6b-7c8d9e0f1a2b", type: "api_image_import", status: .failure, owner: "9f3c2a7d51",
                   message: "Image import failed: data does not match disk_format qcow2",
                   imageID: "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d"),
        GlanceTask(id: "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a", type: "api_image_import", status: .processing, owner: "9f3c2a7d51",
                   imageID: "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"),
        GlanceTask(id: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", type: "import", status: .success, owner: "admin",
                   message: "", imageID: "9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f"),
    ]

    @Test(arguments: sizes)
    func theTasks(size: TerminalSize) {
        var state = ScreenFixtures.state(size: size)
        guard case .loadTasks(let id, _, _)? = command(&state, "tasks").first else {
            Issue.record("no tasks asked for")
            return
        }
        var tasks = Self.tasks
        for i in tasks.indices {
            tasks[i].updated = ScreenFixtures.now.addingTimeInterval(Double(-600 * (i + 1)))
            tasks[i].expires = ScreenFixtures.now.addingTimeInterval(Double(3600 * (47 - i)))
        }
        _ = Update.update(&state, .tasksLoaded(id, .success(tasks), at: ScreenFixtures.now))
        for (suffix, theme) in Self.themes {
            Golden.assert(render(state, theme), named: "tasks-\(size.width)x\(size.height)\(suffix)")
        }
    }

    @Test(arguments: sizes)
    func theCache(size: TerminalSize) {
        var state = ScreenFixtures.state(size: size)
        guard case .loadCache(let id)? = command(&state, "cache").first else {
            Issue.record("no cache asked for")
            return
        }
        let ids = state.catalog.images.map(\.id)
        let cache = ImageCacheState(cached: [
            CachedImage(imageID: ids[0], hits: 12, lastAccessed: ScreenFixtures.now.addingTimeInterval(-90), size: 21_430_272),
            CachedImage(imageID: ids[1], hits: 0, lastAccessed: nil, size: 658_505_728),
        ], queued: [ids[3]])
        _ = Update.update(&state, .cacheLoaded(id, .success(cache), at: ScreenFixtures.now))
        for (suffix, theme) in Self.themes {
            Golden.assert(render(state, theme), named: "cache-\(size.width)x\(size.height)\(suffix)")
        }
    }
}

extension DeskGoldenTests {
    /// A cloud without unified limits: the view says so, and nothing else changes.
    @Test func aCloudWithoutLimitsSaysSo() {
        var state = ScreenFixtures.state(size: Self.sizes[0])
        _ = command(&state, "usage")
        _ = Update.update(&state, .usageLoaded(.success(ImageUsage())))
        #expect(Update.quotaWarnings(state).isEmpty)
        Golden.assert(render(state, .builtinDefault), named: "usage-no-limits-80x24")
    }
}
