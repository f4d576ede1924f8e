#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How equity is split between the BTC core and the trend sleeve (SPEC §6.1). All amounts in USDT.
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

    /// Allocation for the given holdings. `fuelValue` counts in equity but in neither sleeve.
    public init(cash: Double, fuelValue: Double, trendValue: Double, dcaValue: Double) {
        let equity = cash + fuelValue + trendValue + dcaValue
        let spendable = max(0, cash)
        let trend = max(0, trendValue)
        let dca = max(0, dcaValue)
        let btcRatio = min(0.65, max(0, 0.14 + 0.16 * log1p(max(equity, 1) / 10_000)))
        let trendRatio = 1 - btcRatio
        let trendPool = max(0, min(spendable, equity * trendRatio - trend))
        let remaining = max(0, spendable - trendPool)
        self.totalEquity = equity
        self.cash = cash
        self.trendValue = trendValue
        self.dcaValue = dcaValue
        self.btcTargetRatio = btcRatio
        self.trendTargetRatio = trendRatio
        self.trendPool = trendPool
        self.dcaPool = max(0, min(remaining, equity * btcRatio - dca))
        self.btcBaseOrder = max(StrategyConstants.minimumOrderBudget, equity * 0.0012)
    }
}
