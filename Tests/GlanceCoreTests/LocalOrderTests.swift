import GlanceAPI
@testable import GlanceCore
import Testing

/// Sorting the loaded rows by a column: text case-insensitively, missing values last in either
/// direction, ties by id ascending, the same result whatever order rows came in.
@Suite struct LocalOrderTests {
    static func image(_ id: String, name: String?, status: String = "active", visibility: String? = nil,
                      diskFormat: String? = nil, size: Double? = nil, updated: String? = nil, created: String? = nil,
                      owner: String? = nil, tags: [String] = []) -> Image {
        var fields: [String: JSONValue] = ["tags": .array(tags.map(JSONValue.string))]
        if let visibility { fields["visibility"] = .string(visibility) }
        if let diskFormat { fields["disk_format"] = .string(diskFormat) }
        if let size { fields["size"] = .number(size) }
        if let updated { fields["updated_at"] = .string(updated) }
        if let created { fields["created_at"] = .string(created) }
        if let owner { fields["owner"] = .string(owner) }
        return Image(id: id, name: name, status: ImageStatus(raw: status), fields: fields)
    }

    /// Five images with ties (case-insensitive and exact) and missing values in every column.
    static let images: [Image] = [
        image("a1", name: "beta", status: "active", visibility: "public", diskFormat: "qcow2", size: 300,
              updated: "2026-01-03T00:00:00Z", created: "2026-01-01T00:00:00Z", owner: "zed", tags: ["x"]),
        image("a2", name: "Alpha", status: "queued", visibility: "private", diskFormat: "raw", size: 100,
              updated: "2026-01-01T00:00:00Z", created: "2026-01-03T00:00:00Z", owner: "Adam", tags: ["b", "a"]),
        image("a3", name: nil, status: "killed"),
        image("a0", name: "alpha", status: "active", visibility: "shared", diskFormat: "QCOW2", size: 300,
              updated: "2026-01-03T00:00:00Z", created: "2026-01-02T00:00:00Z", owner: "bob", tags: ["a"]),
        image("b9", name: "Ünicode", status: "deactivated", visibility: "community", diskFormat: "iso", size: 0,
              updated: "2026-01-02T00:00:00Z", created: "2026-01-01T12:00:00Z", tags: ["中文"]),
    ]

    static func sorted(_ rows: [Int], _ images: [Image], _ column: ColumnID, _ direction: ImageQuery.SortDirection) -> [String] {
        var rows = rows
        LocalOrder.sort(&rows, of: images, searchKeys: images.map(SearchKey.init), by: AppState.LocalSort(column, direction))
        return rows.map { images[$0].id }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var column: ColumnID
        var asc: [String]
        var desc: [String]
        var testDescription: String { column.rawValue }
    }

    static let cases: [Case] = [
        // alpha/Alpha tie on the folded name: by id. A missing name is last; non-ASCII after ASCII (UTF-8 order).
        Case(column: .name, asc: ["a0", "a2", "a1", "b9", "a3"], desc: ["b9", "a1", "a0", "a2", "a3"]),
        Case(column: .status, asc: ["a0", "a1", "b9", "a3", "a2"], desc: ["a2", "a3", "b9", "a0", "a1"]),
        Case(column: .visibility, asc: ["b9", "a2", "a1", "a0", "a3"], desc: ["a0", "a1", "a2", "b9", "a3"]),
        // qcow2 and QCOW2 are the same format.
        Case(column: .format, asc: ["b9", "a0", "a1", "a2", "a3"], desc: ["a2", "a0", "a1", "b9", "a3"]),
        // A missing size (a queued image) is last either way; 0 is a size.
        Case(column: .size, asc: ["b9", "a2", "a0", "a1", "a3"], desc: ["a0", "a1", "a2", "b9", "a3"]),
        Case(column: .updated, asc: ["a2", "b9", "a0", "a1", "a3"], desc: ["a0", "a1", "b9", "a2", "a3"]),
        Case(column: .created, asc: ["a1", "b9", "a0", "a2", "a3"], desc: ["a2", "a0", "b9", "a1", "a3"]),
        // Two missing owners tie: by id, in either direction.
        Case(column: .owner, asc: ["a2", "a0", "a1", "a3", "b9"], desc: ["a1", "a0", "a2", "a3", "b9"]),
        // An image without tags has no tags to sort by: it goes with the missing values, after "中文".
        Case(column: .tags, asc: ["a0", "a2", "a1", "b9", "a3"], desc: ["b9", "a1", "a2", "a0", "a3"]),
        Case(column: .id, asc: ["a0", "a1", "a2", "a3", "b9"], desc: ["b9", "a3", "a2", "a1", "a0"]),
    ]

    @Test(arguments: cases)
    func ascending(_ c: Case) {
        #expect(Self.sorted(Array(Self.images.indices), Self.images, c.column, .asc) == c.asc)
    }

