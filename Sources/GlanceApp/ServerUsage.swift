import GlanceAPI
import GlanceCore

extension Cloud {
    /// Which of `images` servers boot from, as far as Compute lets this session see: one
    /// listing of every server (all projects for an admin), counted by image. An image whose
    /// use this session cannot see (another project may boot a shared or public one) is unknown.
    public func serverUsage(of images: [Image]) -> UsageCheck {
        let usage: ServerUsage
        do throws(APIError) { usage = try serverUsage().allServers() } catch {
            return .unavailable(error.userMessage)
        }
        var counts: [String: Int] = [:]
        for server in usage.servers { if let id = server.imageID { counts[id, default: 0] += 1 } }
        let unknown = images.filter { !usage.isKnown(visibility: $0.visibility?.rawValue, owner: $0.owner) }.map(\.id)
        let scope = switch usage.scope {
        case .allProjects: "all projects"
        case .project(let id): "project " + (session?.projectName ?? id)
        }
        return .checked(counts: counts, unknown: Set(unknown), scope: scope)
    }
}
