import CTerminalSupport
import Foundation
import GlanceAPI
import GlanceCore
import TerminalKit

/// Progress of a one-shot command on stderr: a one-line bar redrawn in place on a terminal, or,
/// when stderr is a file or a pipe (logs over SSH), a plain line every few seconds.
final class CLIProgress: @unchecked Sendable {
    private let label: String
    private let isTerminal: Bool
    private let plainInterval: Double
    private var lastPlain = -Double.infinity
    private var lastPhase: TransferPhase?
    private var drewLine = false
    private let lock = NSLock()
    /// Hears every report, for the transfer journal.
    var observer: ((TransferProgress) -> Void)?

    init(label: String, isTerminal: Bool = isatty(2) == 1, plainInterval: Double = 5) {
        self.label = TerminalSafe.line(label)
        self.isTerminal = isTerminal
        self.plainInterval = plainInterval
    }

    /// Called at most ten times a second by the engine's reporter.
    func show(_ progress: TransferProgress) {
        observer?(progress)
        lock.lock()
        defer { lock.unlock() }
        let phaseChanged = progress.phase != lastPhase
        lastPhase = progress.phase
        if isTerminal {
            write("\r" + TextLayout.truncate(terminalLine(progress), to: Self.columns() - 1) + "\u{1B}[K")
            drewLine = true
            return
        }
        let now = Double(DispatchTime.now().uptimeNanoseconds) / 1e9
        guard phaseChanged || now - lastPlain >= plainInterval else { return }
        lastPlain = now
        write(plainLine(progress) + "\n")
    }

    /// Ends the progress line and prints the result on its own line.
    func finish(_ text: String) {
        note(text)
    }

    /// A line of its own above the progress line, which the next update redraws.
    func note(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        if drewLine { write("\r\u{1B}[K") }
        drewLine = false
        if !text.isEmpty { write(TerminalSafe.line(text) + "\n") }
    }

    func terminalLine(_ p: TransferProgress) -> String {
        var parts = [label]
        if case .transferring = p.phase {
            parts.append("[" + TransferText.bar(p.fraction, width: 24) + "]")
            parts.append(TransferText.percent(p.fraction))
        } else {
            parts.append(TerminalSafe.line(TransferText.phase(p.phase)))
        }
        parts.append(TransferText.amount(p))
        parts.append(TransferText.rate(p.rate))
        if let eta = p.eta, case .transferring = p.phase { parts.append("ETA " + TransferText.duration(eta)) }
        return parts.filter { !$0.isEmpty }.joined(separator: " ")
    }

    func plainLine(_ p: TransferProgress) -> String {
        var parts = [label + ":", TerminalSafe.line(TransferText.phase(p.phase))]
        if let f = p.fraction { parts.append(TransferText.percent(f)) }
        parts.append(TransferText.amount(p))
        parts.append(TransferText.rate(p.rate))
        if let eta = p.eta, case .transferring = p.phase { parts.append("ETA " + TransferText.duration(eta)) }
        return parts.filter { !$0.isEmpty }.joined(separator: " ")
    }

    private static func columns() -> Int {
        var size = winsize()
        return ioctl(2, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
    }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}

/// Ctrl-C, SIGTERM, SIGHUP and SIGQUIT cancel the transfer instead of killing the process, so
/// the `.part` is closed cleanly and the exit status still says which signal it was. The
/// handlers are installed with sigaction, so they work even where the shell started the
/// program with those signals ignored; they only write the signal's number to a pipe.
final class InterruptWatch: @unchecked Sendable {
    private var fds: [Int32] = [-1, -1]
    private(set) var signal: Int32?
    private let lock = NSLock()

    init(onInterrupt: @escaping @Sendable () -> Void) {
        guard pipe(&fds) == 0 else { return }
        _ = gt_route_quit_signals(fds[1])
        let readFD = fds[0]
        Thread.detachNewThread { [self] in
            var byte: UInt8 = 0
            while read(readFD, &byte, 1) == 1 {
                lock.withLock { if signal == nil { signal = Int32(byte) } }
                onInterrupt()
            }
        }
    }

    var received: Int32? { lock.withLock { signal } }
}
