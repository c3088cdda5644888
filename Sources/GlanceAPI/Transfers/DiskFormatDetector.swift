import Foundation

/// The formats to declare for a local file, and why.
public struct FormatGuess: Sendable, Equatable {
    public var diskFormat: String
    public var containerFormat: String
    /// A short sentence for the upload dialog ("QCOW2 header at byte 0").
    public var evidence: String

    public init(diskFormat: String, containerFormat: String = "bare", evidence: String) {
        self.diskFormat = diskFormat
        self.containerFormat = containerFormat
        self.evidence = evidence
    }
}

/// Guesses `disk_format` and `container_format` from a file's first and last bytes.
///
/// Glance inspects uploaded data (oslo.utils' format_inspector) and answers 415 when the bytes do
/// not match the declared `disk_format`, so the upload dialog proposes what the bytes are. The
/// signatures and offsets follow that inspector, so the proposal is what Glance will find.
public enum DiskFormatDetector {
    /// Enough for every signature: ISO 9660's volume descriptors sit at 32 KiB and beyond.
    public static let headLength = 65536
    /// A fixed VHD has no header, only a 512-byte footer at the very end.
    public static let tailLength = 512

    private struct Signature {
        let offset: Int
        let bytes: [UInt8]
        let diskFormat: String
        let evidence: String

        init(_ offset: Int, _ bytes: [UInt8], _ diskFormat: String, _ evidence: String) {
            self.offset = offset
            self.bytes = bytes
            self.diskFormat = diskFormat
            self.evidence = evidence
        }

        init(_ offset: Int, _ text: String, _ diskFormat: String, _ evidence: String) {
            self.init(offset, Array(text.utf8), diskFormat, evidence)
        }
    }

    /// Tried in order; the first match wins. Byte-0 magic comes first because it is the least
    /// ambiguous: a qcow2 or VMDK can carry anything, an ISO header included, further in.
    private static let headSignatures: [Signature] = [
        Signature(0, [0x51, 0x46, 0x49, 0xFB], "qcow2", "QCOW2 header at byte 0"),
        Signature(0, "vhdxfile", "vhdx", "VHDX signature at byte 0"),
        Signature(0, "KDMV", "vmdk", "VMDK sparse extent header at byte 0"),
        // A dynamic VHD starts with a copy of its footer.
        Signature(0, "conectix", "vhd", "VHD footer copy at byte 0 (dynamic VHD)"),
        Signature(0, "WithoutFreeSpace", "ploop", "ploop header at byte 0"),
        Signature(0, "WithouFreSpacExt", "ploop", "ploop header at byte 0"),
        // 0xbeda107f, stored little-endian.
        Signature(0x40, [0x7F, 0x10, 0xDA, 0xBE], "vdi", "VDI signature at byte 64"),
        // ISO 9660 volume descriptors start at sector 16 of 2048 bytes; each carries "CD001" after
        // its type byte. The inspector looks only at the first one and also takes UDF's NSR0x there.
        Signature(0x8001, "CD001", "iso", "ISO 9660 volume descriptor at byte 32769"),
        Signature(0x8001, "NSR02", "iso", "UDF descriptor at byte 32769"),
        Signature(0x8001, "NSR03", "iso", "UDF descriptor at byte 32769"),
        Signature(0x8801, "CD001", "iso", "ISO 9660 volume descriptor at byte 34817"),
        Signature(0x9001, "CD001", "iso", "ISO 9660 volume descriptor at byte 36865"),
        Signature(0, "# Disk DescriptorFile", "vmdk", "VMDK text descriptor at byte 0"),
    ]

    private static let tarMagic = Array("ustar".utf8)
    private static let tarMagicOffset = 257
    private static let vhdFooterMagic = Array("conectix".utf8)
    /// The inspector looks for "conectix" only at byte 0, so with require_image_format_match (the
    /// default) Glance refuses a fixed VHD declared as vhd, after the whole upload; say so.
    private static let fixedVHDEvidence =
        "VHD footer in the last 512 bytes (fixed VHD); Glance's inspector reads fixed VHDs as raw"

    /// `head` is the file's first bytes (up to `headLength`), `tail` its last (up to
    /// `tailLength`); for a file shorter than either they overlap, which is fine.
    public static func detect(head: Data, tail: Data, fileSize: Int64) -> FormatGuess {
        for signature in headSignatures where matches(head, at: signature.offset, signature.bytes) {
            return FormatGuess(diskFormat: signature.diskFormat, evidence: signature.evidence)
        }
        // Glance does not look inside containers (it inspects only container_format "bare"), so
        // the disk format of an OVA is declared, not checked; VMDK is what OVAs carry.
        if matches(head, at: tarMagicOffset, tarMagic) {
            return FormatGuess(diskFormat: "vmdk", containerFormat: "ova",
                               evidence: "tar archive (ustar at byte 257): an OVA, its disk assumed to be VMDK")
        }
        if fileSize >= Int64(tailLength), tail.count >= tailLength,
           matches(tail, at: tail.count - tailLength, vhdFooterMagic) {
            return FormatGuess(diskFormat: "vhd", evidence: fixedVHDEvidence)
        }
        return FormatGuess(diskFormat: "raw", evidence: "no image header found; raw")
    }

    /// False when `data` ends before the signature does.
    private static func matches(_ data: Data, at offset: Int, _ bytes: [UInt8]) -> Bool {
        guard offset >= 0, data.count >= offset + bytes.count else { return false }
        let start = data.startIndex + offset
        return data[start ..< start + bytes.count].elementsEqual(bytes)
    }
}
