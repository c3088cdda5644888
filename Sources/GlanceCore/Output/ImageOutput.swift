import Foundation
import GlanceAPI

/// Images in the shapes of the openstack CLI (python-openstackclient's image list and show), so
/// a script can move from `openstack image list -f json` to `glance-tui list -f json` and read
/// the same keys.
public enum ImageOutput {
    /// `openstack image list`'s columns; `--long` adds the rest, in its order.
    public static let listColumns = ["ID", "Name", "Status"]
    public static let longColumns = ["ID", "Name", "Disk Format", "Container Format", "Size", "Checksum", "Status", "Visibility",
                                     "Protected", "Project", "Hash Algorithm", "Hash Value", "Tags"]

    /// The browser's column names (`:columns`) as the CLI's headers.
    public static func header(for column: ColumnID) -> String {
        switch column {
        case .id: "ID"
        case .name: "Name"
        case .status: "Status"
        case .visibility: "Visibility"
        case .format: "Disk Format"
        case .size: "Size"
        case .owner: "Project"
        case .tags: "Tags"
        case .updated: "Updated At"
        case .created: "Created At"
        case .lint: "Lint"
        case .used: "Used"
        }
    }

    /// One cell of a listing, typed as openstack prints it (sizes and booleans stay numbers and
    /// booleans in JSON and YAML).
    public static func value(_ header: String, of image: Image) -> JSONValue {
        func text(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
        switch header {
        case "ID": return .string(image.id)
        case "Name": return text(image.name)
        case "Status": return .string(image.status.rawValue)
        case "Disk Format": return text(image.diskFormat)
        case "Container Format": return text(image.containerFormat)
        case "Size": return image.size.map { .number(Double($0)) } ?? .null
        case "Checksum": return text(image.checksum)
        case "Visibility": return text(image.visibility?.rawValue)
        case "Protected": return image.isProtected.map(JSONValue.bool) ?? .null
        case "Project": return text(image.owner)
        case "Hash Algorithm": return text(image.hashAlgorithm)
        case "Hash Value": return text(image.hashValue)
        case "Tags": return .array(image.tags.map(JSONValue.string))
        case "Updated At": return text(image.updatedAt)
        case "Created At": return text(image.createdAt)
        default: return .null
        }
    }

    /// `openstack image show`'s keys at the top; every other field of the image under
    /// `properties` (os_hidden, the hash, stores and the extra properties), as it prints them.
    public static let showKeys = ["checksum", "container_format", "created_at", "disk_format", "file", "id", "min_disk", "min_ram",
                                  "name", "owner", "properties", "protected", "schema", "size", "status", "tags", "updated_at",
                                  "virtual_size", "visibility"]

    public static func show(_ image: Image) -> [(key: String, value: JSONValue)] {
        let top = Set(showKeys)
        // A list row keeps its core fields typed, not in `fields`: put them back.
        let fields = image.coreFields.merging(image.fields) { _, sent in sent }
        var properties: [String: JSONValue] = [:]
        for (key, value) in fields where !top.contains(key) && !["self", "locations", "direct_url"].contains(key) {
            properties[key] = value
        }
        return showKeys.compactMap { key in
            switch key {
            case "properties": return properties.isEmpty ? nil : (key, .object(properties))
            case "tags": return (key, .array(image.tags.map(JSONValue.string)))
            default: return fields[key].map { (key, $0) }
            }
        }
    }
}
