import Foundation

/// "3h ago" style ages. `now` is a parameter so that views stay pure and goldens stay stable.
public enum RelativeTime {
    public static func describe(_ date: Date?, now: Date) -> String {
        guard let date else { return "—" }
        let seconds = Int(now.timeIntervalSince(date))
        if seconds < 0 { return "future" }
        if seconds < 60 { return "\(seconds)s ago" }
        let minutes = seconds / 60
        if minutes < 60 { return "\(minutes)m ago" }
        let hours = minutes / 60
        if hours < 48 { return "\(hours)h ago" }
        let days = hours / 24
        if days < 60 { return "\(days)d ago" }
        if days < 730 { return "\(days / 30)mo ago" }
        return "\(days / 365)y ago"
    }
}

public enum CountFormat {
    /// 12,345: thousands grouped without a locale, so screens read the same everywhere.
    public static func grouped(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }
}
