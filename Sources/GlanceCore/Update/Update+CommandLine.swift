import Foundation
import GlanceAPI
import TerminalKit

/// The `:` command line and the `/` filter line.
extension Update {
    static func commandKey(_ state: inout AppState, _ editor: LineEditor, _ key: Key) -> [Effect] {
        var editor = editor
        switch key {
        case .tab:
            let completion = CommandCompletion.complete(editor.beforeCursor, views: state.catalog.savedViews.map(\.name),
                                                        propertyKeys: state.rules.values.filter { !$0.isCore }.map(\.key).sorted(),
                                                        choices: state.choices,
                                                        interrupted: state.transfers.interrupted.compactMap(\.journalID))
            if let insert = completion.insert { editor.insert(insert) }
            state.prompt.candidates = completion.candidates.count > 1 ? completion.candidates : []
            state.prompt.message = nil
            state.prompt.input = .command(editor)
            // Regions and projects are read from the cloud the first time they are completed.
            if completion.needsScopes, state.session != nil {
                state.prompt.message = "Asking the cloud for its regions and your projects… (Tab again)"
                return [.loadScopes]
            }
            return []
        case .up, .down:
            return recallHistory(&state, older: key == .up)
        default: break
        }
        switch editor.handle(key) {
        case .cancel:
            state.prompt.input = .keys
            state.prompt.message = nil
            state.prompt.candidates = []
            return []
        case .submit:
            return submitCommand(&state, editor.text)
        case .edited, .moved, .unhandled:
            state.prompt.input = .command(editor)
            state.prompt.message = nil
            state.prompt.candidates = []
            return []
        }
    }

    static func recallHistory(_ state: inout AppState, older: Bool) -> [Effect] {
        let history = state.prompt.history
        guard !history.isEmpty else { return [] }
        var index = state.prompt.historyIndex ?? history.count
        index = older ? max(0, index - 1) : index + 1
        if index >= history.count {
            state.prompt.historyIndex = nil
            state.prompt.input = .command(LineEditor())
        } else {
            state.prompt.historyIndex = index
            state.prompt.input = .command(LineEditor(history[index]))
        }
        return []
    }

