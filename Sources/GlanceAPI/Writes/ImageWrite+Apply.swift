extension ImageWrite {
    /// Performs the write on `current` (the image as just read again, past its guard) through
    /// the backend's capability. Unchanged parts send nothing: a tag it already has, a key it
    /// lacks to unset.
    public func apply(to current: Image, on backend: any ImageBackend, writer: Writer) throws(APIError) {
        func need<T>(_: T.Type) throws(APIError) -> T {
            guard let capable = backend as? T else { throw .configuration(backend.api.whyNot(capability)) }
            return capable
        }
        let id = current.id
        switch self {
        case .tags(let add, let remove):
            let tagger = try need((any ImageTagger).self)
            for tag in add where !current.tags.contains(tag) { try tagger.setTag(id: id, tag: tag, present: true) }
            for tag in remove where current.tags.contains(tag) { try tagger.setTag(id: id, tag: tag, present: false) }
        case .properties(let set, let unset):
            // Keys the image has are replaced and new ones added, as the editor does.
            var operations: [PatchOperation] = set.keys.sorted().map { key in
                current.fields[key] == nil ? .add(key: key, value: .string(set[key]!)) : .replace(key: key, value: .string(set[key]!))
            }
            operations += unset.sorted().filter { current.fields[$0] != nil }.map { .remove(key: $0) }
            guard !operations.isEmpty else { return }
            _ = try need((any PropertyPatcher).self).patch(id: id, operations)
        case .hidden(let hide):
            if backend.unavailableFields["os_hidden"] != nil { throw .configuration("hiding images not available through \(backend.api.longName)") }
            _ = try need((any PropertyPatcher).self).patch(id: id, [.replace(key: "os_hidden", value: .bool(hide))])
        case .protected(let on):
            try need((any ProtectionChanger).self).setProtected(id: id, on)
        case .active(let on):
            try need((any ImageActivator).self).setActive(id: id, active: on)
        case .visibility(let v):
            try need((any VisibilityChanger).self).setVisibility(id: id, v)
        case .share(let project):
            try need((any MemberManager).self).addMember(project: project, to: id, makeShared: current.visibility != .shared)
        case .unshare(let project):
            // A member is removed by the id it is stored under; a name is looked up only when
            // no member is stored under the text as given.
            let members = try need((any MemberManager).self)
            do {
                try members.removeMember(project, from: id)
            } catch where error.status == 404 {
                try members.removeMember(try members.resolveProjectID(project), from: id)
            }
        case .answer(let status):
            guard let mine = writer.projectID else { throw .configuration("No project is signed in to answer for") }
            try need((any MemberManager).self).setMemberStatus(status, image: id, member: mine)
        case .delete:
            try need((any ImageDeleter).self).delete(id: id)
        case .deleteFrom(let store):
            try need((any StoreDataDeleter).self).deleteData(imageID: id, fromStore: store)
        case .cache(let on):
            let cache = try need((any CacheManager).self)
            if on { try cache.queueForCache(imageID: id) } else { try cache.removeFromCache(imageID: id) }
        }
    }
}
