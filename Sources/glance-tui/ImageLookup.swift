import Foundation
import GlanceAPI

/// Finds the image a command names: an id, or else a name that must match exactly one image.
enum ImageLookup {
    static func find(_ reference: String, client: ImageClient) throws -> Image {
        if UUID(uuidString: reference) != nil {
            do {
                return try client.image(id: reference)
            } catch let error where error.status == 404 {
                // A name that looks like an id: fall through to names.
            } catch {
                throw CLIFailure.failed(error.userMessage)
            }
        }
        let matches: [Image]
        do {
            // "eq:" so a name with a colon is not read as an operator.
            let request = ImagesRequests.list(try client.imageEndpoint(), query: [("name", "eq:" + reference)], limit: 50)
            matches = try ImagesRequests.decodePage(try client.sendAuthorized(request).body, url: request.url).images
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
