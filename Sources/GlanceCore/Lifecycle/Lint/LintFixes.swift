import GlanceAPI

/// The fixes for one image merged into one write, so the image is read, guarded and patched
/// once whatever the number of findings.
public struct LintImageFix: Sendable, Equatable {
    public struct Dropped: Sendable, Equatable {
        public var finding: LintFinding
        public var reason: String
    }

    public var imageID: String
    public var fix: LintFix
    /// The findings the write puts right, in the order given.
    public var applied: [LintFinding]
    /// Fixes left out because an earlier one touches the same key another way; they show up
    /// again on the next lint if they still apply.
    public var dropped: [Dropped]

    public var write: ImageWrite { fix.write }

    /// The batch item for the copy of the image the findings came from; its guard covers exactly
    /// the keys the fixes touch.
    public func batchItem(seen image: Image) -> BatchItem { BatchItem(write, on: image) }
}

public enum LintFixes {
    /// One merged fix per image that has any, images in the order they first appear. When two
    /// fixes touch one key differently the first is kept (Linter orders the cloud's rules first).
    public static func merge(_ findings: [LintFinding]) -> [LintImageFix] {
        var order: [String] = []
        var byImage: [String: LintImageFix] = [:]
        for finding in findings {
            guard let fix = finding.fix else { continue }
            var merged = byImage[finding.imageID]
                ?? LintImageFix(imageID: finding.imageID, fix: LintFix(), applied: [], dropped: [])
            if byImage[finding.imageID] == nil { order.append(finding.imageID) }
            if let clash = merged.applied.first(where: { conflict($0.fix!, fix) }) {
                merged.dropped.append(.init(finding: finding,
                    reason: "\(finding.key): \"\(fix.summary)\" was left out: it conflicts with \"\(clash.fix!.summary)\" for \(clash.key), which comes first"))
            } else {
                merged.fix.set.merge(fix.set) { first, _ in first }
                merged.fix.unset = Array(Set(merged.fix.unset).union(fix.unset)).sorted()
                merged.applied.append(finding)
            }
            byImage[finding.imageID] = merged
        }
        return order.map { byImage[$0]! }
    }

    /// Two fixes conflict when they leave a key they both touch differently; the same change
    /// twice (a boolean put right by a profile and by the standard) is no conflict.
    static func conflict(_ a: LintFix, _ b: LintFix) -> Bool {
        a.keys.intersection(b.keys).contains { key in
            a.set[key] != b.set[key] || a.unset.contains(key) != b.unset.contains(key)
        }
    }
}
