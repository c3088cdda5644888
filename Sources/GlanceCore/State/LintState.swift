import GlanceAPI

/// What the linter is told by the settings: which rule sets run, and the property quota
/// (Glance does not publish `image_property_quota`, so only the settings can give it).
public struct LintSettings: Equatable, Sendable {
    public var sets: Set<LintRuleSet>
    public var propertyQuota: Int?
    public init(sets: Set<LintRuleSet> = Set(LintRuleSet.allCases), propertyQuota: Int? = nil) {
        self.sets = sets
        self.propertyQuota = propertyQuota
    }
}

/// The linter's answer over the images shown: the full copies of those with findings (the
/// fixes' guard compares against them), the findings, and what limited the check.
public struct LintReport: Equatable, Sendable {
    public var images: [Image]
    public var findings: [LintFinding]
    /// Every image linted, with or without findings, for the list's badge.
    public var linted: [String]
    /// Said above the findings: "metadata definitions could not be read: …".
    public var notes: [String]

    public init(images: [Image], findings: [LintFinding], linted: [String], notes: [String] = []) {
        self.images = images
        self.findings = findings
        self.linted = linted
        self.notes = notes
    }

    public var fixable: [LintImageFix] { LintFixes.merge(findings) }
}

/// `:lint`: the findings image by image, each with its fix or why there is none.
public struct LintState: Equatable, Sendable {
    public enum Phase: Equatable, Sendable {
        case running(RequestID, images: Int)
        case done(LintReport)
    }

    public enum Row: Equatable, Sendable {
        case image(Int)
        case finding(Int)
    }

    public var phase: Phase
    public var cursor = ListViewport()

    public init(phase: Phase) { self.phase = phase }

    /// Rows of findings in a pane `height` tall: four are kept for the selected one in full.
    public static func listHeight(_ height: Int) -> Int { height > 6 ? height - 4 : height }

    public var report: LintReport? {
        if case .done(let report) = phase { report } else { nil }
    }

    /// Each image with findings, then its findings.
    public var rows: [Row] {
        guard let report else { return [] }
        var byImage: [String: [Int]] = [:]
        for (i, finding) in report.findings.enumerated() { byImage[finding.imageID, default: []].append(i) }
        return report.images.enumerated().flatMap { i, image in [Row.image(i)] + (byImage[image.id] ?? []).map(Row.finding) }
    }

    /// The image of the row under the cursor (a finding's own image).
    public var selectedImageID: String? {
        guard let report else { return nil }
        let rows = rows
        guard rows.indices.contains(cursor.cursor) else { return nil }
        switch rows[cursor.cursor] {
        case .image(let i): return report.images[i].id
        case .finding(let f): return report.findings[f].imageID
        }
    }
}
