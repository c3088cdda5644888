import Foundation
import GlanceAPI

/// A file name for an image's data: its name made safe for a file system (no slashes, no
/// control characters, no leading dot), with the disk format as extension when it has none.
public enum DownloadName {
    public static func suggested(for image: Image) -> String {
        var base = ""
        for scalar in image.displayName.unicodeScalars {
            if scalar == "/" || scalar == "\\" || scalar.value < 0x20 || scalar.value == 0x7f
                || (0x80..<0xa0).contains(scalar.value) || (0x202a...0x202e).contains(scalar.value)
                || (0x2066...0x2069).contains(scalar.value) {
                base += "_"
            } else {
                base.unicodeScalars.append(scalar)
            }
        }
        base = base.trimmingCharacters(in: .whitespaces)
        while base.hasPrefix(".") { base.removeFirst() }
        if base.isEmpty { base = image.id }
        if base.utf8.count > 200 { base = String(base.prefix(100)) }
        if let format = image.diskFormat, !format.isEmpty, !base.lowercased().hasSuffix("." + format.lowercased()) {
            base += "." + format
        }
        return base
    }
}
