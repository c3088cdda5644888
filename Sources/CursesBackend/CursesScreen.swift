import CNCursesW
import CTerminalSupport
import Foundation
import TerminalKit

/// The terminal, through ncursesw. Every call must come from the one UI thread: ncurses is not
/// thread-safe. Only this module imports ncurses.
public final class CursesScreen {
    private var screen: OpaquePointer?
    private var colors: ColorPairs
    private var previous: ScreenBuffer?
    private var ended = false
    /// Kept between reads, so a report split across two reads never leaks its tail as keys.
    private var filter = ControlSequenceFilter()
    private var mouseEnabled = false

    /// Starts curses on the terminal at stdin/stdout. ncurses needs the real terminal as its
    /// output stream: it reads the window size and sets the modes on that descriptor.
    public init() throws {
        guard isatty(0) == 1, isatty(1) == 1 else { throw TerminalError("standard input and output must be a terminal") }
        guard let output = fdopen(1, "w"), let input = fdopen(0, "r") else {
            throw TerminalError("cannot open the terminal streams")
        }
        guard let s = newterm(nil, output, input) else {
            throw TerminalError("cannot start curses for TERM=\(ProcessInfo.processInfo.environment["TERM"] ?? "(unset)")")
        }
        screen = s
        _ = set_term(s)
        _ = cbreak()   // Ctrl-C stays a signal, which the UI loop turns into a clean quit
        _ = noecho()
        _ = nonl()
        _ = keypad(gt_stdscr(), true)
        // Lets ncurses scroll the list with the terminal's insert/delete line instead of
        // repainting every row when the cursor moves past the window's edge.
        idlok(gt_stdscr(), true)
        _ = nodelay(gt_stdscr(), true)
        _ = set_escdelay(25)
        _ = curs_set(0)
        var useColor = has_colors()
        if useColor, ProcessInfo.processInfo.environment["NO_COLOR"].map({ !$0.isEmpty }) == true { useColor = false }
        if useColor {
            _ = start_color()
            _ = use_default_colors()
        }
        colors = ColorPairs(enabled: useColor)
    }

    public var hasColors: Bool { colors.enabled }

    /// Asks the terminal for the buttons' presses and releases and the wheel (off unless asked,
    /// so the terminal's own selection keeps working). Presses are reported at once, not held
    /// back to tell a click from a double click. Releases and buttons 2 and 3 are asked for
    /// although only button 1's press acts: an event left out of the mask makes ncurses wait
    /// inside wget_wch for the next byte despite nodelay, freezing the screen until a key.
    public func enableMouse() {
        _ = mousemask(gt_mouse_wanted(), nil)
        _ = mouseinterval(0)
        mouseEnabled = true
    }

    public var size: TerminalSize {
        var h: Int32 = 0, w: Int32 = 0
        gt_getmaxyx(gt_stdscr(), &h, &w)
        return TerminalSize(width: Int(w), height: Int(h))
    }

    /// Everything typed since the last call, without waiting.
    public func readInput() -> [TerminalInput] {
        var out: [TerminalInput] = []
        var ch: wint_t = 0
        while true {
            let r = wget_wch(gt_stdscr(), &ch)
            if r == gt_err() { break }
            if r == gt_key_code_yes(), Int32(ch) == gt_key_mouse() {
                var x: Int32 = 0, y: Int32 = 0, bstate: mmask_t = 0
                let report = gt_getmouse(&x, &y, &bstate) == gt_ok() ? KeyDecoder.decodeMouse(bstate: bstate, x: x, y: y) : nil
                out += filter.mouseKey(report, mouseEnabled: mouseEnabled)
                continue
            }
            out += filter.feed(isKeyCode: r == gt_key_code_yes(), value: UInt32(ch))
        }
        return out + filter.endOfRead()
    }

    /// Sends only the cells that changed since the last frame, then one doupdate.
    public func present(_ buffer: ScreenBuffer) {
        let runs = buffer.changes(since: previous)
        if previous == nil || previous?.width != buffer.width || previous?.height != buffer.height {
            _ = werase(gt_stdscr())
        }
        var scalars: [wchar_t] = []
        for run in runs {
            var x = run.x
            for cell in run.cells {
                defer { x += 1 }
                if cell.isContinuation { continue }
                scalars.removeAll(keepingCapacity: true)
                for u in cell.text.unicodeScalars { scalars.append(wchar_t(bitPattern: u.value)) }
                scalars.append(0)
                let (attrs, pair) = colors.attributes(for: cell.style)
                _ = gt_put_cell(Int32(run.y), Int32(x), scalars, attrs, pair)
            }
        }
        previous = buffer
        _ = wrefresh(gt_stdscr())
    }

    /// Writes bytes ncurses does not know of (an OSC 52 copy) straight to the terminal, after
    /// what ncurses has sent, so neither cuts into the other.
    public func sendRaw(_ bytes: String) {
        _ = wrefresh(gt_stdscr())
        // ncurses writes to file descriptor 1 and has flushed: write the bytes whole after it.
        var data = Array(bytes.utf8)[...]
        while !data.isEmpty {
            let n = data.withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
            if n <= 0 { if errno == EINTR { continue } else { break } }
            data = data.dropFirst(n)
        }
    }

    /// Forgets what is on screen so the next frame redraws everything (after a resize, Ctrl-L).
    public func invalidate() {
        previous = nil
        _ = clearok(gt_stdscr(), true)
    }

    /// Restores the terminal. Safe to call more than once.
    public func end() {
        guard !ended else { return }
        ended = true
        _ = curs_set(1)
        _ = endwin()
    }

    deinit { end() }
}

public struct TerminalError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// For the crash handler: restores the terminal from a signal, where no Swift object is reachable.
public enum TerminalRescue {
    public static func install() {
        _ = gt_install_crash_cleanup { _ = endwin() }
    }
}
