/// Extra-property keys other OpenStack services and tools write on images themselves. No schema,
/// metadefs namespace or profile describes them, yet they are no typos: a Nova snapshot carries
/// a dozen of them, and calling each one unknown would bury the real findings. They are only
/// known names (never rules, never suggested as the key a typo meant).
enum ServiceKeys {
    static let keys: Set<String> = [
        // Nova, on snapshots and backups (nova/compute/utils.py create_image, compute/api.py
        // snapshot_volume_backed), including keys older releases wrote.
        "instance_uuid", "user_id", "image_type", "backup_type", "base_image_ref", "boot_roles",
        "owner_project_name", "owner_user_name", "block_device_mapping", "bdm_v2", "root_device_name",
        "image_location", "image_state", "owner_id",
        // openstacksdk's create_image, so a later upload can tell whether the data changed.
        "owner_specified.openstack.md5", "owner_specified.openstack.sha256", "owner_specified.openstack.object",
        // Glance's image signature verification (glance/common/signature_utils.py).
        "img_signature", "img_signature_hash_method", "img_signature_key_type", "img_signature_certificate_uuid",
        // Cinder, when a volume is uploaded as an image.
        "cinder_encryption_key_id", "cinder_encryption_key_deletion_policy",
    ]

    /// Keys Glance's own import flow writes (glance/async_/flows/api_image_import.py): present
    /// because Glance put them there, not because someone set them by hand.
    static let glanceOwn: Set<String> = ["os_glance_import_task", "os_glance_importing_to_stores", "os_glance_failed_import"]
}
