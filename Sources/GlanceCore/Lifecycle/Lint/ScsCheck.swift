import Foundation
import GlanceAPI

/// One image against the SCS table: required properties present, each in the form the document
/// prescribes. Missing properties have no fix: their values are the provider's promises or facts
/// about the image (a build date, a login user), which nothing here can know.
enum ScsCheck {
    static func problems(_ image: Image) -> [(key: String, problem: ValueProblem)] {
        var out: [(String, ValueProblem)] = []
        for property in ScsImageMetadata.properties {
            let detail = "\(ScsImageMetadata.standard) \(property.section)"
            if property.format == .positiveCore {
                let value = property.key == "min_disk" ? image.minDisk : image.minRAM
                if (value ?? 0) <= 0 {
                    out.append((property.key, ValueProblem(kind: .missingRequired, why: "not given (0), but mandatory (\(detail))",
                                                           noFix: "only the image's owner knows what it needs")))
                }
                continue
            }
            let text = image.fields[property.key].map { $0.stringValue ?? $0.displayText }
            guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                if property.requirement == .mandatory {
                    out.append((property.key, ValueProblem(kind: .missingRequired, why: "missing, but mandatory (\(detail))",
                                                           noFix: "its value is a fact about the image or a promise only its provider can give")))
                }
                continue
            }
            if let problem = check(text, property.format, detail) { out.append((property.key, problem)) }
        }
        // Licensing: license_required "can not be true at the same time as" license_included.
        if image.fields["license_included"]?.stringValue == "true", image.fields["license_required"]?.stringValue == "true" {
            out.append(("license_required", ValueProblem(kind: .notAllowed,
                why: "\"true\" contradicts license_included=true (\(ScsImageMetadata.standard) \(ScsImageMetadata.licensing))",
                noFix: "only the provider knows which of the two is right")))
        }
        return out
    }

    static func check(_ text: String, _ format: ScsProperty.Format, _ detail: String) -> ValueProblem? {
        switch format {
        case .text, .positiveCore: return nil
        case .lowerCase: return ValueCheck.lowerCase(text, "lower-case; " + detail)
        case .choices(let choices): return ValueCheck.choice(text, choices, ValueCheck.choicesText(choices) + "; " + detail)
        case .boolean: return ValueCheck.boolean(text, "boolean; " + detail)
        case .date: return date(text, words: [], "YYYY-MM-DD; " + detail)
        case .providedUntil: return date(text, words: ["none", "notice"], "YYYY-MM-DD, none or notice; " + detail)
        case .uuidValidity:
            let lowered = text.lowercased()
            if lowered.hasPrefix("last-"), lowered.dropFirst(5).allSatisfy(\.isASCII), Int(lowered.dropFirst(5)).map({ $0 >= 0 }) == true {
                return lowered == text ? nil : ValueCheck.lowerCase(text, "YYYY-MM-DD, none, notice, forever or last-N; " + detail)
            }
            return date(text, words: ["none", "notice", "forever"], "YYYY-MM-DD, none, notice, forever or last-N; " + detail)
        case .buildDate: return buildDate(text, "YYYY-MM-DD or YYYY-MM-DD hh:mm[:ss], UTC; " + detail)
        case .hours:
            guard text.allSatisfy(\.isASCII), let n = Int(text), n >= 0 else {
                return ValueProblem(kind: .wrongForm, why: "\"\(text)\" is not a whole number of hours (0 or more; \(detail))",
                                    noFix: "no number of hours can be read from it")
            }
            return String(n) == text ? nil
                : ValueProblem(kind: .wrongForm, why: "\"\(text)\" should be written \"\(n)\" (\(detail))", fixed: String(n))
        case .urlOrPrivate:
            if text == "private" || isURL(text, needsHost: true) { return nil }
            if text.lowercased() == "private" { return ValueCheck.lowerCase(text, "a URL or private; " + detail) }
            return ValueProblem(kind: .wrongForm, why: "\"\(text)\" is neither a URL nor \"private\" (\(detail))",
                                noFix: "where the image can be downloaded is known only to its provider")
        case .uri:
            return isURL(text, needsHost: false) ? nil
                : ValueProblem(kind: .wrongForm, why: "\"\(text)\" is not a URI (https:, mailto:, tel: …; \(detail))",
                               noFix: "which kind of contact it is cannot be told")
        }
    }

    /// A date, or one of `words` (any case slip put right).
    static func date(_ text: String, words: [String], _ detail: String) -> ValueProblem? {
        if words.contains(text) || isDate(text) { return nil }
        if words.contains(text.lowercased()) { return ValueCheck.lowerCase(text, detail) }
        return ValueProblem(kind: .wrongForm, why: "\"\(text)\" is not in the form \(detail)",
                            noFix: "no date can be read from it")
    }

    /// ISO 8601 in UTC (`2024-05-01T10:00:00Z`, as `date -u -Iseconds` and many build tools
    /// write) says the same instant as the standard's form, so it is rewritten; other forms are not
    /// guessed at.
    static func buildDate(_ text: String, _ detail: String) -> ValueProblem? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        if parts.count == 1, isDate(text) { return nil }
        if parts.count == 2, isDate(String(parts[0])), isTime(String(parts[1])) { return nil }
        for suffix in ["Z", "+00:00"] where text.hasSuffix(suffix) {
            let iso = text.dropLast(suffix.count).split(separator: "T", omittingEmptySubsequences: false)
            if iso.count == 2, isDate(String(iso[0])), isTime(String(iso[1])) {
                let fixed = iso[0] + " " + iso[1]
                return ValueProblem(kind: .wrongForm, why: "\"\(text)\" should be written \"\(fixed)\" (\(detail))", fixed: String(fixed))
            }
        }
        return ValueProblem(kind: .wrongForm, why: "\"\(text)\" is not in the form \(detail)", noFix: "no date can be read from it")
    }

    static func isDate(_ text: String) -> Bool {
        let p = text.split(separator: "-", omittingEmptySubsequences: false)
        guard p.count == 3, p[0].count == 4, p[1].count == 2, p[2].count == 2,
              p.allSatisfy({ $0.allSatisfy(\.isASCII) }),
              let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]) else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return DateComponents(calendar: calendar, year: y, month: m, day: d).isValidDate
    }

    /// `hh:mm` or `hh:mm:ss`, 24-hour clock.
    static func isTime(_ text: String) -> Bool {
        let p = text.split(separator: ":", omittingEmptySubsequences: false)
        guard p.count == 2 || p.count == 3, p.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }) else { return false }
        let n = p.compactMap { Int($0) }
        return n.count == p.count && n[0] < 24 && n[1] < 60 && (n.count == 2 || n[2] < 60)
    }

    static func isURL(_ text: String, needsHost: Bool) -> Bool {
        guard !text.contains(" "), let url = URL(string: text), let scheme = url.scheme, !scheme.isEmpty else { return false }
        return !needsHost || (url.host?.isEmpty == false)
    }
}
