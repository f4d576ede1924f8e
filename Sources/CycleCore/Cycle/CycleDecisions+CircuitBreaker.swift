import Foundation
import Strategy

/// Steps 8–9: the daily circuit breaker on the trend sleeve.
extension CycleDecisions {
    /// Sells every trend position worth more than 10 USDT when the trend sleeve's daily PnL is
    /// at or below −5 %, latches the breaker for the day, and stops the cycle (returns true).
    mutating func tripCircuitBreakerIfNeeded(_ allocation: Allocation, market: MarketSnapshot) throws -> Bool {
        let trendPnL = dailyPnL(allocation).trend
        guard trendPnL <= StrategyConstants.circuitBreakerThreshold else { return false }

        for member in universe {
            let price = prices[member.symbol] ?? 0
            let value = wallet.value(of: member)
            guard value > StrategyConstants.minimumSellValue else {
                report.gate(GatingEvent(gate: .circuitBreakerSellBelowMinPosition, category: .trend, symbol: member.symbol,
                                        detail: .positionValue(value)))
                continue
            }
            try sellForCircuitBreaker(member, balance: sellableQuantity(member), price: price, rules: market.rules[member.symbol])
        }

        state.isCircuitBroken = true
        state.lastBalanceSnapshot = balanceSnapshot()
        report.circuitBreakerTriggered = true
        try writeState(reason: "daily_circuit_breaker")
        notify(.circuitBreakerTripped(trendPnL: trendPnL))
        return true
    }

    private mutating func sellForCircuitBreaker(_ member: UniverseMember, balance: Double, price: Double, rules: SymbolRules?) throws {
        let quantity = sizedQuantity(balance, rules: rules)
        let clientId = nextClientOrderId(prefix: "C_SELL", symbol: member.symbol)
        report.tradeIntents.append(TradeIntent(category: .trend, action: .sell, symbol: member.symbol, reason: .circuitBreaker,
                                               quantity: OrderSizing.double(quantity), price: price, clientOrderId: clientId))
        try execute(OrderTicket(
            member: member, side: .sell, size: .quantity(quantity), price: price, rules: rules, clientOrderId: clientId, purpose: .circuitBreakerSell,
            category: .trend, subject: .circuitBreakerSell(symbol: member.symbol), unavailable: .assetUnavailableForCircuitSell
        ))
    }
}
