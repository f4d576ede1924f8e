/// The strategy's fixed numbers (docs/strategy.md#strategy-constants). Money in USDT, ratios as fractions.
public enum StrategyConstants {
    public static let poolSize = 5
    public static let rotationTopN = 2
    public static let atrMultiplier = 2.5
    public static let artifactContract = "crypto_leader_rotation.live_pool.v1"
    public static let artifactMaxAgeDays = 45
    public static let artifactModes = ["core_major"]
    /// Trend sleeve daily PnL at or below this fraction trips the circuit breaker.
    public static let circuitBreakerThreshold = -0.05
    /// Keep BNB worth at least this much for fee discounts …
    public static let fuelMinimumValue = 10.0
    /// … and top it up with this much USDT when it falls below.
    public static let fuelTopUpAmount = 15.0
    /// Share of a budget actually spent, leaving room for fees and price drift.
    public static let orderBudgetHaircut = 0.985
    /// Smallest budget (exclusive) for which a trend or DCA buy is attempted.
    public static let minimumOrderBudget = 15.0
    /// Positions worth at most this are too small to sell in the circuit breaker.
    public static let minimumSellValue = 10.0

    /// Built-in last-resort universe, in order (docs/strategy.md#strategy-constants).
    public static let staticUniverse = [
        "ETHUSDT", "SOLUSDT", "XRPUSDT", "LINKUSDT", "AVAXUSDT", "ADAUSDT",
        "DOGEUSDT", "TRXUSDT", "ATOMUSDT", "LTCUSDT", "BCHUSDT",
    ]
}

/// Base asset of a `XXXUSDT` symbol (the symbol itself when it does not end in USDT).
public func inferBaseAsset(_ symbol: String) -> String {
    symbol.hasSuffix("USDT") ? String(symbol.dropLast(4)) : symbol
}
