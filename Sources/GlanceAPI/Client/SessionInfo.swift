import Foundation

/// What the UI may know about the signed-in session. Deliberately holds no token: state and
/// views cannot show what they never receive.
public struct SessionInfo: Sendable, Equatable {
    public var cloud: String
    public var region: String?
    public var projectName: String?
    public var projectID: String?
    public var userName: String?
    public var roles: [String]
    public var imageEndpoint: String
    public var tokenExpires: Date?
    /// The API the session browses with (Image v2 unless chosen otherwise or discovered).
    public var api: ImageAPI = .v2
    /// What its backend conforms to; keys for anything else explain instead of acting.
    public var capabilities: Set<ImageCapability> = Set(ImageCapability.allCases)
    /// How its backend carries each part of a listing query.
    public var querySupport: QuerySupport = .imageV2
    /// Fields its API does not expose, and why.
    public var unavailableFields: [String: String] = [:]
    /// The visibilities its backend can set, in the order a chooser offers them.
    public var visibilities: [String] = ImageVisibility.documented.map(\.rawValue)
    /// Every write refused (`--readonly`, or `read_only: true` for the cloud in the settings).
    public var readOnly = false

    /// Why `capability` cannot be used in this session, or nil when it can.
    public func refusal(_ capability: ImageCapability) -> String? {
        if readOnly, capability.isWrite { return capability.readOnlyRefusal }
        return capabilities.contains(capability) ? nil : api.whyNot(capability)
    }

    public init(cloud: String, region: String? = nil, projectName: String? = nil, projectID: String? = nil,
                userName: String? = nil, roles: [String] = [], imageEndpoint: String, tokenExpires: Date? = nil) {
        self.cloud = cloud
        self.region = region
        self.projectName = projectName
        self.projectID = projectID
        self.userName = userName
        self.roles = roles
        self.imageEndpoint = imageEndpoint
        self.tokenExpires = tokenExpires
    }
}

/// Which page of a listing to fetch.
public enum PageRequest: Sendable, Equatable {
    /// `query` is what the backend's API is to send (the planned server part).
    case first(query: ImageQuery, limit: Int)
    /// The same query again from `marker` on. Preferred to following `next`: Glance's next link
    /// keeps only the last of a repeated parameter (tag=a&tag=b becomes tag=b).
    case after(query: ImageQuery, marker: String, limit: Int)
    /// The server's link as sent, for when it carries no marker to rebuild the query around.
    case next(link: String, limit: Int)
}

public struct QueryItem: Sendable, Equatable, Hashable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
