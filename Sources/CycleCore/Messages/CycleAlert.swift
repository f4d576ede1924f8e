import Strategy

/// An alert the cycle decided to send, with the facts it reports. The decisions never spell
/// it: the shell that sends it renders its text in the operator's language
/// (`MessageCatalog.text(_:)` for alerts), and a backtest, which sends nothing, never does.
public enum CycleAlert: Sendable, Equatable {
    /// An order sized to zero: nothing was sent.
    case orderSizedToZero(OrderSubject)
    /// An order that failed; `error` describes the failure.
    case orderFailed(OrderSubject, error: String)
    /// An order that filled and was booked; `shownQuantity` is the quantity the alert names
    /// (the planned one in a dry run, the executed one live).
    case orderFilled(OrderSubject, shownQuantity: Double)
    /// An order not sent because its symbol is not trading (`BREAK`, `HALT`…).
    case symbolNotTrading(symbol: String, status: String)
    /// The daily circuit breaker tripped at this trend PnL.
    case circuitBreakerTripped(trendPnL: Double)
    /// The cycle stopped on something unexpected; `detail` is already cut to what the alert keeps.
    case systemCrash(detail: String)
    /// The exchange could not be reached or refused the connection.
    case exchangeUnreachable(detail: String)
    /// A Simple Earn redemption failed.
    case redemptionFailed(asset: String, error: String)
    /// A redemption went through but spot never showed the amount.
    case redemptionNotCredited(asset: String, amount: Double)
    /// State and the account disagree; the first few disagreements are listed.
    case reconciliationFailed(failureCount: Int, firstFailures: [Reconciliation.Failure])
    /// The operator halted trading (the reminder each halted cycle sends).
    case tradingHalted(reason: String, setBy: String)
    /// The periodic status report.
    case heartbeat(Heartbeat)
}

/// What an order alert is about: the order's kind and the facts its texts show.
public enum OrderSubject: Sendable, Equatable {
    case trendSell(symbol: String, reason: SellReason, price: Double)
    case trendBuy(symbol: String, budget: Double, price: Double, weight: Double, relativeScore: Double)
    case circuitBreakerSell(symbol: String)
    case dcaBuy(targetRatio: Double, ahr999: Double)
    case dcaTrim(fraction: Double, quantity: Double)
    case fuelTopUp

    /// Whether a fill of this order is announced (the circuit breaker's sells are announced
    /// together by its own alert; the fuel top-up is only logged).
    var announcesFill: Bool {
        switch self {
        case .trendSell, .trendBuy, .dcaBuy, .dcaTrim: true
        case .circuitBreakerSell, .fuelTopUp: false
        }
    }
}

/// The facts of the periodic status report.
public struct Heartbeat: Sendable, Equatable {
    public var allocation: Allocation
    /// Today's trend PnL, as a fraction.
    public var trendPnL: Double
    public var btcPrice: Double
    public var btc: BTCSnapshot
}
