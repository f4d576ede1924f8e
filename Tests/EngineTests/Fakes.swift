import Foundation
import Engine
import Strategy

/// An in-memory exchange for Engine tests: fills market orders at the average price and
/// records every call. Throws what it is told to, never crashes.
final class FakeExchange: Exchange, @unchecked Sendable {
    private let lock = NSLock()
    var spot: [String: SpotBalance] = [:]
    var earn: [String: EarnPosition] = [:]
    var products: [String: String] = ["USDT": "usdt-flex"]
    var prices: [String: Double] = [:]
    var rules: [String: SymbolRules] = [:]
    var connectError: (any Error)?
    var orderError: (any Error)?
    var earnError: (any Error)?
    /// Fills the order, then answers with a timeout (the outcome is unknown to the caller).
    var loseAnswers = false
    var queryError: (any Error)?
    var historyError: (any Error)?
    /// The lookup by client id answers "no such order" for every order, though the history lists them.
    var hideFromLookup = false
    /// Orders on these symbols are refused with this rejection (nothing is placed).
    var rejections: [String: TestRejection] = [:]
    /// Runs after an order was placed, before its answer returns (e.g. another run takes the lease).
    var afterOrder: (@Sendable () async -> Void)?
    /// What `runRefusal()` answers: the exchange refused the run as a whole (a ban) somewhere.
    var runRefusalCause: String?
    private(set) var orders: [MarketOrder] = []
    private(set) var fills: [String: OrderFill] = [:]
    private(set) var subscriptions: [(String, Decimal)] = []
    private(set) var redemptions: [(String, Decimal)] = []

    func connect() async throws { if let connectError { throw connectError } }
    func runRefusal() async -> String? { runRefusalCause }
    /// Redeemed funds reach spot only after this many balance reads (0: at once; nil: never).
    var creditAfterReads: Int? = 0
    private var pendingCredits: [(asset: String, amount: Double, readsLeft: Int)] = []
    private(set) var balanceReads = 0

    func spotBalances() async throws -> [String: SpotBalance] {
        lock.withLock {
            balanceReads += 1
            for index in pendingCredits.indices { pendingCredits[index].readsLeft -= 1 }
            for credit in pendingCredits where credit.readsLeft < 0 {
                var balance = spot[credit.asset] ?? SpotBalance(free: 0, locked: 0)
                balance.free += credit.amount
                spot[credit.asset] = balance
            }
            pendingCredits.removeAll { $0.readsLeft < 0 }
            return spot
        }
    }
    func earnPositions(assets: [String]) async throws -> [String: EarnPosition] {
        if let earnError { throw earnError }
        return lock.withLock { earn.filter { assets.contains($0.key) } }
    }
    func flexibleProductId(asset: String) async throws -> String? { products[asset] }
    func averagePrices(symbols: [String]) async throws -> [String: Double] { prices.filter { symbols.contains($0.key) } }
    func symbolRules(symbols: [String]) async throws -> [String: SymbolRules] { rules }
    func dailyKlines(symbol: String, days: Int) async throws -> [Kline] { [] }

    func placeMarketOrder(_ order: MarketOrder) async throws -> OrderFill {
        if let orderError { throw orderError }
        if let rejection = rejections[order.symbol] { throw rejection }
        let price = prices[order.symbol] ?? 0
        let quantity: Double
        switch order.size {
        case .quantity(let amount): quantity = NSDecimalNumber(decimal: amount).doubleValue
        case .quote(let amount): quantity = NSDecimalNumber(decimal: amount).doubleValue / price
        }
        let fill = lock.withLock {
            orders.append(order)
            let fill = OrderFill(orderId: "\(orders.count)", status: .filled, executedQuantity: quantity, quoteQuantity: quantity * price)
            fills[order.clientOrderId] = fill
            return fill
        }
        await afterOrder?()
        if loseAnswers { throw FakeTimeout() }
        return fill
    }

    func order(symbol: String, clientOrderId: String) async throws -> OrderFill? {
        if let queryError { throw queryError }
        return lock.withLock { hideFromLookup ? nil : fills[clientOrderId] }
    }

