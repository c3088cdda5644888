import CloudConfig
import CTerminalSupport
import CurlTransport
import CursesBackend
import Foundation
import GlanceAPI
import GlanceApp
import GlanceCore
import GlanceViews
import TerminalKit

/// Wires the parts together and runs the UI loop on the calling (main) thread, the only thread
/// that touches ncurses or the state. It sleeps in poll() until a key, a message from background
/// work or a signal arrives: no timer runs while nothing happens.
final class App {
    private let profile: CloudProfile
    private let themes: ThemeChoice
    private let log: DebugLog?
    private let exitWhenLoaded: Bool
    /// Quit once the first page is painted: start-up benchmarks, timing whole processes.
    private let exitWhenListed: Bool
    private let transferLimits: StreamOptions
    /// Nil: discovered from the catalog at sign-in.
    private let imageAPI: ImageAPI?
    private let readOnly: Bool
    private let lowBandwidth: Bool
    /// `--readonly` alone, which applies to every cloud switched to; `readOnly` is this cloud's.
    private let readOnlyFlag: Bool
    /// `--theme`, which beats a cloud's own theme from the settings, also after a switch.
    private let themeFlag: String?
    private let settings: Settings
    private let initialQuery: ImageQuery
    private let syntheticImages: Int?
    private let started = DispatchTime.now()
    private var signedIn: Double?
    private var firstListPaint: Double?
    private var allLoadedPaint: Double?

    init(profile: CloudProfile, theme: ThemeChoice, log: DebugLog?, exitWhenLoaded: Bool, settings: Settings,
         initialQuery: ImageQuery, syntheticImages: Int?, transferLimits: StreamOptions = StreamOptions(),
         imageAPI: ImageAPI? = nil, readOnly: Bool = false, readOnlyFlag: Bool = false, themeFlag: String? = nil,
         lowBandwidth: Bool = false, exitWhenListed: Bool = false) {
        self.exitWhenListed = exitWhenListed
        self.themeFlag = themeFlag
        self.transferLimits = transferLimits
        self.lowBandwidth = lowBandwidth
        self.readOnly = readOnly
        self.readOnlyFlag = readOnlyFlag
        self.imageAPI = imageAPI
        self.settings = settings
        self.initialQuery = initialQuery
        self.syntheticImages = syntheticImages
        self.profile = profile
        themes = theme
        self.log = log
        self.exitWhenLoaded = exitWhenLoaded
    }

