import Foundation
import Synchronization

extension Metadefs {
    /// What `ImageClient.metadefRules()` found: the namespaces that loaded, with their rules,
    /// and those that could not be read (one bad namespace never hides the others).
    public struct Loaded: Sendable, Equatable {
        public struct Failure: Sendable, Equatable {
            public var namespace: String
            public var error: APIError
        }

        public var namespaces: [Namespace]
        public var failures: [Failure]

        /// Every namespace's rules, in the order the cloud lists the namespaces.
        public var rules: [PropertyRule] { namespaces.flatMap(\.rules) }
    }
}

/// How `ImageClient.save(_:)` ended.
public enum SaveOutcome: Sendable, Equatable {
    /// The image changed since it was loaded: nothing was sent. `current` is the re-read image.
    case conflicts([EditPlan.Conflict], current: Image)
    /// The PATCH went through; `unexpected` lists touched keys whose value the server's answer
    /// does not show as asked (a change landing between the re-read and the PATCH, or Glance
    /// normalising a value).
    case saved(Image, unexpected: [String])
}

/// Editing requests: the builders of ImagePatch.swift sent through `sendAuthorized`, so a token
/// that expired is renewed once and every failure is an `APIError` with Glance's own sentence.
extension ImageClient {
    /// GET /v2/schemas/image.
    public func imageSchema() throws(APIError) -> ImageSchema {
        let request = ImagesRequests.schema(try imageEndpoint())
        let response = try sendAuthorized(request)
        return try ImageSchema.decode(response.body, url: request.url)
    }

    /// The schema's rules (core attributes typed, read-only ones with their reason).
    public func schemaRules() throws(APIError) -> [PropertyRule] {
        try imageSchema().rules
    }

    /// The metadata definitions that apply to images: the namespace list (following `next`
    /// links), then one request per namespace. A namespace that fails is recorded in
    /// `failures`; only a failure of the list itself throws.
    public func metadefRules() throws(APIError) -> Metadefs.Loaded {
        let endpoint = try imageEndpoint()
        var request = ImagesRequests.metadefNamespaces(endpoint)
        var summaries: [Metadefs.NamespaceSummary] = []
        var seenLinks = Set<String>()
        while true {
            let response = try sendAuthorized(request)
            let page = try Metadefs.decodeNamespaceList(response.body, url: request.url)
            summaries += page.namespaces
            guard let next = page.next, !page.namespaces.isEmpty, seenLinks.insert(next).inserted, seenLinks.count < 50 else { break }
            request = HTTPRequest(method: .get, url: endpoint.resolve(link: next), headers: [("Accept", "application/json")])
        }
        var names = Set<String>()
        let unique = summaries.filter { names.insert($0.name).inserted }
        // A cloud ships about twenty namespaces, one request each: four at a time, so reading
        // them costs a few round trips rather than twenty.
        let results = Mutex<[Int: Result<Metadefs.Namespace, APIError>]>([:])
        let group = DispatchGroup()
        let queue = DispatchQueue(label: "glance-tui.metadefs", attributes: .concurrent)
        let workers = min(4, unique.count)
        for worker in 0..<workers {
            queue.async(group: group) {
                for i in stride(from: worker, to: unique.count, by: workers) {
                    let request = ImagesRequests.metadefNamespace(endpoint, namespace: unique[i].name)
                    let result = Result { () throws(APIError) -> Metadefs.Namespace in
                        try Metadefs.decodeNamespace(try self.sendAuthorized(request).body, url: request.url)
                    }
                    results.withLock { $0[i] = result }
                }
            }
        }
        group.wait()
        var loaded = Metadefs.Loaded(namespaces: [], failures: [])
        let finished = results.withLock { $0 }
        for (i, summary) in unique.enumerated() {
            switch finished[i] {
            case .success(let namespace)?: loaded.namespaces.append(namespace)
            case .failure(let error)?: loaded.failures.append(.init(namespace: summary.name, error: error))
            case nil: break
            }
        }
        return loaded
    }

    /// PATCH /v2/images/{id} with JSON-patch operations; the image as Glance returns it.
    public func patch(id: String, operations: [PatchOperation]) throws(APIError) -> Image {
        let request = ImagesRequests.patch(try imageEndpoint(), id: id, operations: operations)
        let response = try sendAuthorized(request)
        return try ImagesRequests.decodeImage(response.body, url: request.url)
    }

    /// POST /v2/images: a new (queued) image with `fields` (core ones typed, extras strings;
    /// an `id` may be chosen by the caller).
    public func create(fields: [String: JSONValue]) throws(APIError) -> Image {
        let request = ImagesRequests.create(try imageEndpoint(), fields: fields)
        let response = try sendAuthorized(request)
        return try ImagesRequests.decodeImage(response.body, url: request.url)
    }

    /// DELETE /v2/images/{id}. A protected image is refused with 403.
    public func delete(id: String) throws(APIError) {
        _ = try sendAuthorized(ImagesRequests.delete(try imageEndpoint(), id: id))
    }

    /// Adds or removes one tag; adding a tag the image has, or removing one it has not, is not
    /// an error: the image ends as asked.
    ///
    /// PUT or DELETE /v2/images/{id}/tags/{tag} where the tag survives the trip through the URL.
    /// Glance 33 reads the path as Latin-1, so "ünï" would be stored as "Ã¼nÃ¯" and could never
    /// be deleted that way, and "a/b" answers 404; "." and ".." would be squashed by URL
    /// normalisation. Those tags go as a PATCH replacing the whole list, read just before (a tag
    /// someone else changes in between is lost: the tag endpoints have no such window).
    public func setTag(id: String, tag: String, present: Bool) throws(APIError) {
        if Self.tagFitsInPath(tag) {
            do {
                _ = try sendAuthorized(ImagesRequests.tag(try imageEndpoint(), id: id, tag: tag, add: present))
                return
            } catch let error where !present && error.status == 404 {
                // 404 for a tag the image does not have, and for a missing image: reading the
                // image tells them apart.
                if !(try image(id: id)).tags.contains(tag) { return }
            }
        }
        let image = try image(id: id)
        var tags = image.tags
        if present {
            guard !tags.contains(tag) else { return }
            tags.append(tag)
        } else {
            guard tags.contains(tag) else { return }
            tags.removeAll { $0 == tag }
        }
        _ = try patch(id: id, operations: [.replace(key: "tags", value: .array(tags.map(JSONValue.string)))])
    }

    /// Printable ASCII without "/", and not a dot segment.
    static func tagFitsInPath(_ tag: String) -> Bool {
        !tag.isEmpty && tag != "." && tag != ".." && tag.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F && $0 != "/" }
    }

    /// POST …/actions/reactivate (active) or …/actions/deactivate. The default policy allows
    /// it to an administrator or a member of the owning project.
    public func setActive(id: String, active: Bool) throws(APIError) {
        _ = try sendAuthorized(ImagesRequests.setActive(try imageEndpoint(), id: id, active: active))
    }

    /// The guarded save: re-reads the image, and sends the plan's operations only when
    /// `plan.conflicts(with:)` finds nothing. An empty plan sends nothing.
    public func save(_ plan: EditPlan) throws(APIError) -> SaveOutcome {
        guard !plan.isEmpty else { return .saved(plan.loaded, unexpected: []) }
        let current = try image(id: plan.loaded.id)
        let conflicts = plan.conflicts(with: current)
        guard conflicts.isEmpty else { return .conflicts(conflicts, current: current) }
        let result = try patch(id: plan.loaded.id, operations: plan.operations)
        return .saved(result, unexpected: plan.unexpected(in: result))
    }
}
