import Foundation
import GlanceAPI

/// Builds of one image, newest first: by default the images with the same os_distro and
/// os_version (and architecture, when set), as SCS and most public clouds label their builds.
public struct Lineage: Equatable, Sendable {
    /// "ubuntu 22.04 x86_64"; empty for the images with no lineage key.
    public var key: String
    /// Newest first: by image_build_date where set, else created_at.
    public var images: [Image]

    public var current: Image? { images.first }

    /// The images grouped, lineages by key, images newest first. Images without the key (no
    /// os_distro, by default) form a group of their own (key ""), last.
    public static func group(_ images: [Image], by lineageKey: LineageKey = .standard) -> [Lineage] {
        var groups: [String: [Image]] = [:]
        for image in images { groups[lineageKey.key(of: image), default: []].append(image) }
        return groups.map { Lineage(key: $0.key, images: $0.value.sorted(by: newerFirst)) }
            .sorted { ($0.key.isEmpty ? 1 : 0, $0.key) < ($1.key.isEmpty ? 1 : 0, $1.key) }
    }

    public static func key(of image: Image) -> String { LineageKey.standard.key(of: image) }

    /// Bytes of every build, for the folded row.
    public var totalSize: Int64 { images.reduce(0) { $0 + ($1.size ?? 0) } }
    public var newestDate: Date? { images.first.flatMap(Self.buildDate) }
    public var oldestDate: Date? { images.last.flatMap(Self.buildDate) }

    /// When the build was made: image_build_date (a date or a date-time), else created_at.
    public static func buildDate(of image: Image) -> Date? {
        if let text = image.fields["image_build_date"]?.displayText {
            if let date = ISOTime.parse(text) ?? ISOTime.parse(text + "T00:00:00Z") { return date }
        }
        return image.createdAt.flatMap(ISOTime.parse)
    }

    static func newerFirst(_ a: Image, _ b: Image) -> Bool {
        switch (buildDate(of: a), buildDate(of: b)) {
        case (let x?, let y?) where x != y: x > y
        case (.some, nil): true
        case (nil, .some): false
        default: a.id < b.id
        }
    }
}
