import Foundation
import GlanceAPI
@testable import GlanceApp
import Synchronization
import Testing

/// A backend for the runner's tests, in the manner of a TCA dependency's test value: each call
/// is answered by the closure a test sets, and a call no test set up fails the test instead of
/// answering with plausible empty data. Every call is recorded, in order.
final class TestBackend: ImageLister, ImageGetter, PropertyPatcher, ImageDeleter, ImageTagger, ProtectionChanger,
    @unchecked Sendable {
    typealias Answer<In, Out> = @Sendable (In) throws(APIError) -> Out
    var list: Answer<PageRequest, ImagePage>?
    var show: Answer<String, Image>?
    var patch: Answer<(String, [PatchOperation]), Image>?
    var remove: Answer<String, Void>?
    var tag: Answer<(String, String, Bool), Void>?
    var protect: Answer<(String, Bool), Void>?
    let calls = Mutex<[String]>([])

    var api: ImageAPI { .v2 }
    var unavailableFields: [String: String] { [:] }
    var querySupport: QuerySupport { .imageV2 }

    private func answer<In, Out>(_ name: String, _ closure: Answer<In, Out>?, _ input: In) throws(APIError) -> Out {
        calls.withLock { $0.append(name) }
        guard let closure else {
            Issue.record("unexpected call to \(name)")
            throw .configuration("unexpected call to \(name)")
        }
        return try closure(input)
    }

    func listImages(_ page: PageRequest) throws(APIError) -> ImagePage { try answer("listImages", list, page) }
    func image(id: String) throws(APIError) -> Image { try answer("image \(id)", show, id) }
    func patch(id: String, _ operations: [PatchOperation]) throws(APIError) -> Image {
        try answer("patch \(id)", patch, (id, operations))
    }
    func delete(id: String) throws(APIError) { try answer("delete \(id)", remove, id) }
    func setTag(id: String, tag t: String, present: Bool) throws(APIError) {
        try answer("setTag \(id) \(t) \(present)", tag, (id, t, present))
    }
    func setProtected(id: String, _ isProtected: Bool) throws(APIError) {
        try answer("setProtected \(id) \(isProtected)", protect, (id, isProtected))
    }
}

/// A cloud whose sign-in describes `backend` and hands it out.
struct TestCloud: Cloud {
    let signedIn: SessionInfo
    let backend: any BrowsingBackend
    var isReadOnly = false

    init(session: SessionInfo, backend: any BrowsingBackend, isReadOnly: Bool = false) {
        signedIn = session
        self.backend = backend
        self.isReadOnly = isReadOnly
    }

    var session: SessionInfo? { try? signIn() }

    func signIn() throws(APIError) -> SessionInfo {
        var info = signedIn
        info.describe(backend)
        info.readOnly = isReadOnly
        return info
    }
}
