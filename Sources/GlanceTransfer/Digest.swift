import CCrypto
import Foundation

/// One running message digest, computed by OpenSSL's EVP layer so the assembly implementations
/// (and SHA extensions where the CPU has them) do the work: image data runs to many GiB.
///
/// Not thread-safe: one thread at a time may call `update` and `finalizeHex`.
public final class Digest {
    /// The hashlib spelling, which is what Glance stores in `os_hash_algo` ("sha512", "blake2b").
    public let name: String

    private let context: OpaquePointer
    /// Set once the context has produced its value; OpenSSL must not be fed after that.
    private var result: String?

    /// Glance computes `os_hash_algo` with Python's hashlib, so these are hashlib's names; the values
    /// are OpenSSL's names for the same functions (hashlib's blake2b and blake2s are the full-length
    /// variants, BLAKE2b512 and BLAKE2s256). The shake functions are absent on purpose: their output
    /// length is a parameter hashlib does not record.
    private static let openSSLNames: [String: String] = [
        "md5": "MD5",
        "sha1": "SHA1",
        "sha224": "SHA224",
        "sha256": "SHA256",
        "sha384": "SHA384",
        "sha512": "SHA512",
        "sha512_224": "SHA512-224",
        "sha512_256": "SHA512-256",
        "sha3_224": "SHA3-224",
        "sha3_256": "SHA3-256",
        "sha3_384": "SHA3-384",
        "sha3_512": "SHA3-512",
        "blake2b": "BLAKE2b512",
        "blake2s": "BLAKE2s256",
    ]

    /// Lower case with "-" read as "_", so "SHA3-256" and "sha3_256" name the same function.
    public static func canonicalName(_ algorithm: String) -> String {
        algorithm.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
    }

    /// Whether this build can compute `algorithm`; asks OpenSSL, since a provider may be missing.
    public static func isSupported(_ algorithm: String) -> Bool {
        lookUp(algorithm) != nil
    }

    private static func lookUp(_ algorithm: String) -> OpaquePointer? {
        guard let sslName = openSSLNames[canonicalName(algorithm)] else { return nil }
        return EVP_get_digestbyname(sslName)
    }

    /// Nil when the name is not one hashlib offers or this OpenSSL cannot compute it.
    public init?(algorithm: String) {
        guard let md = Self.lookUp(algorithm), let context = EVP_MD_CTX_new() else { return nil }
        guard EVP_DigestInit_ex(context, md, nil) == 1 else {
            // With OpenSSL 3 the name can resolve while no loaded provider implements it (a FIPS-only
            // configuration and md5, say): that is "unsupported", not a crash.
            EVP_MD_CTX_free(context)
            return nil
        }
        self.name = Self.canonicalName(algorithm)
        self.context = context
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard result == nil else {
            assertionFailure("Digest.update after finalizeHex")
            return
        }
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        // EVP_DigestUpdate only fails for a context that was never initialised, which init rules out.
        _ = EVP_DigestUpdate(context, base, bytes.count)
    }

    public func update(_ data: Data) {
        data.withUnsafeBytes { update($0) }
    }

    /// The digest in lower-case hex. Calling it again returns the same value; the digest takes no
    /// more input afterwards.
    public func finalizeHex() -> String {
        if let result { return result }
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        _ = out.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &length) }
        let hex = Self.hex(out.prefix(Int(length)))
        result = hex
        return hex
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        var chars = [UInt8]()
        chars.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            chars.append(hexDigits[Int(byte >> 4)])
            chars.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: chars, as: UTF8.self)
    }
}
