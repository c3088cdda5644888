/// A member with its project's name, where Keystone lets us look it up.
public struct MemberEntry: Equatable, Sendable {
    public var member: ImageMember
    public var projectName: String?

    public init(member: ImageMember, projectName: String? = nil) {
        self.member = member
        self.projectName = projectName
    }
}
