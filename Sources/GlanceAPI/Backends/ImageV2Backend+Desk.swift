import Foundation

// Tasks, stores, the cache and usage: endpoints only Image API v2 has, so only this backend
// conforms and the desk's panes say "not available through …" for the others.
extension ImageV2Backend: TaskReader, StoreLister, StoreDataDeleter, CacheReader, CacheManager, UsageReader {
    public func listTasks(_ page: TaskPageRequest) throws(APIError) -> TaskPage { try client.listTasks(page) }

    public func task(id: String) throws(APIError) -> GlanceTask { try client.task(id: id) }

    public func tasks(ofImage imageID: String) throws(APIError) -> [GlanceTask] { try client.tasks(ofImage: imageID) }

    public func storeListing() throws(APIError) -> StoreListing { try client.storeListing() }

    public func deleteData(imageID: String, fromStore store: String) throws(APIError) {
        try client.deleteData(imageID: imageID, fromStore: store)
    }

    public func cacheState() throws(APIError) -> ImageCacheState { try client.cacheState() }

    public func queueForCache(imageID: String) throws(APIError) { try client.queueForCache(imageID: imageID) }

    public func removeFromCache(imageID: String) throws(APIError) { try client.removeFromCache(imageID: imageID) }

    public func clearCache(_ target: CacheClearTarget) throws(APIError) { try client.clearCache(target) }

    public func usage() throws(APIError) -> ImageUsage { try client.usage() }
}
