/// Re-scoping a sign-in to a project named by what the user kept (a journal entry's project),
/// as `:project` does in the browser.
extension KeystoneProjects {
    /// `client`'s profile scoped to `project` (a name or an id of the user's projects), or nil
    /// when it already signs in there. Signs in to ask Keystone which projects the user has.
    public static func profile(of client: ImageClient, scopedTo project: String) throws(APIError) -> CloudProfile? {
        let token = try client.authenticated().token
        if token.projectName == project || token.projectID == project { return nil }
        let projects = try client.projects()
        guard let target = projects.first(where: { $0.name == project }) ?? projects.first(where: { $0.id == project }) else {
            let names = projects.compactMap { $0.name ?? $0.id }.joined(separator: ", ")
            throw .configuration("You have no project \"\(project)\" on \(client.profile.name) (yours: \(names))")
        }
        return try rescope(client.profile, to: target)
    }
}
