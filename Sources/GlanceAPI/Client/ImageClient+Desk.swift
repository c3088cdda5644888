import Foundation

/// The operator's endpoints: tasks, stores, the cache and quota usage. Each throws Glance's own
/// sentence on refusal (most are admin-only under the default policy).
extension ImageClient {
    // MARK: Tasks

    public func listTasks(_ page: TaskPageRequest) throws(APIError) -> TaskPage {
        let request = TasksRequests.list(try imageEndpoint(), page)
        return try TasksRequests.decodePage(try sendAuthorized(request).body, url: request.url)
    }

    public func task(id: String) throws(APIError) -> GlanceTask {
        let request = TasksRequests.show(try imageEndpoint(), id: id)
        return try TasksRequests.decodeTask(try sendAuthorized(request).body, url: request.url)
    }

    public func tasks(ofImage imageID: String) throws(APIError) -> [GlanceTask] {
        let request = TasksRequests.ofImage(try imageEndpoint(), imageID: imageID)
        return try TasksRequests.decodeImageTasks(try sendAuthorized(request).body, url: request.url)
    }

    // MARK: Stores

    /// The detailed list where the policy allows it, else the plain one with the refusal kept.
    public func storeListing() throws(APIError) -> StoreListing {
        let endpoint = try imageEndpoint()
        do {
            let response = try sendAuthorized(StoresRequests.detail(endpoint))
            return StoreListing(stores: DataRequests.decodeStores(response.body), isDetailed: true)
        } catch let error where error.status == 403 {
            let refusal: String? = if case .http(_, let message, _) = error { message } else { nil }
            let response = try sendAuthorized(DataRequests.storesInfo(endpoint))
            return StoreListing(stores: DataRequests.decodeStores(response.body), isDetailed: false, detailRefusal: refusal)
        }
    }

    public func deleteData(imageID: String, fromStore store: String) throws(APIError) {
        _ = try sendAuthorized(StoresRequests.deleteFromStore(try imageEndpoint(), store: store, imageID: imageID))
    }

    // MARK: Cache

    public func cacheState() throws(APIError) -> ImageCacheState {
        let request = CacheRequests.state(try imageEndpoint())
        return try CacheRequests.decodeState(try sendAuthorized(request).body, url: request.url)
    }

    public func queueForCache(imageID: String) throws(APIError) {
        _ = try sendAuthorized(CacheRequests.queue(try imageEndpoint(), imageID: imageID))
    }

    public func removeFromCache(imageID: String) throws(APIError) {
        _ = try sendAuthorized(CacheRequests.remove(try imageEndpoint(), imageID: imageID))
    }

    public func clearCache(_ target: CacheClearTarget) throws(APIError) {
        _ = try sendAuthorized(CacheRequests.clear(try imageEndpoint(), target: target))
    }

    // MARK: Usage

    public func usage() throws(APIError) -> ImageUsage {
        let request = UsageRequests.usage(try imageEndpoint())
        return try UsageRequests.decode(try sendAuthorized(request).body, url: request.url)
    }
}
