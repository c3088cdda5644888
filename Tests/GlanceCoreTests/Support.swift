import GlanceAPI
@testable import GlanceCore
import TerminalKit
import Testing

enum Fixture {
    static let session = SessionInfo(cloud: "devcloud-demo", region: "RegionOne", projectName: "demo",
                                     projectID: "p1", userName: "demo", imageEndpoint: "http://127.0.0.1:9292")

    static func images(_ count: Int, prefix: String = "img") -> [Image] {
        (0..<count).map { i in
            Image(id: "\(prefix)-\(i)", name: "\(prefix) \(i)", status: "active",
                  fields: ["visibility": .string("private"), "size": .number(Double(1024 * i))])
        }
    }

    /// A signed-in state with `count` images loaded and the listing complete.
    static func loaded(_ count: Int, size: TerminalSize = TerminalSize(width: 80, height: 24)) -> AppState {
        var state = AppState(cloudName: "devcloud-demo", size: size)
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(session))
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: images(count), next: nil)))
        _ = Update.update(&state, .spinnerTicked)
        return state
    }

    static let unauthorized = APIError.http(status: 401, message: "The request you have made requires authentication.",
                                            url: "http://127.0.0.1:5000/v3/auth/tokens")
}

extension Fixture {
    /// The session as sign-in describes it for `api`: capabilities, query support and hidden
    /// fields read from that API's real backend. Its transport fails any request, since
    /// describing a backend must never reach the network.
    static func session(_ api: ImageAPI) -> SessionInfo {
        struct NoNetwork: HTTPTransport {
            func send(_ request: HTTPRequest) throws(TransportFailure) -> HTTPResponse {
                Issue.record("describing a backend sent \(request.method.rawValue) \(request.url)")
                throw .other("no network in core tests")
            }
        }
        let profile = CloudProfile(name: "c", authURL: "http://keystone.test:5000", auth: .token(Secret("t"), scope: .unscoped))
        var described = session
        described.describe(Backends.make(api, client: ImageClient(profile: profile, transport: NoNetwork())))
        return described
    }
}

/// Presses `key`; when it holds a question back for Compute's count of servers, answers with
/// `check` (no servers, every project seen, unless told otherwise). The effects of the key press.
@discardableResult
func press(_ key: Key, _ state: inout AppState,
           answering check: UsageCheck = .checked(counts: [:], unknown: [], scope: "all projects")) -> [Effect] {
    let effects = Update.update(&state, .keyPressed(key))
    for case .countServers(let id, let images) in effects {
        _ = Update.update(&state, .serversCounted(id, check, ids: images.map(\.id)))
    }
    return effects
}
