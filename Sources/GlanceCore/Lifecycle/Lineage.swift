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

    /// The images grouped, lineages by key, images newest first. Images without os_distro form
    /// a group of their own (key ""), last.
    public static func group(_ images: [Image]) -> [Lineage] {
        var groups: [String: [Image]] = [:]
        for image in images { groups[key(of: image), default: []].append(image) }
        return groups.map { Lineage(key: $0.key, images: $0.value.sorted(by: newerFirst)) }
            .sorted { ($0.key.isEmpty ? 1 : 0, $0.key) < ($1.key.isEmpty ? 1 : 0, $1.key) }
    }

    public static func key(of image: Image) -> String {
        func value(_ name: String) -> String? {
            guard let text = image.fields[name]?.displayText, !text.isEmpty else { return nil }
            return text.lowercased()
        }
        guard let distro = value("os_distro") else { return "" }
        return [distro, value("os_version"), value("architecture")].compactMap { $0 }.joined(separator: " ")
    }

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
