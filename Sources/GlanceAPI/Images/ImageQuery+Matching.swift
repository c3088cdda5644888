import Foundation

extension ImageQuery {
    /// Whether `image` passes every filter this query sets, judged as Image v2 would: for the
    /// parts of a query an API cannot send and the client applies to what it loaded. Extra
    /// properties need the full image (a list summary has none).
    public func matches(_ image: Image) -> Bool {
        if let name, image.name != name { return false }
        if let status, image.status.rawValue.lowercased() != status.lowercased() { return false }
        if let visibility, visibility != .all, image.visibility?.rawValue != visibility.rawValue { return false }
        if let owner, image.owner != owner { return false }
        if !tags.allSatisfy(image.tags.contains) { return false }
        if let sizeMin, (image.size ?? -1) < sizeMin { return false }
        if let sizeMax, image.size.map({ $0 > sizeMax }) ?? true { return false }
        if !createdAt.allSatisfy({ Self.compare(image.createdAt, $0) }) { return false }
        if !updatedAt.allSatisfy({ Self.compare(image.updatedAt, $0) }) { return false }
        if let hidden, (image.isHidden ?? false) != hidden { return false }
        if let isProtected, (image.isProtected ?? false) != isProtected { return false }
        if !ids.isEmpty, !ids.contains(image.id) { return false }
        if let diskFormat, image.diskFormat != diskFormat { return false }
        if let containerFormat, image.containerFormat != containerFormat { return false }
        if let changesSince, !Self.compare(image.updatedAt, TimeFilter(.gte, changesSince)) { return false }
        for (key, value) in properties where image.fields[key]?.stringValue != value { return false }
        return true
    }

    static func compare(_ text: String?, _ filter: TimeFilter) -> Bool {
        guard let text, let time = ISOTime.parse(text), let bound = ISOTime.parse(filter.time) else { return false }
        switch filter.comparison {
        case .gt: return time > bound
        case .gte: return time >= bound
        case .lt: return time < bound
        case .lte: return time <= bound
        case .eq: return time == bound
        case .neq: return time != bound
        }
    }
}
