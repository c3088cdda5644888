import GlanceAPI
import GlanceCore
import TerminalKit

/// The top row: what is shown, and every active filter and sort, so a filtered list is never
/// mistaken for the whole catalog.
enum TitleBar {
    static func draw(title: String, state: AppState, theme: Theme, into buffer: inout ScreenBuffer) {
        let hint = " \(state.keymap.name(of: .toggleHelp, in: .everywhere)) help "
        buffer.fill(Rect(x: 0, y: 0, width: buffer.width, height: 1), style: theme[.title])
        let hintWidth = buffer.width >= 40 ? DisplayWidth.of(hint) : 0
        // A read-only session says so first, where the eye lands, before anything is typed.
        let badge = state.session?.readOnly == true ? " [RO]" : ""
        // Where the browser is goes on the right, before the title's details, and keeps at
        // most half the row: a cloud's name must never hide what is shown.
        // Below 60 columns the title keeps the row: three names cut to four letters each say
        // nothing, and the status bar still names the cloud.
        let half = buffer.width >= 60 ? (buffer.width - hintWidth) / 2 : 0
        let location = " " + Self.location(state, width: half - 2) + " "
        let locationWidth = half > 0 ? min(DisplayWidth.of(location), half) : 0
        let right = buffer.width - hintWidth - locationWidth
        let end = buffer.draw(badge + " glance-tui · " + title, x: 0, y: 0, maxX: right,
                              style: theme[.title], escapedStyle: theme[.escaped])
        let scope = describeScope(state)
        if !scope.isEmpty, end + 3 < right {
            buffer.drawField(" · " + scope, x: end, y: 0, width: right - end,
                             style: theme[.titleFilter], escapedStyle: theme[.escaped])
        }
        buffer.drawField(location, x: right, y: 0, width: locationWidth, style: theme[.titleDim], escapedStyle: theme[.escaped])
        if hintWidth > 0 {
            buffer.draw(hint, x: buffer.width - hintWidth, y: 0, style: theme[.titleDim])
        }
    }

    /// "cloud │ region │ project" in `width` columns: when it does not fit, each part gets an
    /// equal share, a short part's spare columns going to the longer ones, so all three stay
    /// recognisable. While a switch signs in, where it goes follows.
    static func location(_ state: AppState, width: Int) -> String {
        let parts = [state.session?.cloud ?? state.cloudName, state.session?.region ?? "",
                     state.session.map { $0.projectName ?? $0.projectID ?? "" } ?? ""].filter { !$0.isEmpty }
        let pending = state.switching.map { " → " + TextLayout.truncate($0.target.description, to: 24) + "…" } ?? ""
        let separators = 3 * max(0, parts.count - 1)
        var budget = max(parts.count * 4, width - separators - DisplayWidth.of(pending))
        var caps = Array(repeating: 0, count: parts.count)
        // Shortest first: each takes what it needs up to an equal share of what is left.
        for (n, i) in parts.indices.sorted(by: { DisplayWidth.of(parts[$0]) < DisplayWidth.of(parts[$1]) }).enumerated() {
            caps[i] = min(DisplayWidth.of(parts[i]), budget / (parts.count - n))
            budget -= caps[i]
        }
        return parts.indices.map { TextLayout.truncate(parts[$0], to: max(4, caps[$0])) }.joined(separator: " │ ") + pending
    }

    static func describeScope(_ state: AppState) -> String {
        var parts: [String] = []
        // A quota nearly reached is said on every screen: the next upload may be refused.
        let near = Update.quotaWarnings(state)
        if !near.isEmpty { parts.append("⚠ quota " + near.joined(separator: ", ")) }
        if let api = state.session?.api, !api.title.isEmpty { parts.append("via " + api.title) }
        if state.catalog.sharedWithMe {
            let project = state.session?.projectName ?? "my project"
            var shared = "shared with \(project): \(state.catalog.query.memberStatus?.rawValue ?? "accepted")"
            if let c = state.catalog.sharedCounts {
                shared += " (pending \(c["pending"] ?? 0) · accepted \(c["accepted"] ?? 0) · rejected \(c["rejected"] ?? 0))"
            }
            parts.append(shared)
        } else {
            let filter = FilterParser.describe(state.catalog.query)
            if !filter.isEmpty { parts.append("filter " + filter) }
        }
        if let local = state.catalog.localSort {
            parts.append("sort \(local.column.rawValue):\(local.direction.rawValue)")
        } else if !state.catalog.query.sort.isEmpty {
            parts.append("sort " + state.catalog.query.sort.map { "\($0.key.rawValue):\($0.direction.rawValue)" }.joined(separator: ","))
        }
        if !state.catalog.quickFilter.isEmpty { parts.append("/" + state.catalog.quickFilter) }
        return parts.joined(separator: " · ")
    }
}
