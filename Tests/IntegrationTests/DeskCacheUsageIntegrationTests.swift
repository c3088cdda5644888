import Foundation
import GlanceAPI
import Testing

/// The image cache and quota usage (ImageClient+Desk.swift) against the devcloud, whichever way
/// its Glance is configured: without `image_cache_dir` the cache's sentence must reach the user,
/// with it an image is queued, seen queued or cached, and removed; without unified limits the
/// usage is "no limits", with them every resource has a limit.
@Suite(.enabled(if: LocalCloud.isConfigured, "needs the local cloud: run scripts/test"), .serialized)
struct DeskCacheUsageIntegrationTests {
    @Test func anImageIsQueuedCachedAndRemovedOrTheCloudSaysItHasNoCache() throws {
        let images = try TestImages("desk-cache")
        defer { images.deleteAll() }
        let admin = try images.account("devcloud-admin")
        let backend = ImageV2Backend(client: admin.client)
        var state = ImageCacheState()
        do {
            state = try backend.cacheState()
        } catch {
            guard CacheRequests.isNotSupported(error) else { throw error }
            #expect(error.userMessage.contains("Caching via API is not supported at this site"))
            return
        }
        let image = try images.create("cached", data: Desk.bytes(128 * 1024), as: admin)
        #expect(!state.isCached(image.id) && !state.queued.contains(image.id))

        try backend.queueForCache(imageID: image.id)
        let seen = try Desk.waitFor("the image in the cache or its queue") { () throws -> ImageCacheState? in
            let now = try backend.cacheState()
            return now.isCached(image.id) || now.queued.contains(image.id) ? now : nil
        }
        // Glance's worker caches right after the queueing; removed mid-copy, the image would
        // land in the cache after the removal. A cloud with no worker running keeps it queued.
        let settled = (try? Desk.waitFor("the image cached", seconds: 15) { () throws -> ImageCacheState? in
            let now = try backend.cacheState()
            return now.isCached(image.id) ? now : nil
        }) ?? seen
        if let entry = settled.cached.first(where: { $0.imageID == image.id }) {
            #expect(entry.size.map { Int($0) } == 128 * 1024, "size \(String(describing: entry.size))")
            #expect(entry.lastModified != nil)
        }

        try backend.removeFromCache(imageID: image.id)
        let gone = try backend.cacheState()
        #expect(!gone.isCached(image.id) && !gone.queued.contains(image.id))

        // Only active images can be queued; a member may not even look.
        let queued = try images.create("no-data", as: admin)
        let inactive = LocalCloud.apiError { try backend.queueForCache(imageID: queued.id) }
        #expect(inactive?.status == 400 && Desk.message(inactive) == "Only images with status active can be targeted for queueing")
        let member = LocalCloud.apiError { _ = try ImageV2Backend(client: images.demo.client).cacheState() }
        #expect(member?.status == 403 && Desk.message(member) == "You are not authorized to complete cache_list action.")
    }

    @Test func usageIsNoLimitsOrEveryResourceHasALimitAndCountsTheProjectsImages() throws {
        let images = try TestImages("desk-usage")
        defer { images.deleteAll() }
        let backend = ImageV2Backend(client: images.demo.client)
        guard try backend.usage().hasLimits else {
            #expect(try backend.usage() == ImageUsage())
            return
        }
        try images.create("counted-1", data: Desk.bytes(1024))
        try images.create("counted-2")
        let usage = try backend.usage()
        for resource in QuotaResource.allCases {
            let entry = try #require(usage[resource], "no \(resource.rawValue) in \(usage)")
            #expect(entry.limit > 0, "\(resource.rawValue): \(entry)")
            #expect(entry.usage >= 0)
        }
        let mine = try images.list(ImageQuery())
        #expect(mine.count == 2)
        #expect(try #require(usage[.imageCountTotal]).usage >= Int64(mine.count))
    }
}
