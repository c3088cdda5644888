import TerminalKit

/// Semantic places on screen; a theme gives each a style. Views name roles, never colours.
public enum Role: String, CaseIterable, Sendable, Codable {
    case title, titleDim, titleFilter, columnHeader, row, rowSelected, rowDim, rowMarked
    case statusActive, statusPending, statusFailed, statusOther
    case statusBar, statusBarError, statusBarNotice, spinner
    case section, fieldKey, fieldValue, fieldNote
    case escaped, message, messageError, inputLine, inputCursor, inputError
    case helpFrame, helpKey, helpText, helpUnavailable
}

public struct Theme: Equatable, Sendable {
    public var name: String
    public var styles: [Role: Style]

    public init(name: String, styles: [Role: Style]) {
        self.name = name
        self.styles = styles
    }

    public subscript(role: Role) -> Style { styles[role] ?? .plain }

    /// The default theme, compiled in so the program runs without its files; themes/default.json
    /// must say the same (a test holds the two together).
    public static let builtinDefault = Theme(name: "default", styles: [
        .title: Style(foreground: .black, background: .cyan, attributes: [.bold]),
        .titleDim: Style(foreground: .black, background: .cyan),
        .titleFilter: Style(foreground: .indexed(15), background: .magenta, attributes: [.bold]),
        .columnHeader: Style(foreground: .cyan, attributes: [.bold, .underline]),
        .row: Style(),
        .rowSelected: Style(foreground: .black, background: .indexed(12)),
        .rowDim: Style(foreground: .indexed(8)),
        .rowMarked: Style(foreground: .yellow, attributes: [.bold]),
        .statusActive: Style(foreground: .green),
        .statusPending: Style(foreground: .yellow),
        .statusFailed: Style(foreground: .red, attributes: [.bold]),
        .statusOther: Style(foreground: .magenta),
        .statusBar: Style(foreground: .white, background: .indexed(236)),
        .statusBarError: Style(foreground: .indexed(15), background: .red, attributes: [.bold]),
        .statusBarNotice: Style(foreground: .black, background: .yellow),
        .spinner: Style(foreground: .yellow, background: .indexed(236), attributes: [.bold]),
        .section: Style(foreground: .cyan, attributes: [.bold]),
        .fieldKey: Style(foreground: .indexed(12)),
        .fieldValue: Style(),
        .fieldNote: Style(foreground: .yellow),
        .escaped: Style(foreground: .red, attributes: [.reverse]),
        .message: Style(),
        .messageError: Style(foreground: .red, attributes: [.bold]),
        .inputLine: Style(),
        .inputCursor: Style(attributes: [.reverse]),
        .inputError: Style(foreground: .red, background: .indexed(236)),
        .helpFrame: Style(foreground: .cyan),
        .helpKey: Style(foreground: .yellow, attributes: [.bold]),
        .helpText: Style(),
        .helpUnavailable: Style(foreground: .indexed(8)),
    ])

    /// For NO_COLOR and terminals without colour: attributes only.
    public static let builtinMonochrome = Theme(name: "mono", styles: [
        .title: Style(attributes: [.reverse, .bold]),
        .titleDim: Style(attributes: [.reverse]),
        .titleFilter: Style(attributes: [.reverse, .bold, .underline]),
        .columnHeader: Style(attributes: [.bold, .underline]),
        .row: Style(),
        .rowSelected: Style(attributes: [.reverse]),
        .rowDim: Style(attributes: [.dim]),
        .rowMarked: Style(attributes: [.bold, .underline]),
        .statusActive: Style(),
        .statusPending: Style(attributes: [.underline]),
        .statusFailed: Style(attributes: [.bold]),
        .statusOther: Style(attributes: [.underline]),
        .statusBar: Style(attributes: [.reverse]),
        .statusBarError: Style(attributes: [.reverse, .bold]),
        .statusBarNotice: Style(attributes: [.reverse, .underline]),
        .spinner: Style(attributes: [.reverse, .bold]),
        .section: Style(attributes: [.bold]),
        .fieldKey: Style(attributes: [.bold]),
        .fieldValue: Style(),
        .fieldNote: Style(attributes: [.underline]),
        .escaped: Style(attributes: [.reverse]),
        .message: Style(),
        .messageError: Style(attributes: [.bold]),
        .inputLine: Style(),
        .inputCursor: Style(attributes: [.reverse]),
        .inputError: Style(attributes: [.bold, .underline]),
        .helpFrame: Style(),
        .helpKey: Style(attributes: [.bold]),
        .helpText: Style(),
        .helpUnavailable: Style(attributes: [.dim]),
    ])
}
