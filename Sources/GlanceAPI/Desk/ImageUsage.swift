import Foundation

/// The four resources Glance counts against Keystone unified limits (glance/quota/keystone.py).
public enum QuotaResource: String, Sendable, CaseIterable {
    case imageSizeTotal = "image_size_total"
    case imageStageTotal = "image_stage_total"
    case imageCountTotal = "image_count_total"
    case imageCountUploading = "image_count_uploading"

    /// Sizes are whole MiB, rounded down (Glance divides the bytes by units.Mi), and the limits
    /// are registered in MiB as well; the counts are image counts.
    public var isMebibytes: Bool { self == .imageSizeTotal || self == .imageStageTotal }
}

/// One resource's use against its limit.
public struct QuotaUsage: Sendable, Equatable {
    public var usage: Int64
    /// Keystone's registered or project limit; -1 means unlimited.
    public var limit: Int64

    public init(usage: Int64, limit: Int64) {
        self.usage = usage
        self.limit = limit
    }

    public var isUnlimited: Bool { limit < 0 }
    public var isOver: Bool { !isUnlimited && usage > limit }
}

/// GET /v2/info/usage for the signed-in project (Glance ≥ 24, Xena; older ones answer 404).
public struct ImageUsage: Sendable, Equatable {
    /// Keyed by Glance's names, so a resource a newer Glance adds is kept too.
    public var resources: [String: QuotaUsage]

    public init(resources: [String: QuotaUsage] = [:]) { self.resources = resources }

    /// A Glance without `use_keystone_limits` answers with no resources at all: nothing is
    /// limited (its older per-user quotas are not reported by this API).
    public var hasLimits: Bool { !resources.isEmpty }

    public subscript(_ resource: QuotaResource) -> QuotaUsage? { resources[resource.rawValue] }
}

public enum UsageRequests {
    public static func usage(_ endpoint: ImageEndpoint) -> HTTPRequest {
        HTTPRequest(method: .get, url: endpoint.v2 + "/info/usage", headers: [("Accept", "application/json")])
    }

    /// `{"usage": {"image_size_total": {"usage": 3, "limit": 1048576}, …}}`; `{}` and
    /// `{"usage": {}}` are "no limits".
    public static func decode(_ body: Data, url: String) throws(APIError) -> ImageUsage {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: body), let o = json.objectValue else {
            throw .malformedResponse("the usage is not JSON", url: url)
        }
        guard let usage = o["usage"] else { return ImageUsage() }
        guard let entries = usage.objectValue else {
            throw .malformedResponse("the usage's \"usage\" is not an object", url: url)
        }
        var resources: [String: QuotaUsage] = [:]
        for (name, value) in entries {
            guard let u = value.objectValue, let used = u["usage"]?.looseInt, let limit = u["limit"]?.looseInt else {
                throw .malformedResponse("the usage of \(name) has no integer usage and limit", url: url)
            }
            resources[name] = QuotaUsage(usage: used, limit: limit)
        }
        return ImageUsage(resources: resources)
    }
}
