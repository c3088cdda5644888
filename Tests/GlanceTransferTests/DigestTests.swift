import Foundation
import Testing
@testable import GlanceTransfer

@Suite("Digest")
struct DigestTests {
    /// (hashlib name, digest of "", digest of "abc"): FIPS 180-4 / FIPS 202 / RFC 1321 / RFC 7693
    /// example values, cross-checked with Python's hashlib.
    static let vectors: [(String, String, String)] = [
        ("md5", "d41d8cd98f00b204e9800998ecf8427e", "900150983cd24fb0d6963f7d28e17f72"),
        ("sha1", "da39a3ee5e6b4b0d3255bfef95601890afd80709", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        ("sha224", "d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f",
         "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"),
        ("sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
         "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("sha384", "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b",
         "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"),
        ("sha512", "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
            + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
         "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"),
        ("sha512_224", "6ed0dd02806fa89e25de060c19d3ac86cabb87d6a0ddd05c333b84f4",
         "4634270f707b6a54daae7530460842e20e37ed265ceee9a43e8924aa"),
        ("sha512_256", "c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a",
         "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23"),
        ("sha3_224", "6b4e03423667dbb73b6e15454f0eb1abd4597f9a1b078e3f5b5a6bc7",
         "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf"),
        ("sha3_256", "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a",
         "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"),
        ("sha3_384", "0c63a75b845e4f7d01107d852e4c2485c51a50aaaa94fc61995e71bbee983a2ac3713831264adb47fb6bd1e058d5f004",
         "ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b298d88cea927ac7f539f1edf228376d25"),
        ("sha3_512", "a69f73cca23a9ac5c8b567dc185a756e97c982164fe25859e0d1dcc1475c80a6"
            + "15b2123af1f5f94c11e3e9402c3ac558f500199d95b6d3e301758586281dcd26",
         "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e"
            + "10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0"),
        ("blake2b", "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419"
            + "d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce",
         "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
            + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"),
        ("blake2s", "69217a3079908094e11121d042354a7c1f55b6482ca1a51e1b250dfd1ed0eef9",
         "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982"),
    ]

    @Test("known vectors for \"\" and \"abc\"", arguments: vectors)
    func knownVectors(name: String, empty: String, abc: String) throws {
        let emptyDigest = try #require(Digest(algorithm: name))
        #expect(emptyDigest.finalizeHex() == empty)
        let abcDigest = try #require(Digest(algorithm: name))
        abcDigest.update(Data("abc".utf8))
        #expect(abcDigest.finalizeHex() == abc)
        #expect(abcDigest.name == name)
    }

    @Test("a million 'a' (the FIPS long-message vector) fed in uneven chunks")
    func millionA() throws {
        let data = Data(repeating: UInt8(ascii: "a"), count: 1_000_000)
        let digest = try #require(Digest(algorithm: "sha256"))
        var offset = 0
        for size in [1, 63, 64, 65, 4095, 70_000, 300_001] + Array(repeating: 100_000, count: 6) {
            let end = min(data.count, offset + size)
            digest.update(data[offset..<end])
            offset = end
        }
        digest.update(data[offset...])
        #expect(digest.finalizeHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("chunked updates equal one update of the same bytes", arguments: ["md5", "sha512", "sha3_256", "blake2b"])
    func chunkedEqualsOneShot(name: String) throws {
        let data = Data((0..<200_003).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ ($0 >> 9)) })
        let whole = try #require(Digest(algorithm: name))
        whole.update(data)
        let pieces = try #require(Digest(algorithm: name))
        var offset = 0
        var size = 1
        while offset < data.count {
            let end = min(data.count, offset + size)
            data[offset..<end].withUnsafeBytes { pieces.update($0) }
            offset = end
            size = size * 3 + 7
        }
        #expect(pieces.finalizeHex() == whole.finalizeHex())
        // A digest that missed a byte must differ, or the comparison above proves nothing.
        let short = try #require(Digest(algorithm: name))
        short.update(data.dropLast())
        #expect(short.finalizeHex() != whole.finalizeHex())
    }

    @Test("finalizeHex is stable when called twice")
    func finalizeTwice() throws {
        let digest = try #require(Digest(algorithm: "md5"))
        digest.update(Data("abc".utf8))
        #expect(digest.finalizeHex() == digest.finalizeHex())
    }

    @Test("names are case-insensitive and take '-' for '_'",
          arguments: ["SHA3-256", "sha3-256", "Sha3_256", " sha3_256 "])
    func spellings(spelling: String) throws {
        let digest = try #require(Digest(algorithm: spelling))
        #expect(digest.name == "sha3_256")
        digest.update(Data("abc".utf8))
        #expect(digest.finalizeHex() == "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532")
        #expect(Digest.isSupported(spelling))
    }

    @Test("unknown or unsupported names give nil",
          arguments: ["", "sha3_999", "shake_128", "sha", "crc32", "md4x", "blake2b512x", "SHA512/256"])
    func unsupported(name: String) {
        #expect(Digest(algorithm: name) == nil)
        #expect(!Digest.isSupported(name))
    }
}
