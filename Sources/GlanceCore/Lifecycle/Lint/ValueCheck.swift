import Foundation
import GlanceAPI

/// What is wrong with one value, before the linter names the image and the key.
struct ValueProblem: Equatable {
    var kind: LintFinding.Kind
    /// Starts with the value: "\"scsii\" is not allowed (one of: scsi, virtio; from metadefs X)".
    var why: String
    /// The value that puts it right, when one is certain enough to propose.
    var fixed: String?
    var noFix: String?
}

/// Checks shared by the published rules (RuleCheck) and the SCS table (ScsCheck).
enum ValueCheck {
    static let truthy: Set<String> = ["true", "yes", "y", "on", "1"]
    static let falsy: Set<String> = ["false", "no", "n", "off", "0"]

    /// Extra properties are strings, and Nova and Glance read `true` and `false`; other spellings
    /// (`True`, `yes`, `1`) work in some places and not in others (oslo's bool_from_string takes
    /// them, a metadefs-driven UI or a plain string comparison does not).
    static func boolean(_ text: String, _ detail: String) -> ValueProblem? {
        guard text != "true", text != "false" else { return nil }
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let canonical = truthy.contains(t) ? "true" : falsy.contains(t) ? "false" : nil
        guard let canonical else {
            return ValueProblem(kind: .notAllowed, why: "\"\(text)\" is not true or false (\(detail))",
                                noFix: "it cannot be told whether true or false was meant")
        }
        return ValueProblem(kind: .wrongForm, why: "\"\(text)\" should be written \"\(canonical)\" (\(detail))",
                            fixed: canonical)
    }

    /// A value that must be one of `choices`: a case or spacing slip is put right, a typo is put
    /// right when exactly one allowed value is close, anything else is only reported.
    static func choice(_ text: String, _ choices: [String], _ detail: String) -> ValueProblem? {
        guard !choices.contains(text) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let sameIgnoringCase = choices.filter { $0.lowercased() == trimmed.lowercased() }
        if sameIgnoringCase.count == 1, let match = sameIgnoringCase.first {
            if trimmed == match {
                return ValueProblem(kind: .wrongForm, why: "\"\(text)\" has spaces around it (\(detail))", fixed: match)
            }
            let kind: LintFinding.Kind = match == match.lowercased() ? .wrongCase : .wrongForm
            let how = kind == .wrongCase ? "should be lower-case" : "should be written"
            return ValueProblem(kind: kind, why: "\"\(text)\" \(how) \"\(match)\" (\(detail))", fixed: match)
        }
        // A yes/no enum (hw_qemu_guest_agent) written as a boolean: `True` means yes.
        if Set(choices) == ["yes", "no"] {
            let t = trimmed.lowercased()
            if let meant = truthy.contains(t) ? "yes" : falsy.contains(t) ? "no" : nil {
                return ValueProblem(kind: .wrongForm, why: "\"\(text)\" should be written \"\(meant)\" (\(detail))", fixed: meant)
            }
        }
        let (best, tied) = NearestMatch.nearest(to: trimmed, in: choices)
        let why = "\"\(text)\" is not allowed (\(detail))"
        if let best { return ValueProblem(kind: .notAllowed, why: why, fixed: best) }
        let noFix = tied.isEmpty ? "no allowed value is close to it"
            : "it is as close to " + tied.joined(separator: " as to ") + ", so which was meant is unclear"
        return ValueProblem(kind: .notAllowed, why: why, noFix: noFix)
    }

    /// A value that must be lower-case but has no fixed list (`os_distro`).
    static func lowerCase(_ text: String, _ detail: String) -> ValueProblem? {
        let lowered = text.lowercased()
        guard lowered != text else { return nil }
        return ValueProblem(kind: .wrongCase, why: "\"\(text)\" should be lower-case \"\(lowered)\" (\(detail))", fixed: lowered)
    }

    static func choicesText(_ choices: [String]) -> String { "one of: " + choices.joined(separator: ", ") }
}
