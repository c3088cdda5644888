import GlanceAPI
@testable import GlanceCore
import Testing

/// The words and figures of a transfer, and the file name a download suggests.
@Suite struct TransferTextTests {
    @Test func rate() {
        #expect(TransferText.rate(0) == "0 B/s")
        #expect(TransferText.rate(512) == "512 B/s")
        #expect(TransferText.rate(1536) == "1.5 KiB/s")
        #expect(TransferText.rate(2_621_440) == "2.5 MiB/s")
        #expect(TransferText.rate(nil) == "")
        #expect(TransferText.rate(.infinity) == "")
        #expect(TransferText.rate(.nan) == "")
        #expect(TransferText.rate(-1) == "")
    }

    @Test(arguments: [
        (0.0, "0s"), (42, "42s"), (42.4, "42s"), (59.4, "59s"), (59.6, "1m00s"), (60, "1m00s"), (185, "3m05s"),
        (3599, "59m59s"), (3600, "1h00m"), (3720, "1h02m"), (3725, "1h02m"), (359_999, "99h59m"),
    ] as [(Double, String)])
    func duration(seconds: Double, text: String) {
        #expect(TransferText.duration(seconds) == text)
    }

    @Test func durationIsEmptyWhenUnknownOrAbsurd() {
        for value: Double? in [nil, .infinity, -.infinity, .nan, -1, 360_000, 1e12] {
            #expect(TransferText.duration(value) == "", "\(String(describing: value))")
        }
    }

    @Test func percentRoundsDownSoOnlyDoneIs100() {
        #expect(TransferText.percent(nil) == "")
        #expect(TransferText.percent(0) == "0%")
        #expect(TransferText.percent(0.456) == "45%")
        #expect(TransferText.percent(0.999) == "99%")
        #expect(TransferText.percent(1) == "100%")
    }

    @Test func amount() {
        #expect(TransferText.amount(TransferProgress(phase: .transferring, bytesDone: 5_242_880)) == "5.0 MiB")
        #expect(TransferText.amount(TransferProgress(phase: .transferring, bytesDone: 5_242_880, totalBytes: 21_430_272))
            == "5.0 MiB / 20.4 MiB")
        #expect(TransferText.amount(TransferProgress(phase: .preparing)) == "0 B")
        #expect(TransferText.amount(TransferProgress(phase: .transferring, bytesDone: 1_288_490_188, totalBytes: 4_617_089_843))
            == "1.2 GiB / 4.3 GiB")
    }

    @Test func barFillsInEighths() {
        #expect(TransferText.bar(0, width: 4) == "    ")
        #expect(TransferText.bar(0.5, width: 4) == "██  ")
        #expect(TransferText.bar(1, width: 4) == "████")
        #expect(TransferText.bar(1.0 / 32, width: 4) == "▏   ")
        #expect(TransferText.bar(2.0 / 32, width: 4) == "▎   ")
        #expect(TransferText.bar(3.0 / 32, width: 4) == "▍   ")
        #expect(TransferText.bar(4.0 / 32, width: 4) == "▌   ")
        #expect(TransferText.bar(5.0 / 32, width: 4) == "▋   ")
        #expect(TransferText.bar(6.0 / 32, width: 4) == "▊   ")
        #expect(TransferText.bar(7.0 / 32, width: 4) == "▉   ")
        #expect(TransferText.bar(9.0 / 32, width: 4) == "█▏  ")
        #expect(TransferText.bar(31.9 / 32, width: 4) == "███▉")
        #expect(TransferText.bar(1.5, width: 3) == "███", "clamped")
        #expect(TransferText.bar(-0.5, width: 3) == "   ", "clamped")
    }

    @Test func barOfAnUnknownFractionIsShaded() {
        #expect(TransferText.bar(nil, width: 5) == "░░░░░")
        #expect(TransferText.bar(nil, width: 5, unicode: false) == "-----")
    }

    @Test func asciiBarUsesWholeCellsOnly() {
        #expect(TransferText.bar(0, width: 4, unicode: false) == "----")
        #expect(TransferText.bar(0.5, width: 4, unicode: false) == "##--")
        #expect(TransferText.bar(0.99, width: 4, unicode: false) == "###-")
        #expect(TransferText.bar(1, width: 4, unicode: false) == "####")
    }

    @Test func aBarOfNoWidthIsEmpty() {
        #expect(TransferText.bar(0.5, width: 0) == "")
        #expect(TransferText.bar(nil, width: 0) == "")
        #expect(TransferText.bar(0.5, width: -3) == "")
    }

    @Test func aBarIsAlwaysExactlyItsWidth() {
        for width in 1...12 {
            for step in 0...100 {
                let f = Double(step) / 100
                #expect(TransferText.bar(f, width: width).count == width, "width \(width) fraction \(f)")
                #expect(TransferText.bar(f, width: width, unicode: false).count == width, "width \(width) fraction \(f)")
            }
        }
    }

    @Test func phaseWords() {
        #expect(TransferText.phase(.preparing) == "starting")
        #expect(TransferText.phase(.checkingPart) == "checking the partial file")
        #expect(TransferText.phase(.transferring) == "transferring")
        #expect(TransferText.phase(.retrying(attempt: 2, reason: "connection reset by peer", resumeAt: 314_572_800))
            == "retry 2 from 300 MiB: connection reset by peer")
        #expect(TransferText.phase(.importing(stores: [])) == "importing")
        #expect(TransferText.phase(.importing(stores: ["fast", "cheap"])) == "importing into fast, cheap")
        #expect(TransferText.phase(.verifying) == "verifying")
    }

    @Test func verificationWords() {
        #expect(TransferText.verification(.verified(["md5", "sha512"])) == "verified md5+sha512")
        #expect(TransferText.verification(.verified(["sha512"])) == "verified sha512")
        #expect(TransferText.verification(.mismatch(algorithm: "sha512", expected: "ab", actual: "cd")) == "sha512 MISMATCH")
        #expect(TransferText.verification(.truncated(expected: 2048, received: 1024)) == "truncated 1.0 KiB of 2.0 KiB")
        #expect(TransferText.verification(.notChecked("the image has no checksum")) == "not verified (the image has no checksum)")
    }
}

