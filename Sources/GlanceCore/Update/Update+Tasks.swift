import Foundation
import GlanceAPI

/// `:tasks [status=…] [type=import]` and `:tasks image` (the selected image's): read through the
/// backend's task capability; Enter reads one whole.
extension Update {
    static func showTasks(_ state: inout AppState, _ request: TasksCommand) -> [Effect] {
        guard let session = state.session else { return [] }
        if let refusal = session.refusal(.tasks) {
            state.notice = refusal
            return []
        }
        var imageID: String?
        if request.ofSelectedImage {
            guard let image = state.screen == .detail ? state.detail?.image : state.selectedImage else {
                state.notice = "Select an image first: :tasks image lists its tasks"
                return []
            }
            imageID = image.id
        }
        return loadTasks(&state, imageID: imageID, query: request.query)
    }

    static func loadTasks(_ state: inout AppState, imageID: String?, query: TaskQuery) -> [Effect] {
        if case .loading(let old)? = state.tasks?.phase { state.requestsInFlight.remove(old) }
        let id = state.makeRequestID()
        state.requestsInFlight.insert(id)
        var pane = TasksState(imageID: imageID, query: query, phase: .loading(id))
        if let old = state.tasks, old.imageID == imageID { pane.table = old.table }
        state.tasks = pane
        enterPane(&state, .tasks)
        return [.loadTasks(id, imageID: imageID, query)]
    }

    static func tasksLoaded(_ state: inout AppState, _ id: RequestID, _ result: Result<[GlanceTask], APIError>, now: Date) -> [Effect] {
        state.requestsInFlight.remove(id)
        guard var pane = state.tasks, pane.phase == .loading(id) else { return [] }
        switch result {
        case .success(let tasks):
            pane.tasks = tasks
            pane.phase = .loaded
            pane.table.replaceRows(TasksState.rows(tasks, now: now), height: tableHeight(state))
        case .failure(let error):
            pane.phase = .failed(error.userMessage)
        }
        state.tasks = pane
        return []
    }

    /// Enter: the task whole (a listing gives stubs without input, result or message).
    static func openTask(_ state: inout AppState) -> [Effect] {
        guard let row = state.tasks?.table.selected else { return [] }
        let id = state.makeRequestID()
        state.requestsInFlight.insert(id)
        state.notice = "Reading task \(row.id.prefix(8))…"
        state.tasks?.opening = id
        return [.loadTask(id, taskID: row.id)]
    }

    static func taskLoaded(_ state: inout AppState, _ id: RequestID, _ result: Result<GlanceTask, APIError>) -> [Effect] {
        state.requestsInFlight.remove(id)
        guard state.tasks?.opening == id else { return [] }
        state.tasks?.opening = nil
        switch result {
        case .success(let task):
            state.tasks?.opened = task
            state.tasks?.openedScroll = 0
            state.notice = nil
        case .failure(let error):
            state.lastError = "Task: " + error.userMessage
        }
        return []
    }

    /// An image that is importing, or whose import failed somewhere, has its tasks read for
    /// the detail pane (where the session may read them at all).
    static func loadImportTasksIfImporting(_ state: inout AppState, _ image: Image) -> [Effect] {
        guard state.session?.capabilities.contains(.tasks) == true, state.detail?.imageID == image.id else { return [] }
        let importing = [.importing, .uploading].contains(image.status)
            || image.fields["os_glance_importing_to_stores"]?.displayText.isEmpty == false
            || image.fields["os_glance_failed_import"]?.displayText.isEmpty == false
        guard importing else { return [] }
        let id = state.makeRequestID()
        state.requestsInFlight.insert(id)
        state.detail?.tasksRequest = id
        return [.loadImageTasks(id, imageID: image.id)]
    }

    static func leaveTasks(_ state: inout AppState) -> [Effect] {
        if state.tasks?.opened != nil {
            state.tasks?.opened = nil
            return []
        }
        var effects: [Effect] = []
        if case .loading(let id)? = state.tasks?.phase {
            state.requestsInFlight.remove(id)
            effects.append(.cancel(id))
        }
        state.tasks = nil
        leavePane(&state, from: .tasks)
        return effects
    }

    static func moveInTasks(_ state: inout AppState, _ movement: Movement) {
        guard state.tasks?.opened != nil, let scroll = state.tasks?.openedScroll else { return moveInTable(&state, movement) }
        switch movement {
        case .by(let d): state.tasks?.openedScroll = max(0, scroll + d)
        case .page(let d): state.tasks?.openedScroll = max(0, scroll + d * 10)
        case .to(let row): state.tasks?.openedScroll = max(0, min(row, 10_000))
        }
    }
}

/// What `:tasks` was asked for.
public struct TasksCommand: Equatable, Sendable {
    public var query: TaskQuery
    /// `:tasks image`: the selected image's tasks.
    public var ofSelectedImage: Bool

    public init(query: TaskQuery = TaskQuery(), ofSelectedImage: Bool = false) {
        self.query = query
        self.ofSelectedImage = ofSelectedImage
    }

    /// `image`, `status=pending|processing|success|failure`, `type=import` (the only type
    /// Glance filters by).
    public static func parse(_ words: [String]) throws(CommandError) -> TasksCommand {
        var command = TasksCommand()
        for word in words {
            if word == "image" { command.ofSelectedImage = true; continue }
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw CommandError(":tasks takes image, status=… and type=import") }
            switch parts[0] {
            case "status":
                let status = TaskStatus(raw: parts[1])
                guard TaskStatus.known.contains(status) else {
                    throw CommandError("status is pending, processing, success or failure")
                }
                command.query.status = status
            case "type":
                // Glance 33 refuses every other type (400 "Invalid type value").
                guard parts[1] == "import" else { throw CommandError("Glance filters tasks by type=import only") }
                command.query.type = parts[1]
            default:
                throw CommandError("\(parts[0]) is not a task filter (status, type)")
            }
        }
        return command
    }
}
