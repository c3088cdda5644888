import Foundation

extension PatchOperation {
    /// The editor's save as the command log shows it: "set min_ram=512, unset note".
    public static func summary(_ operations: [PatchOperation]) -> String {
        "edit " + operations.map { op in
            switch op {
            case .add(let key, let value), .replace(let key, let value): "set \(key)=\(value.displayText)"
            case .remove(let key): "unset \(key)"
            }
        }.joined(separator: ", ")
    }

    /// The openstack CLI commands that make the same change to `imageID`.
    public static func openstackCommand(_ operations: [PatchOperation], imageID: String) -> String {
        var set: [String] = [], unset: [String] = []
        let flags: [String: String] = ["name": "--name", "min_ram": "--min-ram", "min_disk": "--min-disk",
                                       "disk_format": "--disk-format", "container_format": "--container-format"]
        for op in operations {
            switch op {
            case .add(let key, let value), .replace(let key, let value):
                switch key {
                case "protected": set.append(value.looseBool == true ? "--protected" : "--unprotected")
                case "os_hidden": set.append(value.looseBool == true ? "--hidden" : "--unhidden")
                case "visibility": set.append("--" + ImageWrite.quoted(value.displayText))
                case "tags": set += (value.arrayValue ?? []).map { "--tag " + ImageWrite.quoted($0.displayText) }
                default:
                    set.append(flags[key].map { "\($0) \(ImageWrite.quoted(value.displayText))" }
                               ?? "--property " + ImageWrite.quoted("\(key)=\(value.displayText)"))
                }
            case .remove(let key):
                unset.append("--property " + ImageWrite.quoted(key))
            }
        }
        let id = ImageWrite.quoted(imageID)
        return [set.isEmpty ? nil : "openstack image set " + set.joined(separator: " ") + " " + id,
                unset.isEmpty ? nil : "openstack image unset " + unset.joined(separator: " ") + " " + id]
            .compactMap { $0 }.joined(separator: " && ")
    }

    /// The same change as a write that undo can invert, when it touches only extra properties
    /// (core fields have no inverse write here).
    public static func asWrite(_ operations: [PatchOperation]) -> ImageWrite? {
        var set: [String: String] = [:], unset: [String] = []
        for op in operations {
            switch op {
            case .add(let key, let value), .replace(let key, let value):
                guard !Image.coreKeys.contains(key), key != "os_hidden", case .string(let text) = value else { return nil }
                set[key] = text
            case .remove(let key):
                guard !Image.coreKeys.contains(key) else { return nil }
                unset.append(key)
            }
        }
        return set.isEmpty && unset.isEmpty ? nil : .properties(set: set, unset: unset)
    }
}

extension WriteRecord {
    /// The record of an editor's save.
    public init(patch operations: [PatchOperation], image: Image, ok: Bool, result: String, requests: [String],
                session: SessionInfo, time: Date) {
        self.init(time: time, cloud: session.cloud, project: session.projectName ?? session.projectID, user: session.userName,
                  imageID: image.id, imageName: image.displayName, action: PatchOperation.summary(operations), requests: requests,
                  result: result, ok: ok, openstack: PatchOperation.openstackCommand(operations, imageID: image.id))
    }
}
