@testable import GlanceCore
import Testing

/// Tab on the command line: what is inserted (the candidates' common part beyond what is typed)
/// and which candidates are listed.
@Suite struct CommandCompletionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var typed: String
        var views: [String]
        var insert: String?
        var candidates: [String]
        var testDescription: String { "\"\(typed)\"" + (views.isEmpty ? "" : " views \(views)") }
        init(_ typed: String, views: [String] = [], _ insert: String?, _ candidates: [String]) {
            self.typed = typed
            self.views = views
            self.insert = insert
            self.candidates = candidates
        }
    }

    static let commands = ["filter ", "sort ", "hidden ", "columns ", "view ", "shared ", "quit ", "mark ", "batches ", "log ",
                           "undo ", "download ", "copy ", "lineage ", "retire ", "lint ", "used-by ", "stores ", "usage ", "tasks ", "cache ", "export ", "yank ", "cloud ", "region ", "project ", "transfers ", "resume ", "dismiss ", "tag ", "set ", "unset ", "hide ", "unhide ", "protect ", "unprotect ",
                           "deactivate ", "reactivate ", "visibility ", "share ", "unshare ", "accept ", "reject ", "delete ", "delete-from "]
    static let filterKeys = ["name=", "status=", "visibility=", "member_status=", "owner=", "tag=", "size_min=", "size_max=",
                             "created_at=", "updated_at=", "hidden=", "protected=", "id=", "disk_format=", "container_format=", "changes-since=",
                             "prop."]
    static let statuses = ["queued ", "saving ", "uploading ", "importing ", "active ", "deactivated ", "killed ", "deleted ",
                           "pending_delete "]
    static let sortKeys = ["name:", "status:", "container_format:", "disk_format:", "size:", "id:", "created_at:", "updated_at:"]
    static let columns = ["name", "status", "visibility", "format", "size", "updated", "created", "owner", "tags", "id", "lint", "used"]
    static let views = ["prod", "private", "staging"]

    static let cases: [Case] = [
        // Command names
        Case("", nil, commands),
        Case("f", "ilter ", ["filter "]),
        Case("fil", "ter ", ["filter "]),
        Case("filter", " ", ["filter "]),
        Case("q", "uit ", ["quit "]),
        // Write verbs complete by name, and their arguments where they are a choice.
        Case("de", nil, ["deactivate ", "delete ", "delete-from "]),
        Case("visibility c", "ommunity", ["community"]),
        Case("mark i", "nvert", ["invert"]),
        Case("vis", "ibility ", ["visibility "]),
        Case("x", nil, []),
        Case("filterx", nil, []),
        // Filter keys
        Case("filter ", nil, filterKeys),
        Case("f ", nil, filterKeys),
        Case("filter s", nil, ["status=", "size_min=", "size_max="]),
        Case("filter si", "ze_m", ["size_min=", "size_max="]),
        Case("filter size_ma", "x=", ["size_max="]),
        Case("filter st", "atus=", ["status="]),
        Case("filter p", "ro", ["protected=", "prop."]),
        Case("filter pro", nil, ["protected=", "prop."]),
        Case("filter prop", ".", ["prop."]),
        Case("filter c", nil, ["created_at=", "container_format=", "changes-since="]),
        Case("filter cr", "eated_at=", ["created_at="]),
        Case("filter m", "ember_status=", ["member_status="]),
        Case("filter zz", nil, []),
        Case("fil status=active v", "isibility=", ["visibility="]),
        Case("filter name=\"a b\" st", "atus=", ["status="]),
        Case("filter  ", nil, filterKeys),
        // Filter values
        Case("filter status=", nil, statuses),
        Case("filter status=a", "ctive ", ["active "]),
        Case("filter status=d", "e", ["deactivated ", "deleted "]),
        Case("filter status=p", "ending_delete ", ["pending_delete "]),
        Case("filter status=active", " ", ["active "]),
        Case("filter status=zzz", nil, []),
        Case("filter visibility=", nil, ["public ", "private ", "shared ", "community ", "all "]),
        Case("filter visibility=p", nil, ["public ", "private "]),
        Case("filter visibility=pr", "ivate ", ["private "]),
        Case("filter member_status=", nil, ["accepted ", "pending ", "rejected ", "all "]),
        Case("filter member_status=r", "ejected ", ["rejected "]),
        Case("filter hidden=", nil, ["true ", "false "]),
        Case("filter protected=t", "rue ", ["true "]),
        Case("filter created_at=", nil, ["gt:", "gte:", "lt:", "lte:", "eq:", "neq:"]),
        Case("filter created_at=g", "t", ["gt:", "gte:"]),
        Case("filter created_at=gte", ":", ["gte:"]),
        Case("filter updated_at=n", "eq:", ["neq:"]),
        Case("filter id=", "in:", ["in:"]),
        Case("filter name=", nil, []),
        Case("filter owner=a", nil, []),
        Case("filter prop.os_distro=", nil, []),
        Case("filter tag=", nil, []),
        // Sort keys and directions
        Case("sort ", nil, sortKeys),
        Case("s ", nil, sortKeys),
        Case("sort n", "ame:", ["name:"]),
        Case("sort s", nil, ["status:", "size:"]),
        Case("sort c", nil, ["container_format:", "created_at:"]),
        Case("sort d", "isk_format:", ["disk_format:"]),
        Case("sort u", "pdated_at:", ["updated_at:"]),
        Case("sort owner", nil, []),
        Case("sort name:", nil, ["asc", "desc"]),
        Case("sort name:d", "esc", ["desc"]),
        Case("sort name:desc", nil, ["desc"]),
        Case("sort name:x", nil, []),
        Case("sort name:desc,", nil, sortKeys),
        Case("sort name:desc,si", "ze:", ["size:"]),
        Case("sort name:desc,size:a", "sc", ["asc"]),
        Case("sort name:desc size:a", "sc", ["asc"]),
        // Columns
        Case("columns ", nil, columns),
        Case("columns name,", nil, columns),
        Case("columns name,s", nil, ["status", "size"]),
        Case("columns name,st", "atus", ["status"]),
        Case("c name,i", "d", ["id"]),
        Case("columns name,u", nil, ["updated", "used"]),
        Case("columns name,up", "dated", ["updated"]),
        Case("columns o", "wner", ["owner"]),
        Case("columns name size,t", "ags", ["tags"]),
        Case("columns zz", nil, []),
        // Views
        Case("view ", views: views, nil, views),
        Case("view pr", views: views, nil, ["prod", "private"]),
        Case("view pri", views: views, "vate", ["private"]),
        Case("v s", views: views, "taging", ["staging"]),
        Case("view x", views: views, nil, []),
        Case("view ", nil, []),
        Case("view ", views: ["big-qcow2", "big-raw"], "big-", ["big-qcow2", "big-raw"]),
        // Commands without arguments to complete
        Case("quit ", nil, []),
        Case("hidden ", nil, []),
        Case("bogus ", nil, []),
    ]

    @Test(arguments: cases)
    func completes(_ c: Case) {
        let result = CommandCompletion.complete(c.typed, views: c.views)
        #expect(result.insert == c.insert)
        #expect(result.candidates == c.candidates)
    }

    /// Within one word, inserting what Tab offers and pressing Tab again inserts nothing more
    /// and lists the same candidates: completion converges.
    @Test(arguments: ["filter si", "filter status=d", "filter created_at=g", "sort name:d", "columns name,o", "view st", "view pr"])
    func insertingConverges(_ typed: String) {
        let first = CommandCompletion.complete(typed, views: Self.views)
        let second = CommandCompletion.complete(typed + (first.insert ?? ""), views: Self.views)
        #expect(second.insert == nil)
        #expect(second.candidates == first.candidates)
    }

    @Test(arguments: [
        ("", ["a", "b"], nil as String?),
        ("", ["abc", "abd"], "ab"),
        ("a", ["abc", "abd", "x"], "b"),
        ("ab", ["abc", "abd"], nil),
        ("", ["画像a", "画像b"], "画像"),
        ("", [], nil),
        ("", ["same", "same"], "same"),
    ] as [(String, [String], String?)])
    func finish(_ typed: String, _ options: [String], _ insert: String?) {
        let result = CommandCompletion.finish(typed, options)
        #expect(result.insert == insert)
        #expect(result.candidates == options.filter { $0.hasPrefix(typed) })
    }
}
