import Foundation
import GlanceAPI
import Testing
@testable import GlanceTransfer

@Suite("DigestSet")
struct DigestSetTests {
    static let fox = Data("The quick brown fox jumps over the lazy dog".utf8)
    static let foxMD5 = "9e107d9d372bb6826bd81d3542a419d6"
    static let foxSHA512 = "07e547d9586f6a73f73fbac0435ed76951218fb7d0c8d788a309d785436bbb64"
        + "2e93a252a954f23912547d1e8a3b5ed6e1bfd7097821233fa0538f3db854fee6"

    /// 1 MiB whose bytes depend on their position, so a dropped, repeated or reordered chunk
    /// changes the digests. Expected values from Python's hashlib over the same formula.
    static let mebibyte = Data((0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ ($0 >> 10)) })
    static let mebibyteMD5 = "e4732a0703d571121ccdaf7f5ad94313"
    static let mebibyteSHA512 = "1f7c19de4190bafc357e899f95fa17d98430a5c3a2ba0e4874b56ec6432bad30"
        + "eba0263966b8d5665425d7388304051d4b41b5992e0e01b80b5374528226bb2c"

    static func foxExpected(size: Int64? = Int64(fox.count)) -> ExpectedDigests {
        ExpectedDigests(size: size, md5: foxMD5, algorithm: "sha512", value: foxSHA512)
    }

    static func feed(_ set: DigestSet, _ data: Data, chunks: [Int]) {
        var offset = 0
        var index = 0
        while offset < data.count {
            let end = chunks.isEmpty ? data.count : min(data.count, offset + chunks[index % chunks.count])
            data[offset..<end].withUnsafeBytes { set.update($0) }
            offset = end
            index += 1
        }
    }

    @Test("matching bytes verify md5 and the secure hash, md5 first")
    func good() {
        let set = DigestSet(expected: Self.foxExpected())
        Self.feed(set, Self.fox, chunks: [5, 1, 17])
        #expect(set.bytesHashed == Int64(Self.fox.count))
        #expect(set.finish() == .verified(["md5", "sha512"]))
    }

    @Test("recorded hex in upper case still matches")
    func upperCaseExpected() {
        let expected = ExpectedDigests(size: nil, md5: Self.foxMD5.uppercased(),
                                       algorithm: "SHA512", value: Self.foxSHA512.uppercased())
        let set = DigestSet(expected: expected)
        Self.feed(set, Self.fox, chunks: [])
        #expect(set.finish() == .verified(["md5", "sha512"]))
    }

    @Test("one flipped byte is a md5 mismatch")
    func corrupt() {
        var bytes = Self.fox
        bytes[10] ^= 0x01
        let set = DigestSet(expected: Self.foxExpected())
        Self.feed(set, bytes, chunks: [])
        #expect(set.finish() == .mismatch(algorithm: "md5", expected: Self.foxMD5,
                                          actual: "98138b2445dbf12e7c989e1b3e7a5468"))
    }

    @Test("one flipped byte is a secure-hash mismatch when only os_hash_value is recorded")
    func corruptSecureOnly() throws {
        var bytes = Self.fox
        bytes[0] ^= 0x80
        let set = DigestSet(expected: ExpectedDigests(algorithm: "sha512", value: Self.foxSHA512))
        Self.feed(set, bytes, chunks: [])
        guard case let .mismatch(algorithm, expected, actual) = set.finish() else {
            Issue.record("expected a mismatch")
            return
        }
        #expect(algorithm == "sha512")
        #expect(expected == Self.foxSHA512)
        #expect(actual.count == 128 && actual != Self.foxSHA512)
    }

    @Test("fewer bytes than the image size is truncated")
    func truncated() {
        let set = DigestSet(expected: Self.foxExpected())
        Self.feed(set, Self.fox.dropLast(3), chunks: [])
        #expect(set.finish() == .truncated(expected: 43, received: 40))
    }

    @Test("more bytes than the image size is a size mismatch")
    func oversize() {
        let set = DigestSet(expected: Self.foxExpected())
        Self.feed(set, Self.fox + Data("!".utf8), chunks: [])
        #expect(set.finish() == .mismatch(algorithm: "size", expected: "43 bytes", actual: "44 bytes"))
    }

    @Test("an algorithm this build cannot compute is skipped and md5 still checked")
    func unsupportedWithMD5() {
        let set = DigestSet(expected: ExpectedDigests(size: 43, md5: Self.foxMD5, algorithm: "sha3_999", value: "ab"))
        Self.feed(set, Self.fox, chunks: [])
        #expect(set.finish() == .verified(["md5"]))
    }

    @Test("only an unsupported algorithm recorded is not checked, and says which")
    func unsupportedOnly() {
        let set = DigestSet(expected: ExpectedDigests(size: 43, algorithm: "sha3_999", value: "ab"))
        Self.feed(set, Self.fox, chunks: [])
        #expect(set.finish() == .notChecked("sha3_999 is not supported"))
    }

    @Test("no checksum recorded is not checked", arguments: [
        ExpectedDigests(),
        ExpectedDigests(size: 43),
        ExpectedDigests(size: 43, md5: "", algorithm: "sha512", value: nil),
        ExpectedDigests(size: 43, md5: "  ", algorithm: nil, value: foxSHA512),
    ])
    func noChecksum(expected: ExpectedDigests) {
        let set = DigestSet(expected: expected)
        Self.feed(set, Self.fox, chunks: [])
        #expect(set.finish() == .notChecked("the image records no checksum"))
    }

    @Test("the size is still enforced when no checksum is recorded")
    func sizeOnlyTruncated() {
        let set = DigestSet(expected: ExpectedDigests(size: 100))
        Self.feed(set, Self.fox, chunks: [])
        #expect(set.finish() == .truncated(expected: 100, received: 43))
    }

    @Test("1 MiB in uneven chunks, across the pipeline's buffer size", arguments: [
        [1, 65535, 65536, 65537, 7, 131_072, 250_001, 3],
        [4096],
        [100, 70_000],
        [1 << 20],
        [65535, 1],
        [1000, 999, 262_144, 262_145, 12],
        [524_287, 2, 524_287],
    ])
    func mebibyteChunks(chunks: [Int]) {
        let set = DigestSet(expected: ExpectedDigests(size: 1 << 20, md5: Self.mebibyteMD5,
                                                      algorithm: "sha512", value: Self.mebibyteSHA512))
        Self.feed(set, Self.mebibyte, chunks: chunks)
        #expect(set.bytesHashed == 1 << 20)
        #expect(set.finish() == .verified(["md5", "sha512"]))
    }

    @Test("a chunk missing from the middle of the mebibyte is caught")
    func mebibyteMissingChunk() {
        let set = DigestSet(expected: ExpectedDigests(md5: Self.mebibyteMD5, algorithm: "sha512",
                                                      value: Self.mebibyteSHA512))
        var damaged = Self.mebibyte
        damaged.removeSubrange(300_000..<300_100)
        damaged.append(Data(repeating: 0, count: 100))
        Self.feed(set, damaged, chunks: [4096, 90_000])
        guard case .mismatch(algorithm: "md5", _, _) = set.finish() else {
            Issue.record("expected an md5 mismatch")
            return
        }
    }

    @Test("reset starts over from zero bytes")
    func reset() {
        let set = DigestSet(expected: Self.foxExpected())
        Self.feed(set, Data("garbage that was never part of the image".utf8), chunks: [3])
        #expect(set.finish().isFailure)
        set.reset()
        #expect(set.bytesHashed == 0)
        Self.feed(set, Self.fox, chunks: [8])
        #expect(set.finish() == .verified(["md5", "sha512"]))
    }

    @Test("finish is stable when called twice")
    func finishTwice() {
        let set = DigestSet(expected: Self.foxExpected())
        Self.feed(set, Self.fox, chunks: [])
        #expect(set.finish() == set.finish())
    }

    @Test("expected digests come from the image's size, checksum and multihash")
    func fromImage() {
        let image = Image(id: "i1", status: "active", fields: [
            "size": .number(43), "checksum": .string(Self.foxMD5),
            "os_hash_algo": .string("sha512"), "os_hash_value": .string(Self.foxSHA512),
        ])
        #expect(ExpectedDigests(image: image) == Self.foxExpected())
    }
}
