// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "BinancePlatformSwift",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "cycle", targets: ["CycleCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // Pure strategy maths: value types in, value types out. No I/O, no clocks, no environment.
        .target(name: "Strategy"),
        // The cycle (SPEC §7) written once against ports, plus state, config, ladder and report.
        .target(name: "Engine", dependencies: ["Strategy"]),
        // The embedded default's store: SQLite (GRDB) in ./state — state document, write history,
        // order journal, lease, reports — plus the local-file artifact rung.
        .target(name: "LocalStore", dependencies: ["Engine", .product(name: "GRDB", package: "GRDB.swift")]),
        // The simulated exchange over bundled (or public) market data; its wallet lives in the store.
        .target(name: "Paper", dependencies: ["Engine", "Strategy", "LocalStore", "Replay", .product(name: "GRDB", package: "GRDB.swift")]),
        // Fixture-backed adapters for `cycle replay`.
        .target(name: "Replay", dependencies: ["Engine", "Strategy", "LocalStore"]),
        .executableTarget(
            name: "CycleCLI",
            dependencies: [
                "Engine", "Replay", "LocalStore", "Paper",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "StrategyTests", dependencies: ["Strategy"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "Strategy", "Replay", "LocalStore"]),
        .testTarget(name: "LocalStoreTests", dependencies: ["LocalStore", "Engine", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "PaperTests", dependencies: ["Paper", "LocalStore", "Engine", "Strategy"]),
        // End-to-end tests of the built `cycle` binary (the dependency makes `swift test` build it).
        .testTarget(name: "CycleCLITests", dependencies: ["CycleCLI", "Engine", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v6]
)
