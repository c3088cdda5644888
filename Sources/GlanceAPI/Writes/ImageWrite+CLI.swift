extension ImageWrite {
    /// The openstack CLI command that makes the same change to `imageID`, for the command log:
    /// so a user learns the CLI and can script what they did.
    public func openstackCommand(imageID: String) -> String {
        let id = Self.quoted(imageID)
        func set(_ flags: [String]) -> String { "openstack image set " + (flags + [id]).joined(separator: " ") }
        func unset(_ flags: [String]) -> String { "openstack image unset " + (flags + [id]).joined(separator: " ") }
        switch self {
        case .tags(let add, let remove):
            return [add.isEmpty ? nil : set(add.map { "--tag " + Self.quoted($0) }),
                    remove.isEmpty ? nil : unset(remove.map { "--tag " + Self.quoted($0) })]
                .compactMap { $0 }.joined(separator: " && ")
        case .properties(let values, let keys):
            return [values.isEmpty ? nil : set(values.keys.sorted().map { "--property " + Self.quoted("\($0)=\(values[$0]!)") }),
                    keys.isEmpty ? nil : unset(keys.sorted().map { "--property " + Self.quoted($0) })]
                .compactMap { $0 }.joined(separator: " && ")
        case .hidden(let hide): return set([hide ? "--hidden" : "--unhidden"])
        case .protected(let on): return set([on ? "--protected" : "--unprotected"])
        case .active(let on): return set([on ? "--activate" : "--deactivate"])
        case .visibility(let v): return set(["--" + Self.quoted(v)])
        case .share(let project): return "openstack image add project \(id) \(Self.quoted(project))"
        case .unshare(let project): return "openstack image remove project \(id) \(Self.quoted(project))"
        case .answer(let status):
            let flag = switch status { case .accepted: "--accept"; case .rejected: "--reject"; default: "--pending" }
            return set([flag])
        case .delete: return "openstack image delete \(id)"
        // The openstack CLI has no command for it; glanceclient's is the equivalent.
        case .deleteFrom(let store): return "glance stores-delete --store \(Self.quoted(store)) \(id)"
        case .cache(let on): return on ? "glance cache-queue \(id)" : "glance cache-delete \(id)"
        }
    }

    /// Single quotes where a shell would split or expand the word.
    static func quoted(_ word: String) -> String {
        let plain = word.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_.:/=@+,".unicodeScalars.contains($0)
        }
        return plain && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
