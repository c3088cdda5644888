import Foundation

/// Where an interrupted transfer belongs and when its program was last heard of: resuming it
/// elsewhere (another cloud or project) would ask the wrong server for its image.
public struct Interruption: Equatable, Sendable {
    public var cloud: String
    public var region: String?
    public var project: String?
    /// When its journal entry was last written.
    public var at: Date
    /// The process that ran it, now gone.
    public var ownerPID: Int32

    public init(cloud: String, region: String?, project: String?, at: Date, ownerPID: Int32) {
        self.cloud = cloud
        self.region = region
        self.project = project
        self.at = at
        self.ownerPID = ownerPID
    }
}
