import Foundation
import Strategy

/// Market buys and sells with their balance bookkeeping (SPEC §7.1).
extension CycleRun {
    /// `quantity` floored to the symbol's step.
    func sizedQuantity(_ quantity: Double, symbol: String) -> Decimal {
        OrderSizing.floorToStep(quantity, rules: rules[symbol])
    }

    /// What can actually be sold of a position: its balance, capped at spot free plus Simple Earn
    /// (a locked amount cannot be sold, and asking for it would fail the whole order).
    func sellableQuantity(_ member: UniverseMember) -> Double {
        min(holdings.balances[member.symbol] ?? 0, wallet.spotFree(member.baseAsset) + (wallet.earn[member.baseAsset]?.totalAmount ?? 0))
    }

    /// Records a gating event when the exchange would reject the order; true when it may be sent.
    func passesFilters(symbol: String, quantity: Decimal, price: Double, category: String) -> Bool {
        guard let violation = OrderSizing.check(quantity: quantity, price: price, rules: rules[symbol]) else { return true }
        report.gate(GatingEvent(gate: violation.gate, category: category, symbol: symbol,
                                detail: ["filter": .string(violation.filter), "detail": .string(violation.detail)]))
        log.append(messages.text(.orderBlockedByFilter, ["filter": violation.filter, "detail": violation.detail]) + " [\(symbol)]")
        return false
    }

    /// Sells at market after making the base asset free on spot; books what was filled.
    @discardableResult
    func sell(_ member: UniverseMember, quantity: Decimal, price: Double, clientOrderId: String,
              purpose: JournalEntry.Purpose, unavailable: MessageKey) async throws -> OrderFill {
        let amount = OrderSizing.double(quantity)
        guard await ensureAvailable(member.baseAsset, amount: amount) else {
            throw CycleStepError(message: messages.text(unavailable, ["asset": member.baseAsset]))
        }
        let order = MarketOrder(symbol: member.symbol, side: .sell, size: .quantity(quantity), clientOrderId: clientOrderId)
        let fill = try await placeOrder(order, price: price, purpose: purpose)
        holdings.balances[member.symbol] = max(0, (holdings.balances[member.symbol] ?? 0) - fill.executedQuantity)
        holdings.cash += fill.quoteQuantity
        wallet.adjustSpot(member.baseAsset, by: -fill.executedQuantity)
        wallet.adjustSpot("USDT", by: fill.quoteQuantity)
        return fill
    }

    /// Buys at market after making the USDT cost free on spot; books the quantity net of a
    /// commission charged in the bought asset.
    @discardableResult
    func buy(_ member: UniverseMember, quantity: Decimal, price: Double, clientOrderId: String,
             purpose: JournalEntry.Purpose, unavailable: MessageKey) async throws -> OrderFill {
        let cost = OrderSizing.double(quantity) * price
        guard await ensureAvailable("USDT", amount: cost) else {
            throw CycleStepError(message: messages.text(unavailable, ["asset": "USDT"]))
        }
        let order = MarketOrder(symbol: member.symbol, side: .buy, size: .quantity(quantity), clientOrderId: clientOrderId)
        let fill = try await placeOrder(order, price: price, purpose: purpose)
        let received = max(0, fill.executedQuantity - fill.commissionInBaseAsset)
        holdings.balances[member.symbol, default: 0] += received
        holdings.cash -= fill.quoteQuantity
        wallet.adjustSpot("USDT", by: -fill.quoteQuantity)
        wallet.adjustSpot(member.baseAsset, by: received)
        return fill
    }
}

extension UniverseMember {
    static let btc = UniverseMember(symbol: "BTCUSDT", baseAsset: "BTC", isRetired: false)
}
