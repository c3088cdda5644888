import Testing
@testable import GlanceAPI

@Suite("ImageEndpoint, ImagesRequests URLs, QueryString")
struct EndpointAndQueryTests {
    static let roots: [(String, String)] = [
        ("http://127.0.0.1:9292", "http://127.0.0.1:9292"),
        ("http://127.0.0.1:9292/", "http://127.0.0.1:9292"),
        ("http://127.0.0.1:9292/v2", "http://127.0.0.1:9292"),
        ("http://127.0.0.1:9292/v2/", "http://127.0.0.1:9292"),
        ("http://127.0.0.1:9292/v2.0", "http://127.0.0.1:9292"),
        ("http://127.0.0.1:9292/v1", "http://127.0.0.1:9292"),
        ("https://cloud/image", "https://cloud/image"),
        ("https://cloud/image/", "https://cloud/image"),
        ("https://cloud/image/v2", "https://cloud/image"),
        ("https://cloud/image/v2//", "https://cloud/image"),
        // A path that merely ends in a look-alike is not a version.
        ("https://cloud/imagev2", "https://cloud/imagev2"),
    ]

    @Test("ImageEndpoint strips a version suffix and trailing slashes", arguments: roots)
    func root(catalogURL: String, expected: String) {
        let endpoint = ImageEndpoint(catalogURL: catalogURL)
        #expect(endpoint.root == expected)
        #expect(endpoint.v2 == expected + "/v2")
    }

    static let links: [(String, String, String)] = [
        ("http://127.0.0.1:9292", "/v2/images?limit=3&marker=abc", "http://127.0.0.1:9292/v2/images?limit=3&marker=abc"),
        ("http://127.0.0.1:9292/v2/", "/v2/images?marker=abc", "http://127.0.0.1:9292/v2/images?marker=abc"),
        // Behind a path prefix Glance still sends versionless-root links.
        ("https://cloud/image", "/v2/images?marker=abc", "https://cloud/image/v2/images?marker=abc"),
        ("https://cloud/image/v2", "/v2/images?marker=abc", "https://cloud/image/v2/images?marker=abc"),
        ("https://cloud/image", "v2/images?marker=abc", "https://cloud/image/v2/images?marker=abc"),
        // Absolute links are taken as sent.
        ("https://cloud/image", "https://other:9292/v2/images?marker=abc", "https://other:9292/v2/images?marker=abc"),
        ("https://cloud/image", "http://other/v2/images", "http://other/v2/images"),
    ]

    @Test("a project id after the version stays in every image URL (a vendor dialect)")
    func projectInPath() {
        let project = "3f2a9c0e5b7d4e1f8a6b2c4d9e0f1a2b"
        let endpoint = ImageEndpoint(catalogURL: "https://image.vendor.example/v2/\(project)/")
        #expect(endpoint.root == "https://image.vendor.example")
        #expect(endpoint.v2 == "https://image.vendor.example/v2/\(project)")
        #expect(ImagesRequests.show(endpoint, id: "i").url == "https://image.vendor.example/v2/\(project)/images/i")
        #expect(endpoint.resolve(link: "/v2/\(project)/images?marker=m") == "https://image.vendor.example/v2/\(project)/images?marker=m")
        // A last segment that is not a project id is left alone.
        #expect(ImageEndpoint(catalogURL: "https://cloud/v2/images2").v2 == "https://cloud/v2/images2/v2")
        let dashed = ImageEndpoint(catalogURL: "https://c/image/v2.1/3f2a9c0e-5b7d-4e1f-8a6b-2c4d9e0f1a2b")
        #expect(dashed.v2 == "https://c/image/v2/3f2a9c0e-5b7d-4e1f-8a6b-2c4d9e0f1a2b")
    }

    @Test("resolve(link:) joins next links onto the root", arguments: links)
    func resolve(catalogURL: String, link: String, expected: String) {
        #expect(ImageEndpoint(catalogURL: catalogURL).resolve(link: link) == expected)
    }

    @Test("list builds the first-page URL with query and limit")
    func list() {
        let endpoint = ImageEndpoint(catalogURL: "https://cloud/image/v2/")
        let request = ImagesRequests.list(endpoint, query: [("name", "my image"), ("created_at", "gte:2026-01-01T00:00:00Z"),
                                                            ("tag", "a&b"), ("id", "in:a,b")], limit: 25)
        #expect(request.method == .get)
        #expect(request.url == "https://cloud/image/v2/images?name=my%20image&created_at=gte:2026-01-01T00:00:00Z&tag=a%26b&id=in:a,b&limit=25")
        #expect(request.header("accept") == "application/json")
        #expect(request.body == nil)
    }

    @Test("list without query or limit has no query string")
    func listBare() {
        #expect(ImagesRequests.list(ImageEndpoint(catalogURL: "http://h:9292")).url == "http://h:9292/v2/images")
        #expect(ImagesRequests.list(ImageEndpoint(catalogURL: "http://h:9292"), limit: 3).url == "http://h:9292/v2/images?limit=3")
    }

