import Foundation
import Strategy

/// The live shell's answers to the cycle: every call carried out through the real ports
/// (`CycleDependencies`) and the `OrderExecutor` (fence, journal, send once, unknown stays
/// unknown), one at a time, in the order the cycle makes them.
final class LiveWorld: CycleWorld {
    private let dependencies: CycleDependencies
    private let executor: OrderExecutor
    private let bridge: PortBridge
    /// The operator's language, in which alerts are rendered.
    private let messages: MessageCatalog
    /// The indicators' klines, loading since the account was read.
    private var prefetch: Task<Void, Never>?
    /// The account and market as read at the cycle's start, for the reconciliation to reuse.
    private var startRead: AccountRead?
    /// Whether an order or earn move went out since then (the balances must be read again).
    private var sentSinceRead = false

    init(dependencies: CycleDependencies, executor: OrderExecutor, bridge: PortBridge, messages: MessageCatalog) {
        self.dependencies = dependencies
        self.executor = executor
        self.bridge = bridge
        self.messages = messages
    }

    /// The cycle is over: a prefetch it never waited for (it stopped before the indicators) is
    /// cancelled and waited out, so nothing the cycle started outlives it.
    func close() {
        if let prefetch {
            prefetch.cancel()
            _ = try? bridge.run { await prefetch.value }
            self.prefetch = nil
        }
        bridge.close()
    }

    // MARK: the store

    func loadState() throws -> LoadedState {
        let store = dependencies.stateStore
        return .document(try bridge.run { try await store.load() })
    }

    func acquireLease(_ request: LeaseRequest) throws -> LeaseGrant {
        let store = dependencies.stateStore
        return try bridge.run { try await store.acquireLease(request) }
    }

    func releaseLease(runId: String) throws {
        let store = dependencies.stateStore
        try bridge.run { try await store.releaseLease(runId: runId) }
    }

    func writeState(_ request: StateWriteRequest) throws {
        let store = dependencies.stateStore
        let write = request.stateWrite
        try bridge.run { try await store.write(write) }
    }

    func unsettledEntries() throws -> [JournalEntry] {
        let store = dependencies.stateStore
        return try bridge.run { try await store.unsettledEntries() }
    }

    func recordOutcome(_ outcome: JournalOutcome, clientOrderId: String) throws {
        let store = dependencies.stateStore
        try bridge.run { try await store.recordOutcome(outcome, clientOrderId: clientOrderId) }
    }

    func recentEntries(since: Date) throws -> [JournalEntry] {
        let store = dependencies.stateStore
        return try bridge.run { try await store.recentEntries(since: since) }
    }

    // MARK: the pool

    func resolvePool(lastGoodPayload: JSONValue?, now: Date, refusing: [PoolRung: String]) throws -> PoolResolution {
        let resolver = dependencies.poolResolver
        return try bridge.run { await resolver.resolve(lastGoodPayload: lastGoodPayload, now: now, refusing: refusing) }
    }

    // MARK: the exchange

    func connect() throws {
        let exchange = dependencies.exchange
        try bridge.run { try await exchange.connect() }
    }

    func runRefusal() -> String? {
        let exchange = dependencies.exchange
        return (try? bridge.run { await exchange.runRefusal() }) ?? nil
    }

    func readAccount(_ request: AccountReadRequest) -> AccountRead {
        let exchange = dependencies.exchange
        let analysis = dependencies.marketAnalysis
        let analysed = request.analysed
        prefetch = bridge.start { await analysis.prefetch(symbols: analysed) }
        let read = try? bridge.run { () async -> AccountRead in
            async let holdings = exchange.holdings(earnAssets: request.assets)
            async let prices = Result.capturing { try await exchange.averagePrices(symbols: request.tradedSymbols) }
            async let rules = Result.capturing { try await exchange.symbolRules(symbols: request.tradedSymbols) }
            let account = await holdings
            return await AccountRead(spot: account.spot, earn: account.earn, prices: prices, rules: rules)
        }
        startRead = read
        sentSinceRead = false
        return read ?? AccountRead(spot: .failure(CancellationError()), earn: .failure(CancellationError()),
                                   prices: .failure(CancellationError()), rules: .failure(CancellationError()))
    }

