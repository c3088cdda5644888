import Foundation
import GlanceAPI

/// `:export FILE`: the list as it is shown — its rows after the filter and the `/` text, in its
/// order, its columns — as CSV, JSON or YAML by the file's extension, in the openstack CLI's
/// shapes. Nothing is overwritten without asking.
extension Update {
    static func export(_ state: inout AppState, to path: String, overwrite: Bool = false) -> [Effect] {
        let ext = (path as NSString).pathExtension.lowercased()
        let format: OutputFormat? = switch ext {
        case "csv": .csv
        case "json": .json
        case "yaml", "yml": .yaml
        default: nil
        }
        guard let format else {
            state.prompt.message = "Name the file .csv, .json or .yaml: its extension says the format"
            state.prompt.input = .command(LineEditor("export " + path))
            return []
        }
        let headers = ["ID"] + state.catalog.columns.filter { $0 != .id && $0 != .lint && $0 != .used }.map(ImageOutput.header)
        let rows = state.catalog.shown.map { image in headers.map { ImageOutput.value($0, of: image) } }
        let more: String = switch state.catalog.listing {
        case .partial, .loading: " (the images loaded so far: G loads them all)"
        default: ""
        }
        state.notice = "Exporting \(rows.count) row\(rows.count == 1 ? "" : "s") to \(path)\(more)…"
        return [.writeExport(path: path, text: format.list(headers, rows), rows: rows.count, overwrite: overwrite)]
    }

    static func exported(_ state: inout AppState, path: String, rows: Int, error: ExportError?) -> [Effect] {
        switch error {
        case nil:
            state.notice = "Exported \(rows) row\(rows == 1 ? "" : "s") to \(path)"
        case .exists?:
            state.confirmation = .overwriteExport(path: path, question: "y overwrites \(path), any other key keeps it: it exists")
        case .failed(let why)?:
            state.lastError = "Could not export to \(path): \(why)"
        }
        return []
    }
}

/// Why an export was not written.
public enum ExportError: Error, Equatable, Sendable {
    case exists
    case failed(String)
}
