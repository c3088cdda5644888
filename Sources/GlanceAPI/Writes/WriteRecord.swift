import Foundation

/// One write as the command log and the audit log keep it: who, where, which image, what was
/// asked, the requests that went out, how it ended, and the openstack command that does the same.
/// It holds no token and no password: the requests are scrubbed paths with their status.
public struct WriteRecord: Sendable, Equatable, Codable {
    public var time: Date
    public var cloud: String
    public var project: String?
    public var user: String?
    public var imageID: String
    public var imageName: String
    public var action: String
    public var requests: [String]
    /// "done", "skipped: …", "conflict: …", "failed: …", "cancelled".
    public var result: String
    public var ok: Bool
    public var openstack: String

    public init(time: Date, cloud: String, project: String?, user: String?, imageID: String, imageName: String,
                action: String, requests: [String], result: String, ok: Bool, openstack: String) {
        self.time = time
        self.cloud = cloud
        self.project = project
        self.user = user
        self.imageID = imageID
        self.imageName = imageName
        self.action = action
        self.requests = requests
        self.result = result
        self.ok = ok
        self.openstack = openstack
    }

    /// The record of `write` on one image, from how it ended.
    public init(_ write: ImageWrite, imageID: String, imageName: String, outcome: BatchOutcome, requests: [String],
                session: SessionInfo, time: Date) {
        let result: String = switch outcome {
        case .done: "done"
        case .skipped(let why): "skipped: " + why
        case .conflict(let what): "conflict: " + what.joined(separator: "; ")
        case .failed(let why): "failed: " + why
        case .cancelled: "cancelled"
        }
        self.init(time: time, cloud: session.cloud, project: session.projectName ?? session.projectID, user: session.userName,
                  imageID: imageID, imageName: imageName, action: write.summary, requests: requests, result: result,
                  ok: !outcome.isFailure, openstack: write.openstackCommand(imageID: imageID))
    }

    /// One line of JSON, keys sorted, time in ISO 8601: what the audit log appends.
    public var jsonLine: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
