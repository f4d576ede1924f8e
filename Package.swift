// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "BinancePlatformSwift",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "cycle", targets: ["CycleCLI"]),
        .executable(name: "cycle-bench", targets: ["CycleBench"]),
        .executable(name: "fuzz-inputs", targets: ["FuzzInputs"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // Pure strategy maths: value types in, value types out. No I/O, no clocks, no environment.
        .target(name: "Strategy"),
        // The cycle's decisions (docs/strategy.md#the-cycle-step-by-step), synchronous, and every value they decide on: state,
        // config, the pool ladder's decision, orders, the report. Reaches the world only through
        // `CycleWorld`; no I/O, no logger, no clock of its own, no `await`.
        .target(name: "CycleCore", dependencies: [.product(name: "OrderedCollections", package: "swift-collections"), "Strategy"]),
        // The live shell around the core: ports, the order executor, the thread a cycle runs on.
        // `plugins`: the git commit stamped into `EngineVersion` (cycle --version, engine_version).
        .target(name: "Engine", dependencies: [
            .product(name: "Logging", package: "swift-log"), .product(name: "OrderedCollections", package: "swift-collections"), "Strategy", "CycleCore",
        ], plugins: ["EngineVersionStamp"]),
        .plugin(name: "EngineVersionStamp", capability: .buildTool()),
        // The embedded default's store: SQLite (GRDB) in ./state — state document, write history,
        // order journal, lease, reports — plus the local-file artifact rung.
        .target(name: "LocalStore", dependencies: [.product(name: "Logging", package: "swift-log"), "Engine", .product(name: "GRDB", package: "GRDB.swift")]),
        // The simulated exchange over bundled (or public) market data; its wallet lives in the store.
        // Binance's JSON (klines, exchange-info filters, account, orders, Simple Earn) and its one
        // mapping to the Engine's types, for every reader of it: the adapter, Paper, Replay, the fake.
        .target(name: "BinanceWireFormat", dependencies: ["Engine", "Strategy"]),
        .target(name: "Paper", dependencies: ["Engine", "Strategy", "LocalStore", "BinanceWireFormat", .product(name: "GRDB", package: "GRDB.swift")]),
        // OpenSSL (libssl-dev) for request signing: HMAC-SHA256, Ed25519, RSA PKCS#1 v1.5.
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .target(name: "Signing", dependencies: ["COpenSSL"]),
        // HTTP over URLSession (libcurl on Linux), shared by the adapters; errors never quote URLs.
        .target(name: "WebClient", dependencies: ["Engine"]),
        // Binance spot + Simple Earn over REST (URLSession), as the Engine's `Exchange`.
        .target(name: "Binance", dependencies: [.product(name: "Logging", package: "swift-log"), "Engine", "Strategy", "Signing", "WebClient", "BinanceWireFormat"]),
        // Google Firestore REST with service-account OAuth (JWT RS256 via OpenSSL): the state
        // document, the lease and the upstream live-pool artifact.
        .target(name: "Firestore", dependencies: [.product(name: "Logging", package: "swift-log"), "Engine", "Signing", "WebClient"]),
        // Telegram Bot API alerts, as the Engine's `Notifier`.
        .target(name: "Telegram", dependencies: [.product(name: "Logging", package: "swift-log"), "Engine", "WebClient"]),
        // Fake peers on 127.0.0.1 for tests and the benchmark (Binance, Firestore, Telegram).
        .target(name: "TestSupport", dependencies: [.product(name: "Logging", package: "swift-log"), "Binance", "BinanceWireFormat", "Signing", "Engine", "WebClient", .product(name: "FlyingFox", package: "FlyingFox")]),
        // `cycle backtest`: the Engine's cycle over history on the paper exchange (docs/backtest.md).
        // `--data DIR` reads Binance's public kline archive (csv, or zip through ZIPFoundation).
        .target(name: "Backtest", dependencies: ["Engine", "Paper", "LocalStore", "Strategy", "BinanceWireFormat",
                                                 .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // The operator's use cases over the deployment's store, whatever backend holds it: the
        // trading-mode change, retention, import checks, the statistics `cycle stats` prints, the
        // health verdict, report archiving, the recorded-cycle comparison and the status page.
        // Unit-tested without the binary; `CycleCLI` only parses arguments and prints.
        // `cycle status --html` renders its page with the backtest report's HTML and chart.
        .target(name: "Operations", dependencies: ["Engine", "Backtest"]),
        // Fixture-backed adapters for `cycle replay`.
        .target(name: "Replay", dependencies: ["Engine", "Strategy", "LocalStore", "BinanceWireFormat"]),
        .executableTarget(
            name: "CycleCLI",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                "Engine", "Replay", "LocalStore", "Paper", "Binance", "BinanceWireFormat", "Signing", "Firestore", "Telegram", "Strategy", "WebClient",
                "Backtest", "Operations",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The end-to-end tests' switches (CYCLE_TEST_*: fault injection, short waits) exist only
            // in debug builds; the release `cycle` operators run has no such path (release gate checks).
            swiftSettings: [.define("CYCLE_TEST_HOOKS", .when(configuration: .debug))]
        ),
        // `swift run -c release cycle-bench`: a dry-run cycle against the fake Binance with injected latency.
        .executableTarget(name: "CycleBench", dependencies: [.product(name: "Logging", package: "swift-log"), "Binance", "BinanceWireFormat", "Engine", "LocalStore", "Strategy", "TestSupport"]),
        // The parsers of outside bytes, one fuzz target each (scripts/fuzz.sh builds FuzzInputs with
        // libFuzzer and AddressSanitizer; a normal build replays files through the same harness).
        .target(name: "FuzzHarness", dependencies: ["Engine", "Strategy", "BinanceWireFormat", "Binance", "Firestore", "Replay"]),
        .target(name: "CLibFuzzer"),
        // Its entry is `FuzzInputs_main` (@_cdecl), so libFuzzer's driver can take over main.
        .executableTarget(name: "FuzzInputs", dependencies: ["FuzzHarness", "CLibFuzzer"], swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .testTarget(name: "StrategyTests", dependencies: ["Strategy"]),
        .testTarget(name: "OperationsTests", dependencies: ["Operations", "Engine"]),
        // The documentation against the code: variables, alert titles, exit codes, links, sizes (no module needed).
        .testTarget(name: "DocumentationTests"),
        .testTarget(name: "FuzzHarnessTests", dependencies: ["FuzzHarness", "Engine"]),
        .testTarget(name: "EngineTests", dependencies: [.product(name: "Logging", package: "swift-log"), "Engine", "Strategy", "Replay", "LocalStore", "TestSupport"],
                    exclude: ["Golden"]),
        .testTarget(name: "LocalStoreTests", dependencies: ["LocalStore", "Engine", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "SigningTests", dependencies: ["Signing"]),
        .testTarget(name: "WebClientTests", dependencies: ["WebClient", "TestSupport"]),
        .testTarget(name: "BacktestTests", dependencies: ["Backtest", "Engine", "Paper", "Strategy", "Replay", "LocalStore", "TestSupport",
                                                          .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                    exclude: ["Resources", "Golden"]),
        .testTarget(name: "BinanceTests", dependencies: ["Binance", "Signing", "TestSupport", "Engine", "Strategy"]),
        .testTarget(name: "FirestoreTests", dependencies: ["Firestore", "Engine", "Signing", "TestSupport", "LocalStore"]),
        .testTarget(name: "TelegramTests", dependencies: ["Telegram", "Engine", "TestSupport"]),
        .testTarget(name: "PaperTests", dependencies: ["Paper", "LocalStore", "Engine", "Strategy"]),
        .testTarget(name: "BinanceWireFormatTests", dependencies: ["BinanceWireFormat", "Engine", "Strategy"]),
        // One suite per port, run against every implementation, so they mean the same thing.
        .testTarget(name: "ContractTests", dependencies: [
            "Engine", "Strategy", "LocalStore", "Paper", "Replay", "Binance", "BinanceWireFormat", "Firestore", "Signing", "TestSupport",
        ]),
        // End-to-end tests of the built `cycle` binary (the dependency makes `swift test` build it).
        .testTarget(name: "CycleCLITests", dependencies: ["CycleCLI", "Engine", "TestSupport", "Signing", .product(name: "GRDB", package: "GRDB.swift")],
                    exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
