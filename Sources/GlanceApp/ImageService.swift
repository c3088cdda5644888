import Foundation
import GlanceAPI
import GlanceCore
import GlanceTransfer

/// The operations the effect runner needs, as a struct of closures: `live` talks to a cloud
/// through `ImageClient`; tests build one from plain functions. Blocking calls, made on the
/// runner's background queue.
public struct ImageService: Sendable {
    public var signIn: @Sendable () throws(APIError) -> SessionInfo
    public var listImages: @Sendable (PageRequest) throws(APIError) -> ImagePage
    public var showImage: @Sendable (String) throws(APIError) -> Image
    /// Rules for the property editor (schema, metadata definitions, profiles).
    public var loadRules: @Sendable () throws(APIError) -> [PropertyRule]
    public var patchImage: @Sendable (String, [PatchOperation]) throws(APIError) -> Image
    public var performAction: @Sendable (ImageAction) throws(APIError) -> Void
    public var createImage: @Sendable ([String: JSONValue]) throws(APIError) -> Image
    /// Images other projects share with `project`, counted by its member status.
    public var countShared: @Sendable (_ project: String) throws(APIError) -> [String: Int]
    public var loadMembers: @Sendable (_ imageID: String) throws(APIError) -> [MemberEntry]
    /// Runs a download, upload or copy to its end on the calling thread; `created` hears of an
    /// image an upload made. A download that must not start (the file exists) is refused.
    public var transfer: @Sendable (TransferRequest, CancellationFlag, _ progress: @escaping (TransferProgress) -> Void,
                                    _ created: @escaping (Image) -> Void) -> Result<TransferOutcome, DownloadRefusal>
    public var inspectFile: @Sendable (_ path: String) throws(LocalFileError) -> (size: Int64, guess: FormatGuess)
    public var importOptions: @Sendable () throws(APIError) -> ImportOptions

    public init(signIn: @escaping @Sendable () throws(APIError) -> SessionInfo,
                listImages: @escaping @Sendable (PageRequest) throws(APIError) -> ImagePage,
                showImage: @escaping @Sendable (String) throws(APIError) -> Image,
                loadRules: @escaping @Sendable () throws(APIError) -> [PropertyRule] = { [] },
                patchImage: @escaping @Sendable (String, [PatchOperation]) throws(APIError) -> Image = { (_, _) throws(APIError) in
                    throw APIError.configuration("Editing is not available here")
                },
                performAction: @escaping @Sendable (ImageAction) throws(APIError) -> Void = { (_) throws(APIError) in
                    throw APIError.configuration("Changing images is not available here")
                },
                createImage: @escaping @Sendable ([String: JSONValue]) throws(APIError) -> Image = { (_) throws(APIError) in
                    throw APIError.configuration("Creating images is not available here")
                },
                countShared: @escaping @Sendable (String) throws(APIError) -> [String: Int] = { _ in [:] },
                loadMembers: @escaping @Sendable (String) throws(APIError) -> [MemberEntry] = { _ in [] },
                transfer: @escaping @Sendable (TransferRequest, CancellationFlag, @escaping (TransferProgress) -> Void,
                                               @escaping (Image) -> Void) -> Result<TransferOutcome, DownloadRefusal> = { _, _, _, _ in
                    .success(.failed(message: "Transfers are not available here", partKept: nil))
                },
                inspectFile: @escaping @Sendable (String) throws(LocalFileError) -> (size: Int64, guess: FormatGuess) = { path throws(LocalFileError) in
                    let sample = try FormatSample.detect(path)
                    return (sample.size, sample.guess)
                },
                importOptions: @escaping @Sendable () throws(APIError) -> ImportOptions = { ImportOptions(methods: [], stores: []) }) {
        self.signIn = signIn
        self.listImages = listImages
        self.showImage = showImage
        self.loadRules = loadRules
        self.patchImage = patchImage
        self.performAction = performAction
        self.createImage = createImage
        self.countShared = countShared
        self.loadMembers = loadMembers
        self.transfer = transfer
        self.inspectFile = inspectFile
        self.importOptions = importOptions
    }

