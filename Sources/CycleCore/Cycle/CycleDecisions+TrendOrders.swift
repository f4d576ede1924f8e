import Foundation
import Strategy

/// Trend sells and buys (docs/strategy.md#order-execution-rules): their gates and intents; the order itself goes through `execute(_:)`.
extension CycleDecisions {
    mutating func sellTrendPosition(_ member: UniverseMember, reason: SellReason, rules: SymbolRules?) throws {
        let symbol = member.symbol
        if state.hasAction("sell", on: symbol, date: today.compact) {
            say(messages.text(.duplicateSellSkipped, [.symbol: symbol]))
            return
        }
        let price = prices[symbol] ?? 0
        let quantity = sizedQuantity(sellableQuantity(member), rules: rules)
        let clientId = nextClientOrderId(prefix: "T_SELL", symbol: symbol)
        report.tradeIntents.append(TradeIntent(category: .trend, action: .sell, symbol: symbol, reason: .trend(reason),
                                               quantity: OrderSizing.double(quantity), price: price, clientOrderId: clientId))
        try execute(OrderTicket(
            member: member, side: .sell, size: .quantity(quantity), price: price, rules: rules, clientOrderId: clientId, purpose: .trendSell,
            category: .trend, subject: .trendSell(symbol: symbol, reason: reason, price: price),
            unavailable: .assetUnavailableForTrendSell, writeReason: "trend_sell:\(symbol)"
        ))
    }

    mutating func buyTrendPosition(_ member: UniverseMember, budget: Double, candidate: TrendCandidate, rules: SymbolRules?,
                          fundingHeadroom: Double = 0) throws {
        let symbol = member.symbol
        guard state.tradingMode.allowsEntries else {
            report.gate(GatingEvent(gate: .tradingModeNoNewEntries, category: .trend, symbol: symbol, detail: .text(state.tradingMode.rawValue)))
            return
        }
        guard budget > StrategyConstants.minimumOrderBudget else {
            report.gate(GatingEvent(gate: .trendBuyBelowMinBudget, category: .trend, symbol: symbol, detail: .budget(budget)))
            return
        }
        if state.hasAction("buy", on: symbol, date: today.compact) {
            report.gate(GatingEvent(gate: .trendBuyDuplicateCooldown, category: .trend, symbol: symbol))
            say(messages.text(.duplicateBuySkipped, [.symbol: symbol]))
            return
        }
        let price = prices[symbol] ?? 0
        let quantity = sizedQuantity(budget * StrategyConstants.orderBudgetHaircut / price, rules: rules)
        let clientId = nextClientOrderId(prefix: "T_BUY", symbol: symbol)
        report.tradeIntents.append(TradeIntent(category: .trend, action: .buy, symbol: symbol, quantity: OrderSizing.double(quantity),
                                               budget: budget, weight: candidate.weight, relativeScore: candidate.relativeScore,
                                               clientOrderId: clientId))
        let zeroGate = GatingEvent(gate: .trendBuyZeroOrderSize, category: .trend, symbol: symbol, detail: .budget(budget))
        try execute(OrderTicket(
            member: member, side: .buy, size: .quantity(quantity), price: price, rules: rules, clientOrderId: clientId, purpose: .trendBuy,
            category: .trend,
            subject: .trendBuy(symbol: symbol, budget: budget, price: price, weight: candidate.weight, relativeScore: candidate.relativeScore),
            zeroSizeGate: zeroGate, unavailable: .usdtUnavailableForTrendBuy, writeReason: "trend_buy:\(symbol)",
            fundingHeadroom: fundingHeadroom
        ))
    }
}
