import Binance
import Engine
import Foundation
import LocalStore
import Strategy
import TestSupport

// `swift run -c release cycle-bench [latency-ms] [runs] [max-in-flight]`: one dry-run cycle on the real Binance
// adapter against the fake Binance on 127.0.0.1 with `latency-ms` added to every answer, over
// the bundled market and a fresh copy of the bundled 5-symbol live pool. Prints wall time,
// wall / latency, requests, total weight and peak in-flight requests per run.

if CommandLine.arguments.count > 1, CommandLine.arguments[1].hasPrefix("--probe") {
    let probeFake = try await FakeBinance.launch()
    let probeClient = BinanceClient(configuration: BinanceClientConfiguration(baseURL: await probeFake.baseURL, apiKey: FakeBinance.testAPIKey,
                                                                              signer: .hmac(secret: FakeBinance.testSecret), maxInFlight: 1))
    for i in 0..<200 {
        switch CommandLine.arguments[1] {
        case "--probe-ping": try await probeClient.ping()
        case "--probe-time": try await probeClient.synchronizeTime()
        case "--probe-account": _ = try await probeClient.account()
        default: _ = try await probeClient.dailyKlines(symbol: "BTCUSDT", limit: 700)
        }
        if i % 50 == 0 { print("probe \(i)") }
    }
    print("probe ok")
    exit(0)
}

let arguments = CommandLine.arguments.dropFirst()
let latencyMilliseconds = arguments.first.flatMap(Double.init) ?? 50
let runs = arguments.dropFirst().first.flatMap(Int.init) ?? 3
let maxInFlight = arguments.dropFirst(2).first.flatMap(Int.init) ?? BinanceClientConfiguration().maxInFlight

func freshPoolFile() throws -> String {
    let source = FakeMarket.bundledDirectory.appendingPathComponent("live_pool.json")
    var payload = try JSONParser.parse(Data(contentsOf: source)).objectValue ?? [:]
    payload["as_of_date"] = .string(CalendarDay(Date()).iso)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("cycle-bench-live-pool-\(ProcessInfo.processInfo.processIdentifier).json").path
    try Data(JSONWriter.string(.object(payload)).utf8).write(to: URL(fileURLWithPath: path))
    return path
}

let fake = try await FakeBinance.launch()
await fake.setLatency(latencyMilliseconds / 1000)
let poolPath = try freshPoolFile()
let config = Config.defaults

print("cycle-bench: dry-run cycle on the Binance adapter against the fake Binance, \(Int(latencyMilliseconds)) ms per request, 5-symbol pool")
print("run  wall_ms  x_latency  requests  weight  peak_in_flight  status")
for run in 1...runs {
    let client = BinanceClient(configuration: BinanceClientConfiguration(baseURL: await fake.baseURL, apiKey: FakeBinance.testAPIKey,
                                                                         signer: .hmac(secret: FakeBinance.testSecret), maxInFlight: maxInFlight))
    let exchange = BinanceExchange(client: client)
    let validator = PoolValidator(contract: PoolContract(config: config), messages: MessageCatalog(language: .en))
    let dependencies = CycleDependencies(
        exchange: exchange, stateStore: InMemoryStateStore(),
        poolResolver: PoolResolver(upstream: FileArtifactSource(path: poolPath, label: "bench:\(poolPath)"), localFiles: [], validator: validator),
        marketAnalysis: ProcessInfo.processInfo.environment["BENCH_NO_PREFETCH"] == "1" ? WithoutPrefetch(inner: KlineMarketAnalysis(exchange: exchange)) : KlineMarketAnalysis(exchange: exchange), notifier: RecordingNotifier(), clock: SystemClock()
    )
    let started = Date()
    let outcome = await TradingCycle(config: config, dependencies: dependencies, runId: "bench-\(run)", dryRun: true).run()
    let wall = Date().timeIntervalSince(started) * 1000
    let metrics = await client.metrics
    let multiple = latencyMilliseconds > 0 ? wall / latencyMilliseconds : 0
    print(String(format: "%3d  %7.1f  %9.2f  %8d  %6d  %14d  %@", run, wall, multiple, metrics.requests, metrics.totalWeight,
                 metrics.peakInFlight, outcome.report.status.rawValue))
    if outcome.report.status != .ok { print("  errors: \(outcome.report.errors.map(\.message))") }
}
await fake.stop()
try? FileManager.default.removeItem(atPath: poolPath)

/// Forwards to another analysis without its prefetch (to measure the cycle without overlap).
struct WithoutPrefetch: MarketAnalysis {
    let inner: any MarketAnalysis
    func btcSnapshot(btcPrice: Double) async throws -> BTCSnapshot? { try await inner.btcSnapshot(btcPrice: btcPrice) }
    func trendIndicators(symbols: [String]) async throws -> [String: SymbolIndicators] { try await inner.trendIndicators(symbols: symbols) }
}
