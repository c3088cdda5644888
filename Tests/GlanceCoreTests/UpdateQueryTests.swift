import GlanceAPI
@testable import GlanceCore
import TerminalKit
import Testing

/// `:` commands, `/`, column sorting and lazy paging, through update() as keys arrive.
@Suite struct UpdateQueryTests {
    func type(_ text: String, into state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        for ch in text { effects += Update.update(&state, .keyPressed(.char(ch))) }
        return effects
    }

    func command(_ text: String, _ state: inout AppState) -> [Effect] {
        _ = Update.update(&state, .keyPressed(.char(":")))
        _ = type(text, into: &state)
        return Update.update(&state, .keyPressed(.enter))
    }

    /// The first page's effect for a query written as the Image API's parameters, which read
    /// more plainly in a test than the typed query.
    static func firstPage(_ id: Int, _ items: [QueryItem], limit: Int = 22) -> Effect {
        .loadImages(RequestID(id), .first(query: ImageQuery(parameters: items), limit: limit))
    }

    @Test func filterCommandRelistsWithTheQueryFromTheTop() {
        var state = Fixture.loaded(30)
        _ = Update.update(&state, .keyPressed(.char("G")))
        let effects = command("filter status=active tag=linux tag=x86 size_min=1G", &state)
        #expect(effects.first == Self.firstPage(2, [QueryItem("status", "active"), QueryItem("tag", "linux"),
                                                    QueryItem("tag", "x86"), QueryItem("size_min", "1073741824")]))
        #expect(state.catalog.query.tags == ["linux", "x86"])
        #expect(state.prompt.input == .keys)
        #expect(state.catalog.images.isEmpty && state.catalog.rows.isEmpty)
        #expect(state.catalog.cursor == ListViewport())
        #expect(state.catalog.listing == .loading(RequestID(2), pages: 0))
    }

    @Test func anInvalidCommandIsExplainedInPlaceAndSendsNothing() {
        var state = Fixture.loaded(3)
        let effects = command("filter size_min=lots", &state)
        #expect(effects.isEmpty)
        #expect(state.prompt.input == .command(LineEditor("filter size_min=lots")))
        #expect(state.prompt.message?.contains("size_min") == true)
        #expect(state.catalog.query == ImageQuery())
        #expect(state.catalog.images.count == 3)
        // Esc leaves the line; the message goes with it.
        _ = Update.update(&state, .keyPressed(.escape))
        #expect(state.prompt.input == .keys && state.prompt.message == nil)
    }

    @Test func filterAloneClearsFiltersButKeepsTheSort() {
        var state = Fixture.loaded(3)
        _ = command("sort name:asc", &state)
        _ = command("filter status=queued", &state)
        #expect(state.catalog.query.status == "queued")
        let effects = command("filter", &state)
        #expect(state.catalog.query.hasFilters == false)
        #expect(state.catalog.query.sort == [ImageQuery.Sort(.name, .asc)])
        #expect(effects.contains(Self.firstPage(4, [QueryItem("sort", "name:asc")])))
        #expect(state.notice == "Filters cleared")
    }

    @Test func sortHiddenAndColumnsCommands() {
        var state = Fixture.loaded(3)
        #expect(command("sort size:desc,name", &state).contains(Self.firstPage(2, [QueryItem("sort", "size:desc,name:asc")])))
        #expect(command("hidden", &state).contains(Self.firstPage(3, [QueryItem("os_hidden", "true"), QueryItem("sort", "size:desc,name:asc")])))
        _ = command("hid", &state)
        #expect(state.catalog.query.hidden == nil)
        #expect(command("columns name,size,owner", &state).isEmpty)
        #expect(state.catalog.columns == [.name, .size, .owner])
        _ = command("columns", &state)
        #expect(state.catalog.columns == ColumnID.defaults)
    }

    @Test func savedViewsApplyTheirFilterAndSort() {
        var state = Fixture.loaded(3)
        state.catalog.savedViews = [SavedView(name: "big", filter: "size_min=2G disk_format=qcow2", sort: "size:desc")]
        let effects = command("view big", &state)
        #expect(effects.contains(Self.firstPage(2, [QueryItem("size_min", "2147483648"), QueryItem("disk_format", "qcow2"),
                                                    QueryItem("sort", "size:desc")])))
        _ = command("view nope", &state)
        #expect(state.prompt.message == "No view \"nope\" (views: big)")
        _ = Update.update(&state, .keyPressed(.escape))
        _ = command("view", &state)
        #expect(state.notice == "Views: big")
    }

    @Test func historyRecallsEarlierCommandsAndTabCompletes() {
        var state = Fixture.loaded(3)
        _ = command("sort name", &state)
        _ = command("columns name,id", &state)
        _ = Update.update(&state, .keyPressed(.char(":")))
        _ = Update.update(&state, .keyPressed(.up))
        #expect(state.prompt.input == .command(LineEditor("columns name,id")))
        _ = Update.update(&state, .keyPressed(.up))
        #expect(state.prompt.input == .command(LineEditor("sort name")))
        _ = Update.update(&state, .keyPressed(.down))
        _ = Update.update(&state, .keyPressed(.down))
        #expect(state.prompt.input == .command(LineEditor("")))
        _ = type("fi", into: &state)
        _ = Update.update(&state, .keyPressed(.tab))
        _ = type("vis", into: &state)
        _ = Update.update(&state, .keyPressed(.tab))
        _ = type("c", into: &state)
        _ = Update.update(&state, .keyPressed(.tab))
        #expect(state.prompt.input == .command(LineEditor("filter visibility=community ")))
        _ = type("status=", into: &state)
        _ = Update.update(&state, .keyPressed(.tab))
        #expect(state.prompt.candidates.count == FilterParser.statuses.count)
    }

    @Test func quickFilterNarrowsAsYouTypeAndEscClearsIt() {
        var state = Fixture.loaded(30)
        _ = Update.update(&state, .keyPressed(.char("/")))
        _ = type("IMG 1", into: &state)
        // "img 1", "img 10" ... "img 19": case-insensitive on the name.
        #expect(state.catalog.rows.count == 11)
        #expect(state.catalog.quickFilter == "IMG 1")
        _ = type("5", into: &state)
        #expect(state.catalog.rows.map { state.catalog.images[$0].id } == ["img-15"])
        _ = Update.update(&state, .keyPressed(.backspace))
        #expect(state.catalog.rows.count == 11)
        #expect(state.selectedImage?.id == "img-15", "widening keeps the cursor on the same image")
        _ = Update.update(&state, .keyPressed(.down))
        #expect(state.selectedImage?.id == "img-16", "arrows move through the matches while typing")
        _ = Update.update(&state, .keyPressed(.enter))
        #expect(state.prompt.input == .keys && state.catalog.quickFilter == "IMG 1")
        _ = Update.update(&state, .keyPressed(.escape))
        #expect(state.catalog.quickFilter.isEmpty && state.catalog.rows.count == 30)
        #expect(state.selectedImage?.id == "img-16", "the cursor stays on the same image")
    }

    @Test func quickFilterMatchesIdsAndTagsAndKeepsUpWithNewPages() {
        var state = AppState(cloudName: "c", size: TerminalSize(width: 80, height: 24))
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(Fixture.session))
        let tagged = Image(id: "abc-123", name: "plain", status: "active", fields: ["tags": .array([.string("GPU")])])
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: Fixture.images(3) + [tagged], next: "/n")))
        _ = Update.update(&state, .keyPressed(.char("/")))
        _ = type("gpu", into: &state)
        #expect(state.catalog.rows.map { state.catalog.images[$0].id } == ["abc-123"])
        let more = Image(id: "gpu-7", name: "other", status: "active")
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: [Image(id: "x", name: "x"), more], next: nil)))
        #expect(state.catalog.rows.map { state.catalog.images[$0].id } == ["abc-123", "gpu-7"])
    }

    @Test func digitsSortLocallyWhenEverythingIsLoaded() {
        var state = Fixture.loaded(12)
        #expect(Update.update(&state, .keyPressed(.char("1"))).isEmpty, "no request: done here")
        #expect(state.catalog.localSort == AppState.LocalSort(.name, .asc))
        // "img 0", "img 1", "img 10", "img 11", "img 2", ...: byte order of the folded names.
        #expect(state.catalog.rows.prefix(4).map { state.catalog.images[$0].id } == ["img-0", "img-1", "img-10", "img-11"])
        _ = Update.update(&state, .keyPressed(.char("1")))
        #expect(state.catalog.localSort == AppState.LocalSort(.name, .desc))
        #expect(state.catalog.rows.first.map { state.catalog.images[$0].id } == "img-9")
        _ = Update.update(&state, .keyPressed(.char("5")))
        #expect(state.catalog.localSort == AppState.LocalSort(.size, .desc), "sizes start largest first")
        #expect(state.catalog.rows.first.map { state.catalog.images[$0].id } == "img-11")
        #expect(Update.update(&state, .keyPressed(.char("9"))).isEmpty, "no ninth column: nothing")
    }

    @Test func digitsAskTheServerWhileLoadingAndExplainWhatItCannotSort() {
        var state = AppState(cloudName: "c", size: TerminalSize(width: 80, height: 24))
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(Fixture.session))
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: Fixture.images(5), next: "/n")))
        let effects = Update.update(&state, .keyPressed(.char("1")))
        #expect(effects.contains(.cancel(RequestID(1))))
        #expect(effects.contains(Self.firstPage(2, [QueryItem("sort", "name:asc")])))
        _ = Update.update(&state, .imagesPageLoaded(RequestID(2), ImagePage(images: Fixture.images(5), next: "/n")))
        #expect(Update.update(&state, .keyPressed(.char("3"))).isEmpty)
        #expect(state.notice?.contains("cannot sort by visibility") == true)
    }

    @Test func pagingWaitsPastTheEagerLimitUntilTheCursorNearsTheEnd() {
        var state = AppState(cloudName: "c", size: TerminalSize(width: 80, height: 10))
        state.catalog.eagerLimit = 40
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(Fixture.session))
        var effects = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: Fixture.images(30, prefix: "a"), next: "/p2")))
        #expect(effects.contains(.loadImages(RequestID(1), .next(link: "/p2", limit: 1000))), "under the limit: eager")
        effects = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: Fixture.images(30, prefix: "b"), next: "/p3")))
        #expect(effects.isEmpty)
        #expect(state.catalog.listing == .partial(RequestID(1), pages: 2, next: "/p3"))
        #expect(!state.isBusy)
        _ = Update.update(&state, .spinnerTicked)
        // 7 rows a screen: within two screens (14 rows) of the 60th the next page is asked for.
        for _ in 0..<45 { #expect(Update.update(&state, .keyPressed(.char("j"))).isEmpty) }
        effects = Update.update(&state, .keyPressed(.char("j")))
        #expect(effects == [.loadImages(RequestID(1), .next(link: "/p3", limit: 1000)), .scheduleSpinnerTick])
        #expect(state.catalog.listing == .loading(RequestID(1), pages: 2))
    }

    @Test func gLoadsEverythingLeftThenLandsOnTheLastRow() {
        var state = AppState(cloudName: "c", size: TerminalSize(width: 80, height: 10))
        state.catalog.eagerLimit = 10
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(Fixture.session))
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: Fixture.images(20, prefix: "a"), next: "/p2")))
        #expect(state.catalog.listing == .partial(RequestID(1), pages: 1, next: "/p2"))
        let effects = Update.update(&state, .keyPressed(.char("G")))
        #expect(effects.contains(.loadImages(RequestID(1), .next(link: "/p2", limit: 1000))))
        #expect(state.catalog.jumpToEndWhenLoaded)
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: Fixture.images(20, prefix: "b"), next: "/p3")))
        #expect(state.catalog.listing == .loading(RequestID(1), pages: 2), "G keeps loading past the limit")
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: Fixture.images(5, prefix: "c"), next: nil)))
        #expect(state.catalog.listing == .complete)
        #expect(state.selectedImage?.id == "c-4")
        #expect(!state.catalog.jumpToEndWhenLoaded)
    }

    @Test func aNewQueryWhileLoadingCancelsTheOldOneAndIgnoresItsAnswers() {
        var state = AppState(cloudName: "c", size: TerminalSize(width: 80, height: 24))
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(Fixture.session))
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: Fixture.images(5), next: "/n")))
        let effects = command("filter name=web", &state)
        #expect(effects.prefix(2) == [.cancel(RequestID(1)), Self.firstPage(2, [QueryItem("name", "web")])])
        #expect(Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: Fixture.images(9), next: nil))).isEmpty)
        #expect(state.catalog.images.isEmpty)
        _ = Update.update(&state, .imagesPageLoaded(RequestID(2), ImagePage(images: [Image(id: "w", name: "web")], next: nil)))
        #expect(state.catalog.images.map(\.id) == ["w"])
    }

    @Test func whatTheBackendSaysAboutHowItListedIsShown() {
        var state = Fixture.loaded(3)
        _ = command("sort name:asc,size:desc", &state)
        var page = ImagePage(images: Fixture.images(2), next: nil)
        page.notice = "This server wants sort_key/sort_dir; sorting with those"
        _ = Update.update(&state, .imagesPageLoaded(RequestID(2), page))
        #expect(state.notice == "This server wants sort_key/sort_dir; sorting with those")
        #expect(state.catalog.listing == .complete)
    }
}

extension ImageQuery {
    /// The typed query for Image v2 list parameters (the ones these tests use).
    init(parameters items: [QueryItem]) {
        self.init()
        for item in items {
            switch item.name {
            case "name": name = item.value
            case "status": status = item.value
            case "visibility": visibility = Visibility(rawValue: item.value)
            case "member_status": memberStatus = MemberStatus(rawValue: item.value)
            case "tag": tags.append(item.value)
            case "size_min": sizeMin = Int64(item.value)
            case "size_max": sizeMax = Int64(item.value)
            case "os_hidden": hidden = item.value == "true"
            case "disk_format": diskFormat = item.value
            case "sort":
                sort = item.value.split(separator: ",").map { part in
                    let kd = part.split(separator: ":")
                    return Sort(SortKey(rawValue: String(kd[0]))!, kd.count > 1 ? SortDirection(rawValue: String(kd[1]))! : .asc)
                }
            default: properties[item.name] = item.value
            }
        }
        #expect(queryItems() == items, "the parameters are not in the order ImageQuery sends them")
    }
}
