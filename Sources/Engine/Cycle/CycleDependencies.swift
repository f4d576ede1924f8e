import Foundation

/// The adapters one cycle talks to.
public struct CycleDependencies: Sendable {
    public var exchange: any Exchange
    public var stateStore: any StateStore
    public var poolResolver: PoolResolver
    public var marketAnalysis: any MarketAnalysis
    public var notifier: any Notifier
    public var clock: any Clock
    /// Optional BTC cycle-indicator overrides (SPEC §5.3).
    public var cycleIndicators: (any CycleIndicatorSource)?

    public init(exchange: any Exchange, stateStore: any StateStore, poolResolver: PoolResolver,
                marketAnalysis: any MarketAnalysis, notifier: any Notifier, clock: any Clock,
                cycleIndicators: (any CycleIndicatorSource)? = nil) {
        self.exchange = exchange
        self.stateStore = stateStore
        self.poolResolver = poolResolver
        self.marketAnalysis = marketAnalysis
        self.notifier = notifier
        self.clock = clock
        self.cycleIndicators = cycleIndicators
    }
}

/// What one cycle produced: the report and the state document as it stands at the end
/// (persisted in a live run; only returned in a dry run).
public struct CycleOutcome: Sendable {
    public var report: ExecutionReport
    /// nil when the cycle stopped before state was loaded.
    public var finalState: JSONValue?
}

/// Overrides for BTC valuation fields (`ahr999`, `mayer_multiple`, …) from an external file.
public protocol CycleIndicatorSource: Sendable {
    var label: String { get }
    /// Non-null numeric fields of the file; throws when it cannot be read.
    func load() async throws -> [String: Double]
}
