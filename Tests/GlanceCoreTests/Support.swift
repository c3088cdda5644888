import GlanceAPI
@testable import GlanceCore
import TerminalKit

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
