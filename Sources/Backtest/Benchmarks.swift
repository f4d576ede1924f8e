import Engine

/// What the same starting money would have done without the engine, on the same days and
/// prices, paying the same 0.1 % fee: all of it in BTC on the first day, or spread evenly
/// over every day of the period (a plain daily DCA).
public struct BenchmarkCurves: Sendable, Equatable {
    /// The paper exchange's standard rate, paid without a BNB discount.
    public static let feeRate = FeeSchedule.binanceSpot.rateValue
    /// Equity of buy-and-hold, one value per `BacktestRecord.days` row.
    public let btcHold: [Double]
    /// Equity of the plain DCA (cash not yet spent + BTC bought so far).
    public let btcDCA: [Double]
    /// What each paid in fees, in USDT.
    public let btcHoldFees: Double
    public let btcDCAFees: Double

    public init(days: [DayValuation]) {
        guard let start = days.first, start.btcPrice > 0 else {
            btcHold = days.map { _ in 0 }
            btcDCA = days.map { _ in 0 }
            btcHoldFees = 0
            btcDCAFees = 0
            return
        }
        let capital = start.equity
        // Row 0 is the start (the same equity as the engine's, nothing bought yet); the hold buys
        // once at that moment's price, so its fee shows from the first day on.
        let held = capital * (1 - Self.feeRate) / start.btcPrice
        btcHold = [capital] + days.dropFirst().map { held * $0.btcPrice }
        btcHoldFees = capital * Self.feeRate
        // Each later row buys one equal slice at its price.
        let slices = max(days.count - 1, 1)
        let slice = capital / Double(slices)
        var cash = capital, bitcoin = 0.0, fees = 0.0
        var curve: [Double] = [capital]
        for day in days.dropFirst() {
            if day.btcPrice > 0, cash > 0 {
                let spend = min(slice, cash)
                cash -= spend
                bitcoin += spend * (1 - Self.feeRate) / day.btcPrice
                fees += spend * Self.feeRate
            }
            curve.append(cash + bitcoin * day.btcPrice)
        }
        btcDCA = curve
        btcDCAFees = fees
    }
}
