import Foundation
import Strategy

/// One trend sell or buy with its gates, alert and state write (SPEC §7.1).
extension CycleRun {
    func sellTrendPosition(_ member: UniverseMember, reason: SellReason) async throws {
        let symbol = member.symbol
        if state.hasAction("sell", on: symbol, date: today.compact) {
            log.append(messages.text(.duplicateSellSkipped, ["symbol": symbol]))
            return
        }
        let price = prices[symbol] ?? 0
        let reasonText = reasonText(reason)
        let quantity = sizedQuantity(sellableQuantity(member), symbol: symbol)
        let clientId = nextClientOrderId(prefix: "T_SELL", symbol: symbol)
        report.tradeIntents.append(TradeIntent(category: "trend", action: "sell", symbol: symbol, reason: reasonText,
                                               quantity: OrderSizing.double(quantity), price: price, clientOrderId: clientId))
        let header = "\(symbol)\n\(messages.text(.reasonLabel)): \(reasonText)"
        guard quantity > 0 else {
            await notify(messages.text(.trendSellSkipped) + " \(header)\n" + messages.text(.qtyZero))
            return
        }
        guard passesFilters(symbol: symbol, quantity: quantity, price: price, category: "trend") else { return }
        do {
            try await sell(member, quantity: quantity, price: price, clientOrderId: clientId, purpose: .trendSell, unavailable: .assetUnavailableForTrendSell)
        } catch {
            try escalateIfOutcomeUnknown(error)
            await notify(messages.text(.trendSellFailed) + " \(header)\n\(messages.text(.errorLabel)): \(error)")
            return
        }
        state.setPosition(.flat, of: symbol)
        state.recordAction("sell", on: symbol, date: today.compact)
        try await writeState(reason: "trend_sell:\(symbol)")
        await notify(messages.text(.trendSell) + " \(header)\n\(messages.text(.priceLabel)): $\(Format.fixed(price, 2))")
    }

    func buyTrendPosition(_ member: UniverseMember, budget: Double, candidate: TrendCandidate) async throws {
        let symbol = member.symbol
        guard budget > StrategyConstants.minimumOrderBudget else {
            report.gate(GatingEvent(gate: "trend_buy_below_min_budget", category: "trend", symbol: symbol,
                                    detail: ["budget_usdt": .double(roundTo(budget, places: 4))]))
            return
        }
        if state.hasAction("buy", on: symbol, date: today.compact) {
            report.gate(GatingEvent(gate: "trend_buy_duplicate_cooldown", category: "trend", symbol: symbol))
            log.append(messages.text(.duplicateBuySkipped, ["symbol": symbol]))
            return
        }
        let price = prices[symbol] ?? 0
        let quantity = sizedQuantity(budget * StrategyConstants.orderBudgetHaircut / price, symbol: symbol)
        let clientId = nextClientOrderId(prefix: "T_BUY", symbol: symbol)
        report.tradeIntents.append(TradeIntent(category: "trend", action: "buy", symbol: symbol, quantity: OrderSizing.double(quantity),
                                               budget: budget, weight: candidate.weight, relativeScore: candidate.relativeScore,
                                               clientOrderId: clientId))
        let budgetLine = "\(messages.text(.budgetLabel)): $\(Format.fixed(budget, 2))"
        guard quantity > 0, OrderSizing.double(quantity) * price > 0 else {
            report.gate(GatingEvent(gate: "trend_buy_zero_order_size", category: "trend", symbol: symbol,
                                    detail: ["budget_usdt": .double(roundTo(budget, places: 4))]))
            await notify(messages.text(.trendBuySkipped) + " \(symbol)\n\(budgetLine)\n" + messages.text(.qtyZero))
            return
        }
        guard passesFilters(symbol: symbol, quantity: quantity, price: price, category: "trend") else { return }
        let fill: OrderFill
        do {
            fill = try await buy(member, quantity: quantity, price: price, clientOrderId: clientId, purpose: .trendBuy, unavailable: .usdtUnavailableForTrendBuy)
        } catch {
            try escalateIfOutcomeUnknown(error)
            await notify(messages.text(.trendBuyFailed) + " \(symbol)\n\(budgetLine)\n\(messages.text(.errorLabel)): \(error)")
            return
        }
        let entry = dryRun ? price : (fill.averagePrice ?? price)
        state.setPosition(PositionState(isHolding: true, entryPrice: entry, highestPrice: max(entry, price)), of: symbol)
        state.recordAction("buy", on: symbol, date: today.compact)
        try await writeState(reason: "trend_buy:\(symbol)")
        await notify(messages.text(.trendBuy) + " \(symbol)\n\(messages.text(.priceLabel)): $\(Format.fixed(price, 2))\n\(budgetLine)\n"
            + "\(messages.text(.weightLabel)): \(Format.percent(candidate.weight, 0))\n"
            + "\(messages.text(.relScoreLabel)): \(Format.fixed(candidate.relativeScore, 2))")
    }
}
