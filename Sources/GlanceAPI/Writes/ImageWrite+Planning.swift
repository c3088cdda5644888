extension ImageWrite {
    /// Who is writing: the project (for whose images the owner's writes are) and whether an
    /// administrator, who may write any project's images.
    public struct Writer: Sendable, Equatable {
        public var projectID: String?
        public var isAdmin: Bool
        public init(projectID: String?, isAdmin: Bool) {
            self.projectID = projectID
            self.isAdmin = isAdmin
        }

        /// Who writes in `session`: its project, an admin when its roles say so.
        public init(_ session: SessionInfo?) {
            self.init(projectID: session?.projectID, isAdmin: session?.roles.contains("admin") ?? false)
        }
    }

    /// Why this image is left out of a batch, or nil when the write applies to it: another
    /// project's image for an owner's write, a state that cannot take it, nothing to change.
    public func skipReason(for image: Image, by writer: Writer) -> String? {
        let mine = writer.projectID.map { image.owner == nil || image.owner == $0 } ?? true
        if isOwners, !mine, !writer.isAdmin {
            return "another project's image (owner \(image.owner ?? "?"))"
        }
        switch self {
        case .answer:
            if mine { return "your own image: only the projects it is shared with answer" }
            if image.visibility != .shared { return "not shared with your project (it is \(image.visibility?.rawValue ?? "?"))" }
        case .delete:
            if image.isProtected == true { return "protected (unprotect it first)" }
        case .active(true):
            if image.status != .deactivated { return "\(image.status), not deactivated" }
        case .active(false):
            if image.status == .deactivated { return "already deactivated" }
            if image.status != .active { return "\(image.status): only active images can be deactivated" }
        case .hidden(let hide):
            if (image.isHidden ?? false) == hide { return hide ? "already hidden" : "not hidden" }
        case .protected(let on):
            if (image.isProtected ?? false) == on { return on ? "already protected" : "not protected" }
        case .visibility(let v):
            if image.visibility?.rawValue == v { return "already \(v)" }
        case .tags(let add, let remove):
            if add.allSatisfy(image.tags.contains), remove.allSatisfy({ !image.tags.contains($0) }) {
                return "already tagged so"
            }
        case .cache(true):
            if image.status != .active { return "\(image.status): only an active image can be cached" }
        case .cache(false):
            break
        case .deleteFrom(let store):
            let stores = image.storeIDs
            if image.status != .active { return "\(image.status): only an active image's data can be removed from a store" }
            if !stores.isEmpty, !stores.contains(store) { return "not in \(store) (in \(stores.joined(separator: ", ")))" }
            // Glance refuses it too (403), but the sentence here says what to do instead.
            if stores == [store] { return "\(store) is its only store: delete the image instead" }
        case .properties, .share, .unshare:
            break
        }
        return nil
    }

    /// Whether `inverse(restoring:)` has a way back (a delete or an answer has none).
    public var isUndoable: Bool {
        switch self {
        case .delete, .answer, .deleteFrom: false
        default: true
        }
    }

    /// The writes that put `before` back, for undo; nil when there is no way back (delete, a
    /// consumer's answer, whose earlier value the image does not carry).
    public func inverse(restoring before: Image) -> [ImageWrite]? {
        switch self {
        case .tags(let add, let remove):
            return [.tags(add: remove.filter(before.tags.contains), remove: add.filter { !before.tags.contains($0) })]
        case .properties(let set, let unset):
            var restore: [String: String] = [:], drop: [String] = []
            for key in Set(set.keys).union(unset) {
                if let old = before.fields[key] { restore[key] = old.displayText } else if set[key] != nil { drop.append(key) }
            }
            return [.properties(set: restore, unset: drop.sorted())]
        case .hidden: return [.hidden(before.isHidden ?? false)]
        case .protected: return [.protected(before.isProtected ?? false)]
        case .active(let on): return [.active(!on)]
        case .visibility: return before.visibility.map { [.visibility($0.rawValue)] }
        case .share(let project):
            let wasShared = before.visibility == .shared
            return [.unshare(project: project)] + (wasShared ? [] : before.visibility.map { [.visibility($0.rawValue)] } ?? [])
        case .unshare(let project): return [.share(project: project)]
        case .cache(let on): return [.cache(!on)]
        case .answer, .delete, .deleteFrom: return nil
        }
    }
}
