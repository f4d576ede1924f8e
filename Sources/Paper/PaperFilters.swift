import Engine
import Foundation

/// The exchange-side check of LOT_SIZE, MARKET_LOT_SIZE and NOTIONAL / MIN_NOTIONAL for a
/// market order of `quantity` at `price` — Binance's semantics, independent of the engine's own gate.
enum PaperFilters {
    static func check(quantity: Decimal, price: Decimal, rules: SymbolRules) throws {
        if let lot = rules.lotSize { try checkLot(quantity, lot, name: "LOT_SIZE") }
        if let market = rules.marketLotSize { try checkLot(quantity, market, name: "MARKET_LOT_SIZE") }
        if let notional = rules.notional {
            let value = quantity * price
            if notional.appliesMinToMarket, value < notional.minNotional { throw PaperExchangeError.filterFailure(notional.filterName.rawValue) }
            if notional.appliesMaxToMarket, let max = notional.maxNotional, max > 0, value > max {
                throw PaperExchangeError.filterFailure(notional.filterName.rawValue)
            }
        }
    }

    /// A zero minQty, maxQty or stepSize disables that part of the filter, as on Binance.
    private static func checkLot(_ quantity: Decimal, _ lot: SymbolRules.LotSize, name: String) throws {
        if lot.minQty > 0, quantity < lot.minQty { throw PaperExchangeError.filterFailure(name) }
        if lot.maxQty > 0, quantity > lot.maxQty { throw PaperExchangeError.filterFailure(name) }
        if lot.stepSize > 0, !isMultiple(quantity - lot.minQty, of: lot.stepSize) { throw PaperExchangeError.filterFailure(name) }
    }

    static func isMultiple(_ value: Decimal, of step: Decimal) -> Bool {
        var quotient = value / step
        var whole = Decimal()
        NSDecimalRound(&whole, &quotient, 0, .down)
        return whole == quotient
    }

    /// `value` floored to a multiple of `step` (unchanged when the step is zero).
    static func floor(_ value: Decimal, step: Decimal) -> Decimal {
        guard step > 0 else { return value }
        var quotient = value / step
        var whole = Decimal()
        NSDecimalRound(&whole, &quotient, 0, .down)
        return whole * step
    }
}
