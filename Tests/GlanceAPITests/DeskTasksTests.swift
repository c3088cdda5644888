import Foundation
import Testing
@testable import GlanceAPI

/// Glance tasks: requests, decoding of bodies captured from the local Glance 33 (Fixtures/desk),
/// and the client's calls over a fake transport.
@Suite("Desk: tasks")
struct DeskTasksTests {
    static let endpoint = ImageEndpoint(catalogURL: "http://127.0.0.1:9292")

    static func fixture(_ name: String) throws -> Data { try Fixture.data("desk/" + name) }

    /// A client signed in with the captured token, whose later answers are `answers`.
    static func client(_ answers: [FakeTransport.Answer]) throws -> (ImageClient, FakeTransport) {
        let transport = FakeTransport(keystone: [try Canned.token("t1")], other: answers)
        return (ImageClient(profile: ImageClientTests.profile(), transport: transport), transport)
    }

    static func ok(_ fixture: String) throws -> FakeTransport.Answer {
        .success(HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: try Self.fixture(fixture)))
    }

    @Test("list: filters, sort and paging spelled as Glance's tasks API reads them")
    func listRequests() {
        #expect(TasksRequests.list(Self.endpoint, .first(query: TaskQuery(), limit: nil))
                == HTTPRequest(method: .get, url: "http://127.0.0.1:9292/v2/tasks", headers: [("Accept", "application/json")]))
        let query = TaskQuery(status: .failure, type: "import", sortKey: .updatedAt, ascending: true)
        #expect(TasksRequests.list(Self.endpoint, .first(query: query, limit: 20)).url
                == "http://127.0.0.1:9292/v2/tasks?status=failure&type=import&sort_key=updated_at&sort_dir=asc&limit=20")
        #expect(TasksRequests.list(Self.endpoint, .after(query: TaskQuery(sortKey: .status), marker: "m-1", limit: 5)).url
                == "http://127.0.0.1:9292/v2/tasks?sort_key=status&sort_dir=desc&marker=m-1&limit=5")
        let versioned = ImageEndpoint(catalogURL: "https://cloud.example/image/v2/")
        #expect(TasksRequests.list(versioned, .next(link: "/v2/tasks?limit=2&marker=23ef")).url
                == "https://cloud.example/image/v2/tasks?limit=2&marker=23ef")
        #expect(TasksRequests.show(versioned, id: "a/b").url == "https://cloud.example/image/v2/tasks/a%2Fb")
        #expect(TasksRequests.ofImage(versioned, imageID: "i 1").url == "https://cloud.example/image/v2/images/i%201/tasks")
    }

    @Test("a captured page: stubs with timestamps, and the next link")
    func decodePage() throws {
        let page = try TasksRequests.decodePage(try Self.fixture("glance-tasks-page.json"), url: "u")
        #expect(page.tasks.map(\.id) == ["2a420b2a-d920-4aa5-b603-1a5f066ecf11", "23efc885-b9db-4efc-a0e4-577e60789a1a"])
        #expect(page.next == "/v2/tasks?limit=2&marker=23efc885-b9db-4efc-a0e4-577e60789a1a")
        #expect(page.skippedEntries == 0)
        let first = page.tasks[0]
        #expect(first.isStub)
        #expect(first.type == "api_image_import")
        #expect(first.status == .success)
        #expect(first.owner == "ea70e9b1dc2048e5bbf9389fcf4983d1")
        #expect(first.input == .null && first.result == nil && first.message == nil && first.imageID == nil)
        #expect(first.created == ISOTime.parse("2026-12-03T14:07:26Z"))
        #expect(first.expiresAt == "2026-12-05T14:07:27Z")
        #expect(first.expires != nil)
    }

    @Test("a captured full task: input, result, message and the ids Glance adds")
    func decodeTask() throws {
        let task = try TasksRequests.decodeTask(try Self.fixture("glance-task.json"), url: "u")
        #expect(!task.isStub)
        #expect(task.message == "Copied 1 MiB")
        #expect(task.imageID == "925616a1-48a5-4245-aee9-4c03fb085bc3")
        #expect(task.requestID == "req-43447109-073f-4650-9aab-82409e51e8e0")
        #expect(task.userID == "fc8d57373a244da29cc880308a4ed20a")
        #expect(task.result == .object(["image_id": .string("925616a1-48a5-4245-aee9-4c03fb085bc3")]))
        #expect(task.input.objectValue?["import_req"]?.objectValue?["method"]
                == .object(["name": .string("web-download"), "uri": .string("http://127.0.0.1:9393/x.raw")]))
        #expect(task.input.objectValue?["backend"] == .array([.string("fast")]))
    }

    @Test("an image's tasks: the DB's zone-less timestamps read as UTC, deleted flags ignored")
    func decodeImageTasks() throws {
        let tasks = try TasksRequests.decodeImageTasks(try Self.fixture("glance-image-tasks.json"), url: "u")
        try #require(tasks.count == 1)
        #expect(tasks[0].id == "0ddeb7a9-5cc9-4152-a85d-09a8a582aed3")
        #expect(tasks[0].createdAt == "2026-12-03T10:36:50.292952")
        let created = try #require(tasks[0].created)
        #expect(abs(created.timeIntervalSince(try #require(ISOTime.parse("2026-12-03T10:36:50Z"))) - 0.292952) < 0.001)
        #expect(tasks[0].message == "Copied 0 MiB")
        #expect(tasks[0].input.objectValue?["import_req"]?.objectValue?["stores"] == .array([.string("cheap")]))
        #expect(try TasksRequests.decodeImageTasks(Data(#"{"tasks": []}"#.utf8), url: "u").isEmpty)
    }

    @Test("tolerance: entries without an id are counted, a missing array or bad JSON is malformed")
    func tolerance() throws {
        let page = try TasksRequests.decodePage(Data(#"{"tasks": [{"id": "a", "status": "weird"}, {"status": "x"}, 3]}"#.utf8), url: "u")
        #expect(page.tasks.map(\.status) == [.other("weird")])
        #expect(page.skippedEntries == 2)
        #expect(page.next == nil)
        #expect(throws: APIError.malformedResponse("the task list has no \"tasks\" array", url: "u")) {
            try TasksRequests.decodePage(Data("{}".utf8), url: "u")
        }
        #expect(throws: APIError.malformedResponse("the task has no id", url: "u")) {
            try TasksRequests.decodeTask(Data(#"{"type": "import"}"#.utf8), url: "u")
        }
        #expect(TaskStatus.failure.isFinished && !TaskStatus.processing.isFinished)
    }

    @Test("the client: list, show, image tasks, and the member's 403 with Glance's sentence")
    func client() throws {
        let (client, transport) = try Self.client([
            try Self.ok("glance-tasks-page.json"), try Self.ok("glance-task.json"), try Self.ok("glance-image-tasks.json"),
            try Canned.status(403, fixture: "desk/glance-403-tasks.html", contentType: "text/html; charset=UTF-8"),
            try Canned.status(404, fixture: "desk/glance-404-image-tasks.html", contentType: "text/html; charset=UTF-8"),
        ])
        let backend: any TaskReader = ImageV2Backend(client: client)
        #expect(try backend.listTasks(.first(query: TaskQuery(status: .success), limit: 2)).tasks.count == 2)
        #expect(try backend.task(id: "2a420b2a-d920-4aa5-b603-1a5f066ecf11").message == "Copied 1 MiB")
        #expect(try backend.tasks(ofImage: "fdf2e6a3-de19-4996-acbd-5b59d545941f").count == 1)
        #expect(throws: APIError.http(status: 403, message: "You are not authorized to complete tasks_api_access action.",
                                      url: "http://127.0.0.1:9292/v2/tasks")) {
            try backend.listTasks(.first(query: TaskQuery(), limit: nil))
        }
        #expect(throws: APIError.http(status: 404, message: "The resource could not be found.",
                                      url: "http://127.0.0.1:9292/v2/images/old/tasks")) {
            try backend.tasks(ofImage: "old")
        }
        #expect(transport.requests.dropFirst().map(\.url) == [
            "http://127.0.0.1:9292/v2/tasks?status=success&limit=2",
            "http://127.0.0.1:9292/v2/tasks/2a420b2a-d920-4aa5-b603-1a5f066ecf11",
            "http://127.0.0.1:9292/v2/images/fdf2e6a3-de19-4996-acbd-5b59d545941f/tasks",
            "http://127.0.0.1:9292/v2/tasks", "http://127.0.0.1:9292/v2/images/old/tasks",
        ])
    }
}
