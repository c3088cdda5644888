import Foundation
import GlanceAPI
@testable import GlanceCore
import TerminalKit
import Testing

/// `:tasks` through update(): every task or one image's, filtered and sorted in the table,
/// Enter reading one whole, Esc closing it before leaving.
@Suite struct UpdateTasksTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)

    static func task(_ id: String, _ status: TaskStatus, image: String?, message: String? = nil) -> GlanceTask {
        GlanceTask(id: id, type: "api_image_import", status: status, owner: "p1", message: message, input: .object([:]), imageID: image)
    }

    func state(_ api: ImageAPI = .v2) -> AppState {
        var state = AppState(cloudName: "c", size: TerminalSize(width: 100, height: 24))
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(Fixture.session(api)))
        let image = Image(id: "img-1", name: "web", status: .importing, fields: ["updated_at": .string("2026-12-01T10:00:00Z")])
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: [image], next: nil)))
        return state
    }

    func command(_ state: inout AppState, _ text: String) -> [Effect] {
        _ = Update.update(&state, .keyPressed(.char(":")))
        for ch in text { _ = Update.update(&state, .keyPressed(.char(ch))) }
        return Update.update(&state, .keyPressed(.enter))
    }

    @Test func everyTaskThenOneWholeThenBack() {
        var s = state()
        let query = TaskQuery(status: .failure)
        #expect(command(&s, "tasks status=failure") == [.loadTasks(RequestID(2), imageID: nil, query)])
        #expect(s.screen == .tasks && s.tasks?.phase == .loading(RequestID(2)))
        let tasks = [Self.task("t-1", .failure, image: "img-1", message: "Image import failed: data does not match disk_format"),
                     Self.task("t-2", .failure, image: "img-2")]
        _ = Update.update(&s, .tasksLoaded(RequestID(2), .success(tasks), at: Self.now))
        #expect(s.tasks?.table.rows.map { $0.cells[6] } == ["img-1 · Image import failed: data does not match disk_format", "img-2"])
        #expect(s.tasks?.table.rows.allSatisfy(\.dim) == true, "finished tasks are dimmed")
        #expect(Update.update(&s, .keyPressed(.enter)) == [.loadTask(RequestID(3), taskID: "t-1")])
        var whole = tasks[0]
        whole.input = .object(["import_req": .object(["method": .object(["name": .string("glance-direct")])])])
        _ = Update.update(&s, .taskLoaded(RequestID(3), .success(whole)))
        #expect(s.tasks?.opened == whole)
        _ = Update.update(&s, .keyPressed(.escape))
        #expect(s.screen == .tasks && s.tasks?.opened == nil, "Esc closes the task first")
        _ = Update.update(&s, .keyPressed(.escape))
        #expect(s.screen == .list && s.tasks == nil)
    }

    @Test func theSelectedImagesTasksAndWhatIsRefused() {
        var s = state()
        #expect(command(&s, "tasks image") == [.loadTasks(RequestID(2), imageID: "img-1", TaskQuery())])
        for (text, message) in [("tasks type=copy", "Glance filters tasks by type=import only"),
                                ("tasks status=done", "status is pending, processing, success or failure"),
                                ("tasks owner=x", "owner is not a task filter (status, type)")] {
            guard case .failure(let error) = CommandParser.parse(text) else { Issue.record("\(text) accepted"); continue }
            #expect(error.message == message)
        }
        var compute = state(.compute)
        #expect(command(&compute, "tasks").isEmpty)
        #expect(compute.notice == "tasks not available through Compute's image proxy")
    }
}

extension UpdateTasksTests {
    /// An image whose import is under way or failed has its tasks read for the detail pane,
    /// which says why next to the import properties.
    @Test func anImportingImagesDetailSaysWhyInItsTasksWords() {
        var s = state()
        _ = Update.update(&s, .keyPressed(.enter))
        guard let refresh = s.detail?.refresh else { Issue.record("no refresh"); return }
        let full = Image(id: "img-1", name: "web", status: .importing,
                         fields: ["os_glance_importing_to_stores": .string("cheap"), "updated_at": .string("2026-12-01T10:00:00Z")])
        let effects = Update.update(&s, .imageLoaded(refresh, full))
        guard case .loadImageTasks(let id, "img-1")? = effects.first else { Issue.record("no tasks asked for: \(effects)"); return }
        let failed = Self.task("t-9", .failure, image: "img-1", message: "Store cheap is full")
        _ = Update.update(&s, .imageTasksLoaded(id, .success([failed])))
        let rows = DetailLayout.rows(for: full, width: 100, tasks: s.detail?.tasks)
        #expect(rows.contains(.section("Import tasks (1)")))
        #expect(rows.contains(.field(key: "t-9", value: "failure: Store cheap is full", note: nil)))
        // An image at rest costs no request.
        var quiet = state()
        _ = Update.update(&quiet, .keyPressed(.enter))
        let still = Image(id: "img-1", name: "web", status: .active, fields: ["updated_at": .string("2026-12-01T10:00:00Z")])
        #expect(Update.update(&quiet, .imageLoaded(quiet.detail!.refresh!, still)).isEmpty)
    }
}
