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
    /// nil: the one configured (`lineage_by:`), else the standard one.
    public var by: LineageKey?
    /// Retire images although whether servers use them could not be checked.
    public var force: Bool

    public init(keep: Int, olderThanDays: Int? = nil, action: Retire = .hide, lineage: String? = nil,
                by: LineageKey? = nil, force: Bool = false) {
        self.keep = keep
        self.olderThanDays = olderThanDays
        self.action = action
        self.lineage = lineage
        self.by = by
        self.force = force
    }

    /// The policy as `:retire` takes it, for the pane's title and the command log.
    public var text: String {
        var words = ["keep=\(keep)"]
        if let olderThanDays { words.append("older-than=\(olderThanDays)d") }
        words.append("action=\(action.rawValue)")
        if let lineage { words.append("lineage=" + (lineage.contains(" ") ? "\"\(lineage)\"" : lineage)) }
        if let by, by != .standard { words.append("by=\(by.description)") }
        if force { words.append("force") }
        return words.joined(separator: " ")
    }

    public var write: ImageWrite {
        switch action {
        case .hide: .hidden(true)
        case .deactivate: .active(false)
        case .delete: .delete
        }
    }
}

/// What Compute said about which images servers boot from.
public enum UsageCheck: Equatable, Sendable {
    /// Server counts by image id. `unknown` are the images whose use could not be seen (a
    /// project user sees only its own servers, so a shared or public image may be booted
    /// elsewhere); `scope` says what was looked at ("all projects", "project demo only").
    case checked(counts: [String: Int], unknown: Set<String>, scope: String)
    /// Nothing could be asked, and why ("no Compute endpoint in the catalog").
    case unavailable(String)

    /// How many servers boot from `id`, or nil when that cannot be told. A server this session
    /// sees is in use whatever else it cannot see: "unknown" only ever means "none seen, but
    /// others may exist", so force never overrides a server that is there.
    public func servers(using id: String) -> Int? {
        guard case .checked(let counts, let unknown, _) = self else { return nil }
        if let n = counts[id], n > 0 { return n }
        return unknown.contains(id) ? nil : 0
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
    /// Why the use of some image that would go could not be checked; without force those are
    /// kept, and the plan says so.
    public var usageUnknown: Bool { !unchecked.isEmpty }
    /// Images the rule retires but whose use by servers could not be checked.
    public var unchecked: [Decision]
    public var usageNote: String?
    /// Whether Compute answered at all (a plan where nothing would go is still unchecked without it).
    public var usageAsked: Bool = false

    public var going: [Decision] { decisions.filter(\.goes) }

    /// `writer`, when given, keeps what the batch would skip anyway (a queued image cannot be
    /// deactivated, another project's image is not this user's to hide), saying why, so the plan
    /// shows what will really happen.
    public static func make(_ images: [Image], policy: RetentionPolicy, now: Date, check: UsageCheck,
                            writer: ImageWrite.Writer? = nil) -> RetentionPlan {
        var decisions: [Decision] = [], unchecked: [Decision] = []
        for lineage in Lineage.group(images, by: policy.by ?? .standard) where policy.lineage.map({ $0.lowercased() == lineage.key }) ?? true {
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
                } else if let servers = check.servers(using: image.id), servers > 0 {
                    (goes, reason) = (false, "in use by \(servers) server\(servers == 1 ? "" : "s")")
                } else if index < policy.keep {
                    (goes, reason) = (false, "\(rank) newest: within keep=\(policy.keep)")
                } else if let limit = policy.olderThanDays, (days ?? 0) < limit {
                    (goes, reason) = (false, "\(rank) newest, \(days.map { "\($0) days" } ?? "age unknown") old: younger than \(limit) days")
                } else if let writer, let why = policy.write.skipReason(for: image, by: writer) {
                    (goes, reason) = (false, "\(rank) newest: \(why)")
                } else if image.status == .deactivated && policy.action == .deactivate || image.isHidden == true && policy.action == .hide {
                    (goes, reason) = (false, "\(rank) newest: already \(policy.action == .hide ? "hidden" : "deactivated")")
                } else {
                    let why = "\(rank) newest" + (days.map { ", \($0) days old" } ?? "")
                    if check.servers(using: image.id) == nil {
                        let decision = Decision(image: image, lineage: lineage.key, goes: policy.force,
                                                reason: why + (policy.force ? ", use unchecked (force)" : ": kept, use by servers unchecked"))
                        unchecked.append(decision)
                        decisions.append(decision)
                        continue
                    }
                    (goes, reason) = (true, why)
                }
                decisions.append(Decision(image: image, lineage: lineage.key, goes: goes, reason: reason))
            }
        }
        let note: String? = switch check {
        case .unavailable(let why): "whether servers use the images could not be checked: \(why)"
        case .checked(_, let unknown, let scope): unknown.isEmpty ? "server use checked in \(scope)"
            : "server use checked in \(scope); images others may boot could not be checked"
        }
        var plan = RetentionPlan(policy: policy, decisions: decisions, unchecked: unchecked, usageNote: note)
        if case .checked = check { plan.usageAsked = true }
        return plan
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
        var keep: Int?, days: Int?, action = Retire.hide, lineage: String?, by: LineageKey?, force = false
        for word in words {
            if word == "force" { force = true; continue }
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
            case "by":
                by = try LineageKey.parse(value)
            default:
                throw CommandError("\(key) is not a retention setting (keep, older-than, action, lineage, by, force)")
            }
        }
        guard let keep else { throw CommandError("Say how many builds of each lineage to keep: keep=N") }
        return RetentionPolicy(keep: keep, olderThanDays: days, action: action, lineage: lineage, by: by, force: force)
    }
}
