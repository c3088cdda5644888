import Foundation

/// The stores a cloud has, and how much of them this user was shown.
public struct StoreListing: Sendable, Equatable {
    public var stores: [ImageStore]
    /// Whether /v2/info/stores/detail answered (types and properties filled in); false when the
    /// policy refused it and the plain list was read instead.
    public var isDetailed: Bool
    /// Glance's sentence for refusing the detail, kept so the UI can tell why types are missing.
    public var detailRefusal: String?

    public init(stores: [ImageStore], isDetailed: Bool, detailRefusal: String? = nil) {
        self.stores = stores
        self.isDetailed = isDetailed
        self.detailRefusal = detailRefusal
    }
}

/// Pure builders for the multi-store endpoints. The plain list is `DataRequests.storesInfo`.
///
/// A cloud without `enabled_backends` answers all of these 404 ("Multi backend is not supported
/// at this site." for the lists, a bare 404 for the delete).
public enum StoresRequests {
    /// GET /v2/info/stores/detail: admin only by default (403 "You are not authorized to
    /// complete stores_info_detail action.").
    public static func detail(_ endpoint: ImageEndpoint) -> HTTPRequest {
        HTTPRequest(method: .get, url: endpoint.v2 + "/info/stores/detail", headers: [("Accept", "application/json")])
    }

    /// DELETE /v2/stores/{store}/{image}: removes one location's data, 204 with no body.
    ///
    /// Glance 33 refuses, in this order (glance/api/v2/images.py `delete_from_store`):
    /// - 409 "The selected store X is not available on this node." (a store it does not have)
    /// - 404 "Failed to find image X" (or an image the user cannot see)
    /// - 403 from the location policies (delete_image_location: admin by default)
    /// - 409 "It's not allowed to remove image data from store if image status is not 'active'"
    /// - 403 "Cannot delete image data from the only store containing it. Consider deleting
    ///   the image instead." (the last store)
    /// - 404 "Image X is not stored in store Y."
    /// - 409 when the store driver says the data has snapshots or is in use, 503 on its timeout.
    public static func deleteFromStore(_ endpoint: ImageEndpoint, store: String, imageID: String) -> HTTPRequest {
        HTTPRequest(method: .delete, url: endpoint.v2 + "/stores/" + QueryString.escapePathSegment(store) + "/"
                    + QueryString.escapePathSegment(imageID))
    }

    /// The sentence of the last-store refusal, for telling it from the policy's 403.
    public static let lastStoreRefusal = "Cannot delete image data from the only store containing it"

    /// Whether `error` is Glance refusing to remove an image's only copy (not a policy 403).
    public static func isLastStoreRefusal(_ error: APIError) -> Bool {
        guard case .http(403, let message, _) = error else { return false }
        return message.contains(lastStoreRefusal)
    }
}
