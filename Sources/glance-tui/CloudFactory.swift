import CloudConfig
import CurlTransport
import Foundation
import GlanceAPI
import GlanceApp
import GlanceCore

/// Makes the clouds `:cloud`, `:region` and `:project` go to, the way the first one was made:
/// clouds.yaml read again (an entry added since start is found), the same image API choice,
/// and the read-only rule of the settings for the cloud named. Signing in stays with the
/// runner, through `LiveCloud` and `ImageClient` like the first sign-in.
struct CloudFactory: Sendable {
    let imageAPI: ImageAPI?
    /// `--readonly`: every cloud of the session is read-only.
    let readOnlyFlag: Bool
    /// Clouds the settings mark `read_only: true`.
    let readOnlyClouds: Set<String>
    let log: (@Sendable (String) -> Void)?

    func make(_ target: CloudTarget, from current: any Cloud) throws(APIError) -> any Cloud {
        switch target {
        case .cloud(let name):
            let profile: CloudProfile
            do {
                // Only the cloud is named: its region, interface and TLS are its own entry's.
                profile = try CloudConfigLoader.live().load(CommandLineOverrides(cloud: name))
            } catch {
                throw .configuration(error.message)
            }
            return cloud(profile)
        case .region(let region):
            return cloud(try KeystoneProjects.reregion(try currentProfile(current), to: region))
        case .project(let name):
            guard let live = current as? LiveCloud else { throw .configuration("This cloud has no projects to choose from") }
            let projects = try live.client.projects()
            guard let project = projects.first(where: { $0.name == name }) ?? projects.first(where: { $0.id == name }) else {
                let names = projects.compactMap(\.name).joined(separator: ", ")
                throw .configuration("You have no project \"\(name)\" on \(live.client.profile.name) (yours: \(names))")
            }
            return cloud(try KeystoneProjects.rescope(live.client.profile, to: project))
        }
    }

    private func currentProfile(_ current: any Cloud) throws(APIError) -> CloudProfile {
        guard let live = current as? LiveCloud else { throw .configuration("This cloud has no regions to choose from") }
        return live.client.profile
    }

    private func cloud(_ profile: CloudProfile) -> LiveCloud {
        let client = ImageClient(profile: profile, transport: CurlTransport(options: CurlTransport.Options(tls: profile.tls)), log: log)
        return LiveCloud(client: client, api: imageAPI, readOnly: readOnlyFlag || readOnlyClouds.contains(profile.name))
    }
}
