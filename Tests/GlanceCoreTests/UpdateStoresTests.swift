import Foundation
import GlanceAPI
@testable import GlanceCore
import TerminalKit
import Testing

/// `:stores` through update(): asked through the backend's capability, counted over the loaded
/// images, refused in words where the API has no stores.
@Suite struct UpdateStoresTests {
    static func image(_ id: String, stores: String, size: Double) -> Image {
        Image(id: id, name: id, status: .active, fields: ["stores": .string(stores), "size": .number(size),
                                                          "updated_at": .string("2026-12-01T10:00:00Z")])
    }

    func store(_ api: ImageAPI = .v2) -> TestStore {
        var state = AppState(cloudName: "c", size: TerminalSize(width: 100, height: 24))
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(Fixture.session(api)))
        let images = [Self.image("a", stores: "fast,cheap", size: 1024), Self.image("b", stores: "fast", size: 2048)]
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: images, next: nil)))
        _ = Update.update(&state, .spinnerTicked)
        return TestStore(state: state)
    }

    func command(_ s: inout TestStore, _ text: String, effects: [Effect], _ change: (inout AppState) -> Void) {
        _ = Update.update(&s.state, .keyPressed(.char(":")))
        for ch in text { _ = Update.update(&s.state, .keyPressed(.char(ch))) }
        s.key(.enter, effects: effects) {
            $0.prompt.input = .keys
            $0.prompt.history.append(text)
            change(&$0)
        }
    }

    @Test func everyStoreWithTheLoadedImagesItHolds() {
        var s = store()
        #expect(s.state.catalog.images[0].fields["stores"] == .string("fast,cheap"), "the list keeps where each image is")
        command(&s, "stores", effects: [.loadStores(RequestID(2)), .scheduleSpinnerTick]) {
            $0.stores = StoresState(phase: .loading(RequestID(2)))
            $0.screen = .stores
            $0.requestsInFlight = [RequestID(2)]
            $0.nextRequest = 3
            $0.spinnerScheduled = true
        }
        let listing = StoreListing(stores: [ImageStore(id: "fast", description: "SSD", isDefault: true, isReadOnly: false, type: "file"),
                                            ImageStore(id: "cheap", description: "disks", isDefault: false, isReadOnly: false, type: "file")],
                                   isDetailed: true)
        s.send(.storesLoaded(RequestID(2), .success(listing))) {
            $0.requestsInFlight = []
            $0.stores?.phase = .loaded(listing)
            $0.stores?.table.replaceRows(StoresState.rows(listing, images: $0.catalog.images), height: 20)
        }
        #expect(s.state.stores?.table.rows.map { $0.cells[4] } == ["2", "1"])
        #expect(s.state.stores?.table.rows.map { $0.cells[5] } == ["3.0 KiB", "1.0 KiB"])
        s.key(.escape) { $0.stores = nil; $0.screen = .list }
    }

    @Test func anAPIWithoutStoresSaysSo() {
        var s = store(.compute)
        command(&s, "stores", effects: []) { $0.notice = "store details not available through Compute's image proxy" }
    }
}
