import Dispatch
import Foundation
import GlanceAPI

/// What an image records about its data: the size, the legacy md5 `checksum`, and the
/// `os_hash_algo` / `os_hash_value` pair ("multihash") Glance has computed since Rocky.
public struct ExpectedDigests: Sendable, Equatable {
    public var size: Int64?
    public var md5: String?
    public var algorithm: String?
    public var value: String?

    public init(size: Int64? = nil, md5: String? = nil, algorithm: String? = nil, value: String? = nil) {
        self.size = size
        self.md5 = md5
        self.algorithm = algorithm
        self.value = value
    }

    /// Needs the full image: `Image.summary()` drops the checksums, which would leave only the size.
    public init(image: Image) {
        self.init(size: image.size, md5: image.checksum, algorithm: image.hashAlgorithm, value: image.hashValue)
    }
}

/// Hashes a stream of image bytes with every digest the image records and compares at the end.
///
/// Not thread-safe: the caller feeds it from one thread at a time. Internally each digest runs
/// on a thread of its own (`HashPipeline`): md5 and sha512 each manage about 650 MB/s on one core
/// here, so hashing them in turn on the receiving thread would cap a download near 300 MB/s.
public final class DigestSet {
    private let expected: ExpectedDigests
    private let wantMD5: String?
    private let wantSecure: String?
    /// Recorded algorithms this build cannot compute, as recorded, for the "not supported" note.
    private let unsupported: [String]
    private var md5: Digest?
    private var secure: Digest?
    /// Hashes on threads of its own, so receiving and writing go on meanwhile.
    private var pipeline: HashPipeline?
    private var result: Verification?

    /// Bytes handed to `update` since the start or the last `reset` (some may still be queued for hashing).
    public private(set) var bytesHashed: Int64 = 0

    public init(expected: ExpectedDigests) {
        self.expected = expected
        wantMD5 = Self.normalizedHex(expected.md5)
        let secureValue = Self.normalizedHex(expected.value)
        let algorithm = expected.algorithm?.trimmingCharacters(in: .whitespaces) ?? ""

        var unsupported: [String] = []
        if wantMD5 != nil, !Digest.isSupported("md5") { unsupported.append("md5") }
        if secureValue != nil, !algorithm.isEmpty, !Digest.isSupported(algorithm) { unsupported.append(algorithm) }
        self.unsupported = unsupported
        // A value without an algorithm (or the reverse) cannot be checked and is not a failure.
        wantSecure = algorithm.isEmpty || !Digest.isSupported(algorithm) ? nil : secureValue
        startDigests()
    }


    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard result == nil else {
            assertionFailure("DigestSet.update after finish; call reset first")
            return
        }
        guard !bytes.isEmpty else { return }
        bytesHashed += Int64(bytes.count)
        pipeline?.update(bytes)
    }

    /// Forgets every byte hashed so far (a server that ignored Range sends the image again).
    public func reset() {
        pipeline?.drain()
        bytesHashed = 0
        result = nil
        startDigests()
    }

    public func finish() -> Verification {
        if let result { return result }
        pipeline?.drain()
        let verdict = compare()
        result = verdict
        return verdict
    }

    private func compare() -> Verification {
        if let size = expected.size {
            if bytesHashed < size { return .truncated(expected: size, received: bytesHashed) }
            if bytesHashed > size {
                return .mismatch(algorithm: "size", expected: "\(size) bytes", actual: "\(bytesHashed) bytes")
            }
        }
        var checked: [String] = []
        for (want, digest) in [(wantMD5, md5), (wantSecure, secure)] {
            guard let want, let digest else { continue }
            let actual = digest.finalizeHex()
            if actual != want { return .mismatch(algorithm: digest.name, expected: want, actual: actual) }
            checked.append(digest.name)
        }
        if !checked.isEmpty { return .verified(checked) }
        if let first = unsupported.first { return .notChecked("\(first) is not supported") }
        return .notChecked("the image records no checksum")
    }

    private func startDigests() {
        md5 = wantMD5 == nil ? nil : Digest(algorithm: "md5")
        secure = wantSecure.flatMap { _ in expected.algorithm.flatMap { Digest(algorithm: $0) } }
        pipeline = HashPipeline([md5, secure].compactMap { $0 })
    }

    /// Lower case without surrounding blanks; nil for absent or empty values.
    private static func normalizedHex(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else {
            return nil
        }
        return trimmed.lowercased()
    }
}
