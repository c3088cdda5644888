import Foundation

/// A member's answer to an image shared with its project. Glance 33 knows three; any other value
/// a server sends is kept as sent (`other`), never dropped or coerced.
public enum MemberStatus: Sendable, Equatable, Hashable, CustomStringConvertible {
    case pending, accepted, rejected
    case other(String)

    public static let known: [MemberStatus] = [.pending, .accepted, .rejected]

    public init(raw: String) {
        switch raw {
        case "pending": self = .pending
        case "accepted": self = .accepted
        case "rejected": self = .rejected
        default: self = .other(raw)
        }
    }

    public var rawValue: String {
        switch self {
        case .pending: "pending"
        case .accepted: "accepted"
        case .rejected: "rejected"
        case .other(let s): s
        }
    }

    public var description: String { rawValue }
}

/// One entry of GET /v2/images/{id}/members (or the answer to adding a member or setting its
/// status): project `memberID` may use image `imageID` once its status is `accepted`.
public struct ImageMember: Sendable, Equatable {
    public var imageID: String
    /// The project ID exactly as the owner sent it: Glance stores any string, checked by nothing.
    public var memberID: String
    public var status: MemberStatus
    /// Timestamps as sent, and parsed once at decode time (nil when absent or unreadable).
    public var createdAt: String?
    public var updatedAt: String?
    public var created: Date?
    public var updated: Date?

    public init(imageID: String, memberID: String, status: MemberStatus,
                createdAt: String? = nil, updatedAt: String? = nil) {
        self.imageID = imageID
        self.memberID = memberID
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        created = createdAt.flatMap(ISOTime.parse)
        updated = updatedAt.flatMap(ISOTime.parse)
    }

    public enum DecodingError: Error, Equatable { case notAnObject, missingMemberID }

    /// Tolerant decoding: only `member_id` is required. A missing `image_id` becomes
    /// `imageID` (the image the request was about), a missing status `.other("unknown")`;
    /// a non-string value is shown as its JSON text rather than dropped.
    public init(json: JSONValue, imageID fallbackImageID: String = "") throws(DecodingError) {
        guard let object = json.objectValue else { throw .notAnObject }
        func string(_ key: String) -> String? {
            switch object[key] {
            case nil, .null?: nil
            case .string(let s)?: s
            case let other?: other.displayText
            }
        }
        guard let member = string("member_id"), !member.isEmpty else { throw .missingMemberID }
        self.init(imageID: string("image_id") ?? fallbackImageID, memberID: member,
                  status: MemberStatus(raw: string("status") ?? "unknown"),
                  createdAt: string("created_at"), updatedAt: string("updated_at"))
    }
}

/// The members of one image, as GET /v2/images/{id}/members lists them.
public struct MemberList: Sendable, Equatable {
    public var members: [ImageMember]
    /// Entries that were not objects or had no `member_id`: counted and reported, never a crash.
    public var skippedEntries: Int

    public init(members: [ImageMember], skippedEntries: Int = 0) {
        self.members = members
        self.skippedEntries = skippedEntries
    }
}

extension MembersRequests {
    /// {"members": [...], "schema": …}; `imageID` fills in entries that do not name their image.
    public static func decodeList(_ body: Data, url: String, imageID: String = "") throws(APIError) -> MemberList {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: body), let o = json.objectValue else {
            throw .malformedResponse("the member list is not JSON", url: url)
        }
        guard let entries = o["members"]?.arrayValue else {
            throw .malformedResponse("the member list has no \"members\" array", url: url)
        }
        var list = MemberList(members: [])
        for entry in entries {
            if let member = try? ImageMember(json: entry, imageID: imageID) { list.members.append(member) } else { list.skippedEntries += 1 }
        }
        return list
    }

    /// One member, as POST …/members and PUT …/members/{member} answer.
    public static func decodeMember(_ body: Data, url: String, imageID: String = "") throws(APIError) -> ImageMember {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: body) else {
            throw .malformedResponse("the image member is not JSON", url: url)
        }
        do { return try ImageMember(json: json, imageID: imageID) } catch {
            throw .malformedResponse(error == .missingMemberID ? "the image member has no member_id" : "the image member is not a JSON object", url: url)
        }
    }
}
