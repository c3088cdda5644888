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
        let end = buffer.draw(badge + " glance-tui · " + title, x: 0, y: 0, maxX: buffer.width - hintWidth,
                              style: theme[.title], escapedStyle: theme[.escaped])
        let scope = describeScope(state)
        if !scope.isEmpty, end + 3 < buffer.width - hintWidth {
            buffer.drawField(" · " + scope, x: end, y: 0, width: buffer.width - hintWidth - end,
                             style: theme[.titleFilter], escapedStyle: theme[.escaped])
        }
        if hintWidth > 0 {
            buffer.draw(hint, x: buffer.width - hintWidth, y: 0, style: theme[.titleDim])
        }
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
