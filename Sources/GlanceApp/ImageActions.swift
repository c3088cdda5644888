import GlanceAPI
import GlanceCore

extension ImageAction {
    /// Performs the write through the capability it needs.
    func perform(on cloud: any Cloud) throws(APIError) {
        switch self {
        case .delete(let id, _):
            try cloud.require((any ImageDeleter).self, .delete).delete(id: id)
        case .unprotectAndDelete(let id, _):
            let deleter = try cloud.require((any ImageDeleter).self, .delete)
            try cloud.require((any ProtectionChanger).self, .protection).setProtected(id: id, false)
            try deleter.delete(id: id)
        case .setTag(let id, let tag, let present):
            try cloud.require((any ImageTagger).self, .tags).setTag(id: id, tag: tag, present: present)
        case .setActive(let id, _, let active):
            try cloud.require((any ImageActivator).self, .deactivate).setActive(id: id, active: active)
        case .addMember(let id, _, let project, let makeShared):
            try cloud.require((any MemberManager).self, .members).addMember(project: project, to: id, makeShared: makeShared)
        case .removeMember(let id, _, let member):
            try cloud.require((any MemberManager).self, .members).removeMember(member, from: id)
        case .setVisibility(let id, _, let visibility):
            try cloud.require((any VisibilityChanger).self, .visibility).setVisibility(id: id, visibility)
        case .setMemberStatus(let id, _, let member, let status):
            try cloud.require((any MemberManager).self, .members)
                .setMemberStatus(MemberStatus(raw: status), image: id, member: member)
        }
    }
}
