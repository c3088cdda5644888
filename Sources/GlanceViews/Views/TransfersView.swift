import GlanceAPI
import GlanceCore
import TerminalKit

/// The transfers pane: every download, upload and copy of this session, two lines each: what
/// and how far (a bar), then the figures or how it ended.
enum TransfersView {
    static func draw(_ state: AppState, theme: Theme, into buffer: inout ScreenBuffer) {
        let pane = state.transfers
        let running = pane.running.count
        let interrupted = pane.interrupted.count
        let summary = pane.entries.isEmpty
            ? "No transfers yet: d downloads the selected image, u uploads a file, C copies to more stores"
            : interrupted > 0
            ? "\(running) running · \(interrupted) interrupted · \(pane.entries.count - running - interrupted) finished · R resume · D drop · x cancel · c clear"
            : "\(running) running · \(pane.entries.count - running) finished · x cancel · R again/resume · c clear finished · u upload · Esc back"
        buffer.drawField(" " + summary, x: 0, y: 1, width: buffer.width, style: theme[.rowDim], escapedStyle: theme[.escaped])
        // Two lines a transfer; the selected one's failure message gets the lines it needs
        // (up to four more), since that is where it can be read in full.
        let available = buffer.height - 3
        let here = state.session.map(CloudScope.init)
        let heights = pane.entries.indices.map { i in
            i == pane.selection ? 1 + messageLines(pane.entries[i], width: buffer.width, here: here).count : 2
        }
        var top = min(pane.selection, pane.entries.count - 1)
        var used = top >= 0 ? heights[top] : 0
        while top > 0, used + heights[top - 1] <= available {
            top -= 1
            used += heights[top]
        }
        var y = 2
        var i = max(0, top)
        while i < pane.entries.count, y + heights[i] <= 2 + available {
            drawEntry(pane.entries[i], selected: i == pane.selection, marker: RowMarker(state), y: y, wordWidth: interrupted > 0 ? 11 : 10,
                      lines: i == pane.selection ? messageLines(pane.entries[i], width: buffer.width, here: here) : nil,
                      here: here, theme: theme, into: &buffer)
            y += heights[i]
            i += 1
        }
    }

    /// The second line of the selected entry, wrapped when it is a failure.
    static func messageLines(_ entry: TransferEntry, width: Int, here: CloudScope? = nil) -> [String] {
        let text = detailLine(entry, here: here)
        let failed = if case .failed? = entry.outcome { true } else { false }
        guard failed || entry.interruption != nil, width > 12 else { return [text] }
        return Array(TextLayout.wrap(text, width: width - 6).prefix(5))
    }

