import Foundation
import GlanceAPI
@testable import GlanceCore
import TerminalKit
import Testing

/// `:used-by` and the USED column through update(), exhaustively: Compute asked, the servers
/// listed with how far it could look, Enter only telling the server's id, and the column's counts.
@Suite struct UpdateUsedByTests {
    static let image = Image(id: "img-1", name: "web", status: .active,
                             fields: ["owner": .string("p1"), "visibility": .string("shared"), "updated_at": .string("2026-12-01T10:00:00Z")])
    static let other = Image(id: "img-2", name: "db", status: .active,
                             fields: ["owner": .string("p1"), "visibility": .string("private"), "updated_at": .string("2026-12-01T10:00:00Z")])

    func store() -> TestStore {
        var state = AppState(cloudName: "c", size: TerminalSize(width: 100, height: 24))
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(Fixture.session(.v2)))
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: [Self.image, Self.other], next: nil)))
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

    @Test func theServersOfTheSelectedImageWithWhatCouldNotBeSeen() {
        var s = store()
        let summary = s.state.catalog.images[0]
        command(&s, "used-by", effects: [.loadUsedBy(RequestID(2), imageID: "img-1"), .scheduleSpinnerTick]) {
            $0.usedBy = UsedByState(image: summary, phase: .loading(RequestID(2)))
            $0.screen = .usedBy
            $0.requestsInFlight = [RequestID(2)]
            $0.nextRequest = 3
            $0.spinnerScheduled = true
        }
        let usage = ServerUsage(scope: .project("p1"), servers: [
            ServerSummary(id: "0a1b2c3d-srv", name: "web-1", status: "ACTIVE", projectID: "p1", imageID: "img-1"),
            ServerSummary(id: "4e5f6a7b-srv", name: "web-2", status: "BUILD", projectID: "p1", imageID: "img-1"),
        ])
        s.send(.usedByLoaded(RequestID(2), .success(usage))) {
            $0.requestsInFlight = []
            $0.usedBy?.phase = .loaded(usage)
            $0.usedBy?.table.replaceRows(UsedByState.rows(usage.servers), height: 20)
        }
        #expect(s.state.usedBy?.scopeText == "2 servers in project p1; servers of other projects cannot be seen (an admin sees them)")
        s.key("j") { $0.usedBy?.table.move(1, height: 20) }
        s.key(.enter) { $0.notice = "server 4e5f6a7b-srv · openstack server show 4e5f6a7b-srv" }
        // / filters the rows as typed; a digit sorts by that column, again reverses it.
        s.key("/") { $0.prompt.input = .quickFilter(LineEditor()); $0.notice = nil }
        for ch in "web-1" { _ = Update.update(&s.state, .keyPressed(.char(ch))) }
        #expect(s.state.usedBy?.table.shown.count == 1)
        #expect(s.state.usedBy?.selectedServer?.name == "web-1")
        s.key(.escape) { $0.prompt.input = .keys; $0.usedBy?.table.setFilter("", height: 20) }
        s.key("3") { $0.usedBy?.table.sort(byColumn: 2, height: 20) }
        #expect(s.state.usedBy?.table.shown == [0, 1], "ACTIVE before BUILD")
        s.key("3") { $0.usedBy?.table.sort(byColumn: 2, height: 20) }
        #expect(s.state.usedBy?.table.shown == [1, 0], "again: reversed")
        s.key(.escape) {
            $0.usedBy = nil
            $0.screen = .list
            $0.notice = nil
        }
    }

    @Test func computesRefusalIsSaidInThePane() {
        var s = store()
        let summary = s.state.catalog.images[0]
        command(&s, "used-by", effects: [.loadUsedBy(RequestID(2), imageID: "img-1"), .scheduleSpinnerTick]) {
            $0.usedBy = UsedByState(image: summary, phase: .loading(RequestID(2)))
            $0.screen = .usedBy
            $0.requestsInFlight = [RequestID(2)]
            $0.nextRequest = 3
            $0.spinnerScheduled = true
        }
        let error = APIError.serviceNotFound(ImageClient.noComputeMessage)
        s.send(.usedByLoaded(RequestID(2), .failure(error))) {
            $0.requestsInFlight = []
            $0.usedBy?.phase = .failed(error.userMessage)
        }
    }

    @Test func theUsedColumnCountsEveryLoadedImageOnce() {
        var s = store()
        command(&s, "columns name,used", effects: [.countUse(RequestID(2), s.state.catalog.images), .scheduleSpinnerTick]) {
            $0.catalog.columns = [.name, .used]
            $0.catalog.useCount = RequestID(2)
            $0.requestsInFlight = [RequestID(2)]
            $0.nextRequest = 3
            $0.spinnerScheduled = true
        }
        // A project user: the private image's count is known, the shared one's is not.
        s.send(.useCounted(RequestID(2), .checked(counts: ["img-2": 1], unknown: ["img-1"], scope: "project p1"))) {
            $0.requestsInFlight = []
            $0.catalog.useCount = nil
            $0.catalog.usedCounts = ["img-1": -1, "img-2": 1]
        }
    }
}
