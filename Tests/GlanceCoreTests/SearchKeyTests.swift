import GlanceAPI
@testable import GlanceCore
import Testing

/// What `/` matches: name, id and tags, case-insensitively, never across their boundaries.
@Suite struct SearchKeyTests {
    static func image(_ id: String, _ name: String?, tags: [String] = []) -> Image {
        Image(id: id, name: name, status: "active", fields: ["tags": .array(tags.map(JSONValue.string))])
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String?
        var id: String
        var tags: [String]
        var needle: String
        var matches: Bool
        var testDescription: String { "\"\(needle)\" in \(name ?? "nil")|\(id)|\(tags) → \(matches)" }
        init(_ name: String?, _ id: String, _ needle: String, _ matches: Bool) {
            self.init(name, id, [], needle, matches)
        }
        init(_ name: String?, _ id: String, _ tags: [String], _ needle: String, _ matches: Bool) {
            self.name = name
            self.id = id
            self.tags = tags
            self.needle = needle
            self.matches = matches
        }
    }

    static let cases: [Case] = [
        // ASCII, either case on either side
        Case("Ubuntu 22.04", "id1", "ubuntu", true),
        Case("Ubuntu 22.04", "id1", "UBUNTU", true),
        Case("ubuntu 22.04", "id1", "UbUnTu 22", true),
        Case("Ubuntu 22.04", "id1", "u 22.0", true),
        Case("Ubuntu 22.04", "id1", "ubuntu 24", false),
        Case("Ubuntu 22.04", "id1", "Ubuntu 22.04 LTS", false),
        Case("my image", "x", "my i", true),
        Case("aaab", "x", "aab", true),
        Case("abab", "x", "abac", false),
        Case("hello", "z", "o", true),
        // Non-ASCII case folding
        Case("über-image", "x", "ÜBER", true),
        Case("ÜBER", "x", "über", true),
        Case("Über", "x", "üBeR", true),
        Case("Café", "x", "CAFÉ", true),
        Case("CAFÉ", "x", "café", true),
        Case("ΑΒΓ", "x", "αβγ", true),
        Case("über", "x", "uber", false),
        // A non-ASCII part elsewhere in the key does not spoil ASCII matching
        Case("ABC", "x", ["über"], "abc", true),
        Case("ABC", "x", ["über"], "ÜB", true),
        // CJK
        Case("画像テスト", "x", "テスト", true),
        Case("画像テスト", "x", "像テ", true),
        Case("画像テスト", "x", "動画", false),
        Case("plain", "x", ["日本語"], "本語", true),
        // The id and tags are searched too
        Case("web", "08eaeeab-7c57-47cb", "7C57", true),
        Case("web", "08eaeeab-7c57-47cb", "08EAEEAB-7C57-47CB", true),
        Case("web", "id", ["gold", "Prod"], "prod", true),
        Case("web", "id", ["gold", "Prod"], "GOLD", true),
        Case(nil, "abc", "abc", true),
        Case(nil, "abc", "b", true),
        // ... but never across a boundary
        Case("abc", "def", "cd", false),
        Case("abc", "def", "abcdef", false),
        Case("abc", "def", "c def", false),
        Case("n", "xyz", ["tag"], "zt", false),
        Case("n", "i", ["ab", "cd"], "bc", false),
        Case("n", "i", ["ab", "cd"], "abcd", false),
        Case(nil, "abc", ["def"], "cd", false),
        Case("", "abc", "abc", true),
        // An empty needle matches everything
        Case("anything", "x", "", true),
        Case(nil, "x", "", true),
        Case("", "x", [], "", true),
        // A needle longer than the whole key
        Case("a", "b", "a b c d e f", false),
    ]

    @Test(arguments: cases)
    func matches(_ c: Case) {
        let key = SearchKey(Self.image(c.id, c.name, tags: c.tags))
        #expect(key.contains(SearchKey(needle: c.needle)) == c.matches)
    }

    @Test func keyLayout() {
        #expect(SearchKey(Self.image("ID", "Web", tags: ["T1", "t2"])).bytes == Array("web\u{1}id\u{1}t1\u{1}t2".utf8))
        #expect(SearchKey(Self.image("ID", nil)).bytes == Array("\u{1}id".utf8))
        #expect(SearchKey(Self.image("ID", "Über")).bytes == Array("über\u{1}id".utf8))
    }

    @Test(arguments: [
        ("ABC xyz", "abc xyz"),
        ("A\u{1}B", "a\u{1}b"),
        ("@[`{", "@[`{"),
        ("ÜBER", "über"),
        ("MIXED Ü", "mixed ü"),
        ("画像", "画像"),
        ("", ""),
    ])
    func fold(_ text: String, _ folded: String) {
        #expect(SearchKey.fold(text) == Array(folded.utf8))
        #expect(SearchKey(needle: text).bytes == Array(folded.utf8))
    }

    @Test func emptyNeedleMatchesAnEmptyKey() {
        #expect(SearchKey(needle: "").contains(SearchKey(needle: "")))
        #expect(!SearchKey(needle: "").contains(SearchKey(needle: "a")))
        #expect(SearchKey(needle: "a").contains(SearchKey(needle: "A")))
    }
}
