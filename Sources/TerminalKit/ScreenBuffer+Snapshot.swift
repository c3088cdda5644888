/// Text forms of a buffer for golden tests: the characters, and a parallel grid of one letter
/// per distinct style with a legend, so a colour regression fails a test as a wrong character would.
extension ScreenBuffer {
    public func textLines() -> [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !self[x, y].isContinuation { line += self[x, y].text }
            return line
        }
    }

    public func snapshot() -> String {
        var letters: [Style: Character] = [:]
        var legend: [String] = []
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var styleRows: [String] = []
        for y in 0..<height {
            var row = ""
            for x in 0..<width {
                let style = self[x, y].style
                if letters[style] == nil {
                    let letter = letters.count < alphabet.count ? alphabet[letters.count] : "?"
                    letters[style] = letter
                    legend.append("\(letter) \(style)")
                }
                row.append(letters[style]!)
            }
            styleRows.append(row)
        }
        return (["size \(width)x\(height)"] + textLines().map { "|" + $0 + "|" }
            + ["styles"] + styleRows + ["legend"] + legend).joined(separator: "\n") + "\n"
    }
}
