import Foundation
import GlanceAPI

/// `:retire`: the plan for the shown images — what goes, what stays and why — waiting to be
/// confirmed. Nothing is sent until `y`; then it runs as a batch like any other write.
public struct RetireState: Equatable, Sendable {
    public enum Phase: Equatable, Sendable {
        /// Reading the images in full and asking Compute which of them servers boot from.
        case checking(RequestID, images: Int)
        case planned(RetentionPlan)
    }

    public var policy: RetentionPolicy
    public var phase: Phase
    public var cursor = ListViewport()

    public init(policy: RetentionPolicy, phase: Phase) {
        self.policy = policy
        self.phase = phase
    }

    /// What a plan is made from: the images as the server has them now (the list keeps compact
    /// rows, which may be stale and lack the properties a `by=` groups on) and Compute's answer.
    public struct Facts: Equatable, Sendable {
        public var images: [Image]
        public var usage: UsageCheck
        public init(images: [Image], usage: UsageCheck) {
            self.images = images
            self.usage = usage
        }
    }

    public var plan: RetentionPlan? {
        if case .planned(let plan) = phase { plan } else { nil }
    }

    /// The pane's rows: each lineage's heading, then its builds with their decisions.
    public enum Row: Equatable, Sendable {
        case lineage(String, going: Int, count: Int)
        case decision(RetentionPlan.Decision)
    }

    public var rows: [Row] {
        guard let plan else { return [] }
        // Counted once per lineage, not once per heading over every decision.
        let byLineage = Dictionary(grouping: plan.decisions, by: \.lineage)
        var rows: [Row] = []
        var current: String?
        for decision in plan.decisions {
            if decision.lineage != current {
                current = decision.lineage
                let members = byLineage[decision.lineage] ?? []
                rows.append(.lineage(decision.lineage, going: members.filter(\.goes).count, count: members.count))
            }
            rows.append(.decision(decision))
        }
        return rows
    }
}
