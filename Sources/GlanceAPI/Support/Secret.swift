/// A credential. Its description is always masked so that string interpolation, a debugger
/// print or an error message can never reveal it; `reveal()` is the one way to the value.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    private let value: String
    public init(_ value: String) { self.value = value }
    public func reveal() -> String { value }
    public var isEmpty: Bool { value.isEmpty }
    public var description: String { "***" }
    public var debugDescription: String { "Secret(***)" }
}
