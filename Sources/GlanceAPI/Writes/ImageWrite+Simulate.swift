extension ImageWrite {
    /// `image` as it is once this write succeeded, computed here: what an undo's guard expects
    /// to find, so that a change someone made after our write is a conflict, not overwritten.
    public func applied(to image: Image) -> Image {
        var after = image
        switch self {
        case .tags(let add, let remove):
            after.tags = image.tags.filter { !remove.contains($0) } + add.filter { !image.tags.contains($0) }
        case .properties(let set, let unset):
            for key in unset { after.fields[key] = nil }
            for (key, value) in set { after.fields[key] = .string(value) }
        case .hidden(let hide): after.isHidden = hide
        case .protected(let on): after.isProtected = on
        case .active(let on): after.status = on ? .active : .deactivated
        case .visibility(let v): after.visibility = ImageVisibility(raw: v)
        case .share: after.visibility = .shared
        case .deleteFrom(let store): after.fields["stores"] = .string(image.storeIDs.filter { $0 != store }.joined(separator: ","))
        case .unshare, .answer, .delete, .cache: break
        }
        // Glance moves updated_at on every write; the copy cannot know to what.
        after.updatedAt = nil
        return after
    }
}
