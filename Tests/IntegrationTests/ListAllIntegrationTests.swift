import Foundation
import GlanceAPI
import Synchronization
import Testing

/// `listAll` reads a listing from both ends at once; against the real Glance, with pages small
/// enough that the ends meet mid-way, it must give exactly what one large page gives.
@Suite(.enabled(if: LocalCloud.isConfigured, "needs the local cloud: run scripts/test"), .serialized)
struct ListAllIntegrationTests {
    @Test func bothEndsMeetInGlancesOwnOrderForEverySort() throws {
        let t = try TestImages("ends")
        defer { t.deleteAll() }
        // Ties on the name and sizes left unset, so the tie-breakers and NULLs decide the order.
        for (i, name) in ["m", "c", "x", "c", "a", "m", "q", "c", "z", "b", "m"].enumerated() {
            try t.create(name, i % 3 == 0 ? ["min_disk": .number(Double(i))] : [:],
                         data: i % 2 == 0 ? Data(repeating: UInt8(i), count: 16 + i % 5) : nil)
        }
        let requests = Mutex<[String]>([])
        let client = LocalCloud.client(try LocalCloud.profile()) { line in requests.withLock { $0.append(line) } }
        _ = try client.signIn()
        let backend = Backends.make(.v2, client: client)
        let sorts: [[ImageQuery.Sort]] = [
            [], [.init(.name, .asc)], [.init(.name, .desc)], [.init(.size, .asc)],
            [.init(.size, .desc), .init(.name, .asc)], [.init(.status, .asc), .init(.created_at, .asc)],
        ]
        for sort in sorts {
            var query = ImageQuery()
            query.properties[TestImages.marker] = t.run
            query.sort = sort
            requests.withLock { $0 = [] }
            let both = try backend.listAll(query, pageSize: 3)
            #expect(both.map(\.id) == (try t.list(query, onlyThisRun: false)).map(\.id), "sort \(sort)")
            let sent = requests.withLock { $0 }.filter { $0.contains("GET ") && $0.contains("/v2/images?") }
            let orders = Set(sent.compactMap { $0.split(separator: " ").first { $0.contains("sort=") }?
                .split(separator: "&").first { $0.hasPrefix("sort=") } })
            #expect(orders.count == 2, "read from both ends for \(sort): \(orders)")
            #expect(sent.count >= 4 && sent.count <= 9, "pages of 3 from both ends for \(sort): \(sent.count)")
        }
    }
}