    func spotBalances() throws -> [String: SpotBalance] {
        let exchange = dependencies.exchange
        return try bridge.run { try await exchange.spotBalances() }
    }

    func flexibleProductId(asset: String) throws -> String? {
        let exchange = dependencies.exchange
        return try bridge.run { try await exchange.flexibleProductId(asset: asset) }
    }

    func order(symbol: String, clientOrderId: String) throws -> OrderFill? {
        let exchange = dependencies.exchange
        return try bridge.run { try await exchange.order(symbol: symbol, clientOrderId: clientOrderId) }
    }

    func orderInHistory(symbol: String, clientOrderId: String, from: Date, to: Date) throws -> OrderFill? {
        let exchange = dependencies.exchange
        return try bridge.run { try await exchange.orderInHistory(symbol: symbol, clientOrderId: clientOrderId, from: from, to: to) }
    }

    func place(_ order: MarketOrder, price: Double, purpose: JournalEntry.Purpose, tradeDate: String) throws -> OrderFill {
        sentSinceRead = true
        let executor = executor
        return try bridge.run { try await executor.place(order, price: price, purpose: purpose, tradeDate: tradeDate) }
    }

    func moveEarn(_ kind: JournalEntry.Kind, asset: String, productId: String, amount: Decimal, clientId: String, tradeDate: String) throws {
        sentSinceRead = true
        let executor = executor
        try bridge.run {
            try await executor.moveEarn(kind, asset: asset, productId: productId, amount: amount, clientId: clientId, tradeDate: tradeDate)
        }
    }

    // MARK: indicators

    func indicatorsRead() {
        guard let prefetch else { return }
        _ = try? bridge.run { await prefetch.value }
        self.prefetch = nil
    }

    func btcSnapshot(btcPrice: Double) throws -> BTCSnapshot? {
        let analysis = dependencies.marketAnalysis
        return try bridge.run { try await analysis.btcSnapshot(btcPrice: btcPrice) }
    }

    func trendIndicators(symbols: [String]) throws -> [String: SymbolIndicators] {
        let analysis = dependencies.marketAnalysis
        return try bridge.run { try await analysis.trendIndicators(symbols: symbols) }
    }

    func cycleIndicatorOverrides() -> (label: String, fields: Result<[String: Double], any Error>)? {
        guard let source = dependencies.cycleIndicators else { return nil }
        do {
            return (source.label, .success(try bridge.run { try await source.load() }))
        } catch {
            return (source.label, .failure(error))
        }
    }

    // MARK: alerts, time, reconciliation

    func deliver(_ alert: CycleAlert, dryRun: Bool) -> AlertDelivery {
        let notifier = dependencies.notifier
        return AlertDelivery.of(messages.alertText(alert), dryRun: dryRun) { text in
            do { return try bridge.run { await notifier.send(text) } } catch { return .failed(errorType: "cancelled") }
        }
    }

    func sleep(seconds: Double) throws {
        let clock = dependencies.clock
        try bridge.run { try await clock.sleep(seconds: seconds) }
    }

    func wallNow() -> Date { dependencies.wallClock.now() }

    /// The end-of-cycle check, on what the cycle already read: prices and rules always, the
    /// balances when nothing was sent since; the journal check covers this run's own orders (each
    /// run checks its own, by a status lookup). `cycle reconcile` reads everything afresh.
    func reconcile(document: JSONValue?, recentEntries: [JournalEntry], account: String, now: Date) throws -> Reconciliation {
        let reconciler = Reconciler(exchange: dependencies.exchange)
        var known = Reconciler.KnownReads()
        if let startRead {
            known.prices = (try? startRead.prices.get()) ?? [:]
            known.rules = (try? startRead.rules.get()) ?? [:]
            if !sentSinceRead, let spot = try? startRead.spot.get(), let earn = try? startRead.earn.get() {
                known.holdings = AccountHoldings(spot: .success(spot), earn: .success(earn))
            }
        }
        let runId = executor.runId
        let ownEntries = recentEntries.filter { $0.runId == runId }
        let reads = known
        return try bridge.run { await reconciler.reconcile(document: document, recentEntries: ownEntries, account: account, now: now, known: reads) }
    }

    func note(_ note: CycleNote) {
        note.log(to: dependencies.logger)
    }
}
