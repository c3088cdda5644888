import GlanceAPI

/// `:stores`: every store the cloud has, and how many of the loaded images each holds.
public struct StoresState: Equatable, Sendable {
    public enum Phase: Equatable, Sendable {
        case loading(RequestID)
        case loaded(StoreListing)
        case failed(String)
    }

    public var phase: Phase
    public var table = TableState(columns: StoresState.columns)

    public static let columns: [TableState.Column] = [
        .init("STORE", width: 12), .init("TYPE", width: 8), .init("DEFAULT", width: 7), .init("READ-ONLY", width: 9),
        .init("IMAGES", width: 7, alignRight: true, numeric: true), .init("SIZE", width: 10, alignRight: true, numeric: true),
        .init("DESCRIPTION", width: 12, flexible: true),
    ]

    public init(phase: Phase) { self.phase = phase }

    /// A row per store, counting the loaded images whose `stores` name it (Glance lists an
    /// image's stores as "fast,cheap").
    public static func rows(_ listing: StoreListing, images: [Image]) -> [TableState.Row] {
        var count: [String: Int] = [:], bytes: [String: Int64] = [:]
        for image in images {
            for store in image.storeIDs {
                count[store, default: 0] += 1
                bytes[store, default: 0] += image.size ?? 0
            }
        }
        return listing.stores.map { store in
            let n = count[store.id] ?? 0, size = bytes[store.id] ?? 0
            return TableState.Row(id: store.id, cells: [store.id, store.type ?? "—", store.isDefault ? "default" : "", store.isReadOnly ? "read-only" : "",
                                                        String(n), ByteFormat.human(size), store.description ?? ""],
                                  sortKeys: [nil, nil, nil, nil, Double(n), Double(size), nil])
        }
    }
}
