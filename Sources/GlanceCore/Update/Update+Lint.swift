import Foundation
import GlanceAPI

/// `:lint`: the shown images read in full and checked, the findings pane, and their fixes run
/// as one batch through the same guard as every write.
extension Update {
    static func startLint(_ state: inout AppState) -> [Effect] {
        guard state.session != nil else { return [] }
        let shown = state.catalog.shown
        guard !shown.isEmpty else {
            state.notice = "No images shown to lint"
            return []
        }
        let id = state.makeRequestID()
        state.requestsInFlight.insert(id)
        state.lint = LintState(phase: .running(id, images: shown.count))
        enterPane(&state, .lint)
        state.notice = nil
        // The list keeps compact rows; the linter needs every property, so the query is read again.
        let plan = queryPlan(state, state.catalog.query)
        return [.lintImages(id, query: plan.server, ids: shown.map(\.id), state.lintSettings)]
    }

    static func lintFinished(_ state: inout AppState, _ id: RequestID, _ result: Result<LintReport, APIError>) -> [Effect] {
        state.requestsInFlight.remove(id)
        guard case .running(id, _)? = state.lint?.phase else { return [] }
        switch result {
        case .failure(let error):
            state.lint = nil
            leavePane(&state, from: .lint)
            state.lastError = "Lint: " + error.userMessage
        case .success(let report):
            state.lint?.phase = .done(report)
            let counts = Dictionary(grouping: report.findings, by: \.imageID).mapValues(\.count)
            for id in report.linted { state.catalog.lintCounts[id] = counts[id] ?? 0 }
            if !state.catalog.columns.contains(.lint) { state.catalog.columns.insert(.lint, at: 1) }
            state.notice = lintSummary(report)
        }
        return []
    }

    static func lintSummary(_ report: LintReport) -> String {
        guard !report.findings.isEmpty else { return "No findings on \(report.linted.count) image\(report.linted.count == 1 ? "" : "s")" }
        let fixes = report.fixable
        var text = "\(report.findings.count) finding\(report.findings.count == 1 ? "" : "s") on \(report.images.count) of \(report.linted.count) images"
        if !fixes.isEmpty { text += " · f fixes this image, F all \(fixes.count)" }
        return text
    }

    /// f: the selected image's fixes (or the marked images'); F: every image's. Asked first.
    static func askLintFixes(_ state: inout AppState, all: Bool) -> [Effect] {
        guard let report = state.lint?.report, let session = state.session else { return [] }
        if let refusal = session.refusal(.edit) {
            state.notice = refusal
            return []
        }
        let wanted: Set<String>? = all ? nil
            : !state.catalog.marks.isEmpty ? Set(state.catalog.marks.ids) : state.lint?.selectedImageID.map { [$0] }
        let fixes = report.fixable.filter { wanted?.contains($0.imageID) ?? true }
        guard !fixes.isEmpty else {
            state.notice = "Nothing here has a fix: each finding says why"
            return []
        }
        let images = Dictionary(report.images.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let items = fixes.compactMap { fix in images[fix.imageID].map(fix.batchItem(seen:)) }
        let findings = fixes.reduce(0) { $0 + $1.applied.count }
        let batch = Batch(id: BatchID(state.batches.nextBatch), title: "lint fixes", items: items)
        let dropped = fixes.reduce(0) { $0 + $1.dropped.count }
        state.confirmation = .prepared(batch, question: "fix \(findings) finding\(findings == 1 ? "" : "s") on \(items.count) image\(items.count == 1 ? "" : "s")"
            + (dropped > 0 ? " (\(dropped) conflicting fix\(dropped == 1 ? "" : "es") left for the next :lint)" : "")
            + ", each image read again first — y runs it, any other key cancels")
        return []
    }

    static func leaveLint(_ state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        if case .running(let id, _)? = state.lint?.phase {
            state.requestsInFlight.remove(id)
            effects.append(.cancel(id))
        }
        state.lint = nil
        leavePane(&state, from: .lint)
        return effects
    }

    static func moveInLint(_ state: inout AppState, _ movement: Movement) {
        guard var lint = state.lint else { return }
        let count = lint.rows.count, height = LintState.listHeight(ScreenLayout.listRows(state.size))
        switch movement {
        case .by(let d): lint.cursor.move(by: d, count: count, height: height)
        case .page(let d): lint.cursor.page(d, count: count, height: height)
        case .to(let row): lint.cursor.move(to: row, count: count, height: height)
        }
        state.lint = lint
    }
}
