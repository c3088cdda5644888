/// A terminal colour: the terminal's own default, or an index into the 256-colour palette
/// (0–7 the ANSI colours, 8–15 their bright forms). Backends with fewer colours fold the index.
public enum Color: Hashable, Sendable {
    case `default`
    case indexed(UInt8)

    public static let black = Color.indexed(0), red = Color.indexed(1), green = Color.indexed(2),
        yellow = Color.indexed(3), blue = Color.indexed(4), magenta = Color.indexed(5),
        cyan = Color.indexed(6), white = Color.indexed(7)

    /// The nearest of the 8 basic colours, for terminals that have no more.
    public var basic: Color {
        switch self {
        case .default: return .default
        case .indexed(let i) where i < 8: return self
        case .indexed(let i) where i < 16: return .indexed(i - 8)
        case .indexed(let i) where i >= 232: return i < 244 ? .black : .white
        case .indexed(let i):
            let n = Int(i) - 16
            let r = n / 36, g = (n / 6) % 6, b = n % 6
            let bits = (r >= 3 ? 1 : 0) | (g >= 3 ? 2 : 0) | (b >= 3 ? 4 : 0)
            return .indexed(UInt8(bits))
        }
    }
}

public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = TextAttributes(rawValue: 1)
    public static let dim = TextAttributes(rawValue: 2)
    public static let reverse = TextAttributes(rawValue: 4)
    public static let underline = TextAttributes(rawValue: 8)
    public static let italic = TextAttributes(rawValue: 16)
}

public struct Style: Hashable, Sendable, CustomStringConvertible {
    public var foreground: Color
    public var background: Color
    public var attributes: TextAttributes

    public init(foreground: Color = .default, background: Color = .default, attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = Style()

    public var description: String {
        func name(_ c: Color) -> String {
            switch c {
            case .default: "default"
            case .indexed(let i): String(i)
            }
        }
        var parts = ["fg=\(name(foreground))", "bg=\(name(background))"]
        let names: [(TextAttributes, String)] = [(.bold, "bold"), (.dim, "dim"), (.reverse, "reverse"),
                                                 (.underline, "underline"), (.italic, "italic")]
        for (flag, n) in names where attributes.contains(flag) { parts.append(n) }
        return parts.joined(separator: " ")
    }
}
