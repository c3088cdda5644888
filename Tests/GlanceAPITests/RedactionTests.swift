import Foundation
import Testing
@testable import GlanceAPI

@Suite("Secret and Redactor")
struct RedactionTests {
    @Test("a Secret is masked in every textual form")
    func secretMasked() {
        let secret = Secret("hunter2-password")
        #expect(secret.description == "***")
        #expect(secret.debugDescription == "Secret(***)")
        #expect("\(secret)" == "***")
        #expect(String(describing: secret) == "***")
        #expect(String(reflecting: secret) == "Secret(***)")
        #expect(String(describing: [secret]) == "[Secret(***)]")
        #expect(String(describing: Optional(secret)) == "Optional(Secret(***))")
        #expect(secret.reveal() == "hunter2-password")
        #expect(!secret.isEmpty)
        #expect(Secret("").isEmpty)
    }

    @Test("values holding a Secret do not reveal it when printed")
    func containersMasked() {
        let password = "hunter2-password"
        let method = AuthMethod.password(user: .name("demo", domain: .name("Default")), password: Secret(password),
                                         scope: .project(.name("demo", domain: nil)))
        let profile = CloudProfile(name: "devcloud", authURL: "http://k:5000", auth: method)
        for text in [String(describing: method), String(reflecting: method),
                     String(describing: profile), String(reflecting: profile), "\(profile)"] {
            #expect(!text.contains(password), "\(text)")
        }
    }

    @Test("dump() of a Secret does not reveal it")
    func dumpMasked() {
        let password = "hunter2-password"
        var dumped = ""
        dump(CloudProfile(name: "c", authURL: "http://k", auth: .token(Secret(password), scope: .unscoped)), to: &dumped)
        #expect(!dumped.contains(password), "\(dumped)")
        #expect(Mirror(reflecting: Secret(password)).children.allSatisfy { !"\($0.value)".contains(password) })
    }

    @Test("scrub replaces every occurrence of every secret",
          arguments: [
              ("password is hunter2-password", "password is ***"),
              ("hunter2-password and again hunter2-password", "*** and again ***"),
              ("token gAAAAB-token-value in a header", "token *** in a header"),
              ("nothing secret here", "nothing secret here"),
              ("", ""),
              ("{\"password\": \"hunter2-password\"}", "{\"password\": \"***\"}"),
          ])
    func scrub(input: String, expected: String) {
        let redactor = Redactor(secrets: ["hunter2-password", "gAAAAB-token-value"])
        #expect(redactor.scrub(input) == expected)
    }

    @Test("longer secrets are replaced before their own prefixes")
    func longestFirst() {
        let redactor = Redactor(secrets: ["abcd", "abcdefgh"])
        #expect(redactor.scrub("x abcdefgh y abcd z") == "x *** y *** z")
        var added = Redactor()
        added.add(Secret("abcd"))
        added.add(Secret("abcdefgh"))
        #expect(added.scrub("x abcdefgh y") == "x *** y")
    }

    @Test("secrets shorter than 4 characters are ignored", arguments: ["", "a", "ab", "pw1"])
    func shortIgnored(secret: String) {
        let text = "a pw1 ab in the text"
        #expect(Redactor(secrets: [secret]).scrub(text) == text)
        var r = Redactor()
        r.add(Secret(secret))
        #expect(r.scrub(text) == text)
    }

    @Test("a secret of exactly 4 characters is masked")
    func fourCharacters() {
        var r = Redactor()
        r.add(Secret("pw12"))
        #expect(r.scrub("with pw12.") == "with ***.")
    }

    @Test("adding the same secret twice is harmless")
    func duplicates() {
        var r = Redactor(secrets: ["sekrit-1"])
        r.add(Secret("sekrit-1"))
        r.add(Secret("sekrit-1"))
        #expect(r.scrub("sekrit-1") == "***")
    }

    @Test("secret headers are masked whatever their case and value",
          arguments: ["X-Auth-Token", "x-auth-token", "X-Subject-Token", "Authorization", "AUTHORIZATION", "X-Service-Token"])
    func secretHeader(name: String) {
        let r = Redactor()
        #expect(r.headerValue(name: name, value: "anything at all") == Redactor.mask)
        #expect(r.headerValue(name: name, value: "") == Redactor.mask)
    }

