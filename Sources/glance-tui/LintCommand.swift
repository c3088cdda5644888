import ArgumentParser
import CloudConfig
import Foundation
import GlanceAPI
import GlanceApp
import GlanceCore
import Synchronization

/// `glance-tui lint [--filter …] [-f table|json] [--fix]`: the property linter for pipelines that
/// build images — exit status 1 when anything is found (or, with --fix, when anything is left).
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check image properties against the cloud's schema and metadata definitions, the vendor profiles and SCS scs-0102.",
        discussion: """
        Findings: a value not allowed, a wrong form (True for true), upper case where the standard is lower case, \
        a required property missing, an unknown key (with the nearest known one), a reserved os_glance_* key, more \
        properties than --property-quota. The settings file's lint: section turns rule sets off. Exit status 1 when \
        anything is found; with --fix, the fixes are applied first (each image read again and left alone if the \
        keys changed meanwhile) and the status says whether anything is left.
        """)

    @OptionGroup var cloud: CloudOptions
    @Option(name: .customLong("filter"), help: "Only the images this filter lists (as :filter takes it).")
    var filter: String?
    @Option(name: [.customShort("f"), .customLong("format")], help: "table or json")
    var format = "table"
    @Option(name: .customLong("rules"), help: "Only these rule sets, comma-separated (\(LintRuleSet.allCases.map(\.rawValue).joined(separator: ", "))).")
    var rules: String?
    @Option(name: .customLong("property-quota"), help: "The cloud's image_property_quota (Glance does not publish it).")
    var propertyQuota: Int?
    @Flag(name: .customLong("fix"), help: "Apply every fix there is, as one batch, then report what is left.")
    var fix = false

    func run() throws {
        try runReportingFailures("lint") {
            guard ["table", "json"].contains(format) else { throw CLIFailure.usage("-f takes table or json") }
            let settings = try lintSettings()
            let signedIn = try cloud.signedIn()
            let session = try signedIn.currentSession()
            let query = try Self.query(filter, session: session)
            let profiles = PropertyProfiles.loadInstalled().rules
            var report: LintReport
            do throws(APIError) {
                report = try LintRun.run(backend: signedIn.backend, query: query, ids: nil, settings: settings, profiles: profiles)
            } catch { throw CLIFailure.failed(error.userMessage) }
            if fix, !report.fixable.isEmpty {
                try applyFixes(report, signedIn: signedIn, session: session)
                do throws(APIError) {
                    report = try LintRun.run(backend: signedIn.backend, query: query, ids: report.linted, settings: settings, profiles: profiles)
                } catch { throw CLIFailure.failed(error.userMessage) }
            }
            print(format == "json" ? LintOutput.json(report) : LintOutput.table(report))
            if !report.findings.isEmpty { throw ExitCode(1) }
        }
    }

    func lintSettings() throws -> LintSettings {
        let file = try Settings.load(cloud.configFile)
        var settings = LintSettings(sets: file.lintSets, propertyQuota: propertyQuota ?? file.lintPropertyQuota)
        if let rules {
            var sets = Set<LintRuleSet>()
            for name in rules.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let set = LintRuleSet(rawValue: name) else {
                    throw CLIFailure.usage("--rules: unknown rule set \(name) (\(LintRuleSet.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                sets.insert(set)
            }
            settings.sets = sets
        }
        return settings
    }

    static func query(_ filter: String?, session: SessionInfo) throws -> ImageQuery {
        let query: ImageQuery
        do { query = try FilterParser.parse(filter ?? "") } catch { throw CLIFailure.usage("--filter: \(error.message)") }
        let plan = session.querySupport.plan(query)
        if let refusal = plan.refusal { throw CLIFailure.usage(refusal) }
        return plan.server
    }

    func applyFixes(_ report: LintReport, signedIn: LiveCloud, session: SessionInfo) throws {
        if let refusal = signedIn.refusal(.edit) { throw CLIFailure.failed(refusal.userMessage) }
        let images = Dictionary(report.images.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let items = report.fixable.compactMap { fix in images[fix.imageID].map(fix.batchItem(seen:)) }
        let writer = ImageWrite.Writer(session)
        let audit = AuditLog(path: AuditLog.defaultPath())
        BatchRunner(backend: signedIn.backend, writer: writer).run(items, cancel: CancellationFlag()) { id, outcome, requests in
            let item = items.first { $0.imageID == id }
            let record = WriteRecord(item?.write ?? .properties(set: [:], unset: []), imageID: id, imageName: item?.name ?? "",
                                     outcome: outcome, requests: requests, session: session, time: Date())
            _ = audit.append(record)
            FileHandle.standardError.write(Data("fix \(record.result) \(TerminalSafe.line(item?.name ?? "")) (\(id))\n".utf8))
        }
    }
}

enum LintOutput {
    static func table(_ report: LintReport) -> String {
        var lines = report.notes.map { "note: " + $0 }
        let byImage = Dictionary(grouping: report.findings, by: \.imageID)
        for image in report.images {
            lines.append("\(TerminalSafe.line(image.displayName)) (\(image.id))")
            for finding in byImage[image.id] ?? [] {
                let remedy = finding.fix.map { "fix: " + $0.summary } ?? "no fix: " + (finding.noFix ?? "")
                lines.append("  [\(finding.ruleSet.rawValue)] \(TerminalSafe.line(finding.message)) — \(TerminalSafe.line(remedy))")
            }
        }
        lines.append("\(report.findings.count) finding\(report.findings.count == 1 ? "" : "s") on \(report.images.count) of \(report.linted.count) images"
                     + " (\(report.fixable.count) with a fix)")
        return lines.joined(separator: "\n")
    }

    static func json(_ report: LintReport) -> String {
        let findings = report.findings.map { f -> JSONValue in
            var o: [String: JSONValue] = ["image_id": .string(f.imageID), "key": .string(f.key), "kind": .string(f.kind.rawValue),
                                          "rule_set": .string(f.ruleSet.rawValue), "message": .string(f.message)]
            if let fix = f.fix {
                o["fix"] = .object(["set": .object(fix.set.mapValues(JSONValue.string)), "unset": .array(fix.unset.map(JSONValue.string))])
            }
            if let why = f.noFix { o["no_fix"] = .string(why) }
            return .object(o)
        }
        let body = JSONValue.object(["linted": .number(Double(report.linted.count)), "notes": .array(report.notes.map(JSONValue.string)),
                                     "findings": .array(findings)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(body)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
