/// A credential. Its description is always masked so that string interpolation, a debugger
/// print or an error message can never reveal it; `reveal()` is the one way to the value.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String
    public init(_ value: String) { self.value = value }
    public func reveal() -> String { value }
    public var isEmpty: Bool { value.isEmpty }
    public var description: String { "***" }
    public var debugDescription: String { "Secret(***)" }
    /// dump() and debuggers walk a value's children; a Secret has none to show.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