@Suite struct DownloadNameTests {
    static func image(_ name: String?, disk: String? = "qcow2", id: String = "0b8e1f52-9c4d-4e0a-8f7b-1a2b3c4d5e6f") -> Image {
        var fields: [String: JSONValue] = [:]
        if let disk { fields["disk_format"] = .string(disk) }
        return Image(id: id, name: name, status: "active", fields: fields)
    }

    func suggested(_ name: String?, disk: String? = "qcow2") -> String {
        DownloadName.suggested(for: Self.image(name, disk: disk))
    }

    @Test func theNameWithTheDiskFormatAsExtension() {
        #expect(suggested("cirros-0.6.2-x86_64-disk") == "cirros-0.6.2-x86_64-disk.qcow2")
        #expect(suggested("starlingx", disk: "iso") == "starlingx.iso")
        #expect(suggested("no-format", disk: nil) == "no-format")
        #expect(suggested("empty-format", disk: "") == "empty-format")
    }

    @Test func theExtensionIsAddedOnce() {
        #expect(suggested("cirros.qcow2") == "cirros.qcow2")
        #expect(suggested("CIRROS.QCOW2") == "CIRROS.QCOW2", "case does not matter")
        #expect(suggested("cirros.img") == "cirros.img.qcow2", "another extension is not the format")
        #expect(suggested("cirrosqcow2") == "cirrosqcow2.qcow2", "only a dot makes an extension")
    }

    @Test func slashesAndBackslashesCannotLeaveTheDirectory() {
        #expect(suggested("a/b\\c") == "a_b_c.qcow2")
        #expect(suggested("../../etc/passwd", disk: "raw") == "_.._etc_passwd.raw")
        #expect(suggested("/") == "_.qcow2")
    }

    @Test func controlCharactersAreReplaced() {
        #expect(suggested("evil\u{1B}[2Jname", disk: "raw") == "evil_[2Jname.raw")
        #expect(suggested("tab\there\nnew") == "tab_here_new.qcow2")
        #expect(suggested("del\u{7F}c1\u{85}\u{9B}x") == "del_c1__x.qcow2")
        #expect(suggested("bell\u{07}") == "bell_.qcow2")
    }

    @Test func bidiOverridesAndIsolatesAreReplaced() {
        // "abc<RLO>gpj.exe" would show as "abcexe.jpg".
        #expect(suggested("abc\u{202E}gpj.exe") == "abc_gpj.exe.qcow2")
        for scalar: UInt32 in [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069] {
            let name = "x" + String(Character(Unicode.Scalar(scalar)!)) + "y"
            #expect(suggested(name) == "x_y.qcow2", "U+\(String(scalar, radix: 16, uppercase: true))")
        }
    }

    @Test func otherUnicodeIsKept() {
        #expect(suggested("测试镜像 Ubuntu 22.04 云镜像") == "测试镜像 Ubuntu 22.04 云镜像.qcow2")
        #expect(suggested("café-é") == "café-é.qcow2")
    }

    @Test func leadingDotsAndSurroundingSpacesAreDropped() {
        #expect(suggested(".hidden") == "hidden.qcow2")
        #expect(suggested("...hidden") == "hidden.qcow2")
        #expect(suggested("  .x  ") == "x.qcow2")
        #expect(suggested("a.b.") == "a.b..qcow2", "only leading dots go")
    }

    @Test func anEmptyNameFallsBackToTheId() {
        let id = "0b8e1f52-9c4d-4e0a-8f7b-1a2b3c4d5e6f"
        #expect(suggested(nil) == id + ".qcow2")
        #expect(suggested("") == id + ".qcow2")
        #expect(suggested("   ") == id + ".qcow2")
        #expect(suggested("...") == id + ".qcow2")
        #expect(suggested(nil, disk: nil) == id)
    }

    @Test func aVeryLongNameIsShortened() {
        let long = String(repeating: "x", count: 300)
        #expect(suggested(long, disk: "raw") == String(repeating: "x", count: 100) + ".raw")
        let wide = String(repeating: "镜", count: 80) // 240 bytes in UTF-8
        #expect(suggested(wide, disk: "raw") == wide + ".raw", "80 characters are within 100")
        #expect(suggested(String(repeating: "y", count: 200), disk: "raw") == String(repeating: "y", count: 200) + ".raw")
    }
}