    @Test(arguments: cases)
    func descending(_ c: Case) {
        #expect(Self.sorted(Array(Self.images.indices), Self.images, c.column, .desc) == c.desc)
    }

    @Test func everyColumnIsCovered() {
        #expect(Set(Self.cases.map(\.column)) == Set(ColumnID.allCases).subtracting([.lint, .used]))
    }

    /// LINT sorts by the last :lint's count: most findings first when descending, unlinted last.
    @Test func theLintColumnSortsByFindingsWithUnlintedLast() {
        var rows = Array(Self.images.indices)
        let counts = [Self.images[0].id: 3, Self.images[1].id: 0, Self.images[2].id: 7]
        LocalOrder.sort(&rows, of: Self.images, searchKeys: Self.images.map(SearchKey.init), by: AppState.LocalSort(.lint, .desc),
                        lintCounts: counts)
        #expect(Array(rows.prefix(3)) == [2, 0, 1])
    }

    /// Whatever order the rows arrive in, the result is the same: every tie is broken by id.
    @Test(arguments: ColumnID.allCases)
    func independentOfInputOrder(_ column: ColumnID) {
        let base = Array(Self.images.indices)
        let permutations: [[Int]] = [base, base.reversed(), [2, 4, 0, 3, 1], [3, 1, 4, 2, 0], [1, 0, 3, 2, 4]]
        for direction in ImageQuery.SortDirection.allCases {
            let expected = Self.sorted(base, Self.images, column, direction)
            for p in permutations {
                #expect(Self.sorted(p, Self.images, column, direction) == expected, "\(column) \(direction) from \(p)")
            }
            #expect(Self.sorted(base, Self.images, column, direction) == expected, "the same on a second run")
        }
    }

    /// Only the rows given are sorted (the `/` filter may have dropped some).
    @Test func sortsASubsetOfRows() {
        #expect(Self.sorted([4, 0, 2], Self.images, .name, .asc) == ["a1", "b9", "a3"])
        #expect(Self.sorted([4, 0, 2], Self.images, .size, .asc) == ["b9", "a1", "a3"])
        #expect(Self.sorted([], Self.images, .name, .asc) == [])
        #expect(Self.sorted([3], Self.images, .name, .desc) == ["a0"])
    }

    @Test func emptyNameIsPresentAndFirst() {
        let images = [Self.image("1", name: nil), Self.image("2", name: "a"), Self.image("3", name: ""), Self.image("4", name: "B")]
        #expect(Self.sorted(Array(images.indices), images, .name, .asc) == ["3", "2", "4", "1"])
    }

    @Test func textComparesFoldedBytes() {
        let names = ["b", "A", "_x", "a b", "ab", "Z", "10", "9", "é", "画像"]
        let images = names.enumerated().map { Self.image("id\($0.offset)", name: $0.element) }
        let got = Self.sorted(Array(images.indices), images, .name, .asc).map { id in images.first { $0.id == id }!.name! }
        #expect(got == ["10", "9", "_x", "A", "a b", "ab", "b", "Z", "é", "画像"])
    }

    @Test func sizesCompareAsNumbers() {
        let images = [Self.image("1", name: "x", size: 1024), Self.image("2", name: "x", size: 9),
                      Self.image("3", name: "x", size: 10_737_418_240), Self.image("4", name: "x", size: 100)]
        #expect(Self.sorted(Array(images.indices), images, .size, .asc) == ["2", "4", "1", "3"])
        #expect(Self.sorted(Array(images.indices), images, .size, .desc) == ["3", "1", "4", "2"])
    }

    @Test func updatedComparesInstantsAcrossOffsets() {
        // 10:00+05:00 is 05:00Z, before 06:00Z, though it reads later.
        let images = [Self.image("1", name: "x", updated: "2026-01-01T06:00:00Z"),
                      Self.image("2", name: "x", updated: "2026-01-01T10:00:00+05:00"),
                      Self.image("3", name: "x", updated: "not a time")]
        #expect(Self.sorted(Array(images.indices), images, .updated, .asc) == ["2", "1", "3"], "an unreadable time is missing: last")
    }

    @Test(arguments: [
        (LocalOrder.Key.text(nil), LocalOrder.Key.text(nil), 0),
        (.text(nil), .text([97]), 1),
        (.text([97]), .text(nil), -1),
        (.text([]), .text(nil), -1),
        (.text([97]), .text([98]), -1),
        (.text([97, 98]), .text([97]), 1),
        (.text([97]), .text([97]), 0),
        (.number(nil), .number(nil), 0),
        (.number(nil), .number(0), 1),
        (.number(0), .number(nil), -1),
        (.number(-1), .number(0), -1),
        (.number(2), .number(2), 0),
    ] as [(LocalOrder.Key, LocalOrder.Key, Int)])
    func compare(_ a: LocalOrder.Key, _ b: LocalOrder.Key, _ sign: Int) {
        #expect(LocalOrder.compare(a, b).signum() == sign)
    }
}
