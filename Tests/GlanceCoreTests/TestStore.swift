import GlanceAPI
@testable import GlanceCore
import TerminalKit
import Testing

// The standard way to test update(), in the manner of swift-composable-architecture's
// TestStore: every message states the whole change to the state and exactly the effects it
// asks for; any other difference fails the test, naming the parts that differ.

/// The state under test; `send` applies one message and checks the complete outcome.
struct TestStore {
    var state: AppState

    /// `change` turns the state before the message into the state expected after it; any
    /// other difference, and any effect other than `effects`, fails.
    mutating func send(_ msg: Msg, effects expected: [Effect] = [], sourceLocation: SourceLocation = #_sourceLocation,
                       _ change: (inout AppState) -> Void = { _ in }) {
        var expectedState = state
        change(&expectedState)
        let effects = Update.update(&state, msg)
        #expect(effects == expected, sourceLocation: sourceLocation)
        guard state != expectedState else { return }
        // Name the parts that differ rather than print two whole states.
        var differing: [String] = []
        func check<T: Equatable>(_ name: String, _ path: KeyPath<AppState, T>) {
            if state[keyPath: path] != expectedState[keyPath: path] {
                differing.append("\(name):\n  actual   \(state[keyPath: path])\n  expected \(expectedState[keyPath: path])")
            }
        }
        check("screen", \.screen)
        check("input", \.prompt.input)
        check("transfers", \.transfers)
        check("confirmation", \.confirmation)
        check("notice", \.notice)
        check("lastError", \.lastError)
        check("commandMessage", \.prompt.message)
        check("listing", \.catalog.listing)
        check("list", \.catalog.cursor)
        check("detail", \.detail)
        check("requestsInFlight", \.requestsInFlight)
        check("nextRequest", \.nextRequest)
        check("spinnerScheduled", \.spinnerScheduled)
        check("quitting", \.quitting)
        check("marks", \.catalog.marks)
        check("batches", \.batches)
        check("lineages", \.lineages)
        check("retire", \.retire)
        check("useCheck", \.useCheck)
        check("copyMenu", \.copyMenu)
        check("keymap", \.keymap)
        if differing.isEmpty { differing.append("another field: \(state) vs \(expectedState)") }
        Issue.record(Comment(rawValue: "the state after \(msg) differs: " + differing.joined(separator: "\n")),
                     sourceLocation: sourceLocation)
    }

    mutating func key(_ key: Key, effects: [Effect] = [], sourceLocation: SourceLocation = #_sourceLocation,
                      _ change: (inout AppState) -> Void = { _ in }) {
        send(.keyPressed(key), effects: effects, sourceLocation: sourceLocation, change)
    }

    mutating func key(_ c: Character, effects: [Effect] = [], sourceLocation: SourceLocation = #_sourceLocation,
                      _ change: (inout AppState) -> Void = { _ in }) {
        send(.keyPressed(.char(c)), effects: effects, sourceLocation: sourceLocation, change)
    }
}
