import Foundation
import GlanceAPI
import TerminalKit

/// Keys while the editor asks for something (a value, a new key) or shows a diff or a conflict.
extension Update {
    /// nil when the editor does not take this key itself (the key table then decides).
    static func editorKey(_ state: inout AppState, _ key: Key) -> [Effect]? {
        guard var editor = state.editor else { return nil }
        if let prompt = editor.prompt {
            let action = promptKey(&editor, prompt, key, rules: state.rules)
            state.editor = editor
            if editor.prompt == nil, case .confirmDiscard = prompt, key == .char("y") { return closeEditor(&state) }
            return action.map { perform(&state, $0) } ?? []
        }
        switch editor.phase {
        case .loading, .checking, .saving, .refreshing:
            // Only leaving is possible while a request runs.
            guard key == .escape || key == .ctrl("c") else { return [] }
            return key == .ctrl("c") ? quit(&state) : closeEditor(&state)
        case .reviewing:
            switch key {
            case .enter where editor.isCreating:
                let id = state.makeRequestID()
                state.requestsInFlight.insert(id)
                editor.phase = .saving(id)
                editor.message = nil
                state.editor = editor
                return [.createImage(id, editor.plan?.newImageFields ?? [:])]
            case .enter:
                let id = state.makeRequestID()
                state.requestsInFlight.insert(id)
                editor.phase = .checking(id)
                editor.message = nil
                state.editor = editor
                return [.loadImage(id, imageID: editor.imageID)]
            case .escape, .char("q"):
                editor.phase = .editing
                state.editor = editor
                return []
            default: return []
            }
        case .conflict(_, let current):
            guard var plan = editor.plan else { return [] }
            switch key {
            case .char("o"):
                // Keep my changes on top of what the server has now, and review them again.
                plan = plan.rebased(on: current)
                editor.plan = plan
                editor.phase = plan.isEmpty ? .editing : .reviewing
                editor.message = plan.isEmpty ? "The server already has your values; nothing to save" : nil
                editor.messageIsError = false
            case .char("t"):
                editor.plan = EditPlan(loaded: current)
                editor.phase = .editing
                editor.message = "Took their version; your changes were dropped"
                editor.messageIsError = false
            case .escape:
                editor.phase = .editing
            default:
                return []
            }
            state.editor = editor
            return []
        case .editing:
            return nil
        }
    }

    /// Stages `text` as the value of `key` when its rule accepts it; otherwise keeps the prompt
    /// open with the rule's complaint.
    static func stage(_ key: String, _ text: String, in editor: inout EditorState, rules: [String: PropertyRule]) {
        switch EditorRules.rule(for: key, rules: rules).value(for: text) {
        case .success(let value):
            editor.plan?.set(key, value)
            editor.prompt = nil
            editor.message = nil
        case .failure(let violation):
            editor.message = violation.message
            editor.messageIsError = true
        }
    }

