/// A cursor over `count` rows and the first row shown in a window of `height` rows; the
/// window follows the cursor so that the cursor is always visible.
public struct ListViewport: Equatable, Sendable {
    public var cursor = 0
    public var top = 0

    public init(cursor: Int = 0, top: Int = 0) {
        self.cursor = cursor
        self.top = top
    }

    public mutating func move(by delta: Int, count: Int, height: Int) {
        move(to: cursor + delta, count: count, height: height)
    }

    public mutating func move(to row: Int, count: Int, height: Int) {
        cursor = max(0, min(row, count - 1))
        clamp(count: count, height: height)
    }

    /// Pages keep the cursor's place in the window, as less and vim do.
    public mutating func page(_ direction: Int, count: Int, height: Int) {
        let step = max(1, height - 1) * direction
        let offset = cursor - top
        cursor = max(0, min(cursor + step, count - 1))
        top = cursor - offset
        clamp(count: count, height: height)
    }

    public mutating func clamp(count: Int, height: Int) {
        guard count > 0 else { cursor = 0; top = 0; return }
        cursor = max(0, min(cursor, count - 1))
        let h = max(1, height)
        if cursor < top { top = cursor }
        if cursor >= top + h { top = cursor - h + 1 }
        top = max(0, min(top, max(0, count - h)))
    }
}
