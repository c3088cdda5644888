import CloudConfig
import Foundation
import GlanceAPI
import GlanceCore

/// AppSettings, with each saved view's filter and sort checked by the same parsers as the
/// command line, so a typo in the file is reported at start, naming the view.
struct Settings {
    var views: [SavedView] = []
    var eagerLimit: Int?
    var batchConcurrency: Int?
    var lineageBy: LineageKey = .standard
    /// The lint settings as the file gives them, checked against the linter's rule sets.
    var lintSets: Set<LintRuleSet> = Set(LintRuleSet.allCases)
    var lintPropertyQuota: Int?
    var clipboard = true
    /// `mouse: true` (or --mouse): clicks and the wheel; off by default.
    var mouse = false
    var lowBandwidth = false
    var clouds: [String: AppSettings.Cloud] = [:]
    /// The key table with the file's `keys:` applied; what could not be, in words naming the file.
    var keymap = Keymap.standard
    var keyProblems: [String] = []

    /// Whether the settings make `cloud` read-only.
    func isReadOnly(_ cloud: String) -> Bool { clouds[cloud]?.readOnly ?? false }

    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    /// The query to start with: a saved view, then --filter and --sort on top of it.
    static func initialQuery(filter: String?, sort: String?, view: String?, views: [SavedView]) throws -> ImageQuery {
        var query = ImageQuery()
        do {
            if let view {
                guard let saved = views.first(where: { $0.name == view }) else {
                    throw Invalid(description: "no saved view \"\(view)\"" + (views.isEmpty ? " (the settings file has none)" : " (views: \(views.map(\.name).joined(separator: ", ")))"))
                }
                query = try FilterParser.parse(saved.filter)
                query.sort = try SortParser.parse(saved.sort)
            }
            if let filter {
                let sorted = query.sort
                query = try FilterParser.parse(filter)
                query.sort = sorted
            }
            if let sort { query.sort = try SortParser.parse(sort) }
        } catch let error as CommandError {
            throw Invalid(description: error.message)
        }
        return query
    }

    static func load(_ explicitPath: String?) throws -> Settings {
        let env = ProcessInfo.processInfo.environment
        let path = explicitPath ?? AppSettings.defaultPath(environment: env, home: NSHomeDirectory())
        let file = try AppSettings.load(path: path, required: explicitPath != nil)
        var settings = Settings(eagerLimit: file.eagerLimit, batchConcurrency: file.batchConcurrency,
                                lintPropertyQuota: file.lintPropertyQuota, clipboard: file.clipboard ?? true, mouse: file.mouse ?? false,
                                lowBandwidth: file.lowBandwidth ?? false, clouds: file.clouds)
        for (name, on) in file.lint {
            guard let set = LintRuleSet(rawValue: name) else {
                throw Invalid(description: "\(path): lint: unknown rule set \(name) ("
                              + LintRuleSet.allCases.map(\.rawValue).joined(separator: ", ") + ", property_quota)")
            }
            if on { settings.lintSets.insert(set) } else { settings.lintSets.remove(set) }
        }
        if let by = file.lineageBy {
            do throws(CommandError) { settings.lineageBy = try LineageKey.parse(by) } catch {
                throw Invalid(description: "\(path): lineage_by: \(error.message)")
            }
        }
        if !file.keys.isEmpty {
            let remapped = Keymap.standard.remapped(file.keys.map { Keymap.Remap(action: $0.action, keys: $0.keys) })
            settings.keymap = remapped.keymap
            settings.keyProblems = remapped.problems.map { "\(path): \($0)" }
        }
        for view in file.views {
            do {
                _ = try FilterParser.parse(view.filter)
                _ = try SortParser.parse(view.sort)
            } catch {
                throw Invalid(description: "\(path): view \(view.name): \(error.message)")
            }
            settings.views.append(SavedView(name: view.name, filter: view.filter, sort: view.sort))
        }
        return settings
    }
}
