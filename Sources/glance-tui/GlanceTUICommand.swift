import ArgumentParser
import CloudConfig
import Foundation
import GlanceAPI

@main
struct GlanceTUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glance-tui",
        abstract: "A terminal browser for the OpenStack Image service (Glance).",
        discussion: """
        The cloud comes from clouds.yaml (--os-cloud or OS_CLOUD) or from the OS_* variables, \
        as for the openstack command. Without a subcommand it opens the browser; press ? inside \
        for the keys.
        """,
        subcommands: [BrowseCommand.self, DownloadCommand.self, UploadCommand.self, CopyCommand.self, StoresCommand.self,
                      BatchCommand.self, RetireCommand.self, LintCommand.self, ListCommand.self, ShowCommand.self,
                      TransfersCommand.self, ResumeCommand.self],
        defaultSubcommand: BrowseCommand.self)
}

struct BrowseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "browse",
        abstract: "Browse, inspect and edit images (the default).")

    @OptionGroup var cloudOptions: CloudOptions
    @OptionGroup var transfer: TransferOptions
    @Option(name: .customLong("theme"), help: "Theme name (in themes/ or ~/.config/glance-tui/themes) or a path to a theme file.")
    var theme: String?
    @Option(name: .customLong("filter"), help: "Start with these filters, as :filter takes them (\"status=active tag=x\").")
    var filter: String?
    @Option(name: .customLong("sort"), help: "Start sorted, as :sort takes it (\"name:asc,size:desc\").")
    var sort: String?
    @Option(name: .customLong("view"), help: "Start with a saved view from the settings file.")
    var view: String?
    @Flag(name: .customLong("mouse"), help: "Clicks select and open rows, the wheel scrolls (off by default: the terminal's own selection works).")
    var mouse = false
    @Flag(name: .customLong("low-bandwidth"),
          help: "For slow links: the selected row marked with > instead of highlighted, nothing animated, progress shown once a second (also low_bandwidth: true in the settings file).")
    var lowBandwidth = false
    @Flag(name: .customLong("exit-when-loaded"), help: .hidden)
    var exitWhenLoaded = false
    @Flag(name: .customLong("exit-when-listed"), help: .hidden)
    var exitWhenListed = false
    /// Benchmarks and demos without a cloud: N made-up images served in pages.
    @Option(name: .customLong("synthetic-images"), help: .hidden)
    var syntheticImages: Int?

    func run() throws {
        let overrides = cloudOptions.overrides
        let debugLog = cloudOptions.debugLog
        let profile: CloudProfile
        var settings: Settings
        let initialQuery: ImageQuery
        do {
            if let count = syntheticImages {
                profile = CloudProfile(name: "synthetic-\(count)", authURL: "synthetic", auth: .token(Secret("no-token: synthetic images"), scope: .unscoped))
            } else {
                profile = try CloudConfigLoader.live().load(overrides)
            }
            settings = try Settings.load(cloudOptions.configFile)
            initialQuery = try Settings.initialQuery(filter: filter, sort: sort, view: view, views: settings.views)
        } catch let error as ConfigError {
            FileHandle.standardError.write(Data("glance-tui: \(error.message)\n".utf8))
            throw ExitCode(2)
        } catch {
            FileHandle.standardError.write(Data("glance-tui: \(error)\n".utf8))
            throw ExitCode(2)
        }
        // Said before the screen is taken, so it is still there after quitting; the status bar says it too.
        for problem in settings.keyProblems { FileHandle.standardError.write(Data("glance-tui: \(TerminalSafe.line(problem))\n".utf8)) }
        let log: DebugLog?
        do {
            log = try debugLog.map { try DebugLog(path: $0, secrets: profile.auth.secrets) }
        } catch {
            FileHandle.standardError.write(Data("glance-tui: cannot open the debug log \(debugLog ?? ""): \(error)\n".utf8))
            throw ExitCode(2)
        }
        let chosenTheme: ThemeChoice
        do {
            // --theme first, then the cloud's own theme from the settings (a red one for production).
            chosenTheme = try ThemeLocator.resolve(theme ?? settings.clouds[profile.name]?.theme)
        } catch {
            FileHandle.standardError.write(Data("glance-tui: \(error)\n".utf8))
            throw ExitCode(2)
        }
        settings.mouse = settings.mouse || mouse
        let app = App(profile: profile, theme: chosenTheme, log: log, exitWhenLoaded: exitWhenLoaded,
                      settings: settings, initialQuery: initialQuery, syntheticImages: syntheticImages,
                      transferLimits: try transfer.streamOptions(), imageAPI: cloudOptions.chosenAPI,
                      readOnly: cloudOptions.readOnly || settings.isReadOnly(profile.name), readOnlyFlag: cloudOptions.readOnly, themeFlag: theme,
                      lowBandwidth: lowBandwidth || settings.lowBandwidth, exitWhenListed: exitWhenListed)
        let status = app.run()
        if status != 0 { throw ExitCode(status) }
    }
}
