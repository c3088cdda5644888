import Foundation

/// OSC 52: asks the terminal to put text on the clipboard of the machine it runs on, so a copy
/// made on a jump host over SSH lands on the laptop. The text goes base64-encoded, so nothing
/// in a name or a value can be read by the terminal as a command.
public enum Clipboard {
    /// What most terminals accept in one OSC 52 (xterm's default limit is 100,000 bytes).
    public static let maxEncodedBytes = 74_994

    public enum Multiplexer: Equatable, Sendable {
        case none
        /// tmux with `set-clipboard on` takes a plain OSC 52, sets its buffer and passes it on.
        case tmux
        /// GNU screen passes a sequence to the terminal only inside its DCS passthrough.
        case screen
    }

    /// The multiplexer between the program and the terminal, from the environment it set.
    public static func multiplexer(environment: [String: String]) -> Multiplexer {
        if environment["TMUX"].map({ !$0.isEmpty }) == true { return .tmux }
        if environment["STY"].map({ !$0.isEmpty }) == true { return .screen }
        return .none
    }

    /// The bytes to write, or nil when the text is over the size terminals take.
    public static func sequence(for text: String, through multiplexer: Multiplexer) -> String? {
        let encoded = Data(text.utf8).base64EncodedString()
        guard encoded.utf8.count <= maxEncodedBytes else { return nil }
        let osc = "\u{1b}]52;c;" + encoded + "\u{07}"
        switch multiplexer {
        case .none, .tmux: return osc
        case .screen: return "\u{1b}P" + osc + "\u{1b}\\"
        }
    }
}