    func orderInHistory(symbol: String, clientOrderId: String, from start: Date, to end: Date) async throws -> OrderFill? {
        if let historyError { throw historyError }
        return lock.withLock { fills[clientOrderId] }
    }

    func subscribeFlexible(productId: String, amount: Decimal) async throws { lock.withLock { subscriptions.append((productId, amount)) } }
    func redeemFlexible(productId: String, amount: Decimal) async throws {
        lock.withLock {
            redemptions.append((productId, amount))
            guard let asset = products.first(where: { $0.value == productId })?.key else { return }
            let value = NSDecimalNumber(decimal: amount).doubleValue
            if let earnPosition = earn[asset] { earn[asset] = EarnPosition(productId: earnPosition.productId, totalAmount: max(0, earnPosition.totalAmount - value)) }
            if let reads = creditAfterReads { pendingCredits.append((asset, value, reads - 1)) }
        }
    }

    var orderSummaries: [String] {
        orders.map { order in
            switch order.size {
            case .quantity(let amount): return "\(order.side.rawValue) \(order.symbol) \(amount)"
            case .quote(let amount): return "\(order.side.rawValue) \(order.symbol) quote \(amount)"
            }
        }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
}

/// An exchange refusal (nothing placed); `stopsTrading` as a ban or a refused key would be.
struct TestRejection: ExchangeRejection, CustomStringConvertible {
    let description: String
    var stopsTrading = false
}

/// One test scenario: account, indicators, state and pool, ready to run a cycle.
struct Scenario {
    static let now = Date(timeIntervalSince1970: 1_773_532_800) // 2026-03-15T00:00:00Z
    static let pool = ["ETHUSDT", "SOLUSDT", "XRPUSDT", "LTCUSDT", "BCHUSDT"]

    var exchange = FakeExchange()
    var btc = BTCSnapshot(ma200: 55_000, zscore: 1.2, geom200: 85_714.2857142857, sellTrigger: 2.5, ma200Slope: 0.03,
                          ahr999: 0.7, btcRoc20: 0.05, btcRoc60: 0.1, btcRoc120: 0.15, regimeOn: true)
    var indicators: [String: SymbolIndicators] = Scenario.referenceIndicators
    var state: JSONValue? = nil
    var stateLoadError: (any Error)? = nil
    var poolPayload: JSONValue? = Scenario.payload(asOf: "2026-03-10")
    var config = Config.defaults
    var now = Scenario.now
    var notifierReceipt: DeliveryReceipt = .sent

    init() {
        exchange.spot = ["USDT": SpotBalance(free: 1000, locked: 0), "BNB": SpotBalance(free: 0.1, locked: 0)]
        exchange.prices = ["BNBUSDT": 300, "BTCUSDT": 60_000, "ETHUSDT": 2500, "SOLUSDT": 150, "XRPUSDT": 1.2, "LTCUSDT": 100, "BCHUSDT": 420]
        exchange.rules = [
            "BNBUSDT": SymbolRules(lotSize: .init(stepSize: Decimal(string: "0.01")!)),
            "BTCUSDT": SymbolRules(lotSize: .init(stepSize: Decimal(string: "0.0001")!)),
            "ETHUSDT": SymbolRules(lotSize: .init(stepSize: Decimal(string: "0.001")!)),
            "SOLUSDT": SymbolRules(lotSize: .init(stepSize: Decimal(string: "0.01")!)),
            "XRPUSDT": SymbolRules(lotSize: .init(stepSize: Decimal(string: "0.1")!)),
            "LTCUSDT": SymbolRules(lotSize: .init(stepSize: Decimal(string: "0.01")!)),
            "BCHUSDT": SymbolRules(lotSize: .init(stepSize: Decimal(string: "0.001")!)),
        ]
    }

    static func payload(asOf: String, symbols: [String] = pool) -> JSONValue {
        ["as_of_date": .string(asOf), "version": .string("\(asOf)-core_major"), "mode": "core_major",
         "pool_size": .int(Int64(symbols.count)), "symbols": JSONValue(symbols), "source_project": "tests"]
    }

