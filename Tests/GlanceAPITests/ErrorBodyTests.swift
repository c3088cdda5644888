import Foundation
import Testing
@testable import GlanceAPI

@Suite("ErrorBody.message")
struct ErrorBodyTests {
    /// (fixture, Content-Type as the server sent it, status, the sentence a user should read)
    static let fixtures: [(String, String?, Int, String)] = [
        ("glance-404-image-not-found.html", "text/html; charset=UTF-8", 404,
         "No image found with ID nonexistent"),
        ("glance-401-unauthorized.html", "text/html; charset=UTF-8", 401,
         "This server could not verify that you are authorized to access the document you requested. "
             + "Either you supplied the wrong credentials (e.g., bad password), or your browser does not "
             + "understand how to supply the credentials required."),
        ("glance-400-invalid-sort-key.html", "text/html; charset=UTF-8", 400,
         "Invalid sort key: <script>'x. It must be one of the following: name, status, container_format, "
             + "disk_format, size, id, created_at, updated_at."),
        ("glance-400-bad-filter-quot.html", "text/html; charset=UTF-8", 400,
         "Bad \"created_at\" query filter format. Use ISO 8601 DateTime notation."),
        ("synthetic-glance-400-entities.html", "text/html; charset=UTF-8", 400,
         "Invalid value '<none>' for property 'hw_disk_bus': Tom & Jerry's \"disk\" is not allowed"),
        ("glance-409-conflict.html", "text/html; charset=UTF-8", 409,
         "Image ID 08eaeeab-7c57-47cb-b60b-746021cef446 already exists!"),
        ("glance-415-patch-media-type.html", "text/html; charset=UTF-8", 415,
         "The request media type text/plain is not supported by this server. Image PATCH expects "
             + "Content-Type one of: application/openstack-images-v2.0-json-patch, "
             + "application/openstack-images-v2.1-json-patch"),
        ("synthetic-glance-415-disk-format.html", "text/html; charset=UTF-8", 415,
         "Image disk_format qcow2 does not match stream data raw"),
        // The same pages without a Content-Type header are recognised by their markup.
        ("glance-404-image-not-found.html", nil, 404, "No image found with ID nonexistent"),
        ("synthetic-glance-415-disk-format.html", nil, 415, "Image disk_format qcow2 does not match stream data raw"),
        ("keystone-401-wrong-password.json", "application/json", 401,
         "The request you have made requires authentication."),
        ("keystone-401-wrong-password.json", nil, 401, "The request you have made requires authentication."),
        ("keystone-403-policy.json", "application/json", 403,
         "You are not authorized to perform the requested action: identity:get_project."),
        ("synthetic-nova-404-item-not-found.json", "application/json", 404, "Image not found."),
        ("synthetic-nginx-502.html", "text/html", 502, "nginx/1.22.1"),
    ]

    @Test("real and captured error bodies give the sentence only", arguments: fixtures)
    func fixtureSentence(file: String, contentType: String?, status: Int, expected: String) throws {
        let body = try Fixture.data(file)
        let message = ErrorBody.message(from: body, contentType: contentType, status: status)
        #expect(message == expected)
    }

    @Test("no markup, no entities and no repeated status heading survive",
          arguments: ["glance-404-image-not-found.html", "glance-401-unauthorized.html",
                      "glance-409-conflict.html", "glance-415-patch-media-type.html",
                      "glance-400-schema-mismatch.html", "synthetic-glance-415-disk-format.html"])
    func noMarkup(file: String) throws {
        let body = try Fixture.data(file)
        let status = Int(file.split(separator: "-")[file.hasPrefix("synthetic") ? 2 : 1])!
        let message = ErrorBody.message(from: body, contentType: "text/html; charset=UTF-8", status: status)
        #expect(!message.isEmpty)
        for fragment in ["<br", "<h1", "</", "<html", "<body", "&#x27;", "&#39;", "&lt;", "&quot;", "&amp;",
                         "\(status) \(APIError.reason(status))"] {
            #expect(!message.contains(fragment), "\(fragment) in \(message)")
        }
        #expect(!message.contains("\n"))
        #expect(!message.contains("  "))
        #expect(message == message.trimmingCharacters(in: .whitespaces))
    }

    @Test("a long real schema error is decoded, collapsed and clipped to maxLength")
    func longRealBodyClipped() throws {
        let body = try Fixture.data("glance-400-schema-mismatch.html")
        let message = ErrorBody.message(from: body, contentType: "text/html; charset=UTF-8", status: 400)
        #expect(message.count == ErrorBody.maxLength)
        #expect(message.hasSuffix("…"))
        #expect(message.hasPrefix("Provided object does not match schema 'image': 'qcow3' is not one of [None, 'ami', 'ari',"))
        #expect(message.contains("Failed validating 'enum' in schema['properties']['disk_format']: {'type': ['null', 'string'],"))
    }

