import Foundation
import GlanceAPI

/// A stored value against the rule the cloud publishes for its key (schema, metadefs or a
/// profile). The editor refuses such values when they are typed; these are values stored before
/// the rule existed, or written by another client.
enum RuleCheck {
    static func problem(_ text: String, _ rule: PropertyRule) -> ValueProblem? {
        // A read-only rule is Glance's or the vendor's to keep; there is nothing for the user to fix.
        guard !rule.isReadOnly else { return nil }
        let from = "from " + rule.source
        switch rule.kind {
        case .boolean:
            return ValueCheck.boolean(text, "boolean; " + from)
        case .integer, .number:
            return number(text, rule, from)
        case .string:
            if let maxLength = rule.maxLength, text.unicodeScalars.count > maxLength {
                return ValueProblem(kind: .notAllowed, why: "\(text.unicodeScalars.count) characters is longer than \(maxLength) (\(from))",
                                    noFix: "shortening it would change what it says")
            }
            guard let choices = rule.choices else { return nil }
            return ValueCheck.choice(text, choices, ValueCheck.choicesText(choices) + "; " + from)
        case .array:
            // Extra properties hold a list as one comma-separated string.
            guard let choices = rule.choices else { return nil }
            let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let bad = items.filter { !choices.contains($0) }
            guard !bad.isEmpty else { return nil }
            let fixed = items.map { item in choices.contains(item) ? item : choices.first { $0.lowercased() == item.lowercased() } }
            let detail = "each " + ValueCheck.choicesText(choices) + "; " + from
            let why = bad.map { "\"\($0)\"" }.joined(separator: ", ") + (bad.count == 1 ? " is" : " are") + " not allowed (\(detail))"
            if fixed.allSatisfy({ $0 != nil }) {
                return ValueProblem(kind: .wrongCase, why: why, fixed: fixed.map { $0! }.joined(separator: ","))
            }
            return ValueProblem(kind: .notAllowed, why: why, noFix: "not every item has an allowed value that differs only in case")
        }
    }

    static func number(_ text: String, _ rule: PropertyRule, _ from: String) -> ValueProblem? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let isInteger = rule.kind == .integer
        let decimal = !trimmed.isEmpty && trimmed.allSatisfy { $0.isNumber || "+-.eE".contains($0) }
        guard decimal, let n = Double(trimmed), n.isFinite else {
            return ValueProblem(kind: .wrongForm, why: "\"\(text)\" is not \(isInteger ? "an integer" : "a number") (\(rule.summary); \(from))",
                                noFix: "no number can be read from it")
        }
        if isInteger, Int64(trimmed) == nil, n.rounded() != n {
            return ValueProblem(kind: .wrongForm, why: "\"\(text)\" is not an integer (\(rule.summary); \(from))",
                                noFix: "rounding would change its meaning")
        }
        if !rule.ranges.isEmpty, !rule.ranges.contains(where: { $0.contains(n) }) {
            return ValueProblem(kind: .notAllowed, why: "\(trimmed) is out of range (\(rule.summary); \(from))",
                                noFix: "which value in range was meant cannot be told")
        }
        // Whole numbers written "120.0" or " 120" are read differently by different consumers.
        let canonical = isInteger ? Int64(exactly: n).map(String.init) ?? trimmed : trimmed
        if let choices = rule.choices, !choices.contains(canonical) {
            return ValueProblem(kind: .notAllowed, why: "\"\(text)\" is not allowed (\(ValueCheck.choicesText(choices)); \(from))",
                                noFix: "which allowed value was meant cannot be told")
        }
        guard canonical != text else { return nil }
        return ValueProblem(kind: .wrongForm, why: "\"\(text)\" should be written \"\(canonical)\" (\(rule.summary); \(from))",
                            fixed: canonical)
    }
}