    /// `profileRules` come from files (vendor profiles), the rest from the cloud.
    /// `transferLimits` cap every transfer's rate (`--limit-rate`).
    /// `api` nil discovers the image API from the catalog at sign-in.
    public static func live(_ client: ImageClient, profileRules: [PropertyRule] = [],
                            transferLimits: StreamOptions = StreamOptions(), api: ImageAPI? = .v2) -> ImageService {
        let choice = BackendChoice { api in backend(for: api, client: client) }
        return ImageService(signIn: { () throws(APIError) in
                         let info = try client.signIn(api: api)
                         choice.choose(info.api)
                         return info
                     },
                     listImages: { (page) throws(APIError) in try choice.backend.listImages(page) },
                     showImage: { (id) throws(APIError) in try choice.backend.image(id: id) },
                     loadRules: { () throws(APIError) in
                         // The schema always comes first; metadata definitions are a help, not a
                         // requirement (a cloud may hide them), so their failure leaves them out.
                         let schema = (try? client.schemaRules()) ?? ImageSchema.standard.rules
                         let metadefs = (try? client.metadefRules().rules) ?? []
                         let book = RuleBook(schema: schema, metadefs: metadefs, profiles: profileRules)
                         let keys = Set(schema.map(\.key)).union(metadefs.map(\.key)).union(profileRules.map(\.key))
                         return keys.sorted().compactMap { book.rule(for: $0) }
                     },
                     patchImage: { (id, operations) throws(APIError) in try choice.backend.patch(id: id, operations) },
                     performAction: { (action) throws(APIError) in
                         // Deleting is every API's; the other actions are Image v2's (their keys
                         // explain this on the others).
                         if case .delete(let id, _) = action { return try choice.backend.delete(id: id) }
                         try perform(action, with: client)
                     },
                     createImage: { (fields) throws(APIError) in
                         let request = ImagesRequests.create(try client.imageEndpoint(), fields: fields)
                         let response = try client.sendAuthorized(request)
                         return try ImagesRequests.decodeImage(response.body, url: request.url)
                     },
                     countShared: { (project) throws(APIError) in try countShared(with: project, client: client) },
                     loadMembers: { (imageID) throws(APIError) in
                         let members = try client.members(of: imageID).members
                         // Names only where Keystone lets this user look projects up (exact ids only).
                         let names = client.projectNames(for: members.map(\.memberID))
                         return members.map { MemberEntry(member: $0, projectName: names[$0.memberID]) }
                     },
                     transfer: { request, cancel, progress, created in
                         Transfers.run(request.limited(by: transferLimits), client: client, cancel: cancel,
                                       progress: progress, created: created)
                     },
                     importOptions: { () throws(APIError) in try client.importOptions() })
    }

    static func backend(for api: ImageAPI, client: ImageClient) -> any ImageBackend {
        switch api {
        case .v2: ImageV2Backend(client: client)
        case .compute: ComputeProxyBackend(proxy: ComputeImageClient(client: client))
        case .v1: LegacyV1Backend(v1: LegacyV1Client(client: client))
        }
    }

    static func countShared(with project: String, client: ImageClient) throws(APIError) -> [String: Int] {
        var counts: [String: Int] = [:]
        for status in ["pending", "accepted", "rejected"] {
            let query = [QueryItem("visibility", "shared"), QueryItem("member_status", status)]
            var page = try client.listImages(.first(query: query, limit: ImagesRequests.maxPageSize))
            var count = page.images.filter { $0.owner != project }.count
            while let next = page.next, !page.images.isEmpty, let marker = ImagesRequests.marker(inLink: next) {
                page = try client.listImages(.after(query: query, marker: marker, limit: ImagesRequests.maxPageSize))
                count += page.images.filter { $0.owner != project }.count
            }
            counts[status] = count
        }
        return counts
    }

    static func perform(_ action: ImageAction, with client: ImageClient) throws(APIError) {
        let endpoint = try client.imageEndpoint()
        switch action {
        case .delete(let id, _):
            _ = try client.sendAuthorized(ImagesRequests.delete(endpoint, id: id))
        case .unprotectAndDelete(let id, _):
            _ = try client.sendAuthorized(ImagesRequests.patch(endpoint, id: id, operations: [.replace(key: "protected", value: .bool(false))]))
            _ = try client.sendAuthorized(ImagesRequests.delete(endpoint, id: id))
        case .setTag(let id, let tag, let present):
            // The client avoids the tag endpoint where Glance would misread the tag (non-ASCII).
            try client.setTag(id: id, tag: tag, present: present)
        case .setActive(let id, _, let active):
            _ = try client.sendAuthorized(ImagesRequests.setActive(endpoint, id: id, active: active))
        case .addMember(let id, _, let project, let makeShared):
            // Resolve first: a name that cannot be resolved must not leave the image shared with no one.
            let projectID: String
            switch try client.resolveProject(project) {
            case .id(let resolved, _): projectID = resolved
            case .ambiguous(let candidates):
                throw APIError.configuration("Several projects are named \(project) (" + candidates.map(\.id).joined(separator: ", ") + "): give its id")
            case .notFound: throw APIError.configuration("No project is named \(project)")
            case .cannotList(let reason):
                throw APIError.configuration("Keystone does not let you look projects up by name (\(reason)): give the project's id")
            }
            if makeShared {
                _ = try client.sendAuthorized(ImagesRequests.patch(endpoint, id: id, operations: [.replace(key: "visibility", value: .string("shared"))]))
            }
            _ = try client.addMember(projectID, to: id)
        case .removeMember(let id, _, let member):
            try client.removeMember(member, from: id)
        case .setVisibility(let id, _, let visibility):
            _ = try client.sendAuthorized(ImagesRequests.patch(endpoint, id: id, operations: [.replace(key: "visibility", value: .string(visibility))]))
        case .setMemberStatus(let id, _, let member, let status):
            _ = try client.setMemberStatus(MemberStatus(raw: status), image: id, member: member)
        }
    }
}