    @Test("other headers are shown, with known secrets scrubbed")
    func otherHeaders() {
        let r = Redactor(secrets: ["hunter2-password"])
        #expect(r.headerValue(name: "Content-Type", value: "application/json") == "application/json")
        #expect(r.headerValue(name: "X-Debug", value: "pw=hunter2-password") == "pw=***")
    }
}

@Suite("APIError.userMessage")
struct APIErrorTests {
    static let url = "https://glance.example.com:9292/v2/images?limit=20"

    static let httpCases: [(Int, String, String)] = [
        (400, "Invalid sort key: x.", "400 Bad Request: Invalid sort key: x."),
        (401, "The request you have made requires authentication.",
         "401 Unauthorized: The request you have made requires authentication. (check the user name, password or credential for this cloud)"),
        (403, "Policy forbids it.", "403 Forbidden: Policy forbids it. (the policy of this cloud does not allow it for your role)"),
        (404, "No image found with ID x", "404 Not Found: No image found with ID x (it may have been deleted meanwhile; press r to reload)"),
        (409, "Image ID x already exists!", "409 Conflict: Image ID x already exists! (it conflicts with the image's current state; press r to reload)"),
        (413, "Quota exceeded.", "413 Request Entity Too Large: Quota exceeded. (over a quota or size limit)"),
        (415, "Image disk_format qcow2 does not match stream data raw",
         "415 Unsupported Media Type: Image disk_format qcow2 does not match stream data raw (the data or media type was refused)"),
        (500, "Boom.", "500 Internal Server Error: Boom."),
        (502, "nginx", "502 Bad Gateway: nginx"),
        (503, "", "503 Service Unavailable (the service is unavailable; try again shortly)"),
        (504, "Gateway Timeout", "504 Gateway Timeout: Gateway Timeout"),
        (418, "I'm a teapot", "418 HTTP error: I'm a teapot"),
        (404, "", "404 Not Found (it may have been deleted meanwhile; press r to reload)"),
    ]

    @Test("http errors show the status, its reason, the server's sentence and a hint", arguments: httpCases)
    func http(status: Int, message: String, expected: String) {
        let error = APIError.http(status: status, message: message, url: Self.url)
        #expect(error.userMessage == expected)
        #expect(error.userMessage.contains(String(status)))
        if !message.isEmpty { #expect(error.userMessage.contains(message)) }
        #expect(error.status == status)
    }

    static let otherCases: [(APIError, String)] = [
        (.transport(.cannotResolveHost("glance.example.com"), url: url),
         "Cannot resolve host glance.example.com (https://glance.example.com:9292/v2/images?limit=20)"),
        (.transport(.cannotConnect("Connection refused"), url: url),
         "Cannot connect to https://glance.example.com:9292: Connection refused"),
        (.transport(.timedOut("after 30 s"), url: url), "Timed out talking to https://glance.example.com:9292: after 30 s"),
        (.transport(.tls("certificate verify failed"), url: url),
         "TLS failure with https://glance.example.com:9292: certificate verify failed (use --os-cacert, or --insecure to skip verification)"),
        (.transport(.cancelled, url: url), "Request cancelled"),
        (.transport(.other("SSL_ERROR_SYSCALL"), url: url), "Request to https://glance.example.com:9292 failed: SSL_ERROR_SYSCALL"),
        (.transport(.cannotConnect("refused"), url: "not a url"), "Cannot connect to not a url: refused"),
        (.malformedResponse("the image list is not JSON", url: url),
         "Malformed response from https://glance.example.com:9292: the image list is not JSON"),
        (.malformedResponse("x", url: "http://h?a=b"), "Malformed response from http://h: x"),
        (.serviceNotFound("The catalog has no 'image' service (it is empty)"), "The catalog has no 'image' service (it is empty)"),
        (.configuration("Not signed in"), "Not signed in"),
    ]

    @Test("other errors", arguments: otherCases)
    func other(error: APIError, expected: String) {
        #expect(error.userMessage == expected)
        #expect(error.status == nil)
    }

    @Test("transport and malformed messages never carry the query string (where markers and filters live)")
    func hostOnly() {
        let url = "https://h:9292/v2/images?name=secret-project-plan&marker=abc"
        for error in [APIError.transport(.cannotConnect("refused"), url: url), .transport(.timedOut("t"), url: url),
                      .transport(.tls("t"), url: url), .transport(.other("o"), url: url), .malformedResponse("m", url: url)] {
            #expect(!error.userMessage.contains("secret-project-plan"), "\(error.userMessage)")
            #expect(error.userMessage.contains("https://h:9292"))
        }
    }
}
