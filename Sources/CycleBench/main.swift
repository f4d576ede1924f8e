import Binance
import Engine
import Foundation
import LocalStore
import Strategy
import TestSupport

// `swift run -c release cycle-bench [latency-ms] [runs] [max-in-flight]`: live cycles on the real Binance
// adapter against the fake Binance on 127.0.0.1 with `latency-ms` added to every answer, over
// the bundled market and a fresh copy of the bundled 5-symbol live pool, on two accounts per
// run: `spot` (10,000 USDT on spot) and `earn` (300 USDT on spot, 9,700 in Simple Earn, so the
// cycle redeems before it buys and waits until spot shows the funds). Prints wall time,
// wall / latency, requests, total weight and peak in-flight requests per cycle, then the
// process's peak resident memory.

// `cycle-bench --serve latency-ms`: only the fake, in this process, printing its URL; another
// `cycle-bench` given `BENCH_FAKE_URL` then runs the cycles with no server in its own process.
if CommandLine.arguments.count > 1, CommandLine.arguments[1] == "--serve" {
    let served = try await FakeBinance.launch()
    await served.setLatency((CommandLine.arguments.dropFirst(2).first.flatMap(Double.init) ?? 50) / 1000)
    FileHandle.standardOutput.write(Data("\(await served.baseURL)\n".utf8))
    while true { try await Task.sleep(nanoseconds: 3_600_000_000_000) }
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
    try OutputFile.replace(path, with: Data(JSONWriter.string(.object(payload)).utf8))
    return path
}

// The bench's own switches, read once here (it is a measuring tool, not the engine).
let benchEnvironment = ProcessInfo.processInfo.environment
let externalFake = benchEnvironment["BENCH_FAKE_URL"].flatMap(URL.init(string:))
let noPrefetch = benchEnvironment["BENCH_NO_PREFETCH"] == "1"
let poolPath = try freshPoolFile()
let config = Config.defaults

print("cycle-bench: live cycles on the Binance adapter against the fake Binance (fresh account each run), \(Int(latencyMilliseconds)) ms per request, 5-symbol pool")
print("first_order = time from the cycle's start to its first order; wall = the whole cycle (report, earn moves and their waits, state writes included)")
print("account spot = 10,000 USDT on spot; earn = 300 USDT on spot + 9,700 in Simple Earn (the cycle redeems once, polls spot until credited)")
var failedRuns = 0
var overBudget = 0
print("run  account  first_order_ms  x_latency  requests_before  wall_ms  requests  weight  peak_in_flight  orders  status")
let accounts = externalFake == nil ? ["spot", "earn"] : ["spot"]
// What a deployment's store remembers between cycles: the Simple Earn product id, looked up by
// an account's first cycle (run 1, weight 150) and remembered for the later ones, as in production.
var earnProducts: [String: EarnProductMemory] = [:]
/// Issue #23: one live cycle's request weight, once the product id is remembered.
let weightBudget = 215
for run in 1...runs {
  for account in accounts {
    // A fresh account per run, so every run trades; an external fake (BENCH_FAKE_URL) is reused and only its first run trades.
    let fake = externalFake == nil
        ? try await FakeBinance.launch(balances: account == "earn" ? ["USDT": 300, "BNB": Decimal(string: "0.1")!] : ["USDT": 10_000, "BNB": Decimal(string: "0.1")!])
        : nil
    if account == "earn" { await fake?.setEarn("USDT", 9_700) }
    await fake?.setLatency(latencyMilliseconds / 1000)
    let fakeURL = if let externalFake { externalFake } else { await fake!.baseURL }
    let client = BinanceClient(configuration: BinanceClientConfiguration(baseURL: fakeURL, apiKey: FakeBinance.testAPIKey,
                                                                         signer: .hmac(secret: FakeBinance.testSecret), maxInFlight: maxInFlight))
    let started = Date()
    let products = earnProducts[account] ?? EarnProductMemory()
    earnProducts[account] = products
    let productKnown = await !products.snapshot.isEmpty
    let exchange = OrderStopwatch(inner: BinanceExchange(client: client, earnProducts: products), client: client, started: started)
    var assembly = CycleAssembly(
        config: config, exchange: exchange, store: InMemoryStateStore(),
        upstream: FileArtifactSource(path: poolPath, label: "bench:\(poolPath)"),
        marketAnalysis: noPrefetch ? WithoutPrefetch(inner: KlineMarketAnalysis(exchange: exchange)) : nil, clock: SystemClock()
    )
    // As in production: the cycle ends with its reconciliation against the account.
    assembly.account = "bench"
    assembly.reconcilesAtEnd = true
    let outcome = await assembly.cycle(runId: "bench-\(run)", dryRun: false).run()
    let wall = Date().timeIntervalSince(started) * 1000
    let metrics = await client.metrics
    let first = await exchange.firstOrder
    let firstText = first.map { String(format: "%14.1f  %9.2f  %15d", $0.milliseconds, latencyMilliseconds > 0 ? $0.milliseconds / latencyMilliseconds : 0, $0.requestsBefore) }
        ?? String(format: "%14@  %9@  %15@", "-", "-", "-")
    print(String(format: "%3d  %7@  %@  %7.1f  %8d  %6d  %14d  %6d  %@", run, account, firstText, wall, metrics.requests, metrics.totalWeight,
                 metrics.peakInFlight, await exchange.orderCount, outcome.report.status.rawValue))
    if let fake {
        let charged = await fake.weightByRoute
        let total = charged.values.reduce(0, +)
        let verdict = productKnown ? (total <= weightBudget ? "within the \(weightBudget) budget" : "OVER the \(weightBudget) budget")
            : "first cycle: looks up its Simple Earn product"
        print("     weight \(total) (\(verdict)): " + charged.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        if productKnown, total > weightBudget { overBudget += 1 }
    }
    if outcome.report.status != .ok {
        failedRuns += 1
        print("  errors: \(outcome.report.errors.map(\.message))")
    }
    await fake?.stop()
  }
}
try? FileManager.default.removeItem(atPath: poolPath)
/// Issue #23: the cycles' peak resident memory, measured with the fake in another process.
let memoryBudgetMiB = 40.0
let peakMiB = peakResidentMiB()
let memoryVerdict = externalFake == nil
    ? "the fake Binance and every run above included; the \(Int(memoryBudgetMiB)) MiB budget is for the cycles alone: BENCH_FAKE_URL"
    : "the cycles only; the fake runs in its own process: " + (peakMiB <= memoryBudgetMiB ? "within" : "OVER") + " the \(Int(memoryBudgetMiB)) MiB budget"
print(String(format: "peak RSS of this process: %.1f MiB (%@)", peakMiB, memoryVerdict))
// The release gate runs the bench: a cycle that did not end ok, or a warm one over the weight budget, fails it.
if overBudget > 0 { print("cycle-bench: \(overBudget) cycle(s) with a remembered product id weighed more than \(weightBudget)") }
if failedRuns > 0 || overBudget > 0 { exit(1) }

/// The process's peak resident memory so far, in MiB (Linux reports `ru_maxrss` in KiB).
func peakResidentMiB() -> Double {
    var usage = rusage()
    guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return .nan }
    return Double(usage.ru_maxrss) / 1024
}

