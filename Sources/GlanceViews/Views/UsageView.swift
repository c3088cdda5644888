import Foundation
import GlanceAPI
import GlanceCore
import TerminalKit

/// `:usage`: each quota as a bar — used against the limit — sizes in bytes as people read them.
enum UsageView {
    static let labels: [(QuotaResource, String)] = [
        (.imageCountTotal, "images"), (.imageSizeTotal, "image data"), (.imageStageTotal, "staged data"),
        (.imageCountUploading, "uploads in progress"),
    ]

    static func draw(_ state: AppState, theme: Theme, into buffer: inout ScreenBuffer) {
        let area = Rect(x: 0, y: 2, width: buffer.width, height: ScreenLayout.listRows(state.size))
        let usage: ImageUsage
        switch state.quota {
        case nil, .loading?:
            CenteredMessage.draw(["Reading the project's quotas…"], in: area, headStyle: theme[.message], bodyStyle: theme[.rowDim],
                                 escaped: theme[.escaped], into: &buffer)
            return
        case .failed(let why)?:
            CenteredMessage.draw(["The quotas could not be read", why, "\(state.keymap.name(of: .refresh, in: .usage)) asks again · \(state.keymap.name(of: .back, in: .usage)) back"], in: area,
                                 headStyle: theme[.messageError], bodyStyle: theme[.rowDim], escaped: theme[.escaped], into: &buffer)
            return
        case .loaded(let u)?:
            usage = u
        }
        guard usage.hasLimits else {
            CenteredMessage.draw(["No limits are configured for images on this cloud",
                                  "Glance reports usage only where Keystone unified limits are on (use_keystone_limits)"],
                                 in: area, headStyle: theme[.message], bodyStyle: theme[.rowDim], escaped: theme[.escaped], into: &buffer)
            return
        }
        let project = state.session?.projectName ?? state.session?.projectID ?? "the project"
        buffer.drawField(" Project \(project): use against its limits", x: 0, y: 1, width: buffer.width, style: theme[.section],
                         escapedStyle: theme[.escaped])
        let labelWidth = 20, numbersWidth = min(34, max(20, buffer.width / 3))
        let barWidth = max(4, buffer.width - labelWidth - numbersWidth - 10)
        for (row, (resource, label)) in labels.enumerated() {
            let y = 3 + row * 2
            guard y < buffer.height - 1, let q = usage[resource] else { continue }
            buffer.drawField(" " + label, x: 0, y: y, width: labelWidth, style: theme[.fieldKey])
            buffer.drawField(numbers(q, resource), x: labelWidth, y: y, width: numbersWidth, style: theme[.fieldValue], alignRight: true)
            guard !q.isUnlimited, q.limit > 0 else {
                buffer.drawField("  no limit", x: labelWidth + numbersWidth, y: y, width: barWidth + 10, style: theme[.rowDim])
                continue
            }
            let fraction = min(1, Double(q.usage) / Double(q.limit))
            let filled = Int((fraction * Double(barWidth)).rounded())
            let role: Role = fraction >= 0.9 ? .statusFailed : fraction >= 0.75 ? .statusPending : .statusActive
            let x = labelWidth + numbersWidth + 2
            buffer.draw("[", x: x, y: y, style: theme[.rowDim])
            buffer.draw(String(repeating: "█", count: filled), x: x + 1, y: y, style: theme[role])
            buffer.draw(String(repeating: "·", count: barWidth - filled) + "]", x: x + 1 + filled, y: y, style: theme[.rowDim])
            buffer.draw(String(format: " %3d %%", Int((fraction * 100).rounded(.down))), x: x + 2 + barWidth, y: y, style: theme[role])
        }
    }

    static func numbers(_ q: QuotaUsage, _ resource: QuotaResource) -> String {
        func amount(_ n: Int64) -> String { resource.isMebibytes ? ByteFormat.human(n * 1_048_576) : CountFormat.grouped(Int(n)) }
        return q.isUnlimited ? amount(q.usage) : amount(q.usage) + " of " + amount(q.limit)
    }
}
