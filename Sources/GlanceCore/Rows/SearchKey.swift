import GlanceAPI

/// Lower-cased UTF-8 of what `/` matches (name, id, tags), made once per image at load time so
/// that a keystroke over 100,000 images is a byte scan, not 100,000 string conversions.
public struct SearchKey: Equatable, Sendable {
    public let bytes: [UInt8]

    public init(_ image: Image) {
        var text = image.name ?? ""
        text += "\u{1}" + image.id
        for tag in image.tags { text += "\u{1}" + tag }
        bytes = Self.fold(text)
    }

    public init(needle: String) { bytes = Self.fold(needle) }

    /// ASCII is lower-cased byte by byte; anything else goes through Unicode lower-casing.
    static func fold(_ text: String) -> [UInt8] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return text.utf8.map { ($0 >= 65 && $0 <= 90) ? $0 + 32 : $0 }
        }
        return Array(text.lowercased().utf8)
    }

    public func contains(_ needle: SearchKey) -> Bool {
        let n = needle.bytes, h = bytes
        guard !n.isEmpty else { return true }
        guard n.count <= h.count else { return false }
        let first = n[0], last = h.count - n.count
        return h.withUnsafeBufferPointer { hp in
            n.withUnsafeBufferPointer { np in
                var i = 0
                while i <= last {
                    if hp[i] == first {
                        var j = 1
                        while j < np.count, hp[i + j] == np[j] { j += 1 }
                        if j == np.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}
