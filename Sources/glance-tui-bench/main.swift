import Foundation
import GlanceAPI
import GlanceApp
import GlanceCore
import GlanceViews
import TerminalKit

// The browser's model at scale, without a terminal or a server: N synthetic images go through
// update() page by page as they would from Glance, then `/` keystrokes and cursor moves are
// timed through update() plus a full render of a 120x40 screen. Prints one line per figure.

let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 100_000
let needle = CommandLine.arguments.dropFirst(2).first ?? "image-0999"
let size = TerminalSize(width: 120, height: 40)
DisplayWidth.ensureUTF8Locale()

func milliseconds(_ body: () -> Void) -> Double {
    let t0 = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
}

func residentKB(_ field: String) -> Int {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
    return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "0") ?? 0
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.isEmpty ? 0 : (s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2)
}

let session = SessionInfo(cloud: "synthetic", region: "bench", projectName: "demo", imageEndpoint: "synthetic")
/// Made one at a time, as they would arrive, so memory figures are the state's own.
func page(from start: Int) -> ImagePage {
    let end = min(count, start + ImagesRequests.maxPageSize)
    return ImagePage(images: (start..<end).map { SyntheticImages.image($0, count: count) },
                     next: end < count ? "/v2/images?marker=\(end)" : nil)
}
let rssBefore = residentKB("VmRSS")

var state = AppState(cloudName: "synthetic", size: size)
state.catalog.eagerLimit = Int.max
_ = Update.update(&state, .started)
_ = Update.update(&state, .signedIn(session))
var load = 0.0
for start in stride(from: 0, to: count, by: ImagesRequests.maxPageSize) {
    let p = page(from: start)
    load += milliseconds { _ = Update.update(&state, .imagesPageLoaded(RequestID(1), p)) }
}
precondition(state.catalog.images.count == count && state.catalog.listing == .complete, "not all loaded")
let now = Date()
var screen = RootView.render(state, theme: .builtinDefault, now: now)

// `/` then the needle, one keystroke at a time, each followed by a render.
var keystrokes: [Double] = []
_ = Update.update(&state, .keyPressed(.char("/")))
for ch in needle {
    keystrokes.append(milliseconds {
        _ = Update.update(&state, .keyPressed(.char(ch)))
        screen = RootView.render(state, theme: .builtinDefault, now: now)
    })
}
let matches = state.catalog.rows.count
// Backspace widens the filter: the full scan again.
let widen = milliseconds {
    _ = Update.update(&state, .keyPressed(.backspace))
    screen = RootView.render(state, theme: .builtinDefault, now: now)
}
_ = Update.update(&state, .keyPressed(.escape))
_ = Update.update(&state, .keyPressed(.escape))

// Cursor moves from the top, inside the window (no scrolling): update + render + the cells a
// backend would send.
_ = Update.update(&state, .keyPressed(.char("g")))
var moves: [Double] = []
var changedCells: [Int] = []
var previous = RootView.render(state, theme: .builtinDefault, now: now)
for _ in 0..<30 {
    var next = previous
    moves.append(milliseconds {
        _ = Update.update(&state, .keyPressed(.char("j")))
        next = RootView.render(state, theme: .builtinDefault, now: now)
    })
    changedCells.append(next.changes(since: previous).reduce(0) { $0 + $1.cells.count })
    previous = next
}
let sortTime = milliseconds {
    _ = Update.update(&state, .keyPressed(.char("1")))
    screen = RootView.render(state, theme: .builtinDefault, now: now)
}

print("images                                   \(count)")
print(String(format: "load all pages through update()           %.1f ms", load))
print(String(format: "'/' keystroke, filter + render: median    %.2f ms, max %.2f ms (%d keystrokes, %d matches)",
             median(keystrokes), keystrokes.max() ?? 0, keystrokes.count, matches))
print(String(format: "'/' backspace (full rescan) + render      %.2f ms", widen))
print(String(format: "cursor move, update + render: median      %.3f ms, max %.3f ms", median(moves), moves.max() ?? 0))
print("cells changed per cursor move (median)   \(Int(median(changedCells.map(Double.init)))) of \(size.width * size.height)")
print(String(format: "local sort by name + render               %.1f ms", sortTime))
print("resident memory: before images           \(rssBefore / 1024) MB")
print("resident memory: now / peak              \(residentKB("VmRSS") / 1024) MB / \(residentKB("VmHWM") / 1024) MB")
