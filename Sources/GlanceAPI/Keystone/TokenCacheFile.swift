import Foundation
import Synchronization

/// The opt-in token cache (`cache: auth: true` in clouds.yaml): one JSON file, 0600 in a 0700
/// directory, holding for each sign-in what a start needs to skip Keystone — the token, when it
/// expires, who and what it is scoped to, and the service catalog. Never a password.
///
/// The file is replaced whole (a private temporary file renamed over it), so a reader never
/// sees half of it; two programs saving at once lose one entry, which costs one sign-in.
public final class TokenCacheFile: Sendable {
    public let path: String
    /// A token this close to its expiry is not used: keystoneauth refreshes at 120 s
    /// (`BaseIdentityPlugin.MIN_TOKEN_LIFE_SECONDS`), so a start never lists with a token that
    /// dies in the middle.
    public static let safetyMargin: TimeInterval = 120
    /// One save or drop at a time in this process: two 401s on two queues.
    private let lock = Mutex(())

    public init(path: String) { self.path = path }

    /// What a look-up found, with the reason when it is not a token, for the debug log.
    public enum Lookup: Sendable, Equatable {
        case hit(Token)
        /// No file, or no entry for the key.
        case absent
        case expired(Date)
        /// Unreadable, not JSON of this shape, or not private to the user: ignored, and replaced
        /// by the next save.
        case unusable(String)
    }

    public func lookup(_ key: TokenCacheKey, now: Date = Date()) -> Lookup {
        lock.withLock { _ in
            let file: FileRecord
            switch read() {
            case .success(let f?): file = f
            case .success(nil): return .absent
            case .failure(let problem): return .unusable(problem.reason)
            }
            guard let entry = file.tokens.last(where: { $0.key == key }) else { return .absent }
            guard let token = entry.token else { return .unusable("an entry is incomplete") }
            let expires = token.expiresAt ?? now
            guard expires.timeIntervalSince(now) > Self.safetyMargin else { return .expired(expires) }
            return .hit(token)
        }
    }

    /// Keeps `token` for `key`, dropping expired entries. A token without an expiry is not
    /// kept: there would be no telling when to stop using it. Nil when saved, else why not.
    @discardableResult
    public func save(_ token: Token, for key: TokenCacheKey, now: Date = Date()) -> String? {
        guard token.expiresAt != nil else { return "the token has no expiry" }
        return lock.withLock { _ in
            // A corrupt or foreign file is replaced, not merged.
            var tokens = ((try? read().get()) ?? nil)?.tokens ?? []
            tokens.removeAll { $0.key == key || ($0.token?.expiresAt ?? .distantPast) <= now }
            tokens.append(EntryRecord(key: key, token: token))
            return replace(with: FileRecord(tokens: tokens))
        }
    }

    /// Forgets `key`'s token (Glance refused it). Nil when done or there was nothing to drop.
    @discardableResult
    public func drop(_ key: TokenCacheKey) -> String? {
        lock.withLock { _ in
            guard case .success(let file?) = read() else { return nil }
            let kept = file.tokens.filter { $0.key != key }
            guard kept.count != file.tokens.count else { return nil }
            return replace(with: FileRecord(tokens: kept))
        }
    }

    // MARK: - Reading and writing

    struct Problem: Error { var reason: String }

    /// Nil: there is no file. A file another user could read or write is not trusted: its
    /// catalog decides where the token is sent.
    private func read() -> Result<FileRecord?, Problem> {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            return errno == ENOENT ? .success(nil) : .failure(Problem(reason: "cannot open it: \(String(cString: strerror(errno)))"))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return .failure(Problem(reason: "not a regular file")) }
        guard info.st_uid == getuid() else { return .failure(Problem(reason: "owned by another user")) }
        guard info.st_mode & 0o077 == 0 else {
            return .failure(Problem(reason: "readable by others (mode \(String(info.st_mode & 0o777, radix: 8)))"))
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: false)
        guard let data = try? handle.readToEnd() ?? Data() else { return .failure(Problem(reason: "cannot read it")) }
        guard let file = try? JSONDecoder().decode(FileRecord.self, from: data), file.version == FileRecord.currentVersion else {
            return .failure(Problem(reason: "not a token cache this program wrote"))
        }
        return .success(file)
    }

    private func replace(with file: FileRecord) -> String? {
        let directory = (path as NSString).deletingLastPathComponent
        if let problem = StateDirectory.make(directory) { return problem }
        var info = stat()
        if stat(directory, &info) == 0, info.st_uid == getuid(), info.st_mode & 0o077 != 0 { chmod(directory, 0o700) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(file) else { return "cannot encode the cache" }
        let temporary = path + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        // O_EXCL: a name planted in the directory meanwhile is not followed or reused.
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return "cannot create \(temporary): \(String(cString: strerror(errno)))" }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == data.count, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return "cannot write \(path): \(reason)"
        }
        return nil
    }
}

// MARK: - The file's shape

private struct FileRecord: Codable {
    static let currentVersion = 1
    var version = currentVersion
    var tokens: [EntryRecord]

    init(tokens: [EntryRecord]) { self.tokens = tokens }
}

private struct EntryRecord: Codable {
    var key: TokenCacheKey
    var value: String
    var expiresAt: String?
    var userID: String?
    var userName: String?
    var projectID: String?
    var projectName: String?
    var roles: [String]
    var catalog: [ServiceRecord]

    enum CodingKeys: String, CodingKey {
        case key, value = "token", expiresAt = "expires_at", userID = "user_id", userName = "user_name",
             projectID = "project_id", projectName = "project_name", roles, catalog
    }

    init(key: TokenCacheKey, token: Token) {
        self.key = key
        value = token.value.reveal()
        expiresAt = token.expiresAt.map { $0.formatted(.iso8601) }
        userID = token.userID
        userName = token.userName
        projectID = token.projectID
        projectName = token.projectName
        roles = token.roles
        catalog = token.catalog.services.map(ServiceRecord.init)
    }

    /// Nil when the entry cannot be used as a token (no value, or an expiry that does not parse).
    var token: Token? {
        guard !value.isEmpty, let expires = expiresAt.flatMap(ISOTime.parse) else { return nil }
        return Token(value: Secret(value), expiresAt: expires, userID: userID, userName: userName, projectID: projectID,
                     projectName: projectName, roles: roles, catalog: ServiceCatalog(services: catalog.map(\.service)))
    }
}

private struct ServiceRecord: Codable {
    struct EndpointRecord: Codable {
        var interface: String
        var region: String?
        var url: String
    }

    var type: String
    var name: String?
    var endpoints: [EndpointRecord]

    init(_ service: ServiceCatalog.Service) {
        type = service.type
        name = service.name
        endpoints = service.endpoints.map { EndpointRecord(interface: $0.interface, region: $0.region, url: $0.url) }
    }

    var service: ServiceCatalog.Service {
        ServiceCatalog.Service(type: type, name: name,
                               endpoints: endpoints.map { ServiceCatalog.Endpoint(interface: $0.interface, region: $0.region, url: $0.url) })
    }
}
