import GlanceAPI

/// The operations the effect runner needs, as a struct of closures: `live` talks to a cloud
/// through `ImageClient`; tests build one from plain functions. Blocking calls, made on the
/// runner's background queue.
public struct ImageService: Sendable {
    public var signIn: @Sendable () throws(APIError) -> SessionInfo
    public var listImages: @Sendable (PageRequest) throws(APIError) -> ImagePage
    public var showImage: @Sendable (String) throws(APIError) -> Image

    public init(signIn: @escaping @Sendable () throws(APIError) -> SessionInfo,
                listImages: @escaping @Sendable (PageRequest) throws(APIError) -> ImagePage,
                showImage: @escaping @Sendable (String) throws(APIError) -> Image) {
        self.signIn = signIn
        self.listImages = listImages
        self.showImage = showImage
    }

    public static func live(_ client: ImageClient) -> ImageService {
        ImageService(signIn: { () throws(APIError) in try client.signIn() },
                     listImages: { (page) throws(APIError) in try client.listImages(page) },
                     showImage: { (id) throws(APIError) in try client.image(id: id) })
    }
}