    func run() -> Int32 {
        DisplayWidth.ensureUTF8Locale()
        // A file-size limit (ulimit -f) then fails the write with EFBIG, reported, instead of
        // killing the program with the terminal in raw mode.
        signal(SIGXFSZ, SIG_IGN)
        let inbox: Inbox
        var signalFDs: [Int32] = [0, 0]
        do {
            inbox = try Inbox()
            guard pipe(&signalFDs) == 0 else { throw TerminalErrorText("cannot create a pipe") }
            for fd in signalFDs { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        } catch {
            FileHandle.standardError.write(Data("glance-tui: \(error)\n".utf8))
            return 1
        }
        // Before curses starts, so ncurses leaves these signals to us.
        _ = gt_route_quit_signals(signalFDs[1])
        let screen: CursesScreen
        do {
            screen = try CursesScreen()
        } catch {
            FileHandle.standardError.write(Data("glance-tui: \(error)\n".utf8))
            return 1
        }
        TerminalRescue.install()
        _ = gt_chain_sigwinch(signalFDs[1])
        defer { screen.end() }

        let transport = CurlTransport(options: CurlTransport.Options(tls: profile.tls))
        var requestLog: (@Sendable (String) -> Void)?
        if let log { requestLog = { line in log.write(line) } }
        let client = ImageClient(profile: profile, transport: transport, log: requestLog)
        // Vendor property profiles: the user's and those installed beside the program.
        let profiles = PropertyProfiles.loadInstalled()
        for error in profiles.errors { log?.write("profile skipped: \(error.message)") }
        let cloud: any Cloud = syntheticImages.map {
            SyntheticCloud(count: $0, session: SessionInfo(cloud: profile.name, region: "synthetic", projectName: "demo",
                                                          imageEndpoint: "synthetic"))
        } ?? LiveCloud(client: client, api: imageAPI, readOnly: readOnly)
        let live = syntheticImages == nil
        let factory = CloudFactory(imageAPI: imageAPI, readOnlyFlag: readOnlyFlag,
                                   readOnlyClouds: Set(settings.clouds.filter { $0.value.readOnly }.keys), log: requestLog)
        let recent = live ? RecentClouds(path: RecentClouds.defaultPath()) : nil
        let makeCloud: EffectRunner.CloudMaker? = live ? factory.make : nil
        let runner = EffectRunner(cloud: cloud, profileRules: profiles.rules, transferLimits: transferLimits,
                                  progressInterval: lowBandwidth ? EffectRunner.lowBandwidthProgressInterval : 0,
                                  audit: live ? AuditLog(path: AuditLog.defaultPath()) : nil,
                                  journal: live ? TransferJournal(directory: TransferJournal.defaultDirectory()) : nil,
                                  makeCloud: makeCloud,
                                  recent: recent, post: { inbox.post($0) })
        var theme = screen.hasColors ? themes.color : themes.monochrome
        var themedCloud = profile.name
        var state = AppState(cloudName: profile.name, size: screen.size)
        state.catalog.savedViews = settings.views
        state.catalog.query = initialQuery
        if let limit = settings.eagerLimit { state.catalog.eagerLimit = limit }
        if let concurrency = settings.batchConcurrency { state.batches.concurrency = concurrency }
        state.lineages.by = settings.lineageBy
        state.lintSettings = LintSettings(sets: settings.lintSets, propertyQuota: settings.lintPropertyQuota)
        state.clipboardEnabled = settings.clipboard
        state.lowBandwidth = lowBandwidth
        if let recent, let configured = try? CloudConfigLoader.live().availableClouds() {
            // The cloud started on counts as used once it has signed in (Update.signedIn).
            state.choices.clouds = CloudChoices.ordered(configured: configured, recent: recent.load())
        }
        if let error = profiles.errors.first {
            state.notice = "Property profile skipped: \(error.message)" + (profiles.errors.count > 1 ? " (and \(profiles.errors.count - 1) more)" : "")
        }
        state.keymap = settings.keymap
        state.mouseEnabled = settings.mouse
        if settings.mouse { screen.enableMouse() }
        if let problem = settings.keyProblems.first {
            state.notice = (settings.keyProblems.count > 1 ? "\(settings.keyProblems.count) key remaps not applied (stderr lists them), " : "") + problem
        }
        // --exit-when-loaded measures loading everything, as G would.
        if exitWhenLoaded { state.catalog.eagerLimit = Int.max }
        log?.write("start: cloud \(profile.name), terminal \(state.size.width)x\(state.size.height), theme \(theme.name)")

        var pending: [Msg] = [.started]
        var exitStatus: Int32 = 0
        var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: inbox.readFD, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: signalFDs[0], events: Int16(POLLIN), revents: 0)]
        while true {
            for msg in pending {
                for effect in Update.update(&state, msg) {
                    switch effect {
                    case .redrawScreen: screen.invalidate()
                    case .copyToClipboard(let text):
                        let through = Clipboard.multiplexer(environment: ProcessInfo.processInfo.environment)
                        if let bytes = Clipboard.sequence(for: text, through: through) { screen.sendRaw(bytes) }
                    default: runner.run(effect)
                    }
                }
            }
            pending.removeAll()
            if state.quitting { break }
            // A switch to a cloud with its own theme (a red one for production) wears it.
            if let cloud = state.session?.cloud, cloud != themedCloud {
                themedCloud = cloud
                if themeFlag == nil {
                    do {
                        let choice = try ThemeLocator.resolve(settings.clouds[cloud]?.theme)
                        theme = screen.hasColors ? choice.color : choice.monochrome
                        screen.invalidate()
                    } catch {
                        log?.write("theme of \(cloud) not used: \(error)")
                    }
                }
            }
            paint(state, theme: theme, on: screen)
            if exitWhenLoaded || exitWhenListed {
                if exitWhenListed && firstListPaint != nil { break }
                if exitWhenLoaded && state.catalog.listing == .complete && allLoadedPaint != nil { break }
                if case .failed = state.catalog.listing { exitStatus = 1; break }
                if case .failed = state.connection { exitStatus = 1; break }
            }

            for i in fds.indices { fds[i].revents = 0 }
            let ready = poll(&fds, nfds_t(fds.count), -1)
            if ready < 0 && errno != EINTR { break }
            if fds[2].revents != 0 || ready < 0 {
                var byte: UInt8 = 0
                while read(signalFDs[0], &byte, 1) > 0 {
                    if Int32(byte) != SIGWINCH {
                        // The shell convention: interrupted by signal N exits 128 + N.
                        exitStatus = 128 + Int32(byte)
                        pending.append(.quitSignalReceived)
                    }
                }
            }
            if fds[1].revents != 0 { pending += inbox.drain() }
            // Keys, and KEY_RESIZE after a SIGWINCH (ncurses queues it for wget_wch).
            for input in screen.readInput() {
                switch input {
                case .key(let key):
                    pending.append(.keyPressed(key))
                case .mouse(let event):
                    pending.append(.mousePressed(event))
                case .resize:
                    screen.invalidate()
                    pending.append(.terminalResized(screen.size))
                }
            }
        }
        screen.end()
        // Downloads close their .part, uploads delete the image they created but did not fill.
        runner.cancelTransfersAndWait(seconds: 5)
        report()
        return exitStatus
    }

    private func paint(_ state: AppState, theme: Theme, on screen: CursesScreen) {
        let t0 = DispatchTime.now()
        let buffer = RootView.render(state, theme: theme, now: Date())
        screen.present(buffer)
        let ms = Double(DispatchTime.now().uptimeNanoseconds - t0.uptimeNanoseconds) / 1e6
        let sinceStart = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6
        log?.write(String(format: "frame: %.2f ms, cursor %d of %d", ms, state.catalog.cursor.cursor, state.catalog.images.count))
        if signedIn == nil, state.session != nil {
            signedIn = sinceStart
            log?.write(String(format: "signed in after %.1f ms", sinceStart))
        }
        if firstListPaint == nil, !state.catalog.images.isEmpty {
            firstListPaint = sinceStart
            log?.write(String(format: "first list painted after %.1f ms (%d images)", sinceStart, state.catalog.images.count))
        }
        if allLoadedPaint == nil, state.catalog.listing == .complete {
            allLoadedPaint = sinceStart
            log?.write(String(format: "all loaded and painted after %.1f ms (%d images)", sinceStart, state.catalog.images.count))
        }
    }

    private func report() {
        guard exitWhenLoaded || exitWhenListed else { return }
        let line = String(format: "signed-in-ms=%.1f first-list-ms=%.1f all-loaded-ms=%.1f\n",
                          signedIn ?? -1, firstListPaint ?? -1, allLoadedPaint ?? -1)
        FileHandle.standardError.write(Data(line.utf8))
    }
}

struct TerminalErrorText: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