    /// `wordWidth` grows by one while "interrupted" is among the words.
    static func drawEntry(_ entry: TransferEntry, selected: Bool, marker: RowMarker, y: Int, wordWidth: Int = 10, lines: [String]? = nil,
                          here: CloudScope? = nil, theme: Theme, into buffer: inout ScreenBuffer) {
        let base = marker.style(selected: selected, normal: theme[.row], theme: theme)
        let highlighted = marker.highlights(selected)
        let second = lines ?? [detailLine(entry, here: here)]
        buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1 + second.count), style: base)
        let arrow = switch entry.kind {
        case .download: "↓"
        case .upload, .glanceDirect, .webDownload: "↑"
        case .copyImage: "⇉"
        }
        let (word, role) = stateWord(entry)
        // Narrow terminals give the name the room: a shorter bar, and none below 30 columns.
        let barWidth = buffer.width >= 80 ? min(30, buffer.width / 4) : (buffer.width >= 30 ? buffer.width / 8 : 0)
        let right = barWidth > 0 ? barWidth + 2 + 5 + wordWidth : wordWidth + 1
        let titleWidth = max(4, buffer.width - right - 1)
        buffer.drawField("  \(arrow) " + entry.title, x: 0, y: y, width: titleWidth, style: base, escapedStyle: theme[.escaped])
        // The title's two leading cells are the marker column.
        marker.draw(selected: selected, x: 0, y: y, rowStyle: base, theme: theme, into: &buffer)
        var x = titleWidth
        if barWidth > 0 {
            let fraction = entry.outcome == nil ? entry.progress.fraction : (isSuccess(entry) ? 1 : entry.progress.fraction)
            x = buffer.draw("[", x: x, y: y, style: base)
            x = buffer.draw(TransferText.bar(fraction, width: barWidth), x: x, y: y, style: highlighted ? base : theme[role])
            x = buffer.draw("] ", x: x, y: y, style: base)
            buffer.drawField(TransferText.percent(fraction), x: x, y: y, width: 5, style: base)
            x += 5
        }
        buffer.drawField(word, x: x, y: y, width: buffer.width - x, style: highlighted ? base : theme[role])
        for (n, text) in second.enumerated() {
            buffer.drawField("      " + text, x: 0, y: y + 1 + n, width: buffer.width,
                             style: highlighted ? base : theme[entry.outcome.map { isFailure($0) } == true ? .statusFailed : .rowDim],
                             escapedStyle: theme[.escaped])
        }
    }

    static func stateWord(_ entry: TransferEntry) -> (String, Role) {
        if entry.interruption != nil { return ("interrupted", .statusFailed) }
        switch entry.outcome {
        case nil:
            if entry.cancelRequested { return ("cancelling", .statusPending) }
            return switch entry.progress.phase {
            case .retrying: ("retrying", .statusFailed)
            case .importing: ("importing", .statusPending)
            case .verifying: ("verifying", .statusPending)
            case .checkingPart: ("checking", .statusPending)
            case .preparing: ("starting", .statusPending)
            case .transferring: ("running", .statusPending)
            }
        case .completed?: return ("done", .statusActive)
        case .failed?: return ("FAILED", .statusFailed)
        case .cancelled?: return ("cancelled", .statusOther)
        }
    }

    /// The figures, led by the cloud the transfer runs on (it stays there across `:cloud`); the
    /// region is named when it is not the one the browser (`here`) is on.
    static func detailLine(_ entry: TransferEntry, here: CloudScope? = nil) -> String {
        (entry.scope.map { "on " + $0.label(beside: here) + " · " } ?? "") + figures(entry, here: here)
    }

    static func figures(_ entry: TransferEntry, here: CloudScope? = nil) -> String {
        if let interruption = entry.interruption { return interruptedLine(entry, interruption, here: here) }
        let path = entry.path.map { " · " + $0 } ?? ""
        switch entry.outcome {
        case nil:
            var parts: [String] = []
            if entry.progress.totalBytes != nil || entry.progress.bytesDone > 0 { parts.append(TransferText.amount(entry.progress)) }
            let rate = TransferText.rate(entry.progress.rate)
            if !rate.isEmpty { parts.append(rate) }
            if let eta = entry.progress.eta, case .transferring = entry.progress.phase { parts.append("ETA " + TransferText.duration(eta)) }
            if case .transferring = entry.progress.phase {} else { parts.append(TransferText.phase(entry.progress.phase)) }
            return parts.joined(separator: " · ") + path
        case .completed(let location, let bytes, let verification)?:
            let target = entry.kind == .download ? "" : " · image " + location
            return ByteFormat.human(bytes) + " · " + TransferText.verification(verification) + target + path
        case .failed(let message, _)?:
            return message
        case .cancelled(let part)?:
            return "cancelled" + (part.map { " · kept " + $0 + " (R resumes)" } ?? "")
        }
    }

    /// "at 3.0 MiB / 8.0 MiB · kept x.part · devcloud-demo/demo · id 1a2b3c4d · its program (pid 4711) ended":
    /// what is kept first, since the line may be cut.
    static func interruptedLine(_ entry: TransferEntry, _ origin: Interruption, here: CloudScope? = nil) -> String {
        var parts = ["at " + TransferText.amount(entry.progress)]
        switch entry.request {
        case .download(let job): parts.append("kept " + job.partPath)
        case .upload(let job):
            // Glance keeps no partial upload: R sends the file again from its first byte.
            parts[0] += " (R sends it again from the start)"
            if let file = job.file { parts.append(file) }
            if case .existing(let image) = job.target { parts.append("into queued image " + image) }
        case .copy: break
        }
        parts.append(CloudScope(cloud: origin.cloud, region: origin.region, project: origin.project).label(beside: here))
        if let id = entry.journalID { parts.append("id " + id) }
        parts.append("its program (pid \(origin.ownerPID)) ended")
        return parts.joined(separator: " · ")
    }

    private static func isSuccess(_ entry: TransferEntry) -> Bool {
        if case .completed? = entry.outcome { return true }
        return false
    }

    private static func isFailure(_ outcome: TransferOutcome) -> Bool {
        if case .failed = outcome { return true }
        return false
    }
}
