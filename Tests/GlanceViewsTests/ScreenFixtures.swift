import Foundation
import GlanceAPI
@testable import GlanceCore
import TerminalKit

/// Images like the ones the local cloud is seeded with, at fixed times so goldens are stable.
enum ScreenFixtures {
    static let now = ISOTime.parse("2026-11-22T12:00:00Z")!
    static let session = SessionInfo(cloud: "devcloud-demo", region: "RegionOne", projectName: "demo",
                                     projectID: "8d3a0c6f9e2b4b1c9a77c1d0e5f4a3b2", userName: "demo", imageEndpoint: "http://127.0.0.1:9292")

    static func image(_ id: String, _ name: String?, status: String = "active", visibility: String = "private",
                      disk: String? = "qcow2", container: String? = "bare", size: Int64? = 13_287_936,
                      updated: String = "2026-11-22T09:30:00Z", extra: [String: JSONValue] = [:]) -> Image {
        var fields: [String: JSONValue] = [
            "id": .string(id), "status": .string(status), "visibility": .string(visibility),
            "updated_at": .string(updated), "created_at": .string("2026-11-20T08:00:00Z"),
            "owner": .string("8d3a0c6f9e2b4b1c9a77c1d0e5f4a3b2"), "protected": .bool(false), "os_hidden": .bool(false),
            "min_disk": .number(0), "min_ram": .number(0), "tags": .array([]),
        ]
        if let name { fields["name"] = .string(name) }
        if let disk { fields["disk_format"] = .string(disk) }
        if let container { fields["container_format"] = .string(container) }
        if let size { fields["size"] = .number(Double(size)) } else { fields["size"] = .null }
        for (k, v) in extra { fields[k] = v }
        return Image(id: id, name: name, status: ImageStatus(raw: status), fields: fields)
    }

    static let catalog: [Image] = [
        image("0b8e1f52-9c4d-4e0a-8f7b-1a2b3c4d5e6f", "cirros-0.6.2-x86_64-disk", size: 21_430_272),
        image("1c9f2a63-ad5e-4f1b-9a8c-2b3c4d5e6f70", "测试镜像 Ubuntu 22.04 云镜像", visibility: "shared", size: 658_505_728,
              updated: "2026-11-21T12:00:00Z"),
        image("2da03b74-be6f-402c-ab9d-3c4d5e6f7081",
              "a-very-long-image-name-that-goes-on-and-on-for-far-longer-than-any-column-could-ever-hold-" +
              String(repeating: "x", count: 150), status: "queued", disk: nil, container: nil, size: nil),
        image("3eb14c85-cf70-413d-bcae-4d5e6f708192", "evil\u{1b}[2J\u{1b}]0;pwned\u{07}name", disk: "raw", size: 1024),
        image("4fc25d96-d081-424e-8dbf-5e6f708192a3", nil, status: "killed", disk: "vmdk", size: nil),
        image("50d36ea7-e192-435f-9ec0-6f708192a3b4", "fedora-coreos", status: "saving", visibility: "public",
              size: 1_288_490_188, updated: "2026-09-01T00:00:00Z"),
        image("61e47fb8-f2a3-4460-afd1-708192a3b4c5", "starlingx-controller", visibility: "community", disk: "iso",
              size: 4_617_089_843, updated: "2025-01-01T00:00:00Z",
              extra: ["cache_raw": .string("True"), "sw_wrs_auto_recovery": .string("True"),
                      "hw_wrs_live_migration_timeout": .string("400"), "hw_wrs_live_migration_max_downtime": .string("500"),
                      "description": .string("Controller image for the lab; boots with serial console and a very long description that wraps over several lines of the detail pane.")]),
        // Another project's image, shared with ours: marked with its owner.
        image("72f58ac9-03b4-4571-b0e2-8192a3b4c5d6", "alt-shared-toolbox", visibility: "shared", disk: "raw", size: 6144,
              extra: ["owner": .string("4c1f0e2d9b8a47c6a5e3d2c1b0a99887")]),
    ]

    static func state(size: TerminalSize, images: [Image] = catalog, cursor: Int = 0) -> AppState {
        var state = AppState(cloudName: "devcloud-demo", size: size)
        _ = Update.update(&state, .started)
        _ = Update.update(&state, .signedIn(session))
        _ = Update.update(&state, .imagesPageLoaded(RequestID(1), ImagePage(images: images, next: nil)))
        _ = Update.update(&state, .spinnerTicked)
        state.catalog.cursor.move(to: cursor, count: images.count, height: ScreenLayout.listRows(size))
        return state
    }
}
