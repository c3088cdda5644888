import GlanceAPI
@testable import GlanceCore
import Testing

/// Properties a vendor profile describes are listed under the profile's heading.
@Suite struct DetailLayoutGroupsTests {
    let image = Image(id: "i", name: "stx", status: "active", fields: [
        "id": .string("i"), "name": .string("stx"), "status": .string("active"),
        "hw_disk_bus": .string("virtio"), "cache_raw": .string("True"), "cache_raw_status": .string("Cached"),
        "store": .string("rbd"),
    ])

    func sections(_ rows: [DetailLayout.Row]) -> [String] {
        rows.compactMap { if case .section(let s) = $0 { s } else { nil } }
    }

    func keys(after heading: String, in rows: [DetailLayout.Row]) -> [String] {
        guard let start = rows.firstIndex(of: .section(heading)) else { return [] }
        var keys: [String] = []
        for row in rows[(start + 1)...] {
            if case .field(let key, _, _) = row, !key.isEmpty { keys.append(key) } else if row != .blank { continue } else { break }
        }
        return keys
    }

    @Test func groupedPropertiesGetTheirOwnHeadingAfterTheOthers() {
        let groups = ["cache_raw": "StarlingX", "cache_raw_status": "StarlingX", "store": "StarlingX"]
        let rows = DetailLayout.rows(for: image, width: 80, groups: groups)
        #expect(sections(rows) == ["Image", "Properties (1)", "StarlingX (3)"])
        #expect(keys(after: "Properties (1)", in: rows) == ["hw_disk_bus"])
        #expect(keys(after: "StarlingX (3)", in: rows) == ["cache_raw", "cache_raw_status", "store"])
    }

    @Test func withoutGroupsEveryPropertyIsAProperty() {
        let rows = DetailLayout.rows(for: image, width: 80)
        #expect(sections(rows) == ["Image", "Properties (4)"])
    }

    @Test func theStateTakesTheGroupsFromTheRules() {
        var state = AppState(cloudName: "c", size: .init(width: 80, height: 24))
        var rule = PropertyRule(key: "cache_raw", kind: .boolean, source: "profile starlingx")
        rule.group = "StarlingX"
        state.rules = ["cache_raw": rule, "hw_disk_bus": PropertyRule(key: "hw_disk_bus", source: "schema")]
        #expect(state.propertyGroups == ["cache_raw": "StarlingX"])
    }
}
