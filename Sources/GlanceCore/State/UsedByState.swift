import GlanceAPI

/// `:used-by`: the servers Compute says boot from one image, with how far Compute let this
/// session look (every project for an admin, else its own project only).
public struct UsedByState: Equatable, Sendable {
    public enum Phase: Equatable, Sendable {
        case loading(RequestID)
        case loaded(ServerUsage)
        case failed(String)
    }

    public var image: Image
    public var phase: Phase
    public var table = TableState(columns: UsedByState.columns)

    public static let columns: [TableState.Column] = [
        .init("NAME", width: 16, flexible: true), .init("ID", width: 36), .init("STATUS", width: 10), .init("PROJECT", width: 32),
    ]

    public init(image: Image, phase: Phase) {
        self.image = image
        self.phase = phase
    }

    public var servers: [ServerSummary] {
        if case .loaded(let usage) = phase { usage.servers } else { [] }
    }

    public var selectedServer: ServerSummary? {
        table.selected.flatMap { row in servers.first { $0.id == row.id } }
    }

    public static func rows(_ servers: [ServerSummary]) -> [TableState.Row] {
        servers.map { TableState.Row(id: $0.id, cells: [$0.name, $0.id, $0.status, $0.projectID ?? "—"]) }
    }

    /// "3 servers in all projects", or what could not be seen.
    public var scopeText: String? {
        guard case .loaded(let usage) = phase else { return nil }
        let count = "\(usage.servers.count) server\(usage.servers.count == 1 ? "" : "s")"
        switch usage.scope {
        case .allProjects:
            return count + " in all projects" + (usage.hasUnknownImages ? "; some servers' images could not be read (a cell is down)" : "")
        case .project(let id):
            let known = usage.isKnown(visibility: image.visibility?.rawValue, owner: image.owner)
            return count + " in project \(id)" + (known ? "" : "; servers of other projects cannot be seen (an admin sees them)")
        }
    }
}
