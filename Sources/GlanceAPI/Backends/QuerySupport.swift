import Foundation

extension ImageQuery {
    /// The parts of a query, each of which an API sends, applies to loaded rows, or cannot do.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case name, status, visibility, memberStatus = "member_status", owner, tag, sizeMin = "size_min",
             sizeMax = "size_max", createdAt = "created_at", updatedAt = "updated_at", hidden, protected,
             id, diskFormat = "disk_format", containerFormat = "container_format",
             changesSince = "changes-since", properties = "prop.*", sort
    }

    /// The fields this query sets.
    public var fieldsSet: [Field] {
        Field.allCases.filter { field in
            switch field {
            case .name: name != nil
            case .status: status != nil
            case .visibility: visibility != nil
            case .memberStatus: memberStatus != nil
            case .owner: owner != nil
            case .tag: !tags.isEmpty
            case .sizeMin: sizeMin != nil
            case .sizeMax: sizeMax != nil
            case .createdAt: !createdAt.isEmpty
            case .updatedAt: !updatedAt.isEmpty
            case .hidden: hidden != nil
            case .protected: isProtected != nil
            case .id: !ids.isEmpty
            case .diskFormat: diskFormat != nil
            case .containerFormat: containerFormat != nil
            case .changesSince: changesSince != nil
            case .properties: !properties.isEmpty
            case .sort: !sort.isEmpty
            }
        }
    }

    /// This query with only `fields` kept.
    public func keeping(_ fields: Set<Field>) -> ImageQuery {
        var q = ImageQuery()
        for field in fieldsSet where fields.contains(field) {
            switch field {
            case .name: q.name = name
            case .status: q.status = status
            case .visibility: q.visibility = visibility
            case .memberStatus: q.memberStatus = memberStatus
            case .owner: q.owner = owner
            case .tag: q.tags = tags
            case .sizeMin: q.sizeMin = sizeMin
            case .sizeMax: q.sizeMax = sizeMax
            case .createdAt: q.createdAt = createdAt
            case .updatedAt: q.updatedAt = updatedAt
            case .hidden: q.hidden = hidden
            case .protected: q.isProtected = isProtected
            case .id: q.ids = ids
            case .diskFormat: q.diskFormat = diskFormat
            case .containerFormat: q.containerFormat = containerFormat
            case .changesSince: q.changesSince = changesSince
            case .properties: q.properties = properties
            case .sort: q.sort = sort
            }
        }
        return q
    }
}

/// How one API carries a query: the fields it sends, those it can only apply to the rows it
/// loaded (saying so), and — everything else — those it refuses before anything is sent.
/// Data, so that the pure core plans a listing without calling the backend.
public struct QuerySupport: Sendable, Equatable {
    public var apiName: String
    public var server: Set<ImageQuery.Field>
    public var local: Set<ImageQuery.Field>
    /// Visibilities the server can filter by, where it knows fewer than Image v2 (v1: public, private).
    public var serverVisibilities: Set<ImageQuery.Visibility>?
    /// How many sort keys the server takes at once.
    public var maxSortKeys: Int

    public init(apiName: String, server: Set<ImageQuery.Field>, local: Set<ImageQuery.Field> = [],
                serverVisibilities: Set<ImageQuery.Visibility>? = nil, maxSortKeys: Int = 0) {
        self.apiName = apiName
        self.server = server
        self.local = local
        self.serverVisibilities = serverVisibilities
        self.maxSortKeys = maxSortKeys
    }

    /// Image v2 sends everything.
    public static let imageV2 = QuerySupport(apiName: ImageAPI.v2.longName, server: Set(ImageQuery.Field.allCases),
                                             maxSortKeys: Int.max)

    public func plan(_ query: ImageQuery) -> QueryPlan {
        var serverFields: Set<ImageQuery.Field> = [], localFields: Set<ImageQuery.Field> = []
        var refused: [String] = []
        for field in query.fieldsSet {
            if field == .visibility, let v = query.visibility, let allowed = serverVisibilities, !allowed.contains(v) {
                refused.append("visibility=\(v.rawValue)")
            } else if field == .sort, query.sort.count > maxSortKeys {
                refused.append(maxSortKeys == 0 ? "sorting (sort the loaded rows with the column keys 1–9)"
                                                : "sorting by more than \(maxSortKeys) key\(maxSortKeys == 1 ? "" : "s")")
            } else if server.contains(field) {
                serverFields.insert(field)
            } else if local.contains(field) {
                localFields.insert(field)
            } else {
                refused.append(Self.describe(field))
            }
        }
        if !refused.isEmpty {
            return QueryPlan(server: query, local: ImageQuery(),
                             refusal: "\(apiName) cannot filter by \(refused.joined(separator: ", ")): nothing was sent")
        }
        let local = query.keeping(localFields)
        let notice = localFields.isEmpty ? nil
            : local.fieldsSet.map(Self.describe).joined(separator: ", ") + " applied here to the loaded images: "
              + "\(apiName) cannot filter by \(localFields.count == 1 ? "it" : "them")"
        return QueryPlan(server: query.keeping(serverFields), local: local, notice: notice)
    }

    static func describe(_ field: ImageQuery.Field) -> String {
        switch field {
        case .tag: "tag"
        case .properties: "extra properties"
        case .id: "id"
        default: field.rawValue
        }
    }
}

/// A query split for one API: `server` is sent, `local` is applied to each page as it arrives.
public struct QueryPlan: Sendable, Equatable {
    public var server: ImageQuery
    public var local: ImageQuery
    /// Said to the user when part of the query is applied here.
    public var notice: String?
    /// Why nothing may be sent; the listing does not start.
    public var refusal: String?

    public init(server: ImageQuery, local: ImageQuery = ImageQuery(), notice: String? = nil, refusal: String? = nil) {
        self.server = server
        self.local = local
        self.notice = notice
        self.refusal = refusal
    }
}
