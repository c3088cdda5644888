import Foundation
import GlanceAPI

/// `:tasks`: Glance's background tasks (imports, copies) — all of them for an admin, or one
/// image's — and, on Enter, one task whole: its input, result and message.
public struct TasksState: Equatable, Sendable {
    public enum Phase: Equatable, Sendable {
        case loading(RequestID)
        case loaded
        case failed(String)
    }

    /// Nil: every task (`GET /v2/tasks`); else the tasks of this image.
    public var imageID: String?
    public var query: TaskQuery
    public var phase: Phase
    public var tasks: [GlanceTask] = []
    public var table = TableState(columns: TasksState.columns)
    /// The task opened with Enter, once read whole.
    public var opened: GlanceTask?
    public var openedScroll = 0
    /// The task being read for Enter; a late answer for another is dropped.
    public var opening: RequestID?

    public static let columns: [TableState.Column] = [
        .init("ID", width: 8), .init("TYPE", width: 16), .init("STATUS", width: 10), .init("OWNER", width: 10),
        .init("UPDATED", width: 8, alignRight: true, numeric: true), .init("EXPIRES", width: 8, alignRight: true, numeric: true),
        .init("IMAGE / MESSAGE", width: 14, flexible: true),
    ]

    public init(imageID: String?, query: TaskQuery, phase: Phase) {
        self.imageID = imageID
        self.query = query
        self.phase = phase
    }

    public static func rows(_ tasks: [GlanceTask], now: Date) -> [TableState.Row] {
        tasks.map { task in
            func age(_ date: Date?) -> String {
                guard let date else { return "—" }
                let seconds = Int(now.timeIntervalSince(date))
                let text = seconds.magnitude < 3600 ? "\(seconds.magnitude / 60)m" : seconds.magnitude < 172_800 ? "\(seconds.magnitude / 3600)h"
                    : "\(seconds.magnitude / 86_400)d"
                return seconds < 0 ? "in " + text : text
            }
            let about = [task.imageID.map { String($0.prefix(8)) }, task.message].compactMap { $0?.isEmpty == false ? $0 : nil }
                .joined(separator: " · ")
            return TableState.Row(id: task.id, cells: [String(task.id.prefix(8)), task.type, task.status.rawValue,
                                                       String((task.owner ?? "—").prefix(10)), age(task.updated), age(task.expires), about],
                                  sortKeys: [nil, nil, nil, nil, task.updated.map { -$0.timeIntervalSince1970 },
                                             task.expires.map(\.timeIntervalSince1970), nil],
                                  dim: task.status.isFinished)
        }
    }
}
