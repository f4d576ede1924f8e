/// The ladder's rungs, named as in state and reports (docs/strategy.md#the-ladder).
public enum PoolRung: String, Sendable, Equatable {
    case freshUpstream = "fresh_upstream"
    case lastKnownGood = "last_known_good"
    case localFile = "local_file"
    case staticUniverse = "static"

    public var isDegraded: Bool { self != .freshUpstream }
}

/// Which pool this cycle trades, where it came from, and why higher rungs were refused.
public struct PoolResolution: Sendable, Equatable {
    public var rung: PoolRung
    /// `firestore:<collection>/<document>`, `state:last_known_good`, `file:<path>`, `static:built_in`, `replay:<file>`.
    public var sourceDetail: String
    public var payload: PoolPayload
    public var isFresh: Bool
    /// Every refused rung's errors and warnings, then the accepted rung's note and warnings, in order.
    public var messages: [String]
    /// ISO-8601 with `+00:00`.
    public var loadedAt: String

    public var degraded: Bool { rung.isDegraded }

    /// Writes the `trend_pool_*` keys; only a fresh upstream result replaces the last known good payload.
    public func record(into state: inout TradeState) {
        state.trendPool.source = rung.rawValue
        state.trendPool.sourceDetail = sourceDetail
        state.trendPool.isFresh = isFresh
        state.trendPool.degraded = degraded
        state.trendPool.asOfDate = payload.asOfDate
        state.trendPool.version = payload.version
        state.trendPool.mode = payload.mode
        state.trendPool.sourceProject = payload.sourceProject
        state.trendPool.loadedAt = loadedAt
        state.trendPool.messages = messages
    }

    /// Keeps a fresh upstream payload as the last known good (docs/strategy.md#what-a-degraded-pool-changes). Called only once the
    /// exchange has priced every one of its symbols: a payload naming a symbol the exchange does
    /// not list must not outlive the upstream's fix as the fallback.
    public func promoteToLastKnownGood(into state: inout TradeState) {
        guard rung == .freshUpstream else { return }
        state.lastGoodPayload = payload.document
    }
}
