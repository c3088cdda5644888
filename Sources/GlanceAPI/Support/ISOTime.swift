import Foundation

/// ISO 8601 timestamps as OpenStack writes them ("2026-11-22T19:44:50Z", with optional fraction
/// and offset). Parsed by hand: a formatter per value would dominate decoding 100,000 images.
public enum ISOTime {
    public static func parse(_ text: String) -> Date? {
        let u = Array(text.utf8)
        guard u.count >= 10 else { return nil }
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= u.count else { return nil }
            var v = 0
            for i in from..<(from + len) {
                let c = u[i]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard let year = num(0, 4), u[4] == 45, let month = num(5, 2), u[7] == 45, let day = num(8, 2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        var offset = 0
        var i = 10
        if u.count > 10 {
            guard u[10] == 84 || u[10] == 116 || u[10] == 32, let h = num(11, 2), u.count > 13, u[13] == 58,
                  let m = num(14, 2) else { return nil }
            hour = h; minute = m; i = 16
            if u.count > 16, u[16] == 58 {
                guard let s = num(17, 2) else { return nil }
                second = s; i = 19
            }
            if i < u.count, u[i] == 46 {
                var scale = 0.1
                i += 1
                while i < u.count, u[i] >= 48, u[i] <= 57 {
                    fraction += Double(u[i] - 48) * scale
                    scale /= 10
                    i += 1
                }
            }
            if i < u.count {
                if u[i] == 90 || u[i] == 122 {
                    guard i + 1 == u.count else { return nil }
                    i += 1
                }
                else if u[i] == 43 || u[i] == 45 {
                    let sign = u[i] == 43 ? 1 : -1
                    guard let oh = num(i + 1, 2) else { return nil }
                    var om = 0
                    let rest = u.count - (i + 3)
                    if rest == 3, u[i + 3] == 58, let m = num(i + 4, 2) { om = m }
                    else if rest == 2, let m = num(i + 3, 2) { om = m }
                    else if rest != 0 { return nil }
                    offset = sign * (oh * 3600 + om * 60)
                    i = u.count
                } else { return nil }
            }
        }
        guard hour < 24, minute < 60, second < 61, day <= daysIn(month, year) else { return nil }
        let days = daysFromCivil(year, month, day)
        let seconds = Double(days * 86400 + hour * 3600 + minute * 60 + second - offset) + fraction
        return Date(timeIntervalSince1970: seconds)
    }

    static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }
}
