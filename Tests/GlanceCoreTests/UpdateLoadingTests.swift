import GlanceAPI
@testable import GlanceCore
import TerminalKit
import Testing

@Suite struct UpdateLoadingTests {
    let size = TerminalSize(width: 80, height: 24)

    @Test func startSignsInAndStartsTheSpinner() {
        var state = AppState(cloudName: "c", size: size)
        let effects = Update.update(&state, .started)
        #expect(effects == [.signIn, .scheduleSpinnerTick])
        #expect(state.connection == .signingIn)
        #expect(state.spinnerScheduled)
    }

    @Test func signedInRequestsTheFirstSmallPage() {
        var state = AppState(cloudName: "c", size: size)
        _ = Update.update(&state, .started)
        let effects = Update.update(&state, .signedIn(Fixture.session))
        #expect(effects == [.loadImages(RequestID(1), .first(query: ImageQuery(), limit: 22)), .loadRules, .loadUsage, .readJournal],
                "the editor's rules are fetched once, in the background; the journal's interrupted transfers are read")
        #expect(state.connection == .signedIn(Fixture.session))
        #expect(state.catalog.listing == .loading(RequestID(1), pages: 0))
        #expect(state.requestsInFlight == [RequestID(1)])
    }

    @Test func pagesFollowNextLinksWithLargePagesUntilNoneIsLeft() {
        var state = AppState(cloudName: "c", size: size)
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(Fixture.session))
        let first = ImagePage(images: Fixture.images(3, prefix: "a"), next: "/v2/images?marker=a-2&limit=100")
        #expect(Update.update(&state, .imagesPageLoaded(RequestID(1), first))
            == [.loadImages(RequestID(1), .after(query: ImageQuery(), marker: "a-2", limit: Update.laterPageSize))],
                "the query is rebuilt around the link's marker: Glance's links drop repeated parameters")
        #expect(state.catalog.images.count == 3)
        #expect(state.catalog.listing == .loading(RequestID(1), pages: 1))

        let second = ImagePage(images: Fixture.images(2, prefix: "b"), next: "/v2/images?marker=b-1")
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), second))
        #expect(state.catalog.images.map(\.id) == ["a-0", "a-1", "a-2", "b-0", "b-1"])

        let last = ImagePage(images: [], next: nil)
        #expect(Update.update(&state, .imagesPageLoaded(RequestID(1), last)) == [])
        #expect(state.catalog.listing == .complete)
        #expect(state.requestsInFlight.isEmpty)
        #expect(!state.isBusy)
    }

    @Test func anEmptyPageWithANextLinkEndsTheListingInsteadOfLoopingForever() {
        var state = AppState(cloudName: "c", size: size)
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(Fixture.session))
        let effects = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: [], next: "/v2/images?marker=x")))
        #expect(effects.isEmpty)
        #expect(state.catalog.listing == .complete)
    }

    @Test func aPageThatRepeatsTheListingEndsItWithTheReasonInsteadOfLoopingOrListingTwice() {
        var state = AppState(cloudName: "c", size: size)
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(Fixture.session))
        let first = ImagePage(images: Fixture.images(3, prefix: "a"), next: "/v2/images?marker=a-2")
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), first))
        // Partly new: only the new ones are added.
        let overlapping = ImagePage(images: Fixture.images(4, prefix: "a"), next: "/v2/images?marker=a-3")
        #expect(Update.update(&state, .imagesPageLoaded(RequestID(1), overlapping)).count == 1)
        #expect(state.catalog.images.map(\.id) == ["a-0", "a-1", "a-2", "a-3"])
        // Nothing new: Glance started over (a size sort past an image without data).
        let again = ImagePage(images: Fixture.images(3, prefix: "a"), next: "/v2/images?marker=a-2")
        #expect(Update.update(&state, .imagesPageLoaded(RequestID(1), again)) == [])
        #expect(state.catalog.listing == .complete)
        #expect(state.requestsInFlight.isEmpty)
        #expect(state.catalog.images.count == 4)
        #expect(state.notice?.hasPrefix("Glance repeated a page of this listing") == true)
    }

    @Test func refreshSupersedesTheRunningListingAndDropsItsLateAnswers() {
        var state = AppState(cloudName: "c", size: size)
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(Fixture.session))
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: Fixture.images(2), next: "/n")))
        let effects = Update.update(&state, .keyPressed(.char("r")))
        #expect(effects == [.cancel(RequestID(1)), .loadImages(RequestID(2), .first(query: ImageQuery(), limit: 22))])
        // The superseded request's page arrives late: ignored.
        let stale = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: Fixture.images(50, prefix: "old"), next: nil)))
        #expect(stale.isEmpty)
        #expect(state.catalog.images.count == 2)
        #expect(state.catalog.listing == .loading(RequestID(2), pages: 0))
    }

    @Test func reloadKeepsTheCursorOnTheSameImage() {
        var state = Fixture.loaded(10)
        _ = Update.update(&state, .keyPressed(.char("j")))
        _ = Update.update(&state, .keyPressed(.char("j")))
        #expect(state.selectedImage?.id == "img-2")
        _ = Update.update(&state, .keyPressed(.char("r")))
        let reordered = Array(Fixture.images(10).reversed())
        _ = Update.update(&state, .imagesPageLoaded(RequestID(2), ImagePage(images: reordered, next: nil)))
        #expect(state.selectedImage?.id == "img-2")
        #expect(state.catalog.cursor.cursor == 7)
    }

    @Test func aFailedPageKeepsWhatWasLoadedAndShowsTheError() {
        var state = AppState(cloudName: "c", size: size)
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(Fixture.session))
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: Fixture.images(4), next: "/n")))
        let error = APIError.http(status: 500, message: "boom", url: "u")
        #expect(Update.update(&state, .imagesPageFailed(RequestID(1), error)).isEmpty)
        #expect(state.catalog.listing == .failed(error))
        #expect(state.catalog.images.count == 4)
        #expect(state.lastError == error.userMessage)
        #expect(state.requestsInFlight.isEmpty)
    }

    @Test func signInFailureIsShownAndRRetries() {
        var state = AppState(cloudName: "c", size: size)
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signInFailed(Fixture.unauthorized))
        #expect(state.connection == .failed(Fixture.unauthorized))
        #expect(state.lastError?.contains("401") == true)
        let effects = Update.update(&state, .keyPressed(.char("r")))
        #expect(effects.first == .signIn)
        #expect(state.connection == .signingIn)
        #expect(state.lastError == nil)
    }

    @Test func malformedEntriesAreCountedNotFatal() {
        var state = AppState(cloudName: "c", size: size)
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(Fixture.session))
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: Fixture.images(1), next: nil, skippedEntries: 2)))
        #expect(state.lastError == "Skipped 2 malformed entries in the image list")
        #expect(state.catalog.images.count == 1)
    }

    @Test func spinnerTicksOnlyWhileBusy() {
        var state = AppState(cloudName: "c", size: size)
        _ = Update.update(&state, .started)
        #expect(Update.update(&state, .spinnerTicked) == [.scheduleSpinnerTick])
        #expect(state.spinnerFrame == 1)
        var idle = Fixture.loaded(3)
        #expect(Update.update(&idle, .spinnerTicked).isEmpty)
        #expect(!idle.spinnerScheduled)
    }

    @Test func quitSignalQuits() {
        var state = Fixture.loaded(3)
        #expect(Update.update(&state, .quitSignalReceived) == [.quit])
        #expect(state.quitting)
    }
}

@Suite struct FirstPageSizeTests {
    @Test(arguments: [(TerminalSize(width: 80, height: 24), 22), (TerminalSize(width: 120, height: 40), 38),
                      (TerminalSize(width: 20, height: 6), 20), (TerminalSize(width: 300, height: 2000), 1000)])
    func oneScreenfulButNeverTinyNorOverTheServerLimit(size: TerminalSize, expected: Int) {
        #expect(Update.firstPageSize(for: size) == expected)
    }
}
