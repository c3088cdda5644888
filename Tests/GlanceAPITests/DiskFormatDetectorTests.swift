import Foundation
import Testing
@testable import GlanceAPI

@Suite("DiskFormatDetector")
struct DiskFormatDetectorTests {
    /// `length` zero bytes with `bytes` written at each offset.
    static func image(_ patches: [(Int, [UInt8])], length: Int = 4096) -> Data {
        var data = Data(count: length)
        for (offset, bytes) in patches { data.replaceSubrange(offset..<offset + bytes.count, with: bytes) }
        return data
    }

    static func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }

    static func detect(_ head: Data, tail: Data = Data(), fileSize: Int64? = nil) -> FormatGuess {
        DiskFormatDetector.detect(head: head, tail: tail, fileSize: fileSize ?? Int64(head.count))
    }

    static let headerCases: [(String, Data, String, String)] = [
        // Magic, then version 3 big-endian, as qemu-img writes it.
        ("qcow2", image([(0, [0x51, 0x46, 0x49, 0xFB, 0, 0, 0, 3])]), "qcow2", "QCOW2 header at byte 0"),
        ("vmdk sparse", image([(0, ascii("KDMV") + [1, 0, 0, 0, 3, 0, 0, 0])]), "vmdk",
         "VMDK sparse extent header at byte 0"),
        ("vmdk descriptor", Data("# Disk DescriptorFile\nversion=1\nCID=fffffffe\ncreateType=\"monolithicFlat\"\n".utf8),
         "vmdk", "VMDK text descriptor at byte 0"),
        ("vhdx", image([(0, ascii("vhdxfile") + ascii("Microsoft Windows 10.0"))]), "vhdx", "VHDX signature at byte 0"),
        ("dynamic vhd", image([(0, ascii("conectix") + [0, 0, 0, 2, 0, 1, 0, 0])]), "vhd",
         "VHD footer copy at byte 0 (dynamic VHD)"),
        ("vdi", image([(0, ascii("<<< Oracle VM VirtualBox Disk Image >>>\n")), (0x40, [0x7F, 0x10, 0xDA, 0xBE])]),
         "vdi", "VDI signature at byte 64"),
        ("iso", image([(0x8000, [0x01] + ascii("CD001") + [0x01])], length: 65536), "iso",
         "ISO 9660 volume descriptor at byte 32769"),
        ("iso, second descriptor", image([(0x8801, ascii("CD001"))], length: 65536), "iso",
         "ISO 9660 volume descriptor at byte 34817"),
        ("iso, third descriptor", image([(0x9001, ascii("CD001"))], length: 65536), "iso",
         "ISO 9660 volume descriptor at byte 36865"),
        ("udf", image([(0x8001, ascii("NSR02"))], length: 65536), "iso", "UDF descriptor at byte 32769"),
        ("ploop", image([(0, ascii("WithoutFreeSpace"))]), "ploop", "ploop header at byte 0"),
        ("ploop v2", image([(0, ascii("WithouFreSpacExt"))]), "ploop", "ploop header at byte 0"),
    ]

    @Test("crafted headers are recognised", arguments: headerCases)
    func header(label: String, head: Data, diskFormat: String, evidence: String) {
        let guess = Self.detect(head, tail: head.suffix(512))
        #expect(guess == FormatGuess(diskFormat: diskFormat, containerFormat: "bare", evidence: evidence), "\(label)")
    }

    @Test("a tar archive is an OVA with the disk assumed to be VMDK")
    func ova() {
        // A POSIX tar header for the descriptor that opens every OVA.
        let head = Self.image([(0, Self.ascii("appliance.ovf")), (100, Self.ascii("0000644\0")),
                                     (257, Self.ascii("ustar\0") + Self.ascii("00"))], length: 1024)
        let guess = Self.detect(head)
        #expect(guess.containerFormat == "ova")
        #expect(guess.diskFormat == "vmdk")
        #expect(guess.evidence.contains("OVA") && guess.evidence.contains("VMDK"))
    }

    @Test("a fixed VHD is found by the footer at the start of the last 512 bytes")
    func fixedVHD() {
        let footer = Self.image([(0, Self.ascii("conectix") + [0, 0, 0, 2])], length: 512)
        let guess = Self.detect(Data(count: 65536), tail: footer, fileSize: 10 * 1024 * 1024 + 512)
        #expect(guess == FormatGuess(diskFormat: "vhd", evidence: "VHD footer in the last 512 bytes (fixed VHD); Glance's inspector reads fixed VHDs as raw"))
    }

    @Test("a footer signature one byte off, or a tail shorter than a footer, is raw")
    func notAFooter() {
        let shifted = Self.image([(1, Self.ascii("conectix"))], length: 512)
        #expect(Self.detect(Data(count: 4096), tail: shifted, fileSize: 1 << 20).diskFormat == "raw")
        let short = Data(Self.ascii("conectix") + [UInt8](repeating: 0, count: 100))
        #expect(Self.detect(short, tail: short, fileSize: Int64(short.count)).diskFormat == "vhd")
        #expect(Self.detect(Data(count: 16), tail: short, fileSize: 16).diskFormat == "raw")
    }

    @Test("a head shorter than a signature's end does not match", arguments: [
        image([(0, [0x51, 0x46, 0x49])], length: 3),
        image([(0x40, [0x7F, 0x10, 0xDA])], length: 0x43),
        image([(0x8001, ascii("CD0"))], length: 0x8004),
        image([(257, ascii("ust"))], length: 260),
        Data(),
    ])
    func shortHead(head: Data) {
        #expect(Self.detect(head) == FormatGuess(diskFormat: "raw", evidence: "no image header found; raw"))
    }

    @Test("a head that is a slice of a larger buffer is read from its own start")
    func slicedHead() {
        let buffer = Data(count: 100) + Self.image([(0, [0x51, 0x46, 0x49, 0xFB])], length: 512)
        let head = buffer[100...]
        #expect(head.startIndex == 100)
        #expect(Self.detect(head).diskFormat == "qcow2")
        let tail = (Data(count: 77) + Self.image([(0, Self.ascii("conectix"))], length: 512))[77...]
        #expect(Self.detect(Data(count: 64), tail: tail, fileSize: 4096).diskFormat == "vhd")
    }

    @Test("pseudo-random bytes are raw", arguments: [1, 42, 0x5EED, 0xC0FFEE])
    func randomBytes(seed: UInt64) {
        var state = seed
        func next() -> UInt8 {
            // xorshift64: deterministic, so a failure can be replayed.
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return UInt8(truncatingIfNeeded: state >> 24)
        }
        let head = Data((0..<DiskFormatDetector.headLength).map { _ in next() })
        let tail = Data((0..<DiskFormatDetector.tailLength).map { _ in next() })
        let guess = Self.detect(head, tail: tail, fileSize: 1 << 30)
        #expect(guess == FormatGuess(diskFormat: "raw", containerFormat: "bare", evidence: "no image header found; raw"))
    }

    @Test("byte-0 magic wins over an ISO descriptor further in")
    func precedence() {
        let head = Self.image([(0, [0x51, 0x46, 0x49, 0xFB]), (0x8001, Self.ascii("CD001"))], length: 65536)
        #expect(Self.detect(head).diskFormat == "qcow2")
    }
}
