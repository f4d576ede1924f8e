import Foundation
import Strategy

/// Numbers in state that parse but make no sense against the market (another tool wrote 1e300,
/// or a bug elsewhere did). Trusting them would trip the circuit breaker or fire ATR stops, so
/// the cycle aborts naming the key, before anything is decided.
extension CycleDecisions {
    /// How far a stored base or high may sit above today's equity or price before it is absurd.
    /// A 99 % move within one day without a deposit or withdrawal (which rebases) does not happen.
    static let absurdFactor = 100.0

    /// Returns false after aborting the cycle.
    mutating func stateAgreesWithTheMarket(_ allocation: Allocation) -> Bool {
        guard let problem = absurdStateValue(allocation) else { return true }
        let message = messages.text(.stateLoadFailed, [.error: "\(problem)"])
        report.fail(stage: .stateLoad, message: message, status: .aborted)
        notify(.systemCrash(detail: String(message.prefix(200))))
        return false
    }

    private func absurdStateValue(_ allocation: Allocation) -> StateDocumentError? {
        let equity = max(allocation.totalEquity, 1)
        for (key, base) in [("daily_equity_base", state.dailyEquityBase), ("daily_trend_equity_base", state.dailyTrendEquityBase)]
        where base > equity * Self.absurdFactor {
            return StateDocumentError(key: key, problem: "is \(base), more than \(Int(Self.absurdFactor)) times today's equity \(Format.fixed(allocation.totalEquity, 2))")
        }
        for member in universe {
            let high = state.position(of: member.symbol).highestPrice
            // A high that is not positive is never above a positive price: no price to look up.
            guard high > 0, let price = prices[member.symbol], price > 0, high > price * Self.absurdFactor else { continue }
            return StateDocumentError(key: "\(member.symbol).highest_price", problem: "is \(high), more than \(Int(Self.absurdFactor)) times the price \(price)")
        }
        return nil
    }
}
