/// The known word a misspelt one most likely meant: for unknown keys (`hw_disk_buss`) and for
/// values outside an enum (`scsii`). A suggestion only counts when it is close and unambiguous,
/// because a rename or a new value proposed on a guess would do more harm than the typo.
enum NearestMatch {
    /// Edits a suggestion may be away; the second limit keeps short words from matching
    /// anything (`ide` and `usb` are two edits apart).
    static let maxDistance = 2

    /// The one candidate closest to `word`, ignoring case, when it is close enough and no other
    /// candidate is as close; `tied` lists them all when several are.
    static func nearest(to word: String, in candidates: some Sequence<String>) -> (best: String?, tied: [String]) {
        let lowered = word.lowercased()
        var best: [String] = []
        var bestDistance = Int.max
        for candidate in candidates where candidate != word {
            let d = distance(lowered, candidate.lowercased())
            guard isClose(d, word, candidate) else { continue }
            if d < bestDistance {
                bestDistance = d
                best = [candidate]
            } else if d == bestDistance {
                best.append(candidate)
            }
        }
        return (best.count == 1 ? best[0] : nil, best.count > 1 ? best.sorted() : [])
    }

    /// At most `maxDistance` edits, and at most a quarter of the longer word changed.
    static func isClose(_ d: Int, _ a: String, _ b: String) -> Bool {
        d <= maxDistance && d * 4 <= max(a.count, b.count)
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
    /// neighbours each count one, so `hw_dsik_bus` is one edit from `hw_disk_bus`.
    static func distance(_ a: String, _ b: String) -> Int {
        let s = Array(a), t = Array(b)
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        var previous2 = [Int](repeating: 0, count: t.count + 1)
        var previous = Array(0...t.count)
        var current = [Int](repeating: 0, count: t.count + 1)
        for i in 1...s.count {
            current[0] = i
            for j in 1...t.count {
                let cost = s[i - 1] == t[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[t.count]
    }
}
