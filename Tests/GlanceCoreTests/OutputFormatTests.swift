import Foundation
import GlanceAPI
@testable import GlanceCore
import Testing

/// `glance-tui list` and `show` print what `openstack image list` and `show` print: the same
/// column names and JSON keys, in each of the formats cliff offers.
@Suite struct OutputFormatTests {
    static let image = Image(id: "1111", name: "cirros : 0.6", status: .active, fields: [
        "size": .number(196_616), "protected": .bool(false), "tags": .array([.string("a"), .string("b")]),
        "visibility": .string("public"), "os_distro": .string("cirros"), "min_disk": .number(0), "self": .string("/v2/images/1111"),
    ])

    static func rows(_ headers: [String]) -> [[JSONValue]] { [headers.map { ImageOutput.value($0, of: image) }] }

    @Test func aListingInEveryFormat() {
        let h = ImageOutput.listColumns
        #expect(OutputFormat.json.list(h, Self.rows(h)) == """
            [
              {
                "ID": "1111",
                "Name": "cirros : 0.6",
                "Status": "active"
              }
            ]

            """)
        #expect(OutputFormat.table.list(h, Self.rows(h)) == """
            +------+--------------+--------+
            | ID   | Name         | Status |
            +------+--------------+--------+
            | 1111 | cirros : 0.6 | active |
            +------+--------------+--------+

            """)
        #expect(OutputFormat.csv.list(["ID", "Size", "Tags"], Self.rows(["ID", "Size", "Tags"])) == "\"ID\",\"Size\",\"Tags\"\n\"1111\",196616,\"['a', 'b']\"\n")
        #expect(OutputFormat.value.list(["ID", "Status"], Self.rows(["ID", "Status"])) == "1111 active\n")
        #expect(OutputFormat.yaml.list(["ID", "Protected", "Tags"], Self.rows(["ID", "Protected", "Tags"])) == """
            - ID: '1111'
              Protected: false
              Tags:
              - a
              - b

            """)
    }

    @Test func showPutsEveryOtherFieldUnderPropertiesAsOpenstackDoes() {
        let shown = ImageOutput.show(Self.image)
        #expect(shown.map(\.key) == ["id", "min_disk", "name", "properties", "protected", "size", "status", "tags", "visibility"])
        #expect(shown.first { $0.key == "properties" }?.value == .object(["os_distro": .string("cirros")]), "self is left out, as openstack does")
        #expect(OutputFormat.value.one([("id", .string("1111")), ("size", .number(196_616))]) == "1111\n196616\n")
        #expect(OutputFormat.table.one([("id", .string("1111"))]).contains("| Field | Value |"))
    }
}
