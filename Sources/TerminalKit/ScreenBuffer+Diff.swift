/// A horizontal run of changed cells on one row: what a backend has to send.
public struct CellRun: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var cells: [Cell]
}

extension ScreenBuffer {
    /// The runs of cells that differ from `previous`. Everything when sizes differ. A changed
    /// continuation cell pulls in the wide character before it, which is what redraws it.
    public func changes(since previous: ScreenBuffer?) -> [CellRun] {
        let sameShape = previous.map { $0.width == width && $0.height == height } ?? false
        var runs: [CellRun] = []
        for y in 0..<height {
            var x = 0
            while x < width {
                let i = y * width + x
                guard !sameShape || previous!.cells[i] != cells[i] else { x += 1; continue }
                var start = x
                if cells[i].isContinuation, start > 0 { start -= 1 }
                var end = x + 1
                while end < width, !sameShape || previous!.cells[y * width + end] != cells[y * width + end]
                    || cells[y * width + end].isContinuation {
                    end += 1
                }
                if let last = runs.last, last.y == y, last.x + last.cells.count >= start {
                    let from = last.x + last.cells.count
                    if from < end { runs[runs.count - 1].cells += cells[(y * width + from)..<(y * width + end)] }
                } else {
                    runs.append(CellRun(x: start, y: y, cells: Array(cells[(y * width + start)..<(y * width + end)])))
                }
                x = end
            }
        }
        return runs
    }
}
