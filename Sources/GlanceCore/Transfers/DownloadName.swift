import Foundation
import GlanceAPI
import TerminalKit

/// A file name for an image's data: its name made safe for a file system (no slashes, no
/// control characters, no leading dot), with the disk format as extension when it has none.
public enum DownloadName {
    public static func suggested(for image: Image) -> String {
        var base = ""
        for scalar in image.displayName.unicodeScalars {
            if scalar == "/" || scalar == "\\" || DisplayWidth.isControl(scalar) {
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
