import GlanceAPI
@testable import GlanceCore
import TerminalKit
import Testing

/// `--mouse`: what a click or a wheel notch does, decided from the layout the views draw with.
/// The list at 80x24 has its title on line 0, the column header on line 1, rows from line 2 and
/// the status bar on line 23.
@Suite struct UpdateMouseTests {
    func store(_ count: Int = 5, mouse: Bool = true) -> TestStore {
        var state = Fixture.loaded(count)
        state.mouseEnabled = mouse
        return TestStore(state: state)
    }

    func click(_ y: Int, x: Int = 10) -> Msg { .mousePressed(MouseEvent(.press, x: x, y: y)) }

    @Test func aClickSelectsTheRowUnderThePointerAndAClickOnItOpensItAsEnterDoes() {
        var s = store()
        s.send(click(4)) { $0.catalog.cursor.cursor = 2 }
        var viaEnter = s.state
        let enter = Update.update(&viaEnter, .keyPressed(.enter))
        #expect(viaEnter.screen == .detail && !enter.isEmpty)
        s.send(click(4), effects: enter) { $0 = viaEnter }
    }

    @Test func aClickOffTheRowsDoesNothing() {
        var s = store()
        s.send(click(0))   // the title
        s.send(click(1))   // the column header
        s.send(click(7))   // past the last of 5 rows
        s.send(click(23))  // the status bar
        s.send(click(-1))
    }

    @Test func withoutTheMouseTurnedOnNothingHappens() {
        var s = store(mouse: false)
        s.send(click(4))
        s.send(.mousePressed(MouseEvent(.wheelDown, x: 0, y: 4)))
    }

    @Test func theWheelMovesThreeRowsWithinTheList() {
        var s = store()
        s.send(.mousePressed(MouseEvent(.wheelDown, x: 0, y: 9))) { $0.catalog.cursor.cursor = 3 }
        s.send(.mousePressed(MouseEvent(.wheelDown, x: 0, y: 9))) { $0.catalog.cursor.cursor = 4 }
        s.send(.mousePressed(MouseEvent(.wheelUp, x: 0, y: 9))) { $0.catalog.cursor.cursor = 1 }
    }

    @Test func aScrolledListMapsTheLineFromItsTopRow() {
        var s = store(50)
        s.key("G") {
            $0.catalog.cursor.cursor = 49
            $0.catalog.cursor.top = 29
        }
        s.send(click(2)) { $0.catalog.cursor.cursor = 29 }
        s.send(click(22)) { $0.catalog.cursor.cursor = 49 }
    }

    /// D asks Compute first; a click or a notch before it answers drops the question, as a key
    /// does, so it never appears over the row clicked with y deleting the first image.
    @Test func aClickWhileComputeIsAskedDropsTheQuestion() {
        var s = store()
        let image = s.state.catalog.images[0]
        s.key("D", effects: [.countServers(RequestID(2), [image]), .scheduleSpinnerTick]) {
            $0.useCheck = UseCheck(id: RequestID(2), pending: .confirmation(Confirmation(
                question: "y deletes it, any other key keeps it: delete \(image.name ?? image.id) (\(image.id.prefix(8)))? It cannot be undone",
                action: .delete(imageID: image.id, name: image.name ?? image.id))))
            $0.notice = "Asking Compute whether servers use it…"
            $0.requestsInFlight = [RequestID(2)]
            $0.nextRequest = 3
            $0.spinnerScheduled = true
        }
        s.send(click(3), effects: [.cancel(RequestID(2))]) {
            $0.useCheck = nil
            $0.requestsInFlight = []
            $0.catalog.cursor.cursor = 1
            $0.notice = "Not asked: a click came before Compute answered (ask again)"
        }
        s.send(.serversCounted(RequestID(2), .checked(counts: [:], unknown: [], scope: "all projects"), ids: [image.id]))
        #expect(s.state.confirmation == nil, "the late answer asks nothing, so no y can delete")
        // The same with the wheel.
        s.key("D", effects: [.countServers(RequestID(3), [s.state.catalog.images[1]])]) {
            let other = $0.catalog.images[1]
            $0.useCheck = UseCheck(id: RequestID(3), pending: .confirmation(Confirmation(
                question: "y deletes it, any other key keeps it: delete \(other.name ?? other.id) (\(other.id.prefix(8)))? It cannot be undone",
                action: .delete(imageID: other.id, name: other.name ?? other.id))))
            $0.notice = "Asking Compute whether servers use it…"
            $0.requestsInFlight = [RequestID(3)]
            $0.nextRequest = 4
        }
        s.send(.mousePressed(MouseEvent(.wheelDown, x: 0, y: 4)), effects: [.cancel(RequestID(3))]) {
            $0.useCheck = nil
            $0.requestsInFlight = []
            $0.catalog.cursor.cursor = 4
            $0.notice = "Not asked: a click came before Compute answered (ask again)"
        }
    }

    @Test func aClickNeverAnswersAQuestionOrEditsALine() {
        var s = store()
        // A question on the bottom line: a click or a notch neither answers it nor moves.
        let image = s.state.catalog.images[0]
        _ = Update.update(&s.state, .keyPressed(.char("D")))
        _ = Update.update(&s.state, .serversCounted(RequestID(2), .checked(counts: [:], unknown: [], scope: "all projects"), ids: [image.id]))
        #expect(s.state.confirmation != nil)
        s.send(click(3))
        s.send(click(2))
        s.send(.mousePressed(MouseEvent(.wheelDown, x: 0, y: 4)))
        s.key("n") {
            $0.confirmation = nil
            $0.notice = "Nothing was changed"
        }
        s.key(":") {
            $0.prompt.input = .command(LineEditor())
            $0.notice = nil
        }
        s.send(click(4))
        s.key(.escape) { $0.prompt.input = .keys }
        s.key("Y") { $0.copyMenu = Update.copyMenu($0, [$0.catalog.images[0]]) }
        s.send(click(4))
        s.send(.mousePressed(MouseEvent(.wheelDown, x: 0, y: 4)))
    }

    @Test func inTheLineagesAClickOnTheSelectedRowUnfoldsItAsEnterDoes() {
        var state = Fixture.loaded(5)
        state.mouseEnabled = true
        _ = Update.update(&state, .keyPressed(.char(":")))
        for ch in "lineage" { _ = Update.update(&state, .keyPressed(.char(ch))) }
        _ = Update.update(&state, .keyPressed(.enter))
        #expect(state.screen == .lineages && !state.lineages.rows.isEmpty)
        var s = TestStore(state: state)
        s.send(click(9))   // below the rows
        var viaEnter = s.state
        let enter = Update.update(&viaEnter, .keyPressed(.enter))
        #expect(viaEnter.lineages.rows.count > state.lineages.rows.count, "Enter unfolds the lineage")
        s.send(click(2), effects: enter) { $0 = viaEnter }
        s.send(click(3)) { $0.lineages.cursor.cursor = 1 }
    }

    @Test func theLayoutSaysWhichRowALineShows() {
        #expect(ScreenLayout.row(atLine: 2, top: 0, count: 5, height: 21) == 0)
        #expect(ScreenLayout.row(atLine: 6, top: 0, count: 5, height: 21) == 4)
        #expect(ScreenLayout.row(atLine: 7, top: 0, count: 5, height: 21) == nil)
        #expect(ScreenLayout.row(atLine: 23, top: 10, count: 100, height: 21) == nil)
        #expect(ScreenLayout.row(atLine: 22, top: 10, count: 100, height: 21) == 30)
        #expect(ScreenLayout.row(atLine: 1, top: 10, count: 100, height: 21) == nil)
    }
}