    static let inline: [(String, String?, Int, String)] = [
        // Plain text, as proxies and load balancers answer.
        ("Service Unavailable", "text/plain", 503, "Service Unavailable"),
        ("  upstream\n\tconnect error or disconnect/reset before headers.\r\n  ", "text/plain", 503,
         "upstream connect error or disconnect/reset before headers."),
        ("Gateway Timeout", nil, 504, "Gateway Timeout"),
        // JSON claimed but not JSON: the text itself.
        ("Internal Server Error", "application/json", 500, "Internal Server Error"),
        // Looks like JSON but is not: the text itself.
        ("{not json at all", nil, 500, "{not json at all"),
        // JSON shapes.
        (#"{"message": "Top-level message."}"#, "application/json", 400, "Top-level message."),
        (#"{"detail": "  Detail with\n newline "}"#, "application/json", 400, "Detail with newline"),
        (#"{"faultstring": "Fault string."}"#, "application/json", 500, "Fault string."),
        (#"{"badRequest": {"message": "Invalid input.", "code": 400}}"#, "application/json", 400, "Invalid input."),
        (#"{"conflictingRequest": {"detail": "Busy.", "code": 409}}"#, nil, 409, "Busy."),
        (#"{"errors": [{"title": "Bad Request", "detail": "Marker not found."}]}"#, "application/json", 400,
         "Marker not found."),
        (#"{"errors": [{"title": "Only a title"}]}"#, "application/json", 400, "Only a title"),
        // Glance's JSON errors carry webob's HTML inside the message.
        (#"{"message": "No image found with ID x<br /><br />\n\n\n", "code": "404 Not Found", "title": "Not Found"}"#,
         "application/json", 404, "No image found with ID x"),
        (#"{"error": {"message": "Bad value &#39;x&#39; &amp; <b>y</b>", "code": 400}}"#, "application/json", 400,
         "Bad value 'x' & y"),
        // Whitespace only.
        ("   \n\t ", "text/plain", 500, ""),
        // A bare HTML fragment without <html>: the body is still unwrapped.
        ("<body><h1>403 Forbidden</h1>Access was denied to this resource.<br /><br /></body>", nil, 403,
         "Access was denied to this resource."),
        // Entities: named, decimal, hex, unknown, double-escaped (decoded once), unterminated.
        ("<html><body>a &lt;b&gt; &#39;c&#39; &#x27;d&#x27; &#8212; &eacute; &amp;lt; &amp end</body></html>",
         "text/html", 400, "a <b> 'c' 'd' — &eacute; &lt; &amp end"),
        // Scripts and styles are not prose.
        ("<html><head><style>h1{color:red}</style></head><body><script>var x = 1;</script>Only this.</body></html>",
         "text/html", 500, "Only this."),
    ]

    @Test("inline bodies", arguments: inline)
    func inlineBody(body: String, contentType: String?, status: Int, expected: String) {
        #expect(ErrorBody.message(from: Data(body.utf8), contentType: contentType, status: status) == expected)
    }

    @Test("an empty body gives an empty message", arguments: [nil, "text/html", "application/json", "text/plain"])
    func emptyBody(contentType: String?) {
        #expect(ErrorBody.message(from: Data(), contentType: contentType, status: 500) == "")
    }

    @Test("a very long body is clipped to maxLength with an ellipsis",
          arguments: [("text/plain", String(repeating: "x", count: 5000)),
                      ("text/html", "<html><body><h1>500</h1>" + String(repeating: "x", count: 5000) + "</body></html>"),
                      ("application/json", "{\"message\": \"" + String(repeating: "x", count: 5000) + "\"}")])
    func clipped(contentType: String, body: String) {
        let message = ErrorBody.message(from: Data(body.utf8), contentType: contentType, status: 500)
        #expect(message.count == ErrorBody.maxLength)
        #expect(message == String(repeating: "x", count: ErrorBody.maxLength - 1) + "…")
    }

    @Test("a body of exactly maxLength characters is not clipped")
    func exactlyMaxLength() {
        let body = String(repeating: "y", count: ErrorBody.maxLength)
        #expect(ErrorBody.message(from: Data(body.utf8), contentType: "text/plain", status: 500) == body)
    }

    @Test("clipping counts characters, not bytes: CJK text is not cut mid-character")
    func clipCJK() {
        let body = String(repeating: "画像", count: 1000)
        let message = ErrorBody.message(from: Data(body.utf8), contentType: "text/plain", status: 500)
        #expect(message.count == ErrorBody.maxLength)
        #expect(!message.contains("\u{FFFD}"))
        #expect(message.hasPrefix("画像画像"))
    }
}
