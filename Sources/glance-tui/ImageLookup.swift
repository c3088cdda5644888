import Foundation
import GlanceAPI

/// Finds the image a command names: an id, or else a name that must match exactly one image.
enum ImageLookup {
    static func find(_ reference: String, backend: any BrowsingBackend) throws -> Image {
        if UUID(uuidString: reference) != nil {
            do {
                return try backend.image(id: reference)
            } catch let error where error.status == 404 {
                // A name that looks like an id: fall through to names.
            } catch {
                throw CLIFailure.failed(error.userMessage)
            }
        }
        var query = ImageQuery()
        query.name = reference
        let matches: [Image]
        do {
            matches = try backend.listImages(.first(query: query, limit: 50)).images
        } catch {
            throw CLIFailure.failed(error.userMessage)
        }
        switch matches.count {
        case 0: throw CLIFailure.failed("No image with the id or name \(reference)")
        case 1: return matches[0]
        default:
            throw CLIFailure.failed("\(matches.count) images are named \(reference); give the id: "
                                    + matches.map(\.id).joined(separator: ", "))
        }
    }
}
