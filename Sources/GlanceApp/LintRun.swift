import GlanceAPI
import GlanceCore

/// `:lint` and `glance-tui lint`: the images read in full and checked against the rules the
/// cloud publishes, the profiles and the standards.
public enum LintRun {
    /// The images of `query` whose ids are in `ids` (all when nil), linted in that order.
    public static func run(backend: any BrowsingBackend, query: ImageQuery, ids: [String]?, settings: LintSettings,
                           profiles: [PropertyRule]) throws(APIError) -> LintReport {
        let images: [Image]
        if let ids { images = try backend.listAll(query, keeping: ids) } else { images = try backend.listAll(query) }
        let (book, notes) = ruleBook(backend: backend, profiles: profiles, settings: settings)
        let linter = Linter(rules: book, sets: settings.sets, propertyQuota: settings.propertyQuota)
        let findings = linter.findings(for: images)
        let flagged = Set(findings.map(\.imageID))
        // What can be put right comes first: in a catalog where every image misses a property
        // nobody but its owner can fill in, the typos would otherwise be pages down.
        let fixable = Set(findings.filter { $0.fix != nil }.map(\.imageID))
        let shown = images.filter { flagged.contains($0.id) }
        return LintReport(images: shown.filter { fixable.contains($0.id) } + shown.filter { !fixable.contains($0.id) },
                          findings: findings, linted: images.map(\.id), notes: notes)
    }

    /// The cloud's rules where it publishes them; said when something the linter would use is missing.
    static func ruleBook(backend: any ImageBackend, profiles: [PropertyRule], settings: LintSettings) -> (RuleBook, [String]) {
        guard let source = backend as? any PropertyRuleSource, let book = try? source.ruleBook(profiles: profiles) else {
            return (RuleBook(schema: ImageSchema.standard.rules, profiles: profiles),
                    settings.sets.contains(.definitions) ? ["this API publishes no schema or metadata definitions: the Image API's documented schema is used"] : [])
        }
        var notes: [String] = []
        if book.metadefs.isEmpty, settings.sets.contains(.definitions) {
            notes.append("the cloud's metadata definitions could not be read: keys only they define count as unknown")
        }
        return (book, notes)
    }
}
