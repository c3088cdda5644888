import CTerminalSupport

/// Terminal column widths, from the C library's wcwidth: the same table ncurses and the terminal
/// use on this machine, so what we lay out is what they draw. Needs a UTF-8 LC_CTYPE; call
/// `ensureUTF8Locale()` once at start (the program and the tests both do).
public enum DisplayWidth {
    /// Columns a scalar takes: 0 for combining marks and zero-width joiners, 2 for wide East
    /// Asian and emoji, nil for what must not be sent to a terminal (controls, unassigned).
    public static func of(_ scalar: Unicode.Scalar) -> Int? {
        if isControl(scalar) { return nil }
        if scalar.value < 0x7F { return 1 }
        let w = Int(gt_wcwidth(scalar.value))
        return w < 0 ? nil : w
    }

    /// C0 and C1 controls and bidi overrides: what text from a server must never carry into a
    /// terminal or a file name as it is.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F..<0xA0).contains(v) || BidiControls.isBidiControl(scalar)
    }

    /// Width of a whole string as `Canvas` would draw it, escapes included.
    public static func of(_ text: String) -> Int {
        var total = 0
        for segment in TextSegments(text) { total += segment.width }
        return total
    }

    /// Sets LC_CTYPE to the environment's locale and, when that is not UTF-8 (LANG unset, as
    /// under cron or `env -i`), to C.UTF-8: wcwidth answers -1 for every non-ASCII character
    /// in the C locale.
    @discardableResult
    public static func ensureUTF8Locale() -> String { configuredLocale }

    /// Once per process: setlocale is not thread-safe, and resetting it while another thread
    /// measures text would briefly answer -1 for every wide character.
    private static let configuredLocale: String = {
        _ = gt_set_all_from_environment()
        if gt_ctype_is_utf8() == 0 { _ = gt_set_ctype("C.UTF-8") }
        if gt_ctype_is_utf8() == 0 { _ = gt_set_ctype("en_US.UTF-8") }
        return gt_set_ctype(nil).map { String(cString: $0) } ?? "C"
    }()
}

enum BidiControls {
    /// Direction overrides and isolates reorder what follows them: an image name must not be
    /// able to make text beside it read differently.
    static func isBidiControl(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }
}
