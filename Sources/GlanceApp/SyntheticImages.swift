import Foundation
import GlanceAPI

/// A made-up catalog served in pages like Glance's, for benchmarks and demos without a cloud
/// (`--synthetic-images N`). Deterministic: image i is always the same. Server-side filters are
/// not applied; sorting is the server's default (newest first).
public enum SyntheticImages {
    static let formats = ["qcow2", "raw", "iso", "vmdk", "vhd"]
    static let statuses = ["active", "active", "active", "active", "queued", "saving", "deactivated", "killed"]
    static let visibilities = ["private", "shared", "public", "community"]
    static let distros = ["ubuntu", "debian", "fedora", "centos", "rocky", "alpine", "windows", "cirros"]

    public static func image(_ i: Int, count: Int) -> Image {
        let distro = distros[i % distros.count]
        let id = String(format: "%08x-%04x-4%03x-8%03x-%012x", i, i % 65536, i % 4096, (i * 7) % 4096, i * 2654435761 % 0xFFFFFFFFFFFF)
        let age = Double(count - i) * 60
        let updated = isoTime(1_790_000_000 - Int(age))
        var fields: [String: JSONValue] = [
            "visibility": .string(visibilities[i % visibilities.count]),
            "disk_format": .string(formats[i % formats.count]), "container_format": .string("bare"),
            "size": .number(Double((i % 97 + 1) * 13_631_488)), "min_disk": .number(Double(i % 40)), "min_ram": .number(512),
            "owner": .string("9f663524ad7d43cab00fa4289e7fc440"), "protected": .bool(i % 50 == 0), "os_hidden": .bool(false),
            "created_at": .string(updated), "updated_at": .string(updated),
            "tags": .array([.string(distro), .string("build-\(i % 30)")]),
            "os_distro": .string(distro), "hw_disk_bus": .string(i % 2 == 0 ? "virtio" : "scsi"),
        ]
        fields["checksum"] = .string(String(format: "%032x", i))
        return Image(id: id, name: "\(distro)-\(i / distros.count)-image-\(String(format: "%06d", i))",
                     status: ImageStatus(raw: statuses[i % statuses.count]), fields: fields)
    }

    /// Seconds since 1970 as "YYYY-MM-DDTHH:MM:SSZ", without a formatter per image.
    static func isoTime(_ seconds: Int) -> String {
        let days = seconds / 86400, rest = seconds % 86400
        let z = days + 719468, era = z / 146097, doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, rest / 3600, rest % 3600 / 60, rest % 60)
    }

    /// Pages like Glance's; server-side filters are not applied, the order is newest first.
    struct Backend: ImageLister, ImageGetter {
        let count: Int
        var api: ImageAPI { .v2 }
        var unavailableFields: [String: String] { [:] }
        var querySupport: QuerySupport { .imageV2 }

        func listImages(_ page: PageRequest) throws(APIError) -> ImagePage {
            let (start, limit): (Int, Int) = switch page {
            case .first(_, let limit): (0, limit)
            case .next(let link, let limit): (Int(link.split(separator: "=").last ?? "0") ?? 0, limit)
            case .after(_, let marker, let limit): (Int(marker) ?? 0, limit)
            }
            let end = min(count, start + limit)
            let images = (start..<end).map { SyntheticImages.image($0, count: count) }
            return ImagePage(images: images, next: end < count ? "/v2/images?marker=\(end)" : nil)
        }

        func image(id: String) throws(APIError) -> Image {
            guard let i = Int(id.prefix(8), radix: 16), i < count else {
                throw APIError.http(status: 404, message: "No image found with ID \(id)", url: "synthetic")
            }
            return SyntheticImages.image(i, count: count)
        }
    }
}
