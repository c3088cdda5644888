import Foundation
import GlanceAPI

/// Which builds of each lineage go: all but the `keep` newest, and of those only the ones
/// older than `olderThanDays` — never the current build, never a protected one, never one that
/// servers still use. Planned before anything is sent; applied as a batch.
public struct RetentionPolicy: Equatable, Sendable {
    public enum Retire: String, Sendable, CaseIterable { case hide, deactivate, delete }

    public var keep: Int
    public var olderThanDays: Int?
    public var action: Retire
    /// Only the lineage with this key ("ubuntu 22.04"), or every lineage.
    public var lineage: String?

    public init(keep: Int, olderThanDays: Int? = nil, action: Retire = .hide, lineage: String? = nil) {
        self.keep = keep
        self.olderThanDays = olderThanDays
        self.action = action
        self.lineage = lineage
    }

    public var write: ImageWrite {
        switch action {
        case .hide: .hidden(true)
        case .deactivate: .active(false)
        case .delete: .delete
        }
    }
}

public struct RetentionPlan: Equatable, Sendable {
    public struct Decision: Equatable, Sendable {
        public var image: Image
        public var lineage: String
        public var goes: Bool
        /// "newest", "protected", "in use by 3 servers", "2nd newest: within keep=2", "5th newest, 92 days old".
        public var reason: String
    }

    public var policy: RetentionPolicy
    public var decisions: [Decision]
    /// Said when whether servers use the images could not be checked: applying then needs force.
    public var usageUnknown: Bool

    public var going: [Decision] { decisions.filter(\.goes) }

    /// `usage` maps image ids to how many servers use them; nil when it could not be asked.
    public static func make(_ images: [Image], policy: RetentionPolicy, now: Date, usage: [String: Int]?) -> RetentionPlan {
        var decisions: [Decision] = []
        for lineage in Lineage.group(images) where policy.lineage.map({ $0.lowercased() == lineage.key }) ?? true {
            for (index, image) in lineage.images.enumerated() {
                let rank = ordinal(index + 1)
                let days = Lineage.buildDate(of: image).map { Int(now.timeIntervalSince($0) / 86_400) }
                let (goes, reason): (Bool, String)
                if lineage.key.isEmpty {
                    (goes, reason) = (false, "no lineage (no os_distro): never retired by rule")
                } else if index == 0 {
                    (goes, reason) = (false, "newest: the current build")
                } else if image.isProtected == true {
                    (goes, reason) = (false, "protected")
                } else if let servers = usage?[image.id], servers > 0 {
                    (goes, reason) = (false, "in use by \(servers) server\(servers == 1 ? "" : "s")")
                } else if index < policy.keep {
                    (goes, reason) = (false, "\(rank) newest: within keep=\(policy.keep)")
                } else if let limit = policy.olderThanDays, (days ?? 0) < limit {
                    (goes, reason) = (false, "\(rank) newest, \(days.map { "\($0) days" } ?? "age unknown") old: younger than \(limit) days")
                } else if image.status == .deactivated && policy.action == .deactivate || image.isHidden == true && policy.action == .hide {
                    (goes, reason) = (false, "\(rank) newest: already \(policy.action == .hide ? "hidden" : "deactivated")")
                } else {
                    (goes, reason) = (true, "\(rank) newest" + (days.map { ", \($0) days old" } ?? ""))
                }
                decisions.append(Decision(image: image, lineage: lineage.key, goes: goes, reason: reason))
            }
        }
        return RetentionPlan(policy: policy, decisions: decisions, usageUnknown: usage == nil)
    }

    static func ordinal(_ n: Int) -> String {
        let suffix = (11...13).contains(n % 100) ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th"
        return "\(n)\(suffix)"
    }
}

extension RetentionPolicy {
    /// `keep=N [older-than=30d] [action=hide|deactivate|delete] [lineage="ubuntu 22.04"]`, as
    /// `:retire` and `glance-tui retire` take it.
    public static func parse(_ words: [String]) throws(CommandError) -> RetentionPolicy {
        var keep: Int?, days: Int?, action = Retire.hide, lineage: String?
        for word in words {
            guard let eq = word.firstIndex(of: "=") else {
                throw CommandError("\(word) is not key=value (keep=N, older-than=30d, action=hide|deactivate|delete, lineage=…)")
            }
            let key = String(word[..<eq]), value = String(word[word.index(after: eq)...])
            switch key {
            case "keep":
                guard let n = Int(value), n >= 1 else { throw CommandError("keep is how many builds to keep: 1 or more") }
                keep = n
            case "older-than":
                let number = value.hasSuffix("d") ? String(value.dropLast()) : value
                guard let n = Int(number), n >= 0 else { throw CommandError("older-than is a number of days: 30d") }
                days = n
            case "action":
                guard let a = Retire(rawValue: value) else { throw CommandError("action is hide, deactivate or delete") }
                action = a
            case "lineage":
                lineage = value
            default:
                throw CommandError("\(key) is not a retention setting (keep, older-than, action, lineage)")
            }
        }
        guard let keep else { throw CommandError("Say how many builds of each lineage to keep: keep=N") }
        return RetentionPolicy(keep: keep, olderThanDays: days, action: action, lineage: lineage)
    }
}
