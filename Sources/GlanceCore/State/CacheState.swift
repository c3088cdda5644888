import Foundation
import GlanceAPI

/// `:cache`: what Glance's image cache holds on this API node and what is queued for it.
public struct CacheState: Equatable, Sendable {
    public enum Phase: Equatable, Sendable {
        case loading(RequestID)
        case loaded(ImageCacheState)
        case failed(String)
    }

    public var phase: Phase
    public var table = TableState(columns: CacheState.columns)

    public static let columns: [TableState.Column] = [
        .init("IMAGE", width: 16, flexible: true), .init("ID", width: 8), .init("STATE", width: 7),
        .init("SIZE", width: 10, alignRight: true, numeric: true), .init("HITS", width: 6, alignRight: true, numeric: true),
        .init("LAST USED", width: 9, alignRight: true, numeric: true),
    ]

    public init(phase: Phase) { self.phase = phase }

    /// Cached images first, then the queue; names from the loaded list where it has them.
    public static func rows(_ cache: ImageCacheState, names: [String: String], now: Date) -> [TableState.Row] {
        let cached = cache.cached.map { c -> TableState.Row in
            let used = c.lastAccessed.map { RelativeAge.short(now.timeIntervalSince($0)) } ?? "never"
            return TableState.Row(id: c.imageID, cells: [names[c.imageID] ?? "—", String(c.imageID.prefix(8)), "cached",
                                                         c.size.map(ByteFormat.human) ?? "—", String(c.hits), used],
                                  sortKeys: [nil, nil, nil, c.size.map(Double.init), Double(c.hits),
                                             c.lastAccessed.map { -$0.timeIntervalSince1970 }])
        }
        let queued = cache.queued.map { id in
            TableState.Row(id: id, cells: [names[id] ?? "—", String(id.prefix(8)), "queued", "", "", ""], dim: true)
        }
        return cached + queued
    }
}

/// "42s", "5m", "3h", "12d": how long ago, in a few cells.
public enum RelativeAge {
    public static func short(_ seconds: TimeInterval) -> String {
        let s = Int(max(0, seconds))
        return s < 60 ? "\(s)s" : s < 3600 ? "\(s / 60)m" : s < 172_800 ? "\(s / 3600)h" : "\(s / 86_400)d"
    }
}
