import TerminalKit

/// A one-line text field: the `:` command line and the `/` filter. Edits by Characters; the view
/// measures columns.
public struct LineEditor: Equatable, Sendable {
    public private(set) var text: String
    /// In Characters from the start.
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        self.text = text
        cursor = text.count
    }

    public enum Outcome: Equatable, Sendable { case edited, moved, submit, cancel, unhandled }

    /// Emacs-style keys, as shells and readline have taught everyone.
    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .char(let c):
            insert(String(c))
            return .edited
        case .enter: return .submit
        case .escape, .ctrl("c"), .ctrl("g"): return .cancel
        case .backspace, .ctrl("h"):
            guard cursor > 0 else { return text.isEmpty ? .cancel : .moved }
            remove(cursor - 1..<cursor)
            return .edited
        case .delete, .ctrl("d"):
            guard cursor < text.count else { return .moved }
            remove(cursor..<cursor + 1)
            return .edited
        case .left, .ctrl("b"): cursor = max(0, cursor - 1); return .moved
        case .right, .ctrl("f"): cursor = min(text.count, cursor + 1); return .moved
        case .home, .ctrl("a"): cursor = 0; return .moved
        case .end, .ctrl("e"): cursor = text.count; return .moved
        case .ctrl("u"):
            remove(0..<cursor)
            return .edited
        case .ctrl("k"):
            remove(cursor..<text.count)
            return .edited
        case .ctrl("w"):
            let chars = Array(text)
            var start = cursor
            while start > 0, chars[start - 1] == " " { start -= 1 }
            while start > 0, chars[start - 1] != " " { start -= 1 }
            remove(start..<cursor)
            return .edited
        default: return .unhandled
        }
    }

    /// The terminal delivers one key per scalar, so a combining mark or a joiner merges into
    /// the Character before it: the cursor is recounted in Characters after the insertion.
    public mutating func insert(_ s: String) {
        let i = text.index(text.startIndex, offsetBy: cursor)
        let end = text.unicodeScalars.distance(from: text.startIndex, to: i) + s.unicodeScalars.count
        text.insert(contentsOf: s, at: i)
        cursor = text.distance(from: text.startIndex, to: text.unicodeScalars.index(text.startIndex, offsetBy: end))
    }

    public mutating func replaceAll(_ s: String) {
        text = s
        cursor = s.count
    }

    private mutating func remove(_ range: Range<Int>) {
        let lower = text.index(text.startIndex, offsetBy: range.lowerBound)
        let upper = text.index(text.startIndex, offsetBy: range.upperBound)
        text.removeSubrange(lower..<upper)
        cursor = range.lowerBound
    }

    /// Whether the line uses `key` for typing or editing (a character, ← Backspace Ctrl-W …),
    /// read from `handle` itself so the two cannot disagree: such a key cannot be given to a
    /// line's action by a remap.
    public static func edits(with key: Key) -> Bool {
        var probe = LineEditor("ab")
        return [.edited, .moved].contains(probe.handle(key))
    }

    /// The text before the cursor, for completion.
    public var beforeCursor: String { String(text.prefix(cursor)) }
}
