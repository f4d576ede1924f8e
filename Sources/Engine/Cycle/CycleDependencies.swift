import Foundation
import Logging

/// The adapters one cycle talks to.
public struct CycleDependencies: Sendable {
    public var exchange: any Exchange
    /// State document, lease and order journal (one backend, so a write and a settle are atomic).
    public var stateStore: any CycleStore
    public var poolResolver: PoolResolver
    public var marketAnalysis: any MarketAnalysis
    public var notifier: any Notifier
    /// The trading clock: market data, calendar days and cooldowns are of this moment.
    public var clock: any Clock
    /// Real time, for the lease and the journal (differs from `clock` on the paper exchange's clock).
    public var wallClock: any Clock
    /// Optional BTC cycle-indicator overrides (docs/strategy.md#btc-snapshot).
    public var cycleIndicators: (any CycleIndicatorSource)?
    /// Host name and process id recorded with the lease, so an operator can find the holder.
    public var host: String
    public var processId: Int32
    /// Mixed into a live run's client order ids so a repeated run id never repeats an id
    /// (random per process by default; tests fix it).
    public var runNonce: String
    /// Where the cycle logs (fixed messages, data in metadata); silent unless the caller gives one.
    public var logger: Logger
    /// The account key the state belongs to (named in the reconciliation).
    public var account = ""
    /// Whether a live cycle ends by reconciling with the exchange (live and paper: yes; replay
    /// and engine tests: no).
    public var reconcilesAtEnd = false
    /// Whether the report's human-readable `log_lines` are rendered (a backtest keeps no
    /// per-cycle report and skips them; everything else the report holds is unchanged).
    public var rendersLogLines = true

    public init(exchange: any Exchange, stateStore: any CycleStore, poolResolver: PoolResolver,
                marketAnalysis: any MarketAnalysis, notifier: any Notifier, clock: any Clock,
                cycleIndicators: (any CycleIndicatorSource)? = nil, wallClock: (any Clock)? = nil,
                host: String = ProcessInfo.processInfo.hostName, processId: Int32 = ProcessInfo.processInfo.processIdentifier,
                runNonce: String = UUID().uuidString, logger: Logger = CycleLogContext.silent) {
        self.exchange = exchange
        self.stateStore = stateStore
        self.poolResolver = poolResolver
        self.marketAnalysis = marketAnalysis
        self.notifier = notifier
        self.clock = clock
        self.wallClock = wallClock ?? clock
        self.cycleIndicators = cycleIndicators
        self.host = host
        self.processId = processId
        self.runNonce = runNonce
        self.logger = logger
    }
}

/// Overrides for BTC valuation fields (`ahr999`, `mayer_multiple`, …) from an external file.
public protocol CycleIndicatorSource: Sendable {
    var label: String { get }
    /// Non-null numeric fields of the file; throws when it cannot be read.
    func load() async throws -> [String: Double]
}
