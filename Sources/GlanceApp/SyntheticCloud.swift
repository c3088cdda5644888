import GlanceAPI

/// A made-up cloud for benchmarks and demos (`--synthetic-images N`): browsing only.
public struct SyntheticCloud: Cloud {
    let session: SessionInfo
    public let backend: any BrowsingBackend

    public init(count: Int, session: SessionInfo) {
        self.session = session
        backend = SyntheticImages.Backend(count: count)
    }

    public var isReadOnly: Bool { false }

    public func signIn() throws(APIError) -> SessionInfo {
        var info = session
        info.describe(backend)
        return info
    }
}