    static func submitCommand(_ state: inout AppState, _ text: String) -> [Effect] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty, state.prompt.history.last != trimmed {
            state.prompt.history.append(trimmed)
            if state.prompt.history.count > 100 { state.prompt.history.removeFirst() }
        }
        state.prompt.historyIndex = nil
        state.prompt.candidates = []
        switch CommandParser.parse(trimmed) {
        case .failure(let error):
            // Stay on the line with the reason shown; nothing is sent.
            state.prompt.message = error.message
            state.prompt.input = .command(LineEditor(text))
            return []
        case .success(let command):
            state.prompt.input = .keys
            state.prompt.message = nil
            // A query the session's API cannot carry is refused on the line, like a typo.
            if let query = command.query(after: state.catalog.query), let refusal = queryPlan(state, query).refusal {
                state.prompt.message = refusal
                state.prompt.input = .command(LineEditor(text))
                return []
            }
            return run(&state, command)
        }
    }

    static func run(_ state: inout AppState, _ command: Command) -> [Effect] {
        switch command {
        case .filter:
            state.catalog.sharedWithMe = false
            state.catalog.query = command.query(after: state.catalog.query) ?? state.catalog.query
            state.notice = state.catalog.query.hasFilters ? nil : "Filters cleared"
            return relist(&state)
        case .sort:
            state.catalog.query = command.query(after: state.catalog.query) ?? state.catalog.query
            return relist(&state)
        case .toggleHidden:
            state.catalog.query = command.query(after: state.catalog.query) ?? state.catalog.query
            state.notice = state.catalog.query.hidden == true ? "Showing hidden images only" : "Hidden images left out"
            return relist(&state)
        case .columns(let columns):
            let counting = columns.contains(.used) && !state.catalog.columns.contains(.used)
            state.catalog.columns = columns
            if let sort = state.catalog.localSort, !columns.contains(sort.column) { state.catalog.localSort = nil; rebuildRows(&state) }
            return counting ? countUseIfShown(&state) : []
        case .listViews:
            state.notice = state.catalog.savedViews.isEmpty
                ? "No saved views (add them under views: in the config file)"
                : "Views: " + state.catalog.savedViews.map(\.name).joined(separator: ", ")
            return []
        case .view(let name):
            guard let view = state.catalog.savedViews.first(where: { $0.name == name }) else {
                state.prompt.input = .command(LineEditor("view " + name))
                state.prompt.message = "No view \"\(name)\"" + (state.catalog.savedViews.isEmpty ? "" : " (views: \(state.catalog.savedViews.map(\.name).joined(separator: ", ")))")
                return []
            }
            do {
                var query = try FilterParser.parse(view.filter)
                query.sort = try SortParser.parse(view.sort)
                state.catalog.query = query
                state.catalog.sharedWithMe = false
                state.notice = "View \(name)"
                return relist(&state)
            } catch {
                state.lastError = "View \(name): \(error.message)"
                return []
            }
        case .shared:
            state.catalog.query = command.query(after: state.catalog.query) ?? state.catalog.query
            state.catalog.sharedWithMe = true
            state.notice = nil
            var effects = relist(&state)
            if let project = state.session?.projectID {
                let id = state.makeRequestID()
                effects.append(.countSharedImages(id, projectID: project))
            }
            return effects
        case .quit:
            return quit(&state)
        case .write(let write):
            return askBatch(&state, write)
        case .mark(let selection):
            return applyMarks(&state, selection)
        case .showBatches:
            return openPane(&state, .batches)
        case .showLog:
            return openPane(&state, .log)
        case .undo:
            return askUndo(&state)
        case .downloadAll(let directory):
            return downloadAll(&state, into: directory)
        case .copyAll(let stores):
            return copyAll(&state, to: stores)
        case .lineage(let key):
            return showLineages(&state, by: key)
        case .retire(let policy):
            return planRetirement(&state, policy)
        case .lint:
            return startLint(&state)
        case .usedBy:
            return showUsedBy(&state)
        case .stores:
            return showStores(&state)
        case .usage:
            return showUsage(&state)
        case .tasks(let request):
            return showTasks(&state, request)
        case .cache:
            return showCache(&state)
        case .export(let path):
            return export(&state, to: path)
        case .yank(let what):
            return yank(&state, what)
        case .switchTo(let target):
            return askSwitch(&state, target)
        case .transfers:
            return openTransfers(&state)
        case .resume(let which):
            return journalCommand(&state, which, resume: true)
        case .dismiss(let which):
            return journalCommand(&state, which, resume: false)
        }
    }

    /// A new server query: back to the list, from the top.
    static func relist(_ state: inout AppState) -> [Effect] {
        guard state.session != nil else { return [] }
        state.screen = .list
        state.detail = nil
        state.catalog.cursor = ListViewport()
        state.catalog.images = []
        state.catalog.searchKeys = []
        state.catalog.rows = []
        return restartListing(&state)
    }

    static func quickFilterKey(_ state: inout AppState, _ editor: LineEditor, _ key: Key) -> [Effect] {
        var editor = editor
        let before = state.catalog.quickFilter
        switch editor.handle(key) {
        case .cancel:
            state.prompt.input = .keys
            state.catalog.quickFilter = ""
            if !before.isEmpty { rebuildRows(&state) }
        case .submit:
            state.prompt.input = .keys
        case .edited:
            state.prompt.input = .quickFilter(editor)
            state.catalog.quickFilter = editor.text
            if !before.isEmpty, state.catalog.quickFilter.lowercased().contains(before.lowercased()) {
                narrowRows(&state)
            } else {
                rebuildRows(&state)
            }
            return continueListingIfNeeded(&state)
        case .moved, .unhandled:
            // Arrows still move through the matches while typing.
            state.prompt.input = .quickFilter(editor)
            switch key {
            case .up: return move(&state, .by(-1))
            case .down: return move(&state, .by(1))
            case .pageUp: return move(&state, .page(-1))
            case .pageDown: return move(&state, .page(1))
            default: return []
            }
        }
        return []
    }

    /// Digit N: sort by the Nth of the chosen columns, reversing on a second press. Done here
    /// when every image is loaded; otherwise by the server, which then lists from the start.
    static func sortByColumn(_ state: inout AppState, _ n: Int) -> [Effect] {
        guard state.catalog.columns.indices.contains(n - 1) else { return [] }
        let column = state.catalog.columns[n - 1]
        let current = activeSort(state)
        let direction: ImageQuery.SortDirection
        if let current, current.column == column {
            direction = current.direction == .asc ? .desc : .asc
        } else {
            direction = [.size, .updated, .created].contains(column) ? .desc : .asc
        }
        if state.catalog.listing == .complete {
            state.catalog.localSort = AppState.LocalSort(column, direction)
            rebuildRows(&state)
            return []
        }
        guard let key = column.serverSortKey else {
            state.notice = "Glance cannot sort by \(column.rawValue); press G to load everything, then sort here"
            return []
        }
        state.catalog.query.sort = [ImageQuery.Sort(key, direction)]
        return relist(&state)
    }

    /// The sort the list is in, as a column: a local one, else the server's first key.
    public static func activeSort(_ state: AppState) -> AppState.LocalSort? {
        if let local = state.catalog.localSort { return local }
        guard let first = state.catalog.query.sort.first,
              let column = ColumnID.allCases.first(where: { $0.serverSortKey == first.key }) else { return nil }
        return AppState.LocalSort(column, first.direction)
    }
}
