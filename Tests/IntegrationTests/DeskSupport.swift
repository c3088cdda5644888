import Foundation
import GlanceAPI
import Testing

/// Waiting and raw data calls the desk's integration tests share.
enum Desk {
    /// Polls `check` every 200 ms until it returns a value or `seconds` pass (Glance imports and
    /// copies in the background after its 202).
    static func waitFor<T>(_ what: String, seconds: Double = 30, _ check: () throws -> T?) throws -> T {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let value = try check() { return value }
            guard Date() < deadline else { throw APIError.configuration("\(what) did not happen within \(Int(seconds)) s") }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    /// The image's `stores` field as a set.
    static func stores(_ image: Image) -> Set<String> {
        Set((image.fields["stores"]?.stringValue ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }

    /// PUT /stage with `data`: the first half of glance-direct.
    static func stage(_ account: TestImages.Account, _ id: String, _ data: Data) throws {
        var request = DataRequests.stage(account.endpoint, id: id)
        request.body = data
        #expect(try account.client.sendAuthorized(request).status == 204)
    }

    /// GET /file whole, as the client sends it.
    static func download(_ account: TestImages.Account, _ id: String) throws -> Data {
        try account.client.sendAuthorized(DataRequests.download(account.endpoint, id: id)).body
    }

    /// The server's sentence of an `.http` error.
    static func message(_ error: APIError?) -> String? {
        if case .http(_, let message, _)? = error { message } else { nil }
    }

    static func bytes(_ count: Int) -> Data { Data((0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }) }
}
