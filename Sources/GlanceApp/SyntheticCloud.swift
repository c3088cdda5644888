import GlanceAPI

/// A made-up cloud for benchmarks and demos (`--synthetic-images N`): browsing only.
public struct SyntheticCloud: Cloud {
    let signedIn: SessionInfo
    public let backend: any BrowsingBackend

    public init(count: Int, session: SessionInfo) {
        signedIn = session
        backend = SyntheticImages.Backend(count: count)
    }

    public var isReadOnly: Bool { false }
    public var session: SessionInfo? { try? signIn() }

    public func signIn() throws(APIError) -> SessionInfo {
        var info = signedIn
        info.describe(backend)
        return info
    }
}
