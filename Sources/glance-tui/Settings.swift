import CloudConfig
import Foundation
import GlanceCore

/// AppSettings, with each saved view's filter and sort checked by the same parsers as the
/// command line, so a typo in the file is reported at start, naming the view.
struct Settings {
    var views: [SavedView] = []
    var eagerLimit: Int?

    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    static func load(_ explicitPath: String?) throws -> Settings {
        let env = ProcessInfo.processInfo.environment
        let path = explicitPath ?? AppSettings.defaultPath(environment: env, home: NSHomeDirectory())
        let file = try AppSettings.load(path: path, required: explicitPath != nil)
        var settings = Settings(eagerLimit: file.eagerLimit)
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
