import Foundation
import Strategy

/// A world that answers every call through another and writes down what the decisions read
/// (`RecordedInputs`): the state as loaded, the pool, the account, product ids, the computed
/// indicators. Effects (orders, earn moves, writes, alerts) pass through unrecorded: the
/// report already says what was decided and what came of it.
public final class RecordingWorld: CycleWorld {
    private let inner: any CycleWorld
    public private(set) var inputs: RecordedInputs
    /// The first load is the one the decisions start from.
    private var stateRecorded = false

    public init(wrapping inner: any CycleWorld, now: Date, config: Config) {
        self.inner = inner
        inputs = RecordedInputs(now: now, config: config)
    }

    public func loadState() throws -> LoadedState {
        do {
            let loaded = try inner.loadState()
            guard !stateRecorded else { return loaded }
            stateRecorded = true
            switch loaded {
            case .document(let document): inputs.state = document
            case .typed(let state): inputs.state = state.document
            }
            return loaded
        } catch {
            if !stateRecorded { inputs.loadFailure = "\(error)" }
            throw error
        }
    }

    public func acquireLease(_ request: LeaseRequest) throws -> LeaseGrant { try inner.acquireLease(request) }
    public func releaseLease(runId: String) throws { try inner.releaseLease(runId: runId) }
    public func writeState(_ write: StateWriteRequest) throws { try inner.writeState(write) }
    public func unsettledEntries() throws -> [JournalEntry] { try inner.unsettledEntries() }
    public func recordOutcome(_ outcome: JournalOutcome, clientOrderId: String) throws { try inner.recordOutcome(outcome, clientOrderId: clientOrderId) }
    public func recentEntries(since: Date) throws -> [JournalEntry] { try inner.recentEntries(since: since) }

    public func resolvePool(lastGoodPayload: JSONValue?, now: Date, refusing: [PoolRung: String]) throws -> PoolResolution {
        let resolution = try inner.resolvePool(lastGoodPayload: lastGoodPayload, now: now, refusing: refusing)
        inputs.pool = resolution
        return resolution
    }

    public func connect() throws { try inner.connect() }
    public func runRefusal() -> String? { inner.runRefusal() }

    public func readAccount(_ request: AccountReadRequest) -> AccountRead {
        let read = inner.readAccount(request)
        func keep<Value>(_ result: Result<Value, any Error>, _ part: String) -> Value? {
            switch result {
            case .success(let value): return value
            case .failure(let error):
                inputs.readFailures[part] = "\(error)"
                return nil
            }
        }
        inputs.spot = keep(read.spot, "spot")
        inputs.earn = keep(read.earn, "earn")
        inputs.prices = keep(read.prices, "prices")
        inputs.rules = keep(read.rules, "rules")
        return read
    }

    public func spotBalances() throws -> [String: SpotBalance] { try inner.spotBalances() }

    public func flexibleProductId(asset: String) throws -> String? {
        let id = try inner.flexibleProductId(asset: asset)
        inputs.productIds[asset] = id
        return id
    }

    public func order(symbol: String, clientOrderId: String) throws -> OrderFill? { try inner.order(symbol: symbol, clientOrderId: clientOrderId) }
    public func orderInHistory(symbol: String, clientOrderId: String, from: Date, to: Date) throws -> OrderFill? {
        try inner.orderInHistory(symbol: symbol, clientOrderId: clientOrderId, from: from, to: to)
    }
    public func place(_ order: MarketOrder, price: Double, purpose: JournalEntry.Purpose, tradeDate: String) throws -> OrderFill {
        try inner.place(order, price: price, purpose: purpose, tradeDate: tradeDate)
    }
    public func moveEarn(_ kind: JournalEntry.Kind, asset: String, productId: String, amount: Decimal, clientId: String, tradeDate: String) throws {
        try inner.moveEarn(kind, asset: asset, productId: productId, amount: amount, clientId: clientId, tradeDate: tradeDate)
    }

    public func indicatorsRead() { inner.indicatorsRead() }

    public func btcSnapshot(btcPrice: Double) throws -> BTCSnapshot? {
        let snapshot = try inner.btcSnapshot(btcPrice: btcPrice)
        inputs.btc = snapshot
        return snapshot
    }

    public func trendIndicators(symbols: [String]) throws -> [String: SymbolIndicators] {
        let indicators = try inner.trendIndicators(symbols: symbols)
        inputs.indicators.merge(indicators) { _, latest in latest }
        return indicators
    }

    public func cycleIndicatorOverrides() -> (label: String, fields: Result<[String: Double], any Error>)? {
        let overrides = inner.cycleIndicatorOverrides()
        if let overrides, case .success(let fields) = overrides.fields { inputs.cycleIndicatorOverrides = (overrides.label, fields) }
        return overrides
    }

    public func deliver(_ alert: CycleAlert, dryRun: Bool) -> AlertDelivery { inner.deliver(alert, dryRun: dryRun) }
    public func sleep(seconds: Double) throws { try inner.sleep(seconds: seconds) }
    public func wallNow() -> Date { inner.wallNow() }
    public func reconcile(document: JSONValue?, recentEntries: [JournalEntry], account: String, now: Date) throws -> Reconciliation {
        try inner.reconcile(document: document, recentEntries: recentEntries, account: account, now: now)
    }
    public func note(_ note: CycleNote) { inner.note(note) }
}
