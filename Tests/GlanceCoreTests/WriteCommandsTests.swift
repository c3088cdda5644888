import GlanceAPI
@testable import GlanceCore
import Testing

/// The write verbs of the command line, and their mistakes explained before anything is sent.
@Suite struct WriteCommandsTests {
    @Test(arguments: [
        ("tag", "+release -old beta", ImageWrite.tags(add: ["release", "beta"], remove: ["old"])),
        ("set", #"os_distro=ubuntu note="two words""#, .properties(set: ["os_distro": "ubuntu", "note": "two words"], unset: [])),
        ("unset", "a b", .properties(set: [:], unset: ["a", "b"])),
        ("hide", "", .hidden(true)), ("unhide", "", .hidden(false)),
        ("protect", "", .protected(true)), ("unprotect", "", .protected(false)),
        ("deactivate", "", .active(false)), ("reactivate", "", .active(true)),
        ("visibility", "Shared", .visibility("shared")),
        ("share", "alt", .share(project: "alt")), ("unshare", "alt", .unshare(project: "alt")),
        ("accept", "", .answer(.accepted)), ("reject", "", .answer(.rejected)),
        ("delete", "", .delete),
    ] as [(String, String, ImageWrite)])
    func eachVerbParses(verb: String, arguments: String, write: ImageWrite) throws {
        #expect(try WriteCommands.parse(verb: verb, arguments: arguments) == write)
    }

    @Test(arguments: [
        ("tag", "", ":tag takes +TAG to add and -TAG to remove"),
        ("tag", "+a -a", "Tag a is both added and removed"),
        ("set", "novalue", #"novalue is not key=value (quote a value with spaces: k="a b")"#),
        ("set", "name=x", "name is a core field: use its own command (:visibility, :protect, :hide…) or e to edit it"),
        ("unset", "os_glance_importing_to_stores", "os_glance_importing_to_stores is reserved for Glance"),
        ("hide", "now", ":hide takes no arguments"),
        ("visibility", "everyone", "everyone is not a visibility: private, shared, community or public"),
        ("share", "", ":share takes one project (name or id)"),
    ])
    func mistakesAreExplained(verb: String, arguments: String, message: String) {
        #expect(throws: CommandError(message)) { try WriteCommands.parse(verb: verb, arguments: arguments) }
    }

    @Test func aWriteVerbIsNeverGuessedFromAPrefix() throws {
        #expect(try WriteCommands.parse(verb: "de", arguments: "") == nil)
        #expect(try WriteCommands.parse(verb: "del", arguments: "") == nil)
    }
}