/// Forwards to another analysis without its prefetch (to measure the cycle without overlap).
struct WithoutPrefetch: MarketAnalysis {
    let inner: any MarketAnalysis
    func btcSnapshot(btcPrice: Double) async throws -> BTCSnapshot? { try await inner.btcSnapshot(btcPrice: btcPrice) }
    func trendIndicators(symbols: [String]) async throws -> [String: SymbolIndicators] { try await inner.trendIndicators(symbols: symbols) }
}

/// Forwards to the Binance exchange and notes when the first order is sent and how many requests preceded it.
actor OrderStopwatch: Exchange {
    struct FirstOrder { let milliseconds: Double; let requestsBefore: Int }
    let inner: BinanceExchange
    let client: BinanceClient
    let started: Date
    private(set) var firstOrder: FirstOrder?
    private(set) var orderCount = 0

    init(inner: BinanceExchange, client: BinanceClient, started: Date) {
        self.inner = inner
        self.client = client
        self.started = started
    }

    func placeMarketOrder(_ order: MarketOrder) async throws -> OrderFill {
        if firstOrder == nil {
            firstOrder = FirstOrder(milliseconds: Date().timeIntervalSince(started) * 1000, requestsBefore: await client.metrics.requests)
        }
        orderCount += 1
        return try await inner.placeMarketOrder(order)
    }

    nonisolated func connect() async throws { try await inner.connect() }
    nonisolated func runRefusal() async -> String? { await inner.runRefusal() }
    nonisolated func spotBalances() async throws -> [String: SpotBalance] { try await inner.spotBalances() }
    nonisolated func earnPositions(assets: [String]) async throws -> [String: EarnPosition] { try await inner.earnPositions(assets: assets) }
    nonisolated func holdings(earnAssets: [String]) async -> AccountHoldings { await inner.holdings(earnAssets: earnAssets) }
    nonisolated func orderStatus(symbol: String, clientOrderId: String) async throws -> OrderFill? {
        try await inner.orderStatus(symbol: symbol, clientOrderId: clientOrderId)
    }
    nonisolated func flexibleProductId(asset: String) async throws -> String? { try await inner.flexibleProductId(asset: asset) }
    nonisolated func averagePrices(symbols: [String]) async throws -> [String: Double] { try await inner.averagePrices(symbols: symbols) }
    nonisolated func symbolRules(symbols: [String]) async throws -> [String: SymbolRules] { try await inner.symbolRules(symbols: symbols) }
    nonisolated func dailyKlines(symbol: String, days: Int) async throws -> [Kline] { try await inner.dailyKlines(symbol: symbol, days: days) }
    nonisolated func order(symbol: String, clientOrderId: String) async throws -> OrderFill? { try await inner.order(symbol: symbol, clientOrderId: clientOrderId) }
    nonisolated func orderInHistory(symbol: String, clientOrderId: String, from start: Date, to end: Date) async throws -> OrderFill? {
        try await inner.orderInHistory(symbol: symbol, clientOrderId: clientOrderId, from: start, to: end)
    }
    nonisolated func subscribeFlexible(productId: String, amount: Decimal) async throws { try await inner.subscribeFlexible(productId: productId, amount: amount) }
    nonisolated func redeemFlexible(productId: String, amount: Decimal) async throws { try await inner.redeemFlexible(productId: productId, amount: amount) }
}
