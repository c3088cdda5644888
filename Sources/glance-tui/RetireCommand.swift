import ArgumentParser
import Foundation
import GlanceAPI
import GlanceApp
import GlanceCore
import Synchronization

/// `glance-tui retire keep=N [older-than=30d] [action=hide|deactivate|delete] [lineage=…]`:
/// the retention plan for each lineage, printed (table or JSON) and, without --dry-run, applied
/// as a batch — for cron jobs.
struct RetireCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retire",
        abstract: "Retire old builds of each lineage (os_distro + os_version): all but the N newest, older than an age.",
        discussion: """
        Never the newest build of a lineage, never a protected image, never one servers use. Whether servers use \
        an image is not checked yet, so applying the plan needs --force; --dry-run prints it and sends nothing. \
        Exit status 1 when any image could not be retired.
        """)

    @OptionGroup var cloud: CloudOptions
    @Option(name: .customLong("filter"), help: "Only the images this filter lists (as :filter takes it).")
    var filter: String?
    @Flag(name: .customLong("dry-run"), help: "Print the plan; send nothing.")
    var dryRun = false
    @Flag(name: .customLong("force"), help: "Apply although whether servers use the images could not be checked.")
    var force = false
    @Option(name: [.customShort("f"), .customLong("format")], help: "table or json")
    var format = "table"
    @Argument(help: "keep=N [older-than=30d] [action=hide|deactivate|delete] [lineage=\"ubuntu 22.04\"]")
    var rule: [String] = []

    func run() throws {
        try runReportingFailures("retire") {
            let policy: RetentionPolicy
            do throws(CommandError) { policy = try RetentionPolicy.parse(rule) } catch { throw CLIFailure.usage(error.message) }
            guard ["table", "json"].contains(format) else { throw CLIFailure.usage("-f takes table or json") }
            let signedIn = try cloud.signedIn()
            let session = try signedIn.currentSession()
            let images = try BatchTargets.collect(filter: filter ?? "", ids: [], backend: signedIn.backend, session: session)
            let plan = RetentionPlan.make(images, policy: policy, now: Date(), usage: nil)
            print(format == "json" ? Self.json(plan) : Self.table(plan))
            guard !dryRun, !plan.going.isEmpty else { return }
            guard force else {
                throw CLIFailure.failed("whether servers use these images could not be checked: look at the plan and add --force, or --dry-run")
            }
            if policy.action == .delete, let refusal = signedIn.refusal(.delete) { throw CLIFailure.failed(refusal.userMessage) }
            let write = policy.write
            if let refusal = signedIn.refusal(write.capability) { throw CLIFailure.failed(refusal.userMessage) }
            let writer = ImageWrite.Writer(projectID: session.projectID, isAdmin: session.roles.contains("admin"))
            let audit = AuditLog(path: AuditLog.defaultPath())
            let failed = Mutex(0)
            BatchRunner(backend: signedIn.backend, writer: writer).run(plan.going.map { BatchItem(write, on: $0.image) },
                                                                       cancel: CancellationFlag()) { id, outcome, requests in
                let name = plan.going.first { $0.image.id == id }?.image.displayName ?? ""
                let record = WriteRecord(write, imageID: id, imageName: name, outcome: outcome, requests: requests,
                                         session: session, time: Date())
                _ = audit.append(record)
                if outcome.isFailure { failed.withLock { $0 += 1 } }
                print("\(record.result.split(separator: ":").first ?? "") \(TerminalSafe.line(name)) (\(id))")
            }
            let count = failed.withLock { $0 }
            if count > 0 { throw CLIFailure.failed("\(count) image\(count == 1 ? "" : "s") not retired") }
        }
    }

    static func table(_ plan: RetentionPlan) -> String {
        var lines = ["\(plan.policy.action.rawValue) \(plan.going.count) of \(plan.decisions.count) images"
                     + (plan.usageUnknown ? " (whether servers use them was not checked)" : "")]
        var lineage: String?
        for d in plan.decisions {
            if d.lineage != lineage {
                lineage = d.lineage
                lines.append(d.lineage.isEmpty ? "(no lineage)" : d.lineage)
            }
            lines.append("  \(d.goes ? "goes " : "keeps") \(TerminalSafe.line(d.image.displayName)) (\(d.image.id)): \(d.reason)")
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ plan: RetentionPlan) -> String {
        let items = plan.decisions.map { d -> JSONValue in
            .object(["id": .string(d.image.id), "name": .string(d.image.displayName), "lineage": .string(d.lineage),
                     "goes": .bool(d.goes), "reason": .string(d.reason)])
        }
        let body = JSONValue.object(["action": .string(plan.policy.action.rawValue), "keep": .number(Double(plan.policy.keep)),
                                     "usage_checked": .bool(!plan.usageUnknown), "images": .array(items)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(body)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
