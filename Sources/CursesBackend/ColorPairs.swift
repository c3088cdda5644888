import CNCursesW
import TerminalKit

/// Maps styles to ncurses attributes and colour pairs, allocating pairs on first use and
/// folding colours to what the terminal has (256, 16, 8 or none).
struct ColorPairs {
    private var pairs: [Pair: Int16] = [:]
    private let colors: Int
    private let maxPairs: Int
    let enabled: Bool

    struct Pair: Hashable { var fg: Int16, bg: Int16 }

    init(enabled: Bool) {
        self.enabled = enabled
        colors = enabled ? Int(gt_colors()) : 0
        maxPairs = enabled ? min(Int(gt_color_pairs()), Int(Int16.max)) : 0
    }

    mutating func attributes(for style: Style) -> (attrs: attr_t, pair: Int16) {
        var attrs = gt_a_normal()
        let a = style.attributes
        if a.contains(.bold) { attrs |= gt_a_bold() }
        if a.contains(.dim) { attrs |= gt_a_dim() }
        if a.contains(.reverse) { attrs |= gt_a_reverse() }
        if a.contains(.underline) { attrs |= gt_a_underline() }
        if a.contains(.italic) { attrs |= gt_a_italic() }
        guard enabled else { return (attrs, 0) }
        let key = Pair(fg: number(style.foreground), bg: number(style.background))
        if key.fg == -1, key.bg == -1 { return (attrs, 0) }
        if let existing = pairs[key] { return (attrs, existing) }
        guard pairs.count + 1 < maxPairs else { return (attrs, 0) }
        let id = Int16(pairs.count + 1)
        init_pair(id, key.fg, key.bg)
        pairs[key] = id
        return (attrs, id)
    }

    private func number(_ color: Color) -> Int16 {
        switch color {
        case .default: return -1
        case .indexed(let i):
            if Int(i) < colors { return Int16(i) }
            if case .indexed(let b) = color.basic, Int(b) < colors { return Int16(b) }
            return -1
        }
    }
}
