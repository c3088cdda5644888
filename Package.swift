// swift-tools-version: 6.0
import PackageDescription

// Layers, from the bottom: GlanceAPI (requests, models; Foundation only) -> GlanceCore (pure MVU)
// -> GlanceViews (state -> cell grid). TerminalKit holds the cell grid and keys without ncurses.
// Only CursesBackend imports ncurses; only CurlTransport imports libcurl; the executable wires them.
let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "glance-tui",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "glance-tui", targets: ["glance-tui"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        .systemLibrary(name: "CNCursesW", pkgConfig: "ncursesw",
                       providers: [.apt(["libncurses-dev"]), .brew(["ncurses"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"]), .brew(["openssl"])]),
        .target(name: "CTerminalSupport"),

        .target(name: "GlanceAPI", swiftSettings: strict),
        .target(name: "CloudConfig", dependencies: ["GlanceAPI", "Yams"], swiftSettings: strict),
        // Moves image data: streaming downloads and uploads, resume, verification (OpenSSL digests).
        .target(name: "GlanceTransfer", dependencies: ["GlanceAPI", "CCrypto"], swiftSettings: strict),
        .target(name: "CurlTransport", dependencies: ["GlanceAPI", "CCurl"], swiftSettings: strict),
        .target(name: "TerminalKit", dependencies: ["CTerminalSupport"], swiftSettings: strict),
        .target(name: "GlanceCore", dependencies: ["GlanceAPI", "TerminalKit"], swiftSettings: strict),
        .target(name: "GlanceViews", dependencies: ["GlanceCore", "TerminalKit"], swiftSettings: strict),
        .target(name: "GlanceApp", dependencies: ["GlanceCore", "GlanceAPI", "GlanceTransfer"], swiftSettings: strict),
        .target(name: "CursesBackend", dependencies: ["TerminalKit", "CNCursesW", "CTerminalSupport"],
                swiftSettings: strict),
        .executableTarget(
            name: "glance-tui",
            dependencies: [
                "GlanceAPI", "CloudConfig", "CurlTransport", "GlanceTransfer", "GlanceCore", "GlanceViews", "GlanceApp",
                "TerminalKit", "CursesBackend",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),

        // In-process model benchmark (scripts/bench-model): not shipped, not a test.
        .executableTarget(name: "glance-tui-bench",
                          dependencies: ["GlanceAPI", "GlanceCore", "GlanceViews", "GlanceApp", "TerminalKit"],
                          swiftSettings: strict),

        .testTarget(name: "GlanceAPITests", dependencies: ["GlanceAPI"], exclude: ["Fixtures"]),
        .testTarget(name: "GlanceTransferTests", dependencies: ["GlanceTransfer", "GlanceAPI"]),
        .testTarget(name: "CloudConfigTests", dependencies: ["CloudConfig", "GlanceAPI"]),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit"]),
        .testTarget(name: "GlanceCoreTests", dependencies: ["GlanceCore", "GlanceAPI", "TerminalKit"]),
        .testTarget(name: "GlanceViewsTests", dependencies: ["GlanceViews", "GlanceCore", "GlanceAPI", "TerminalKit"]),
        .testTarget(name: "GlanceAppTests", dependencies: ["GlanceApp", "GlanceCore", "GlanceAPI"]),
        .testTarget(name: "CursesBackendTests", dependencies: ["CursesBackend", "TerminalKit"]),
        .testTarget(name: "IntegrationTests",
                    dependencies: ["GlanceAPI", "CloudConfig", "CurlTransport", "GlanceTransfer", "GlanceApp", "GlanceCore"]),
    ],
    swiftLanguageModes: [.v6]
)
