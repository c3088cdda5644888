import Foundation
import GlanceAPI
@testable import GlanceCore
import TerminalKit
import Testing

/// `:cache` through update(): the rows named from the list, the row's image dropped as a
/// batch, the cache emptied after asking, and Glance's sentence where the cache API is off.
@Suite struct UpdateCacheTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)
    static let image = Image(id: "img-1", name: "web", status: .active,
                             fields: ["owner": .string("p1"), "updated_at": .string("2026-12-01T10:00:00Z")])

    func state() -> AppState {
        var state = AppState(cloudName: "c", size: TerminalSize(width: 100, height: 24))
        _ = Update.update(&state, .started)
        var session = Fixture.session(.v2)
        session.roles = ["admin"]
        _ = Update.update(&state, .signedIn(session))
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: [Self.image], next: nil)))
        return state
    }

    func command(_ state: inout AppState, _ text: String) -> [Effect] {
        _ = Update.update(&state, .keyPressed(.char(":")))
        for ch in text { _ = Update.update(&state, .keyPressed(.char(ch))) }
        return Update.update(&state, .keyPressed(.enter))
    }

    @Test func cachedAndQueuedRowsAndTheRowsImageDroppedAsABatch() {
        var s = state()
        #expect(command(&s, "cache").first == .loadCache(RequestID(2)))
        let cache = ImageCacheState(cached: [CachedImage(imageID: "img-1", hits: 3, lastAccessed: Self.now.addingTimeInterval(-300), size: 4096)],
                                    queued: ["img-9"])
        _ = Update.update(&s, .cacheLoaded(RequestID(2), .success(cache), at: Self.now))
        #expect(s.cache?.table.rows.map(\.cells) == [["web", "img-1", "cached", "4.0 KiB", "3", "5m"], ["—", "img-9", "queued", "", "", ""]])
        _ = Update.update(&s, .keyPressed(.char("x")))
        guard case .batch(let plan)? = s.confirmation else { Issue.record("no question: \(String(describing: s.confirmation))"); return }
        #expect(plan.write == .cache(false) && plan.items.map(\.imageID) == ["img-1"])
        _ = Update.update(&s, .keyPressed(.char("n")))
        _ = Update.update(&s, .keyPressed(.char("C")))
        #expect(s.confirmation == .clearCache(.cache, question: "y empties the image cache of this API node, any other key keeps it"))
        #expect(Update.update(&s, .keyPressed(.char("y"))) == [.clearCache(RequestID(3), .cache)])
        #expect(Update.update(&s, .cacheCleared(RequestID(3), .cache, nil)).first == .loadCache(RequestID(4)))
        #expect(s.notice == "The image cache is empty")
    }

    @Test func glancesSentenceWhereTheCacheIsOff() {
        var s = state()
        _ = command(&s, "cache")
        let off = APIError.http(status: 404, message: "Caching via API is not supported at this site.", url: "u")
        _ = Update.update(&s, .cacheLoaded(RequestID(2), .failure(off), at: Self.now))
        #expect(s.cache?.phase == .failed(off.userMessage))
        #expect(off.userMessage.contains("Caching via API is not supported at this site."))
    }
}