    static func row(_ close: Double, _ sma20: Double, _ sma60: Double, _ sma200: Double, _ roc20: Double, _ roc60: Double,
                    _ roc120: Double, _ vol20: Double, _ atr14: Double) -> SymbolIndicators {
        SymbolIndicators(close: close, sma20: sma20, sma60: sma60, sma200: sma200, roc20: roc20, roc60: roc60, roc120: roc120,
                         vol20: vol20, atr14: atr14, avgQuoteVol30: 1e8, avgQuoteVol90: 1e8, avgQuoteVol180: 1e8,
                         trendPersist90: 0.9, ageDays: 500)
    }

    static let referenceIndicators: [String: SymbolIndicators] = [
        "ETHUSDT": row(2480, 2400, 2300, 2000, 0.15, 0.3, 0.5, 0.04, 75),
        "SOLUSDT": row(148, 140, 135, 110, 0.1, 0.25, 0.45, 0.05, 6.5),
        "XRPUSDT": row(1.18, 1.1, 1.05, 0.9, 0.08, 0.18, 0.25, 0.06, 0.05),
        "LTCUSDT": row(99, 97, 95, 92, 0.02, 0.03, 0.04, 0.08, 3.5),
        "BCHUSDT": row(418, 405, 390, 360, 0.07, 0.14, 0.18, 0.06, 14),
    ]

    /// Runs one cycle; `dryRun` false exercises the live side-effect path against the fakes.
    func run(dryRun: Bool = false, runId: String = "test-run", localFiles: [any ArtifactSource] = [],
             store existing: InMemoryStateStore? = nil, runNonce: String = "nonce", logs: LogCapture? = nil,
             clock: FixedClock? = nil, rendersLogLines: Bool = true, portCalls: PortCalls? = nil) async -> Result {
        let store = existing ?? InMemoryStateStore(document: state, loadError: stateLoadError)
        let notifier = RecordingNotifier(receipt: notifierReceipt)
        let upstream: any ArtifactSource = poolPayload.map { StaticArtifactSource(label: "firestore:strategy/POOL", payload: $0) }
            ?? StaticArtifactSource(label: "firestore:strategy/POOL", missingReason: "upstream document firestore:strategy/POOL does not exist")
        let validator = PoolValidator(contract: PoolContract(config: config), messages: MessageCatalog(language: config.notifyLanguage))
        var dependencies = CycleDependencies(
            exchange: portCalls.map { RecordingExchange(inner: exchange, calls: $0) } ?? exchange,
            stateStore: portCalls.map { RecordingStore(inner: store, calls: $0) } ?? store,
            poolResolver: PoolResolver(upstream: upstream, localFiles: localFiles, validator: validator),
            marketAnalysis: FixedMarketAnalysis(btc: btc, indicators: indicators),
            notifier: portCalls.map { RecordingAlerts(inner: notifier, calls: $0) } ?? notifier, clock: clock ?? FixedClock(now),
            runNonce: runNonce, logger: logs?.logger ?? CycleLogContext.silent
        )
        dependencies.rendersLogLines = rendersLogLines
        let outcome = await TradingCycle(config: config, dependencies: dependencies, runId: runId, dryRun: dryRun).run()
        return Result(outcome: outcome, store: store, notifier: notifier, exchange: exchange)
    }

    struct Result {
        let outcome: CycleOutcome
        let store: InMemoryStateStore
        let notifier: RecordingNotifier
        let exchange: FakeExchange
        var report: ExecutionReport { outcome.report }
        var gates: [String] { report.gatingEvents.map(\.gate.wireName) }
        func finalState() throws -> TradeState {
            try TradeState.normalized(from: outcome.finalState, universe: Scenario.pool)
        }
    }
}

/// A transport timeout: the request may or may not have reached the exchange.
struct FakeTimeout: Error, CustomStringConvertible {
    var description: String { "timed out waiting for the exchange" }
}
