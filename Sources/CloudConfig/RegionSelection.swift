/// Which region of a cloud to use, following openstacksdk's `_get_known_regions` and
/// `_get_region` (openstack/config/loader.py:704-790).
struct RegionSelection: Sendable, Equatable {
    /// nil when the cloud names no region at all; the catalog then decides.
    var name: String?
    /// A `regions:` entry may carry `values:` that override the cloud's settings in that region.
    var values: [String: ConfigValue]

    /// - Parameters:
    ///   - requested: `--os-region-name`, which beats anything in the file.
    ///   - file: for error messages about malformed `regions:` entries.
    static func choose(cloud: String, settings: [String: ConfigValue], requested: String?,
                       file: String?) throws(ConfigError) -> RegionSelection {
        let known = try knownRegions(cloud: cloud, settings: settings, file: file)
        let fileChoice = settings.text("region_name").flatMap { $0.contains(",") ? nil : $0 }
        let wanted = requested.flatMap { $0.isEmpty ? nil : $0 } ?? fileChoice

        // Two departures from openstacksdk, both so that a flag or the file's own words win:
        // - a single `region_name` is a default, not the list of valid regions, so
        //   `--os-region-name` can replace it (openstacksdk rejects any other name);
        // - a `region_name` next to a `regions` list picks from that list (openstacksdk
        //   ignores it and takes the first entry).
        guard let first = known.first else {
            return RegionSelection(name: wanted, values: [:])
        }
        // loader.py:775-776: nothing requested means the first known region, which also covers
        // "exactly one region listed".
        guard let wanted else { return first }
        if let match = known.first(where: { $0.name == wanted }) { return match }
        throw .unknownRegion(cloud: cloud, region: wanted, availableRegions: known.compactMap(\.name))
    }

    /// `regions:` may hold names or `{name: ..., values: {...}}`; without it, `region_name` may be
    /// a YAML list or (deprecated) a comma-separated string.
    private static func knownRegions(cloud: String, settings: [String: ConfigValue],
                                     file: String?) throws(ConfigError) -> [RegionSelection] {
        if let regions = settings["regions"] {
            var known: [RegionSelection] = []
            for entry in regions.listValue ?? [regions] {
                if let name = entry.text {
                    known.append(RegionSelection(name: name, values: [:]))
                    continue
                }
                // loader.py:709-716: a mapping must have `name` and nothing but `name`/`values`.
                guard let map = entry.mapValue, let name = map.text("name"),
                      Set(map.keys).isSubset(of: ["name", "values"]) else {
                    throw .invalidFile(file: file ?? "clouds.yaml",
                                       reason: "cloud \"\(cloud)\" has a regions entry that is not "
                                           + "a name or a {name, values} mapping")
                }
                known.append(RegionSelection(name: name, values: map["values"]?.mapValue?.normalizingKeys() ?? [:]))
            }
            return known
        }
        // Only a list in `region_name` (YAML, or the deprecated comma form) declares regions.
        let names: [String]
        switch settings["region_name"] {
        case .list(let items)?: names = items.compactMap(\.text)
        case let value?: names = (value.text ?? "").split(separator: ",").map(String.init)
        case nil: names = []
        }
        let regions = names.filter { !$0.isEmpty }
        return regions.count > 1 ? regions.map { RegionSelection(name: $0, values: [:]) } : []
    }

    /// `_auth_update` (loader.py:111-124): region values replace top-level keys but are merged
    /// into `auth`, so a region can change just the project.
    func applied(to settings: [String: ConfigValue]) -> [String: ConfigValue] {
        var result = settings
        for (key, value) in values {
            if key == "auth", case .map(let newAuth) = value, case .map(let oldAuth)? = result["auth"] {
                result["auth"] = .map(oldAuth.merging(newAuth) { _, new in new })
            } else {
                result[key] = value
            }
        }
        if let name { result["region_name"] = .string(name) }
        return result
    }
}
