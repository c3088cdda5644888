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
        Never the newest build of a lineage, never a protected image, never one servers use: Compute is asked \
        (every project for an admin). An image whose use cannot be seen (no Compute, or a shared or public image \
        when only your project's servers can be listed) is kept unless --force is given. --dry-run prints the plan \
        and sends nothing. The settings' lineage_by: chooses how builds are grouped unless by= is given. \
        Exit status 1 when any image could not be retired.
        """)

    @OptionGroup var cloud: CloudOptions
    @Option(name: .customLong("filter"), help: "Only the images this filter lists (as :filter takes it).")
    var filter: String?
    @Flag(name: .customLong("dry-run"), help: "Print the plan; send nothing.")
    var dryRun = false
    @Flag(name: .customLong("force"), help: "Retire images whose use by servers could not be checked too.")
    var force = false
    @Option(name: [.customShort("f"), .customLong("format")], help: "table or json")
    var format = "table"
    @Argument(help: "keep=N [older-than=30d] [action=hide|deactivate|delete] [lineage=\"ubuntu 22.04\"]")
    var rule: [String] = []

    func run() throws {
        try runReportingFailures("retire") {
            var policy: RetentionPolicy
            do throws(CommandError) { policy = try RetentionPolicy.parse(rule) } catch { throw CLIFailure.usage(error.message) }
            policy.force = policy.force || force
            if policy.by == nil { policy.by = try Settings.load(cloud.configFile).lineageBy }
            guard ["table", "json"].contains(format) else { throw CLIFailure.usage("-f takes table or json") }
            let signedIn = try cloud.signedIn()
            let session = try signedIn.currentSession()
            let images = try BatchTargets.collect(filter: filter ?? "", ids: [], backend: signedIn.backend, session: session)
            let writer = ImageWrite.Writer(session)
            let plan = RetentionPlan.make(images, policy: policy, now: Date(), check: signedIn.serverUsage(of: images), writer: writer)
            print(format == "json" ? Self.json(plan) : Self.table(plan))
            if plan.usageUnknown, !policy.force {
                FileHandle.standardError.write(Data(("glance-tui retire: \(plan.unchecked.count) image\(plan.unchecked.count == 1 ? "" : "s") kept because "
                    + "whether servers use \(plan.unchecked.count == 1 ? "it" : "them") could not be checked; --force retires \(plan.unchecked.count == 1 ? "it" : "them") too\n").utf8))
            }
            guard !dryRun, !plan.going.isEmpty else { return }
            let write = policy.write
            if let refusal = signedIn.refusal(write.capability) { throw CLIFailure.failed(refusal.userMessage) }
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
                     + (plan.usageNote.map { " (\($0))" } ?? "")]
        var lineage: String?
        for d in plan.decisions {
            if d.lineage != lineage {
                lineage = d.lineage
                lines.append(d.lineage.isEmpty ? "(no lineage)" : TerminalSafe.line(d.lineage))
            }
            lines.append("  \(d.goes ? "goes " : "keeps") \(TerminalSafe.line(d.image.displayName)) (\(d.image.id)): \(TerminalSafe.line(d.reason))")
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ plan: RetentionPlan) -> String {
        let items = plan.decisions.map { d -> JSONValue in
            .object(["id": .string(d.image.id), "name": .string(d.image.displayName), "lineage": .string(d.lineage),
                     "goes": .bool(d.goes), "reason": .string(d.reason)])
        }
        let body = JSONValue.object(["action": .string(plan.policy.action.rawValue), "keep": .number(Double(plan.policy.keep)),
                                     "usage_checked": .bool(plan.usageAsked && !plan.usageUnknown), "usage_note": plan.usageNote.map(JSONValue.string) ?? .null,
                                     "images": .array(items)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(body)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
