import Foundation

/// The Image API v1 rules on image metadata, as glance-api v1 and glance-registry enforced them
/// (400 on violation). Checked before sending so the user reads the sentence without a round trip.
public enum V1Rules {
    /// What a client may set; `pending_delete` and `deleted` are set by the server only.
    public static let settableStatuses = ["active", "saving", "queued", "killed"]
    public static let serverStatuses = ["pending_delete", "deleted"]
    public static let diskFormats = ["ari", "aki", "ami", "raw", "iso", "vhd", "vdi", "qcow2", "vmdk"]
    public static let containerFormats = ["ari", "aki", "ami", "bare", "ovf"]
    /// Amazon formats: when either format is one of these, both must be the same.
    public static let amazonFormats: Set<String> = ["ari", "aki", "ami"]

    public static func checkStatus(_ status: String) -> String? {
        if settableStatuses.contains(status) { return nil }
        if serverStatuses.contains(status) {
            return "Status \"\(status)\" is set by the server only: choose one of \(settableStatuses.joined(separator: ", "))"
        }
        return "Invalid status \"\(status)\": the Image API v1 accepts \(settableStatuses.joined(separator: ", "))"
    }

    public static func checkDiskFormat(_ format: String) -> String? {
        diskFormats.contains(format) ? nil
            : "Invalid disk format \"\(format)\": the Image API v1 accepts \(diskFormats.joined(separator: ", "))"
    }

    public static func checkContainerFormat(_ format: String) -> String? {
        containerFormats.contains(format) ? nil
            : "Invalid container format \"\(format)\": the Image API v1 accepts \(containerFormats.joined(separator: ", "))"
    }

    /// Both formats as they will be after the change (nil: not set).
    public static func checkFormatPair(disk: String?, container: String?) -> String? {
        let amazon = [disk, container].compactMap { $0 }.filter(amazonFormats.contains)
        guard !amazon.isEmpty, disk != container else { return nil }
        return "Disk format \"\(disk ?? "none")\" and container format \"\(container ?? "none")\" do not match: "
            + "when either is ari, aki or ami, both must be the same"
    }

    public static func checkID(_ id: String) -> String? {
        isUUID(id) ? nil : "Invalid image id \"\(id)\": the Image API v1 needs a UUID"
    }

    /// 8-4-4-4-12 hex digits (or the same 32 digits without dashes, as Glance accepted).
    public static func isUUID(_ s: String) -> Bool {
        let hex = s.filter { $0 != "-" }
        guard hex.count == 32, hex.allSatisfy(\.isHexDigit) else { return false }
        if s.count == 32 { return true }
        let groups = s.split(separator: "-", omittingEmptySubsequences: false).map(\.count)
        return groups == [8, 4, 4, 4, 12]
    }

    /// Every rule on `fields` (v1 core keys, values as v1 sends them), with the image's current
    /// formats for the pairing rule. The first violation's sentence, or nil when all pass.
    public static func violation(_ fields: [String: String], currentDiskFormat: String? = nil,
                                 currentContainerFormat: String? = nil) -> String? {
        violations(fields, currentDiskFormat: currentDiskFormat, currentContainerFormat: currentContainerFormat).first
    }

    public static func violations(_ fields: [String: String], currentDiskFormat: String? = nil,
                                  currentContainerFormat: String? = nil) -> [String] {
        var out: [String] = []
        if let id = fields["id"], let m = checkID(id) { out.append(m) }
        if let s = fields["status"], let m = checkStatus(s) { out.append(m) }
        if let d = fields["disk_format"], let m = checkDiskFormat(d) { out.append(m) }
        if let c = fields["container_format"], let m = checkContainerFormat(c) { out.append(m) }
        if out.isEmpty, let m = checkFormatPair(disk: fields["disk_format"] ?? currentDiskFormat,
                                                container: fields["container_format"] ?? currentContainerFormat) {
            out.append(m)
        }
        for key in ["size", "min_disk", "min_ram"] {
            if let v = fields[key], Int64(v).map({ $0 < 0 }) ?? true {
                out.append("Invalid \(key) \"\(v)\": must be a whole number of zero or more")
            }
        }
        for key in ["is_public", "protected"] {
            if let v = fields[key], !["true", "false"].contains(v.lowercased()) {
                out.append("Invalid \(key) \"\(v)\": must be true or false")
            }
        }
        if let name = fields["name"], name.count > 255 {
            out.append("Image name too long: \(name.count) characters, at most 255")
        }
        return out
    }
}