    /// Edits the prompt's line; returns a write to perform at once (tags), if the key made one.
    static func promptKey(_ editor: inout EditorState, _ prompt: EditorState.Prompt, _ key: Key,
                          rules: [String: PropertyRule]) -> ImageAction? {
        switch prompt {
        case .addTag(var line), .removeTag(var line):
            let adding = if case .addTag = prompt { true } else { false }
            switch line.handle(key) {
            case .cancel: editor.prompt = nil
            case .submit:
                let tag = line.text.trimmingCharacters(in: .whitespaces)
                let current = editor.plan?.loaded.tags ?? []
                if tag.isEmpty { editor.message = "A tag needs some text" }
                else if tag.count > 255 { editor.message = "A tag is at most 255 characters (this one has \(tag.count))" }
                else if adding, current.contains(tag) { editor.message = "The image has the tag \(tag) already" }
                else if !adding, !current.contains(tag) {
                    editor.message = "The image has no tag \(tag)" + (current.isEmpty ? "" : " (tags: \(current.joined(separator: ", ")))")
                } else {
                    editor.prompt = nil
                    editor.message = nil
                    return .setTag(imageID: editor.imageID, tag: tag, present: adding)
                }
                editor.messageIsError = true
            default: editor.prompt = adding ? .addTag(line) : .removeTag(line)
            }
            return nil
        case .confirmDiscard:
            editor.prompt = nil
            if key != .char("y") { editor.message = "Kept your changes (s reviews and saves them)" }
        case .value(let k, var line):
            switch line.handle(key) {
            case .cancel: editor.prompt = nil
            case .submit:
                if k == "id", editor.isCreating {
                    let id = line.text.trimmingCharacters(in: .whitespaces).lowercased()
                    if id.isEmpty {
                        editor.plan?.discard("id")
                        editor.prompt = nil
                    } else if EditorRules.isUUID(id) {
                        editor.plan?.set("id", .string(id))
                        editor.prompt = nil
                        editor.message = nil
                    } else {
                        editor.message = "id: \"\(line.text)\" is not a UUID (8-4-4-4-12 hexadecimal digits)"
                        editor.messageIsError = true
                    }
                    return nil
                }
                stage(k, line.text, in: &editor, rules: rules)
            default: editor.prompt = .value(key: k, line)
            }
        case .newKey(var line) where key == .tab:
            // Known properties (metadata definitions, profiles) are offered with what they mean.
            let known = rules.values.filter { !$0.isCore && !$0.isReadOnly && editor.plan?.value($0.key) == nil }
            let matches = known.filter { $0.key.hasPrefix(line.text) }.sorted { $0.key < $1.key }
            if matches.count == 1 {
                line.replaceAll(matches[0].key)
                editor.message = [matches[0].description, matches[0].summary].compactMap { $0 }.joined(separator: " · ")
            } else if !matches.isEmpty {
                var common = matches[0].key
                for m in matches.dropFirst() { while !m.key.hasPrefix(common) { common.removeLast() } }
                if common.count > line.text.count { line.replaceAll(common) }
                editor.message = "\(matches.count) known: " + matches.prefix(12).map(\.key).joined(separator: "  ")
            } else {
                editor.message = "No known property starts with \"\(line.text)\"; any name will do"
            }
            editor.messageIsError = false
            editor.prompt = .newKey(line)
        case .newKey(var line):
            switch line.handle(key) {
            case .cancel: editor.prompt = nil
            case .submit:
                let k = line.text.trimmingCharacters(in: .whitespaces)
                if let why = EditorRules.refusal(forNewKey: k, plan: editor.plan, rules: rules) {
                    editor.message = why
                    editor.messageIsError = true
                } else {
                    editor.message = EditorRules.rule(for: k, rules: rules).description
                    editor.messageIsError = false
                    editor.prompt = .newValue(key: k, LineEditor())
                }
            default: editor.prompt = .newKey(line)
            }
        case .newValue(let k, var line):
            switch line.handle(key) {
            case .cancel: editor.prompt = nil
            case .submit:
                stage(k, line.text, in: &editor, rules: rules)
            default: editor.prompt = .newValue(key: k, line)
            }
        }
        return nil
    }
}

/// Rules the editor applies when the cloud's own are missing, and what a new key may be.
public enum EditorRules {
    /// Glance's limit for an extra property's value (the image_properties.value column).
    public static let valueLimit = 65535

    public static let newImageIDRule = PropertyRule(key: "id", description: "optional: the new image's UUID; Glance picks one when left empty",
                                                    source: "Image API", isCore: true)

    public static func rule(for key: String, rules: [String: PropertyRule]) -> PropertyRule {
        if let r = rules[key] { return r }
        switch key {
        case "name": return PropertyRule(key: key, maxLength: 255, source: "Image API", isCore: true)
        case "visibility": return PropertyRule(key: key, choices: ["public", "private", "shared", "community"], source: "Image API", isCore: true)
        case "protected", "os_hidden": return PropertyRule(key: key, kind: .boolean, source: "Image API", isCore: true)
        case "min_disk", "min_ram":
            return PropertyRule(key: key, kind: .integer, ranges: [0...Double(Int32.max)], source: "Image API",
                                unit: key == "min_disk" ? "GiB" : "MiB", isCore: true)
        case "tags": return PropertyRule(key: key, kind: .array, maxLength: 255, source: "Image API", isCore: true)
        case "disk_format", "container_format": return PropertyRule(key: key, source: "Image API", isCore: true)
        default:
            if Image.coreKeys.contains(key) {
                return PropertyRule(key: key, readOnlyReason: "set by Glance", source: "Image API", isCore: true)
            }
            return PropertyRule(key: key, maxLength: valueLimit, source: "any extra property")
        }
    }

    public static func isUUID(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        return parts.map(\.count) == [8, 4, 4, 4, 12] && parts.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }

    /// Why `key` cannot be added as a new property, or nil.
    public static func refusal(forNewKey key: String, plan: EditPlan?, rules: [String: PropertyRule]) -> String? {
        if key.isEmpty { return "A property needs a name" }
        if key.count > 255 { return "A property name is at most 255 characters" }
        if Image.coreKeys.contains(key) { return "\(key) is a core attribute: change it on its own row" }
        if ["location", "deleted", "deleted_at"].contains(key) || key.hasPrefix("os_glance") {
            return "\(key) is reserved by Glance"
        }
        if let reason = rules[key]?.readOnlyReason { return "\(key) is read-only: \(reason)" }
        if plan?.value(key) != nil { return "\(key) exists already: change it on its row" }
        return nil
    }
}

/// A value as the editor shows and edits it: strings bare, lists comma-separated.
public enum EditorText {
    public static func text(_ value: JSONValue?, key: String) -> String {
        switch value {
        case nil, .null?: ""
        case .array(let items)?: items.map(\.displayText).joined(separator: ", ")
        case let v?: v.displayText
        }
    }
}
