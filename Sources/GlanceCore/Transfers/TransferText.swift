import GlanceAPI

/// The words and figures of a transfer, shared by the transfers pane, the status bar and the
/// command line so they never disagree.
public enum TransferText {
    public static func rate(_ bytesPerSecond: Double?) -> String {
        guard let r = bytesPerSecond, r.isFinite, r >= 0 else { return "" }
        return ByteFormat.human(Int64(r)) + "/s"
    }

    /// "42s", "3m05s", "1h02m"; empty when unknown or absurd.
    public static func duration(_ seconds: Double?) -> String {
        guard let s = seconds, s.isFinite, s >= 0, s < 360_000 else { return "" }
        let total = Int(s.rounded())
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m" + pad2(total % 60) + "s" }
        return "\(total / 3600)h" + pad2(total % 3600 / 60) + "m"
    }

    public static func percent(_ fraction: Double?) -> String {
        guard let f = fraction else { return "" }
        return "\(Int((f * 100).rounded(.down)))%"
    }

    /// "1.2 GiB / 4.0 GiB", or just what is done when the total is unknown.
    public static func amount(_ progress: TransferProgress) -> String {
        let done = ByteFormat.human(progress.bytesDone)
        guard let total = progress.totalBytes else { return done }
        return done + " / " + ByteFormat.human(total)
    }

    public static func phase(_ phase: TransferPhase) -> String {
        switch phase {
        case .preparing: "starting"
        case .checkingPart: "checking the partial file"
        case .transferring: "transferring"
        case .retrying(let attempt, let reason, let offset):
            "retry \(attempt) from \(ByteFormat.human(offset)): \(reason)"
        case .importing(let stores): stores.isEmpty ? "importing" : "importing into " + stores.joined(separator: ", ")
        case .verifying: "verifying"
        }
    }

    public static func verification(_ v: Verification) -> String {
        switch v {
        case .verified(let names): "verified " + names.joined(separator: "+")
        case .mismatch(let algorithm, _, _): "\(algorithm) MISMATCH"
        case .truncated(let expected, let received): "truncated \(ByteFormat.human(received)) of \(ByteFormat.human(expected))"
        case .notChecked(let why): "not verified (\(why))"
        }
    }

    /// A bar of `width` cells from eighth blocks, or `#` and `-` where Unicode is not wanted.
    public static func bar(_ fraction: Double?, width: Int, unicode: Bool = true) -> String {
        guard width > 0 else { return "" }
        guard let f = fraction else { return String(repeating: unicode ? "░" : "-", count: width) }
        let eighths = Int((max(0, min(1, f)) * Double(width * 8)).rounded(.down))
        if !unicode {
            let full = eighths / 8
            return String(repeating: "#", count: full) + String(repeating: "-", count: width - full)
        }
        let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var text = String(repeating: "█", count: eighths / 8)
        var used = eighths / 8
        if used < width, eighths % 8 > 0 {
            text += partials[eighths % 8]
            used += 1
        }
        return text + String(repeating: " ", count: width - used)
    }

    private static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
