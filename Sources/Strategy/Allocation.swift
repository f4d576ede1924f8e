#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How equity is split between the BTC core and the trend sleeve (docs/strategy.md#allocation). All amounts in USDT.
public struct Allocation: Sendable, Equatable {
    public var totalEquity: Double
    public var cash: Double
    public var trendValue: Double
    public var dcaValue: Double
    public var btcTargetRatio: Double
    public var trendTargetRatio: Double
    /// Cash the trend sleeve may spend now.
    public var trendPool: Double
    /// Cash the BTC DCA may spend now.
    public var dcaPool: Double
    public var btcBaseOrder: Double

    /// The share of equity the strategy invests (docs/commands.md#trading-modes-staged-exposure-version), 0 < cap ≤ 1.
    public var exposureCap: Double

    /// Allocation for the given holdings. `fuelValue` counts in equity but in neither sleeve.
    /// With `exposureCap` below 1 the sleeves are sized as if equity were `cap × equity`
    /// (`trend_pool`, `dca_pool`, `btc_base_order`); the BTC target ratio still follows the full
    /// equity, and the rest stays in USDT and the earn buffer.
    public init(cash: Double, fuelValue: Double, trendValue: Double, dcaValue: Double, exposureCap: Double = 1) {
        let equity = cash + fuelValue + trendValue + dcaValue
        let cap = exposureCap.isFinite ? min(1, max(0, exposureCap)) : 1
        let invested = equity * cap
        let spendable = max(0, cash)
        let trend = max(0, trendValue)
        let dca = max(0, dcaValue)
        let btcRatio = min(0.65, max(0, 0.14 + 0.16 * log1p(max(equity, 1) / 10_000)))
        let trendRatio = 1 - btcRatio
        let trendPool = max(0, min(spendable, invested * trendRatio - trend))
        let remaining = max(0, spendable - trendPool)
        self.totalEquity = equity
        self.cash = cash
        self.trendValue = trendValue
        self.dcaValue = dcaValue
        self.btcTargetRatio = btcRatio
        self.trendTargetRatio = trendRatio
        self.trendPool = trendPool
        self.dcaPool = max(0, min(remaining, invested * btcRatio - dca))
        self.btcBaseOrder = max(StrategyConstants.minimumOrderBudget, invested * 0.0012)
        self.exposureCap = cap
    }
}
