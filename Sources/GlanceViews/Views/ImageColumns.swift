import Foundation
import GlanceAPI
import GlanceCore

/// What a cell needs besides its image: the clock (ages) and whose images are "mine".
public struct RowContext: Sendable {
    public var now: Date
    public var projectID: String?
    public var lintCounts: [String: Int]
    public var usedCounts: [String: Int]
    public init(now: Date, projectID: String?, lintCounts: [String: Int] = [:], usedCounts: [String: Int] = [:]) {
        self.now = now
        self.projectID = projectID
        self.lintCounts = lintCounts
        self.usedCounts = usedCounts
    }
}

/// The list's columns as data: title, width, priority (lower survives longer on narrow
/// terminals), how to render a row's cell and in which role.
public struct ImageColumn: Sendable {
    public var id: ColumnID
    public var title: String
    /// Fixed width, or the minimum for the one flexible column (name), which takes the rest.
    public var width: Int
    public var flexible: Bool
    public var alignRight: Bool
    public var priority: Int
    public var text: @Sendable (Image, RowContext) -> String
    public var role: @Sendable (Image) -> Role

    public static let all: [ImageColumn] = [
        ImageColumn(id: .name, title: "NAME", width: 24, flexible: true, alignRight: false, priority: 0,
                    text: { image, _ in image.name ?? "(no name)" },
                    role: { $0.name == nil ? .rowDim : .row }),
        ImageColumn(id: .status, title: "STATUS", width: 11, flexible: false, alignRight: false, priority: 1,
                    text: { image, _ in image.status.rawValue }, role: { statusRole($0.status.rawValue) }),
        ImageColumn(id: .visibility, title: "VISIBILITY", width: 10, flexible: false, alignRight: false, priority: 4,
                    text: { image, context in
                        // An image another project shares with mine: marked, with its owner.
                        if image.visibility == "shared", let owner = image.owner, let mine = context.projectID, owner != mine {
                            return "⇐ " + owner.prefix(8)
                        }
                        return image.visibility?.rawValue ?? "—"
                    }, role: { _ in .row }),
        ImageColumn(id: .format, title: "FORMAT", width: 11, flexible: false, alignRight: false, priority: 3,
                    text: { image, _ in formats(image) }, role: { _ in .row }),
        ImageColumn(id: .size, title: "SIZE", width: 9, flexible: false, alignRight: true, priority: 2,
                    text: { image, _ in image.size.map(ByteFormat.human) ?? "—" }, role: { _ in .row }),
        ImageColumn(id: .updated, title: "UPDATED", width: 8, flexible: false, alignRight: true, priority: 5,
                    text: { image, context in RelativeTime.describe(image.updated, now: context.now).replacingOccurrences(of: " ago", with: "") },
                    role: { _ in .rowDim }),
        ImageColumn(id: .id, title: "ID", width: 8, flexible: false, alignRight: false, priority: 6,
                    text: { image, _ in String(image.id.prefix(8)) }, role: { _ in .rowDim }),
        ImageColumn(id: .created, title: "CREATED", width: 8, flexible: false, alignRight: true, priority: 5,
                    text: { image, context in RelativeTime.describe(image.createdAt.flatMap(ISOTime.parse), now: context.now).replacingOccurrences(of: " ago", with: "") },
                    role: { _ in .rowDim }),
        ImageColumn(id: .owner, title: "OWNER", width: 10, flexible: false, alignRight: false, priority: 4,
                    text: { image, _ in image.owner.map { String($0.prefix(10)) } ?? "—" }, role: { _ in .rowDim }),
        ImageColumn(id: .tags, title: "TAGS", width: 16, flexible: false, alignRight: false, priority: 4,
                    text: { image, _ in image.tags.isEmpty ? "—" : image.tags.joined(separator: ",") }, role: { _ in .row }),
        ImageColumn(id: .lint, title: "LINT", width: 5, flexible: false, alignRight: true, priority: 1,
                    text: { image, context in
                        context.lintCounts[image.id].map { $0 == 0 ? "ok" : "⚠\($0)" } ?? ""
                    }, role: { _ in .statusPending }),
        ImageColumn(id: .used, title: "USED", width: 5, flexible: false, alignRight: true, priority: 1,
                    text: { image, context in
                        context.usedCounts[image.id].map { $0 < 0 ? "?" : String($0) } ?? "—"
                    }, role: { _ in .row }),
    ]

    public static func named(_ ids: [ColumnID]) -> [ImageColumn] {
        ids.compactMap { id in all.first { $0.id == id } }
    }

    static func formats(_ image: Image) -> String {
        switch (image.diskFormat, image.containerFormat) {
        case (nil, nil): "—"
        case (let d?, nil): d
        case (nil, let c?): "—/" + c
        case (let d?, let c?): d + "/" + c
        }
    }

    static func statusRole(_ status: String) -> Role {
        switch status {
        case "active": .statusActive
        case "queued", "saving", "importing", "uploading", "pending_delete": .statusPending
        case "killed", "deleted", "deactivated": .statusFailed
        default: .statusOther
        }
    }

    /// The columns that fit in `width` (one space between columns), with their widths: drops
    /// the lowest-priority columns until the name keeps its minimum.
    public static func layout(width: Int, columns: [ImageColumn] = named(ColumnID.defaults)) -> [(ImageColumn, Int)] {
        var chosen = columns
        func fixedWidth(_ cs: [ImageColumn]) -> Int {
            cs.filter { !$0.flexible }.reduce(0) { $0 + $1.width } + max(0, cs.count - 1)
        }
        let flexMin = columns.first(where: \.flexible)?.width ?? 0
        while chosen.count > 1, fixedWidth(chosen) + flexMin > width,
              let drop = chosen.filter({ !$0.flexible }).max(by: { $0.priority < $1.priority }) {
            chosen.removeAll { $0.id == drop.id }
        }
        let flexWidth = max(1, width - fixedWidth(chosen))
        return chosen.map { ($0, $0.flexible ? flexWidth : $0.width) }
    }
}