    static let nextPages: [(String, String, Int?, String)] = [
        // The limit in the next link is replaced, the marker kept, order kept.
        ("http://h:9292", "/v2/images?limit=3&marker=abc", 1000, "http://h:9292/v2/images?limit=1000&marker=abc"),
        ("http://h:9292", "/v2/images?marker=abc&limit=3&sort_key=name", 200,
         "http://h:9292/v2/images?marker=abc&limit=200&sort_key=name"),
        // No limit in the link: one is added.
        ("http://h:9292", "/v2/images?marker=abc", 50, "http://h:9292/v2/images?marker=abc&limit=50"),
        // No limit asked: the link as sent.
        ("http://h:9292", "/v2/images?limit=3&marker=abc", nil, "http://h:9292/v2/images?limit=3&marker=abc"),
        ("https://cloud/image/v2", "/v2/images?limit=3&marker=abc", 500, "https://cloud/image/v2/images?limit=500&marker=abc"),
        // A parameter that only starts with "limit" is another parameter.
        ("http://h:9292", "/v2/images?limitx=3&marker=abc", 9, "http://h:9292/v2/images?limitx=3&marker=abc&limit=9"),
    ]

    @Test("nextPage resolves the link and replaces the limit", arguments: nextPages)
    func nextPage(catalogURL: String, next: String, limit: Int?, expected: String) {
        let request = ImagesRequests.nextPage(ImageEndpoint(catalogURL: catalogURL), next: next, limit: limit)
        #expect(request.url == expected)
        #expect(request.method == .get)
        #expect(request.header("Accept") == "application/json")
    }

    @Test("show escapes the id as a path segment", arguments: [
        ("08eaeeab-7c57-47cb-b60b-746021cef446", "http://h/v2/images/08eaeeab-7c57-47cb-b60b-746021cef446"),
        ("a/b", "http://h/v2/images/a%2Fb"),
        ("x:y,z", "http://h/v2/images/x%3Ay%2Cz"),
        ("../etc", "http://h/v2/images/..%2Fetc"),
        ("a b?c#d", "http://h/v2/images/a%20b%3Fc%23d"),
    ])
    func show(id: String, expected: String) {
        #expect(ImagesRequests.show(ImageEndpoint(catalogURL: "http://h/v2"), id: id).url == expected)
    }

    static let escapes: [(String, String)] = [
        ("plain-Text_1.2~", "plain-Text_1.2~"),
        ("a b", "a%20b"),
        ("a&b", "a%26b"),
        ("a=b", "a%3Db"),
        ("a+b", "a%2Bb"),
        ("a/b", "a%2Fb"),
        ("a?b#c", "a%3Fb%23c"),
        ("100%", "100%25"),
        ("画像", "%E7%94%BB%E5%83%8F"),
        ("日本語 テスト", "%E6%97%A5%E6%9C%AC%E8%AA%9E%20%E3%83%86%E3%82%B9%E3%83%88"),
        ("é", "%C3%A9"),
        ("🔑", "%F0%9F%94%91"),
        ("\n", "%0A"),
        ("gte:2026-01-01", "gte:2026-01-01"),
        ("in:a,b", "in:a,b"),
        ("", ""),
    ]

    @Test("QueryString.escape", arguments: escapes)
    func escape(input: String, expected: String) {
        #expect(QueryString.escape(input) == expected)
    }

    @Test("QueryString.encode joins escaped pairs")
    func encode() {
        #expect(QueryString.encode([]) == "")
        #expect(QueryString.encode([("a b", "c&d"), ("名前", "x=y")]) == "?a%20b=c%26d&%E5%90%8D%E5%89%8D=x%3Dy")
    }

    static let replacements: [(String, String, String, String)] = [
        ("limit", "5", "http://h/v2/images", "http://h/v2/images?limit=5"),
        ("limit", "5", "http://h/v2/images?", "http://h/v2/images?limit=5"),
        ("limit", "5", "http://h/v2/images?limit=3", "http://h/v2/images?limit=5"),
        ("limit", "5", "http://h/v2/images?limit", "http://h/v2/images?limit=5"),
        ("limit", "5", "http://h/v2/images?a=1&limit=3&b=2", "http://h/v2/images?a=1&limit=5&b=2"),
        ("limit", "5", "http://h/v2/images?a=1&b=2", "http://h/v2/images?a=1&b=2&limit=5"),
        ("limit", "5", "http://h/v2/images?sort_limit=3", "http://h/v2/images?sort_limit=3&limit=5"),
        ("name", "a b&c", "http://h/v2/images?name=x", "http://h/v2/images?name=a%20b%26c"),
        // Other parameters stay exactly as the server sent them, escapes included.
        ("limit", "7", "http://h/v2/images?marker=a%2Fb&limit=1", "http://h/v2/images?marker=a%2Fb&limit=7"),
    ]

    @Test("QueryString.replacing", arguments: replacements)
    func replacing(name: String, value: String, url: String, expected: String) {
        #expect(QueryString.replacing(name, with: value, in: url) == expected)
    }
}
