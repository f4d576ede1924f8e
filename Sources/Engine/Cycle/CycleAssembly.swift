import Foundation
import Logging

/// The composition root of a cycle: every path (paper, Binance, replay, the benchmark) names
/// its peers here, and the pool ladder, its validator and the market analysis are put together
/// the same way for all of them.
public struct CycleAssembly: Sendable {
    public var config: Config
    public var exchange: any Exchange
    public var store: any CycleStore
    /// The `fresh_upstream` rung (Firestore, the paper artifact, a fixture), if any.
    public var upstream: (any ArtifactSource)?
    /// The `local_file` rung's candidates, in order.
    public var localArtifacts: [any ArtifactSource]
    /// nil: indicators from the exchange's klines (`KlineMarketAnalysis`).
    public var marketAnalysis: (any MarketAnalysis)?
    public var notifier: any Notifier
    public var clock: any Clock
    public var wallClock: (any Clock)?
    public var cycleIndicators: (any CycleIndicatorSource)?
    public var logger: Logger
    /// The account key, and whether live cycles end with a reconciliation (docs/commands.md#evidence-for-operators).
    public var account = ""
    public var reconcilesAtEnd = false
    /// Mixed into client order ids (random per process unless set; the backtest fixes it so
    /// the same inputs give the same ids).
    public var runNonce: String?
    /// Whether reports carry their `log_lines` (see `CycleDependencies.rendersLogLines`).
    public var rendersLogLines = true

    public init(config: Config, exchange: any Exchange, store: any CycleStore, upstream: (any ArtifactSource)?,
                localArtifacts: [any ArtifactSource] = [], marketAnalysis: (any MarketAnalysis)? = nil,
                notifier: any Notifier = RecordingNotifier(), clock: any Clock, wallClock: (any Clock)? = nil,
                cycleIndicators: (any CycleIndicatorSource)? = nil, logger: Logger = CycleLogContext.silent) {
        self.config = config
        self.exchange = exchange
        self.store = store
        self.upstream = upstream
        self.localArtifacts = localArtifacts
        self.marketAnalysis = marketAnalysis
        self.notifier = notifier
        self.clock = clock
        self.wallClock = wallClock
        self.cycleIndicators = cycleIndicators
        self.logger = logger
    }

    /// The degraded-mode ladder over this assembly's rungs, validating with the configured contract.
    public var poolResolver: PoolResolver {
        Self.poolResolver(config: config, upstream: upstream, localArtifacts: localArtifacts)
    }

    /// The ladder alone, for what resolves the pool without running a cycle (`validate-only`).
    public static func poolResolver(config: Config, upstream: (any ArtifactSource)?, localArtifacts: [any ArtifactSource]) -> PoolResolver {
        let validator = PoolValidator(contract: PoolContract(config: config), messages: MessageCatalog(language: config.notifyLanguage))
        return PoolResolver(upstream: upstream, localFiles: localArtifacts, validator: validator)
    }

    public var dependencies: CycleDependencies {
        var dependencies = CycleDependencies(
            exchange: exchange, stateStore: store, poolResolver: poolResolver,
            marketAnalysis: marketAnalysis ?? KlineMarketAnalysis(exchange: exchange), notifier: notifier, clock: clock,
            cycleIndicators: cycleIndicators, wallClock: wallClock, logger: logger
        )
        dependencies.account = account
        dependencies.reconcilesAtEnd = reconcilesAtEnd
        if let runNonce { dependencies.runNonce = runNonce }
        dependencies.rendersLogLines = rendersLogLines
        return dependencies
    }

    public func cycle(runId: String, dryRun: Bool) -> TradingCycle {
        TradingCycle(config: config, dependencies: dependencies, runId: runId, dryRun: dryRun)
    }
}
