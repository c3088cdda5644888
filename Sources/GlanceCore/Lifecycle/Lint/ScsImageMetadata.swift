/// The SCS Image Metadata standard, scs-0102 v1 (SovereignCloudStack/standards,
/// Standards/scs-0102-v1-image-metadata.md, stable since 2022-10-31), as a table: each property
/// the document names, whether it is mandatory, and the form it prescribes. Only what the
/// document states; its conformance script's stricter lists (architectures, hypervisors) are not
/// the standard's text and are left to the cloud's metadefs.
public struct ScsProperty: Sendable, Equatable {
    public enum Requirement: String, Sendable { case mandatory, recommended, optional }

    public enum Format: Sendable, Equatable {
        /// Any non-empty text.
        case text
        /// Text in lower case, as the OpenStack Image documentation the standard refers to writes
        /// these values ("uses the same data vocabulary as the libosinfo project").
        case lowerCase
        case choices([String])
        /// `YYYY-MM-DD`.
        case date
        /// `YYYY-MM-DD` or `YYYY-MM-DD hh:mm[:ss]`, UTC.
        case buildDate
        /// A date, `none` or `notice`.
        case providedUntil
        /// A date, `none`, `notice`, `forever` or `last-N`.
        case uuidValidity
        /// A URL, or `private` when the image cannot be downloaded freely.
        case urlOrPrivate
        /// A URI with a scheme (`https:`, `mailto:`, `tel:`).
        case uri
        case boolean
        /// A whole number of hours, 0 or more.
        case hours
        /// A core attribute the standard requires to be given: Glance stores 0 for "not given".
        case positiveCore
    }

    public var key: String
    public var requirement: Requirement
    public var format: Format
    /// Where the document says it, for the finding's message.
    public var section: String

    public init(_ key: String, _ requirement: Requirement, _ format: Format, _ section: String) {
        self.key = key
        self.requirement = requirement
        self.format = format
        self.section = section
    }
}

public enum ScsImageMetadata {
    public static let standard = "scs-0102"

    static let technical = "Technical requirements and features"
    static let updating = "Image updating"
    static let origin = "Image Origin"
    static let buildInfo = "Image build info"
    static let licensing = "Licensing / Maintenance subscription / Support"

    /// "The following properties are considered mandatory" and the rest of each section, in the
    /// document's order.
    public static let properties: [ScsProperty] = [
        ScsProperty("architecture", .mandatory, .lowerCase, technical),
        ScsProperty("min_disk", .mandatory, .positiveCore, technical),
        ScsProperty("min_ram", .mandatory, .positiveCore, technical),
        ScsProperty("os_version", .mandatory, .text, technical),
        ScsProperty("os_distro", .mandatory, .lowerCase, technical),
        // "scsi recommended, and then setting hw_scsi_model is also recommended": advice, not a rule.
        ScsProperty("hw_disk_bus", .mandatory, .text, technical),
        ScsProperty("hw_scsi_model", .recommended, .text, technical),
        ScsProperty("hypervisor_type", .recommended, .text, technical),
        ScsProperty("hw_rng_model", .recommended, .text, technical),
        ScsProperty("os_secure_boot", .recommended, .text, technical),
        ScsProperty("hw_firmware_type", .recommended, .text, technical),
        ScsProperty("hw_watchdog_action", .recommended, .text, technical),
        ScsProperty("hw_mem_encryption", .recommended, .text, technical),
        ScsProperty("hw_pmu", .recommended, .text, technical),
        ScsProperty("hw_video_ram", .recommended, .text, technical),
        ScsProperty("hw_vif_multiqueue_enabled", .recommended, .text, technical),
        // "The three properties uuid_validity, provided_until and replace_frequency are mandatory;
        // the field hotfix_hours is optional."
        ScsProperty("replace_frequency", .mandatory,
                    .choices(["yearly", "quarterly", "monthly", "weekly", "daily", "critical_bug", "never"]), updating),
        ScsProperty("provided_until", .mandatory, .providedUntil, updating),
        ScsProperty("uuid_validity", .mandatory, .uuidValidity, updating),
        ScsProperty("hotfix_hours", .optional, .hours, updating),
        ScsProperty("image_source", .mandatory, .urlOrPrivate, origin),
        // "a URL (or text)": any text will do.
        ScsProperty("image_description", .mandatory, .text, origin),
        ScsProperty("image_build_date", .mandatory, .buildDate, buildInfo),
        // May be `none` when the system has no default user: still text, still required.
        ScsProperty("image_original_user", .mandatory, .text, buildInfo),
        ScsProperty("patchlevel", .optional, .text, buildInfo),
        ScsProperty("license_included", .optional, .boolean, licensing),
        ScsProperty("license_required", .optional, .boolean, licensing),
        ScsProperty("subscription_included", .optional, .boolean, licensing),
        ScsProperty("subscription_required", .optional, .boolean, licensing),
        ScsProperty("maintained_until", .optional, .date, licensing),
        ScsProperty("l1_support_contact", .optional, .uri, licensing),
    ]

    public static let byKey = Dictionary(uniqueKeysWithValues: properties.map { ($0.key, $0) })

    /// The extra-property keys the standard names (min_disk and min_ram are core attributes).
    public static var extraKeys: [String] { properties.filter { $0.format != .positiveCore }.map(\.key) }
}
