import Foundation
import Synchronization

/// Image API v2 (Glance), and the vendor dialects of it: every capability the panes offer.
public final class ImageV2Backend: ImageLister, ImageGetter, PropertyPatcher, ImageDeleter, ImageCreator,
    ImageDownloader, ImageUploader, ImageImporter, MemberManager, ImageTagger, ImageActivator, VisibilityChanger,
    ProtectionChanger, PropertyRuleSource {
    public let client: ImageClient
    /// How this server wants sorting spelled, learnt from its first 400 and kept for the session.
    private let sortSyntax = Mutex<ImageQuery.SortSyntax>(.modern)

    public init(client: ImageClient) { self.client = client }

    public var api: ImageAPI { .v2 }
    public var unavailableFields: [String: String] { [:] }
    public var querySupport: QuerySupport { .imageV2 }
    public var visibilities: [String] { ["private", "shared", "community", "public"] }

    // MARK: - Browsing

    /// Servers that predate `sort=key:dir` answer 400: the page is asked again with
    /// `sort_key`/`sort_dir`, then with the `sort-key`/`sort-dir` some vendors' builds take.
    public func listImages(_ page: PageRequest) throws(APIError) -> ImagePage {
        while true {
            let syntax = sortSyntax.withLock { $0 }
            do {
                return try client.listImages(page, sortSyntax: syntax)
            } catch let error where error.status == 400 && page.sorts && syntax != .hyphenated {
                let next: ImageQuery.SortSyntax = syntax == .modern ? .legacy : .hyphenated
                sortSyntax.withLock { $0 = next }
                var answer = try listImages(page)
                // The spelling that finally worked is the one to tell.
                answer.notice = answer.notice ?? (next == .legacy ? "This server wants sort_key/sort_dir; sorting with those"
                                                : "This server wants sort-key/sort-dir; sorting with those")
                return answer
            }
        }
    }

    public func image(id: String) throws(APIError) -> Image { try client.image(id: id) }

    public func propertyRules(profiles: [PropertyRule]) throws(APIError) -> [PropertyRule] {
        let book = try ruleBook(profiles: profiles)
        let keys = Set(book.schema.keys).union(book.metadefs.keys).union(book.profiles.keys)
        return keys.sorted().compactMap { book.rule(for: $0) }
    }

    public func ruleBook(profiles: [PropertyRule]) throws(APIError) -> RuleBook {
        let schema = (try? client.schemaRules()) ?? ImageSchema.standard.rules
        let metadefs = (try? client.metadefRules().rules) ?? []
        return RuleBook(schema: schema, metadefs: metadefs, profiles: profiles)
    }

    // MARK: - Writes

    public func patch(id: String, _ operations: [PatchOperation]) throws(APIError) -> Image {
        try client.patch(id: id, operations: operations)
    }

    public func delete(id: String) throws(APIError) { try client.delete(id: id) }

    public func create(_ fields: [String: JSONValue]) throws(APIError) -> Image { try client.create(fields: fields) }

    public func setTag(id: String, tag: String, present: Bool) throws(APIError) {
        try client.setTag(id: id, tag: tag, present: present)
    }

    public func setActive(id: String, active: Bool) throws(APIError) { try client.setActive(id: id, active: active) }

    public func setVisibility(id: String, _ visibility: String) throws(APIError) {
        _ = try client.patch(id: id, operations: [.replace(key: "visibility", value: .string(visibility))])
    }

    public func setProtected(id: String, _ isProtected: Bool) throws(APIError) {
        _ = try client.patch(id: id, operations: [.replace(key: "protected", value: .bool(isProtected))])
    }

    // MARK: - Image data

    public func download(id: String, from offset: Int64, sink: any ResponseSink, options: StreamOptions,
                         shouldContinue: () -> Bool) throws(APIError) -> HTTPResponse {
        let request = DataRequests.download(try client.imageEndpoint(), id: id, offset: offset)
        return try client.streamAuthorized(request, sink: sink, options: options, shouldContinue: shouldContinue)
    }

    public func upload(id: String, body: any RequestBodySource, store: String?, options: StreamOptions,
                       shouldContinue: () -> Bool) throws(APIError) {
        let request = DataRequests.upload(try client.imageEndpoint(), id: id, store: store)
        _ = try client.streamAuthorized(request, body: body, options: options, shouldContinue: shouldContinue)
    }

    public func importOptions() throws(APIError) -> ImportOptions { try client.importOptions() }

    public func stage(id: String, body: any RequestBodySource, options: StreamOptions,
                      shouldContinue: () -> Bool) throws(APIError) {
        let request = DataRequests.stage(try client.imageEndpoint(), id: id)
        _ = try client.streamAuthorized(request, body: body, options: options, shouldContinue: shouldContinue)
    }

    public func startImport(imageID: String, method: ImportMethod, stores: [String]?,
                            allStoresMustSucceed: Bool) throws(APIError) {
        try client.startImport(imageID: imageID, method: method, stores: stores, allStoresMustSucceed: allStoresMustSucceed)
    }

    // MARK: - Sharing

    public func members(of imageID: String) throws(APIError) -> [MemberEntry] {
        let members = try client.members(of: imageID).members
        let names = client.projectNames(for: members.map(\.memberID))
        return members.map { MemberEntry(member: $0, projectName: names[$0.memberID]) }
    }

    public func resolveProjectID(_ project: String) throws(APIError) -> String {
        switch try client.resolveProject(project) {
        case .id(let resolved, _): return resolved
        case .ambiguous(let candidates):
            throw APIError.configuration("Several projects are named \(project) (" + candidates.map(\.id).joined(separator: ", ") + "): give its id")
        case .notFound: throw APIError.configuration("No project is named \(project)")
        case .cannotList(let reason):
            throw APIError.configuration("Keystone does not let you look projects up by name (\(reason)): give the project's id")
        }
    }

    public func addMember(project: String, to imageID: String, makeShared: Bool) throws(APIError) {
        let projectID = try resolveProjectID(project)
        if makeShared { try setVisibility(id: imageID, "shared") }
        _ = try client.addMember(projectID, to: imageID)
    }

    public func removeMember(_ memberID: String, from imageID: String) throws(APIError) {
        try client.removeMember(memberID, from: imageID)
    }

    public func setMemberStatus(_ status: MemberStatus, image imageID: String, member memberID: String) throws(APIError) {
        _ = try client.setMemberStatus(status, image: imageID, member: memberID)
    }

    /// Glance lists the project's own shared images too; only other projects' count.
    public func countShared(with project: String) throws(APIError) -> [String: Int] {
        var counts: [String: Int] = [:]
        for status in [ImageQuery.MemberStatus.pending, .accepted, .rejected] {
            var query = ImageQuery()
            query.visibility = .shared
            query.memberStatus = status
            var page = try client.listImages(.first(query: query, limit: ImagesRequests.maxPageSize))
            var count = page.images.filter { $0.owner != project }.count
            while let next = page.next, !page.images.isEmpty, let marker = ImagesRequests.marker(inLink: next) {
                page = try client.listImages(.after(query: query, marker: marker, limit: ImagesRequests.maxPageSize))
                count += page.images.filter { $0.owner != project }.count
            }
            counts[status.rawValue] = count
        }
        return counts
    }
}

extension PageRequest {
    /// Whether the page's query sorts (a `next` link carries whatever the server put in it).
    var sorts: Bool {
        switch self {
        case .first(let query, _), .after(let query, _, _): !query.sort.isEmpty
        case .next: false
        }
    }
}
