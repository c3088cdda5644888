import Foundation
import Synchronization
import Testing
@testable import GlanceAPI

/// Fixture files next to this source file (Tests/GlanceAPITests/Fixtures), found through
/// `#filePath` rather than SwiftPM resources.
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures", isDirectory: true)

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try data(name), as: UTF8.self)
    }
}

/// Parses a JSON literal written in a test into a `JSONValue`, so request bodies are compared as
/// structures (key order and spacing do not matter).
func json(_ literal: String) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data(literal.utf8))
}

func jsonData(_ value: JSONValue) throws -> Data {
    try JSONEncoder().encode(value)
}

/// An `HTTPTransport` that records every request and replays canned answers: one queue for
/// Keystone (`…/auth/tokens`), one for everything else. An exhausted queue answers 599 with a body
/// that names the request, so a test that sends more than it expected fails loudly.
final class FakeTransport: HTTPTransport {
    typealias Answer = Result<HTTPResponse, TransportFailure>

    private struct State {
        var requests: [HTTPRequest] = []
        var keystone: [Answer] = []
        var other: [Answer] = []
    }

    private let state = Mutex(State())

    init(keystone: [Answer] = [], other: [Answer] = []) {
        state.withLock {
            $0.keystone = keystone
            $0.other = other
        }
    }

    var requests: [HTTPRequest] { state.withLock { $0.requests } }

    func send(_ request: HTTPRequest) throws(TransportFailure) -> HTTPResponse {
        let answer: Answer = state.withLock { s in
            s.requests.append(request)
            if request.url.hasSuffix("/auth/tokens") {
                return s.keystone.isEmpty ? .success(Self.unexpected(request)) : s.keystone.removeFirst()
            }
            return s.other.isEmpty ? .success(Self.unexpected(request)) : s.other.removeFirst()
        }
        return try answer.get()
    }

    private static func unexpected(_ request: HTTPRequest) -> HTTPResponse {
        HTTPResponse(status: 599, headers: ["Content-Type": "text/plain"],
                     body: Data("FakeTransport: no canned answer for \(request.method.rawValue) \(request.url)".utf8))
    }
}

/// Collects debug-log lines from `ImageClient`.
final class LogSink: Sendable {
    private let storage = Mutex<[String]>([])
    var lines: [String] { storage.withLock { $0 } }
    var closure: @Sendable (String) -> Void { { line in self.storage.withLock { $0.append(line) } } }
}

enum Canned {
    /// The real Keystone token body captured from the dev cloud, with a fake token in the header.
    static func token(_ value: String) throws -> FakeTransport.Answer {
        .success(HTTPResponse(status: 201,
                              headers: ["Content-Type": "application/json", "X-Subject-Token": value],
                              body: try Fixture.data("keystone-token-response.json")))
    }

    static func tokenWithCatalog(_ value: String, catalog: String) throws -> FakeTransport.Answer {
        let body = """
        {"token": {"methods": ["password"], "expires_at": "2026-11-22T20:57:36.000000Z",
          "user": {"id": "u1", "name": "demo"}, "project": {"id": "p1", "name": "demo"},
          "roles": [{"id": "r1", "name": "member"}], "catalog": \(catalog)}}
        """
        return .success(HTTPResponse(status: 201, headers: ["X-Subject-Token": value], body: Data(body.utf8)))
    }

    static func page() throws -> FakeTransport.Answer {
        .success(HTTPResponse(status: 200, headers: ["Content-Type": "application/json"],
                              body: try Fixture.data("glance-images-page.json")))
    }

    static func status(_ status: Int, fixture: String, contentType: String) throws -> FakeTransport.Answer {
        .success(HTTPResponse(status: status, headers: ["Content-Type": contentType], body: try Fixture.data(fixture)))
    }

    static func status(_ status: Int, text: String, contentType: String = "text/plain") -> FakeTransport.Answer {
        .success(HTTPResponse(status: status, headers: ["Content-Type": contentType], body: Data(text.utf8)))
    }
}
