/// One image of a batch: the write, and the guard taken from the copy the user saw.
public struct BatchItem: Sendable, Equatable {
    public var imageID: String
    public var name: String
    public var write: ImageWrite
    public var guarded: WriteGuard

    public init(imageID: String, name: String, write: ImageWrite, guarded: WriteGuard) {
        self.imageID = imageID
        self.name = name
        self.write = write
        self.guarded = guarded
    }

    /// The item for `image` as the user saw it.
    public init(_ write: ImageWrite, on image: Image) {
        self.init(imageID: image.id, name: image.displayName, write: write, guarded: write.guardFrom(image))
    }
}

/// How one image of a batch ended.
public enum BatchOutcome: Sendable, Equatable {
    /// Written; `before` is the image as read just before, which undo restores.
    case done(before: Image)
    /// Nothing needed doing or it could not apply, found on the fresh copy.
    case skipped(String)
    /// Someone else changed what the write touches: nothing was sent, theirs stays.
    case conflict([String])
    /// The server refused, with its sentence.
    case failed(String)
    case cancelled

    public var isFailure: Bool {
        switch self {
        case .conflict, .failed, .cancelled: true
        case .done, .skipped: false
        }
    }
}
