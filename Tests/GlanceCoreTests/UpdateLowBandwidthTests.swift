import GlanceAPI
@testable import GlanceCore
import TerminalKit
import Testing

/// At low bandwidth nothing animates: while requests run, no spinner tick is ever asked for,
/// and everything else goes as usual.
@Suite struct UpdateLowBandwidthTests {
    func store(lowBandwidth: Bool) -> TestStore {
        var state = AppState(cloudName: "devcloud-demo", size: TerminalSize(width: 80, height: 24))
        state.lowBandwidth = lowBandwidth
        return TestStore(state: state)
    }

    @Test func signingInAndLoadingAskForNoSpinnerTick() {
        var s = store(lowBandwidth: true)
        s.send(.started, effects: [.signIn])
        let firstPage = PageRequest.first(query: ImageQuery(), limit: Update.firstPageSize(for: s.state.size))
        s.send(.signedIn(Fixture.session), effects: [.loadImages(RequestID(1), firstPage), .loadRules, .loadUsage, .readJournal]) {
            $0.connection = .signedIn(Fixture.session)
            $0.catalog.listing = .loading(RequestID(1), pages: 0)
            $0.requestsInFlight = [RequestID(1)]
            $0.nextRequest = 2
        }
        #expect(s.state.isBusy && !s.state.spinnerScheduled)
        s.send(.imagesPageLoaded(RequestID(1), ImagePage(images: Fixture.images(3), next: nil))) {
            $0.catalog.images = Fixture.images(3).map($0.summarize)
            $0.catalog.searchKeys = Fixture.images(3).map(SearchKey.init)
            $0.catalog.rows = [0, 1, 2]
            $0.catalog.listing = .complete
            $0.requestsInFlight = []
        }
        s.key("j") { $0.catalog.cursor.cursor = 1 }
    }

    @Test func theSameStartsAnimateAtNormalBandwidth() {
        var s = store(lowBandwidth: false)
        s.send(.started, effects: [.signIn, .scheduleSpinnerTick]) { $0.spinnerScheduled = true }
    }
}
