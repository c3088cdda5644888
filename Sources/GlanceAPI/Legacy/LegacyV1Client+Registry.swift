import Foundation

/// The v1 registry API: JSON `{"image": {...}}` bodies, what glance-api v1 talked to internally.
extension LegacyV1Client {
    public func registryList(_ query: V1ListQuery = V1ListQuery(), detail: Bool = true) throws(APIError) -> [Image] {
        let request = V1Requests.registryList(try registryURL(), detail: detail, query: query)
        return try V1Decoding.decodeList(try client.sendAuthorized(request).body, url: request.url).images
    }

    public func registryImage(id: String) throws(APIError) -> Image {
        let request = V1Requests.registryShow(try registryURL(), id: id)
        return try V1Decoding.decodeImage(try client.sendAuthorized(request).body, url: request.url)
    }

    public func registryCreate(_ metadata: V1ImageMetadata) throws(APIError) -> Image {
        if let sentence = V1Rules.violation(metadata.fields) { throw .configuration(sentence) }
        let request = V1Requests.registryCreate(try registryURL(), metadata: metadata)
        return try V1Decoding.decodeImage(try client.sendAuthorized(request).body, url: request.url)
    }

    /// PUT /images/{id} on the registry; `removedProperties` handled as in `update`.
    public func registryUpdate(id: String, _ changes: V1ImageMetadata, purgeProperties: Bool = false) throws(APIError) -> Image {
        if let sentence = V1Rules.violations(changes.fields).first(where: { !$0.hasPrefix("Disk format \"") }) {
            throw .configuration(sentence)
        }
        var metadata = changes
        var purge = purgeProperties
        if !changes.removedProperties.isEmpty {
            if !purgeProperties {
                let show = V1Requests.registryShow(try registryURL(), id: id)
                var properties = V1Decoding.properties(imageBody: try client.sendAuthorized(show).body)
                for key in changes.removedProperties { properties.removeValue(forKey: key) }
                properties.merge(changes.properties) { _, new in new }
                metadata.properties = properties
            }
            purge = true
        }
        let request = V1Requests.registryUpdate(try registryURL(), id: id, metadata: metadata, purgeProperties: purge)
        return try V1Decoding.decodeImage(try client.sendAuthorized(request).body, url: request.url)
    }

    public func registryDelete(id: String) throws(APIError) {
        _ = try client.sendAuthorized(V1Requests.registryDelete(try registryURL(), id: id))
    }
}
