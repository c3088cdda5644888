import GlanceAPI
@testable import GlanceCore

/// A cloud's rules as the linter tests see them: a few metadefs as Glance ships them and the
/// StarlingX profile's kinds of rule.
enum LintFixture {
    static let libvirtImage = Metadefs.source("OS::Compute::LibvirtImage")

    static let rules = RuleBook(
        metadefs: [
            PropertyRule(key: "hw_disk_bus", choices: ["scsi", "virtio", "uml", "xen", "ide", "usb", "lxc"], source: libvirtImage),
            PropertyRule(key: "hw_scsi_model", choices: ["virtio-scsi"], source: libvirtImage),
            PropertyRule(key: "hw_vif_multiqueue_enabled", kind: .boolean, source: libvirtImage),
            PropertyRule(key: "hw_qemu_guest_agent", choices: ["yes", "no"], source: libvirtImage),
            PropertyRule(key: "hypervisor_type", choices: ["hyperv", "ironic", "lxc", "qemu", "uml", "vmware", "xen"],
                         source: Metadefs.source("OS::Compute::Hypervisor")),
        ],
        profiles: [
            PropertyRule(key: "hw_wrs_live_migration_timeout", kind: .integer, ranges: [0...0, 120...800],
                         source: "profile starlingx", unit: "seconds"),
            PropertyRule(key: "sw_wrs_auto_recovery", kind: .boolean, source: "profile starlingx"),
            PropertyRule(key: "cache_raw_status", readOnlyReason: "set by StarlingX's image cache", source: "profile starlingx"),
            // A profile that also types one of the standard's booleans.
            PropertyRule(key: "license_included", kind: .boolean, source: "profile licensing"),
        ])

    /// An image that meets every rule above and scs-0102.
    static let compliant: [String: JSONValue] = extras(compliantExtras).merging(["min_disk": .number(8), "min_ram": .number(512)]) { a, _ in a }

    static let compliantExtras: [String: String] = [
        "architecture": "x86_64", "os_distro": "ubuntu", "os_version": "24.04",
        "hw_disk_bus": "scsi", "hw_scsi_model": "virtio-scsi", "hypervisor_type": "qemu",
        "hw_vif_multiqueue_enabled": "true",
        "replace_frequency": "monthly", "provided_until": "2029-04-30", "uuid_validity": "last-3", "hotfix_hours": "0",
        "image_source": "https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img",
        "image_description": "https://cloud-images.ubuntu.com/noble/", "image_build_date": "2026-11-20 08:00",
        "image_original_user": "ubuntu", "license_included": "false",
        "hw_wrs_live_migration_timeout": "0", "sw_wrs_auto_recovery": "false", "cache_raw_status": "Cached",
        "instance_uuid": "5bd1b7f8-5ff1-4b69-9f3c-1a4f0e4b1f2e",
        "os_glance_import_task": "0d4b2bc8-5c4e-4a8e-8d3f-7f9b9f1f1f1f",
    ]

    static func extras(_ strings: [String: String]) -> [String: JSONValue] { strings.mapValues(JSONValue.string) }

    /// The compliant image with extra properties changed (nil removes a key).
    static func image(_ id: String = "img-1", _ changes: [String: String?] = [:], base: [String: JSONValue] = compliant) -> Image {
        var fields = base
        for (key, value) in changes { fields[key] = value.map(JSONValue.string) }
        return Image(id: id, name: id, status: .active, fields: fields)
    }

    static func linter(_ sets: Set<LintRuleSet> = Set(LintRuleSet.allCases), quota: Int? = nil) -> Linter {
        Linter(rules: rules, sets: sets, propertyQuota: quota)
    }

    /// The findings for an image with `changes`, all rule sets on.
    static func findings(_ changes: [String: String?], sets: Set<LintRuleSet> = Set(LintRuleSet.allCases)) -> [LintFinding] {
        linter(sets).findings(for: image("img-1", changes))
    }
}
