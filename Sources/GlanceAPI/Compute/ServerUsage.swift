import Foundation

/// One server as the usage check needs it. `imageID` is nil when the server boots from a volume
/// (Nova shows `"image": ""`) and also when Nova could not say (a record from a cell that is down
/// has no image at all), which `imageUnknown` tells apart.
public struct ServerSummary: Sendable, Equatable {
    public var id: String
    public var name: String
    public var status: String
    /// The project the server belongs to (Nova's `tenant_id`).
    public var projectID: String?
    public var imageID: String?
    /// Nova sent no `image` key, so this server might boot from any image.
    public var imageUnknown: Bool

    public init(id: String, name: String, status: String, projectID: String?, imageID: String?, imageUnknown: Bool = false) {
        self.id = id
        self.name = name
        self.status = status
        self.projectID = projectID
        self.imageID = imageID
        self.imageUnknown = imageUnknown
    }
}

/// How far a listing of servers reaches: an admin's `all_tenants=1` sees every project, anyone
/// else only the project they signed in to.
public enum ServerScope: Sendable, Equatable {
    case allProjects
    case project(String)
}

/// Which servers boot from which image, with the scope the listing had, so a caller never reads
/// "no servers" as "unused" when it could only look at its own project.
public struct ServerUsage: Sendable, Equatable {
    public var scope: ServerScope
    public var servers: [ServerSummary]

    public init(scope: ServerScope, servers: [ServerSummary]) {
        self.scope = scope
        self.servers = servers
    }

    /// The servers listed whose image is `imageID`.
    public func servers(using imageID: String) -> [ServerSummary] { servers.filter { $0.imageID == imageID } }

    /// Whether some listed server could be booting from any image (a down cell's record).
    public var hasUnknownImages: Bool { servers.contains { $0.imageUnknown } }

    /// Whether the count for an image says everything: with every project listed it does; with
    /// one project only for a private image of that very project, since nobody else can boot it
    /// (public, shared and community images may run in projects this caller cannot see).
    public static func isKnown(scope: ServerScope, visibility: String?, owner: String?) -> Bool {
        switch scope {
        case .allProjects: true
        case .project(let project): visibility == "private" && owner == project
        }
    }

    public func isKnown(visibility: String?, owner: String?) -> Bool {
        !hasUnknownImages && Self.isKnown(scope: scope, visibility: visibility, owner: owner)
    }

    /// Image id → number of servers for the images whose usage is known (unused ones with 0);
    /// an image whose usage is unknown is absent. `images` gives each image's id, visibility
    /// and owner.
    public func knownCounts(for images: [(id: String, visibility: String?, owner: String?)]) -> [String: Int] {
        var byImage: [String: Int] = [:]
        for server in servers { if let id = server.imageID { byImage[id, default: 0] += 1 } }
        var out: [String: Int] = [:]
        for image in images where isKnown(visibility: image.visibility, owner: image.owner) {
            out[image.id] = byImage[image.id] ?? 0
        }
        return out
    }

    /// The counts as `RetentionPlan.make(usage:)` takes them, or nil ("could not be checked")
    /// unless every image's usage is known: the plan reads an absent image as unused, so a
    /// partial answer would let it retire an image someone else's server boots from.
    public func retentionUsage(for images: [(id: String, visibility: String?, owner: String?)]) -> [String: Int]? {
        let known = knownCounts(for: images)
        return images.allSatisfy { known[$0.id] != nil } ? known : nil
    }
}
