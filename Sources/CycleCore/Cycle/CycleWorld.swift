import Foundation
import Strategy

/// Everything a cycle asks of the world, as synchronous calls: each is an effect the cycle
/// decided on (read the account, place an order, write state, send an alert…) and its return
/// value or thrown error is the outcome. The cycle's decisions (`CycleDecisions`) never wait on a task: a
/// shell answers these — the live shell by carrying each out through the real ports, in order,
/// one at a time (`LiveWorld`); a backtest shell from memory.
public protocol CycleWorld: AnyObject {
    // The store: state document, lease, order journal.
    func loadState() throws -> LoadedState
    func acquireLease(_ request: LeaseRequest) throws -> LeaseGrant
    func releaseLease(runId: String) throws
    func writeState(_ write: StateWriteRequest) throws
    func unsettledEntries() throws -> [JournalEntry]
    func recordOutcome(_ outcome: JournalOutcome, clientOrderId: String) throws
    func recentEntries(since: Date) throws -> [JournalEntry]

    // The pool ladder.
    /// `lastGoodPayload`: the state's `trend_pool_last_good_payload` (the ladder's second rung).
    func resolvePool(lastGoodPayload: JSONValue?, now: Date, refusing: [PoolRung: String]) throws -> PoolResolution

    // The exchange.
    func connect() throws
    /// Why the exchange refused this run as a whole (a ban, a 429 given up on), if it did.
    func runRefusal() -> String?
    /// Balances, Simple Earn positions, prices and rules, read together; the indicators'
    /// klines start loading too (`indicatorsRead` waits for them).
    func readAccount(_ request: AccountReadRequest) -> AccountRead
    func spotBalances() throws -> [String: SpotBalance]
    func flexibleProductId(asset: String) throws -> String?
    func order(symbol: String, clientOrderId: String) throws -> OrderFill?
    func orderInHistory(symbol: String, clientOrderId: String, from: Date, to: Date) throws -> OrderFill?
    /// Sends (or, in a dry run, simulates) one order through the fence and the journal.
    func place(_ order: MarketOrder, price: Double, purpose: JournalEntry.Purpose, tradeDate: String) throws -> OrderFill
    /// Moves an amount into or out of Simple Earn through the fence and the journal.
    func moveEarn(_ kind: JournalEntry.Kind, asset: String, productId: String, amount: Decimal, clientId: String, tradeDate: String) throws

    // Indicators.
    /// Waits until the klines `readAccount` started loading are in.
    func indicatorsRead()
    func btcSnapshot(btcPrice: Double) throws -> BTCSnapshot?
    func trendIndicators(symbols: [String]) throws -> [String: SymbolIndicators]
    /// The BTC cycle-indicator overrides' file label and fields (nil: none configured).
    func cycleIndicatorOverrides() -> (label: String, fields: Result<[String: Double], any Error>)?

    // Alerts, time, reconciliation.
    /// Sends `alert`, rendered in the operator's language (in a dry run, renders and records
    /// it only), and says what became of it.
    func deliver(_ alert: CycleAlert, dryRun: Bool) -> AlertDelivery
    func sleep(seconds: Double) throws
    /// Real time (the lease, the journal, Simple Earn's spacing).
    func wallNow() -> Date
    func reconcile(document: JSONValue?, recentEntries: [JournalEntry], account: String, now: Date) throws -> Reconciliation

    /// What the cycle wants the operator's log to show (the live shell logs it; others may drop it).
    func note(_ note: CycleNote)
}

/// What `readAccount` reads.
public struct AccountReadRequest: Sendable {
    public var assets: [String]
    public var tradedSymbols: [String]
    /// Symbols whose indicators the cycle will ask for.
    public var analysed: [String]
}

/// The account as read at step 4, each part with its own outcome.
public struct AccountRead: Sendable {
    public var spot: Result<[String: SpotBalance], any Error>
    public var earn: Result<[String: EarnPosition], any Error>
    public var prices: Result<[String: Double], any Error>
    public var rules: Result<[String: SymbolRules], any Error>

    public init(spot: Result<[String: SpotBalance], any Error>, earn: Result<[String: EarnPosition], any Error>,
                prices: Result<[String: Double], any Error>, rules: Result<[String: SymbolRules], any Error>) {
        self.spot = spot
        self.earn = earn
        self.prices = prices
        self.rules = rules
    }
}
