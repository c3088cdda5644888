import ArgumentParser
import CloudConfig
import CurlTransport
import Foundation
import GlanceAPI
import GlanceApp
import TerminalKit

/// The options every command shares: which cloud, how to reach it, where to log.
struct CloudOptions: ParsableArguments {
    @Option(name: .customLong("os-cloud"), help: "Cloud name in clouds.yaml (default: $OS_CLOUD).")
    var cloud: String?
    @Option(name: .customLong("os-region-name"), help: "Region of the image endpoint.")
    var region: String?
    @Option(name: .customLong("os-interface"), help: "Endpoint interface: public, internal or admin.")
    var interface: String?
    @Flag(name: .customLong("insecure"), help: "Do not verify the server's TLS certificate.")
    var insecure = false
    @Option(name: .customLong("os-cacert"), help: "CA bundle to verify TLS with.")
    var caFile: String?
    @Option(name: .customLong("os-image-url"), help: "Image service endpoint, instead of the catalog's.")
    var imageURL: String?
    @Option(name: .customLong("debug-log"), help: "Append a log of requests (secrets redacted) to this file.")
    var debugLog: String?
    @Option(name: .customLong("image-api"),
            help: "How images are reached: v2 (Image API v2), compute (Compute's image proxy), v1 (legacy Image API v1), or auto (the catalog decides; the default).")
    var imageAPI = "auto"
    @Flag(name: .customLong("readonly"), help: "Refuse every write (downloads still work); also `read_only: true` for the cloud in the settings file.")
    var readOnly = false
    @Option(name: .customLong("config"), help: "glance-tui's settings file (saved views, per-cloud read_only and theme); default ~/.config/glance-tui/config.yaml.")
    var configFile: String?

    func validate() throws {
        guard imageAPI == "auto" || ImageAPI(rawValue: imageAPI) != nil else {
            throw ValidationError("--image-api \(imageAPI): use v2, compute, v1 or auto")
        }
    }

    /// nil: discover from the catalog.
    var chosenAPI: ImageAPI? { ImageAPI(rawValue: imageAPI) }

    var overrides: CommandLineOverrides {
        CommandLineOverrides(cloud: cloud, regionName: region, interface: interface,
                             insecure: insecure ? true : nil, caFile: caFile, imageURL: imageURL)
    }

    /// The cloud's profile, or a message on stderr and exit status 2.
    func loadProfile() throws -> CloudProfile {
        do {
            return try CloudConfigLoader.live().load(overrides)
        } catch let error as ConfigError {
            throw CLIFailure.usage(error.message)
        }
    }

    func openLog(secrets: [Secret]) throws -> DebugLog? {
        do {
            return try debugLog.map { try DebugLog(path: $0, secrets: secrets) }
        } catch {
            throw CLIFailure.usage("cannot open the debug log \(debugLog ?? ""): \(error)")
        }
    }

    /// A signed-in cloud for the one-shot commands, its backend the API chosen or discovered.
    /// `project` (a name or an id of the user's): re-scoped there when the clouds.yaml entry
    /// signs in to another, as `:project` does in the browser, so that `glance-tui resume` can
    /// take up a transfer made after `:project`.
    func signedIn(project: String? = nil) throws -> LiveCloud {
        let profile = try loadProfile()
        let log = try openLog(secrets: profile.auth.secrets)
        var requestLog: (@Sendable (String) -> Void)?
        if let log { requestLog = { line in log.write(line) } }
        var client = ImageClient(profile: profile, transport: CurlTransport(options: .init(tls: profile.tls)), log: requestLog)
        if let project {
            do {
                if let rescoped = try KeystoneProjects.profile(of: client, scopedTo: project) {
                    client = ImageClient(profile: rescoped, transport: CurlTransport(options: .init(tls: rescoped.tls)), log: requestLog)
                }
            } catch {
                throw CLIFailure.failed(error.userMessage)
            }
        }
        let settings: Settings
        do { settings = try Settings.load(configFile) } catch let error as ConfigError {
            throw CLIFailure.usage(error.message)
        } catch {
            throw CLIFailure.usage("\(error)")
        }
        let cloud = LiveCloud(client: client, api: chosenAPI, readOnly: readOnly || settings.isReadOnly(profile.name))
        do {
            _ = try cloud.signIn()
        } catch {
            throw CLIFailure.failed(error.userMessage)
        }
        return cloud
    }
}

extension LiveCloud {
    /// The session `signedIn()` made.
    func currentSession() throws -> SessionInfo {
        guard let session else { throw CLIFailure.failed("not signed in") }
        return session
    }

    /// The backend as a command needs it, or exit 1 with the sentence that says it is not there.
    func capable<T>(_ type: T.Type, _ capability: ImageCapability) throws -> T {
        do throws(APIError) { return try require(type, capability) } catch { throw CLIFailure.failed(error.userMessage) }
    }
}

/// How a one-shot command ends badly: a message for stderr and the exit status.
enum CLIFailure: Error {
    /// Wrong arguments or configuration: exit 2.
    case usage(String)
    /// The operation failed: exit 1.
    case failed(String)
    /// Ctrl-C or a termination signal: 128 + the signal.
    case interrupted(signal: Int32, String)

    /// The message alone.
    var text: String {
        switch self {
        case .usage(let m), .failed(let m), .interrupted(_, let m): m
        }
    }

    func exit(command: String) -> ExitCode {
        let (text, code): (String, Int32) = switch self {
        case .usage(let m): (m, 2)
        case .failed(let m): (m, 1)
        case .interrupted(let signal, let m): (m, 128 + signal)
        }
        FileHandle.standardError.write(Data("glance-tui \(command): \(TerminalSafe.line(text))\n".utf8))
        return ExitCode(code)
    }
}

/// Runs a command body, turning `CLIFailure` into its message and exit status.
func runReportingFailures(_ command: String, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let failure as CLIFailure {
        throw failure.exit(command: command)
    }
}

/// Text from a server (image names, messages) made harmless for a terminal: control
/// characters, escape sequences and bidi overrides shown as visible escapes, as the panes do.
enum TerminalSafe {
    static func line(_ text: String) -> String {
        TextSegments(text).map(\.text).joined()
    }
}
