import GlanceAPI

/// Where `:cloud`, `:region` and `:project` go: another clouds.yaml entry, or the same user
/// re-scoped to another region or project of the session's cloud.
public enum CloudTarget: Equatable, Sendable {
    case cloud(String)
    case region(String)
    case project(String)

    /// How the title and notices name it ("cloud devcloud-alt", "project alt"), which is also
    /// the command line that asks for it.
    public var description: String {
        switch self {
        case .cloud(let name): "cloud " + name
        case .region(let name): "region " + name
        case .project(let name): "project " + name
        }
    }
}

/// The cloud, region and project a session is scoped to, which a transfer keeps so the
/// transfers pane can say where it runs after the browser has moved elsewhere.
public struct CloudScope: Equatable, Sendable {
    public var cloud: String
    public var region: String?
    public var project: String?

    public init(cloud: String, region: String? = nil, project: String? = nil) {
        self.cloud = cloud
        self.region = region
        self.project = project
    }

    public init(_ session: SessionInfo) {
        self.init(cloud: session.cloud, region: session.region, project: session.projectName ?? session.projectID)
    }

    /// "devcloud-demo", with the project when it is not the only thing that could differ.
    public var label: String { [cloud, project].compactMap { $0 }.joined(separator: "/") }

    /// The label, with the region too when it is not `here`'s ("devcloud-demo/RegionTwo/demo"):
    /// short, and naming whatever sets this scope apart from where the browser is.
    public func label(beside here: CloudScope?) -> String {
        let region = here.flatMap { self.region != $0.region ? self.region : nil }
        return [cloud, region, project].compactMap { $0 }.joined(separator: "/")
    }

    /// Where `:cloud`, `:region` or `:project` would go to be back here from `other`: the first
    /// part that differs, nil when none does (or what differs is not known).
    public func difference(from other: CloudScope) -> CloudTarget? {
        if cloud != other.cloud { return .cloud(cloud) }
        if let region, region != other.region { return .region(region) }
        if let project, project != other.project { return .project(project) }
        return nil
    }
}

/// A switch asked for and signing in in the background; the current cloud stays until it succeeds.
public struct CloudSwitch: Equatable, Sendable {
    public var id: RequestID
    public var target: CloudTarget
}

/// What `:cloud`, `:region` and `:project` complete from.
public struct CloudChoices: Equatable, Sendable {
    /// The clouds of clouds.yaml, the most recently used first.
    public var clouds: [String] = []
    /// Regions the catalog offers the image service in.
    public var regions: [String] = []
    /// The user's projects, as Keystone's `GET /v3/auth/projects` lists them.
    public var projects: [String] = []
    /// The cloud has answered (perhaps with nothing), so Tab does not ask again.
    public var scopesRead = false

    public init(clouds: [String] = [], regions: [String] = [], projects: [String] = []) {
        self.clouds = clouds
        self.regions = regions
        self.projects = projects
    }

    /// `configured` in the order of `recent` (most recent first), then the rest as configured;
    /// names in `recent` no longer configured are left out.
    public static func ordered(configured: [String], recent: [String]) -> [String] {
        let known = Set(configured)
        var seen = Set<String>()
        let first = recent.filter { known.contains($0) && seen.insert($0).inserted }
        return first + configured.filter { !seen.contains($0) }
    }

    /// `name` moved to the front, as the MRU file will keep it.
    public mutating func used(_ name: String) {
        clouds.removeAll { $0 == name }
        clouds.insert(name, at: 0)
    }
}
