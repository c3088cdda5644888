/// Why no `CloudProfile` could be built. Each case carries what the user has to fix (the file,
/// the cloud, the option name) and never a value read from configuration, so no password,
/// token or application-credential secret can reach a message, a log or a crash report.
public enum ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing selects a cloud: no `--os-cloud`, no `OS_CLOUD`, no `OS_AUTH_URL`, and the clouds
    /// file (if any) does not hold exactly one cloud to default to.
    case noCloudConfigured(searchedFiles: [String], availableClouds: [String])
    case cloudNotFound(name: String, file: String?, availableClouds: [String])
    case missingAuthURL(cloud: String)
    /// Password auth (or an application credential given by name) needs a user.
    case missingUser(cloud: String, authType: String)
    case missingPassword(cloud: String)
    /// Any other option the chosen auth plugin requires; `options` are clouds.yaml spellings,
    /// any one of which would do (e.g. `project_domain_name`, `project_domain_id`).
    case missingAuthOption(cloud: String, authType: String, options: [String])
    case unknownAuthType(cloud: String, authType: String, supported: [String])
    case unknownInterface(cloud: String, value: String)
    case unknownRegion(cloud: String, region: String, availableRegions: [String])
    /// `line`/`column` are 1-based; the offending line itself is left out because it may hold a secret.
    case yamlParse(file: String, line: Int?, column: Int?, problem: String)
    /// The file parsed but is not shaped like a clouds file (e.g. a list at the top level).
    case invalidFile(file: String, reason: String)

    /// One or two sentences for the user, naming the thing to add or correct.
    public var message: String {
        switch self {
        case .noCloudConfigured(let files, let clouds):
            var text = "No cloud configured: pass --os-cloud NAME, set OS_CLOUD, or set OS_AUTH_URL "
                + "and the other OS_* variables."
            if !clouds.isEmpty {
                text += " Available clouds: \(Self.list(clouds))."
            }
            text += files.isEmpty
                ? " No clouds.yaml was searched."
                : " Searched: \(files.joined(separator: ", "))."
            return text
        case .cloudNotFound(let name, let file, let clouds):
            let source = file.map { "in \($0)" } ?? "(no clouds.yaml was found)"
            let known = clouds.isEmpty ? "no clouds are defined" : "available clouds: \(Self.list(clouds))"
            return "Cloud \"\(name)\" not found \(source); \(known)."
        case .missingAuthURL(let cloud):
            return "Cloud \"\(cloud)\" has no auth_url: set auth.auth_url in clouds.yaml or OS_AUTH_URL."
        case .missingUser(let cloud, let type):
            return "Cloud \"\(cloud)\" uses auth_type \(type) but has no username or user_id: "
                + "set auth.username (or auth.user_id) in clouds.yaml, or OS_USERNAME / OS_USER_ID."
        case .missingPassword(let cloud):
            return "Cloud \"\(cloud)\" has no password: set auth.password in clouds.yaml or secure.yaml, "
                + "or OS_PASSWORD."
        case .missingAuthOption(let cloud, let type, let options):
            let keys = options.map { "auth.\($0)" }.joined(separator: " or ")
            let variables = options.map { "OS_\($0.uppercased())" }.joined(separator: " or ")
            return "Cloud \"\(cloud)\" uses auth_type \(type) but has no "
                + "\(options.joined(separator: " or ")): set \(keys) in clouds.yaml, or \(variables)."
        case .unknownAuthType(let cloud, let type, let supported):
            return "Cloud \"\(cloud)\" has auth_type \"\(type)\", which glance-tui does not support; "
                + "use one of: \(supported.joined(separator: ", "))."
        case .unknownInterface(let cloud, let value):
            return "Cloud \"\(cloud)\" has interface \"\(value)\"; use public, internal or admin "
                + "(publicURL, internalURL and adminURL are accepted too)."
        case .unknownRegion(let cloud, let region, let regions):
            return "Region \"\(region)\" is not a region of cloud \"\(cloud)\"; valid regions: "
                + "\(Self.list(regions)). Region names are case sensitive."
        case .yamlParse(let file, let line, let column, let problem):
            var position = ""
            if let line {
                position = column.map { " at line \(line), column \($0)" } ?? " at line \(line)"
            }
            return "Could not parse \(file)\(position): \(problem)."
        case .invalidFile(let file, let reason):
            return "Could not use \(file): \(reason)."
        }
    }

    public var description: String { message }

    private static func list(_ names: [String]) -> String {
        names.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
    }
}
