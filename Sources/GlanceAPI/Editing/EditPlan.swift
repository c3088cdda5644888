/// Staged changes to one image and the guard against lost updates.
///
/// Glance accepts no JSON-patch `test` and no If-Match, so the client guards itself: just before
/// sending, it re-reads the image and `conflicts(with:)` compares it with what the editor loaded
/// (every value the patch touches, `updated_at`, and, since `updated_at` has one-second
/// resolution, every other field); any difference means nothing is sent. Keys
/// the editor saw are sent as `replace`, new ones as `add`, so a property someone else removed
/// meanwhile makes the PATCH fail (409) instead of being silently recreated.
///
/// The window that remains: a change landing between that re-read and the PATCH (on the local
/// cloud, a few milliseconds) is not detected before sending; `unexpected(in:)` then reports any
/// value the server returned that differs from what was expected.
public struct EditPlan: Sendable, Equatable {
    public enum Change: Sendable, Equatable {
        case set(JSONValue)
        case remove
    }

    public struct Conflict: Sendable, Equatable {
        public var key: String
        /// What the editor loaded, what the server has now, and what the user wants.
        public var loaded: JSONValue?
        public var theirs: JSONValue?
        public var yours: Change

        public init(key: String, loaded: JSONValue?, theirs: JSONValue?, yours: Change) {
            self.key = key
            self.loaded = loaded
            self.theirs = theirs
            self.yours = yours
        }
    }

    public var loaded: Image
    public private(set) var changes: [String: Change] = [:]
    /// Keys in the order they were first changed, for a stable diff and patch.
    public private(set) var order: [String] = []

    public init(loaded: Image) { self.loaded = loaded }

    public var isEmpty: Bool { changes.isEmpty }

    public mutating func set(_ key: String, _ value: JSONValue) {
        if loaded.fields[key] == value { return discard(key) }
        record(key, .set(value))
    }

    public mutating func remove(_ key: String) {
        if loaded.fields[key] == nil { return discard(key) }
        record(key, .remove)
    }

    public mutating func discard(_ key: String) {
        changes[key] = nil
        order.removeAll { $0 == key }
    }

    private mutating func record(_ key: String, _ change: Change) {
        if changes[key] == nil { order.append(key) }
        changes[key] = change
    }

    /// The value the image will have for `key` once the plan is applied.
    public func value(_ key: String) -> JSONValue? {
        switch changes[key] {
        case .set(let v)?: v
        case .remove?: nil
        case nil: loaded.fields[key]
        }
    }

    public var operations: [PatchOperation] {
        order.compactMap { key in
            switch changes[key] {
            case .set(let value)?: loaded.fields[key] == nil ? .add(key: key, value: value) : .replace(key: key, value: value)
            case .remove?: .remove(key: key)
            case nil: nil
            }
        }
    }

    /// The body of POST /v2/images for a form: every value set (removals mean nothing there).
    public var newImageFields: [String: JSONValue] {
        var fields: [String: JSONValue] = [:]
        for key in order { if case .set(let v)? = changes[key] { fields[key] = v } }
        return fields
    }

    /// The same changes on top of `current` (changes that `current` already holds drop out).
    public func rebased(on current: Image) -> EditPlan {
        var plan = EditPlan(loaded: current)
        for key in order {
            switch changes[key] {
            case .set(let v)?: plan.set(key, v)
            case .remove?: plan.remove(key)
            case nil: break
            }
        }
        return plan
    }

    /// Differences between what was loaded and `current` that make sending unsafe: every touched
    /// key whose value moved; failing those, every other field that moved (updated_at among them).
    public func conflicts(with current: Image) -> [Conflict] {
        var out: [Conflict] = []
        for key in order {
            guard let change = changes[key], current.fields[key] != loaded.fields[key] else { continue }
            out.append(Conflict(key: key, loaded: loaded.fields[key], theirs: current.fields[key], yours: change))
        }
        // updated_at has one-second resolution and a change within the same second leaves it as
        // it was, so any other field that moved counts too.
        if out.isEmpty, current.fields != loaded.fields {
            let moved = Set(current.fields.keys).union(loaded.fields.keys)
                .filter { current.fields[$0] != loaded.fields[$0] }.sorted()
            for key in moved {
                out.append(Conflict(key: key, loaded: loaded.fields[key], theirs: current.fields[key],
                                    yours: .set(loaded.fields[key] ?? .null)))
            }
        }
        return out
    }

    /// Touched keys whose value in the server's answer is not what the plan asked for.
    public func unexpected(in result: Image) -> [String] {
        order.filter { key in
            switch changes[key] {
            case .set(let v)?: !Self.sameValue(result.fields[key], v)
            case .remove?: result.fields[key] != nil
            case nil: false
            }
        }
    }

    /// Glance may answer "400" for a sent "400" but also normalise numbers; compare as text.
    static func sameValue(_ a: JSONValue?, _ b: JSONValue) -> Bool {
        guard let a else { return false }
        return a == b || a.displayText == b.displayText
    }
}
