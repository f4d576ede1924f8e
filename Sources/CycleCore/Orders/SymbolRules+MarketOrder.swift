import Foundation

/// Binance's own check of a market order against LOT_SIZE, MARKET_LOT_SIZE and NOTIONAL /
/// MIN_NOTIONAL (filters.md), written once: the engine's gate asks it before sending, and the
/// simulated exchanges (paper, the fake Binance) refuse with it, so "would be refused" and
/// "is refused" cannot drift apart.
extension SymbolRules {
    /// The first filter a market order of `quantity` at `price` breaks, in Binance's order:
    /// LOT_SIZE, MARKET_LOT_SIZE, then the notional filter. A zero minQty, maxQty or stepSize
    /// disables that part of a lot filter; the step is measured from minQty; the notional bounds
    /// apply to a market order only where `applyMinToMarket` / `applyMaxToMarket` say so. A
    /// quantity that is not positive breaks LOT_SIZE, which every Binance symbol lists.
    public func marketOrderViolation(quantity: Decimal, price: Decimal) -> FilterViolation? {
        guard quantity.isPositive else { return FilterViolation(filter: .lotSize, detail: "quantity \(quantity) is not positive") }
        for (name, lot) in [(ExchangeFilter.lotSize, lotSize), (.marketLotSize, marketLotSize)] {
            guard let lot else { continue }
            if lot.minQty.isPositive, quantity.isBelow(lot.minQty) {
                return FilterViolation(filter: name, detail: "quantity \(quantity) below minQty \(lot.minQty)")
            }
            if lot.maxQty.isPositive, lot.maxQty.isBelow(quantity) {
                return FilterViolation(filter: name, detail: "quantity \(quantity) above maxQty \(lot.maxQty)")
            }
            if lot.stepSize.isPositive, !OrderSizing.isMultiple(quantity.minus(lot.minQty), of: lot.stepSize) {
                return FilterViolation(filter: name, detail: "quantity \(quantity) off stepSize \(lot.stepSize) from minQty \(lot.minQty)")
            }
        }
        if let notional {
            let value = quantity.times(price)
            if notional.appliesMinToMarket, value.isBelow(notional.minNotional) {
                return FilterViolation(filter: notional.filterName, detail: "value \(Self.rounded(value)) USDT below minNotional \(notional.minNotional)")
            }
            if notional.appliesMaxToMarket, let maximum = notional.maxNotional, maximum.isPositive, maximum.isBelow(value) {
                return FilterViolation(filter: notional.filterName, detail: "value \(Self.rounded(value)) USDT above maxNotional \(maximum)")
            }
        }
        return nil
    }

    /// The step a market order's quantity must keep: MARKET_LOT_SIZE's when it sets one, else
    /// LOT_SIZE's (zero when neither does).
    public var marketOrderStep: Decimal {
        if let market = marketLotSize?.stepSize, market > 0 { return market }
        return lotSize?.stepSize ?? 0
    }

    /// The order's value in a message: 4 decimals, half up.
    private static func rounded(_ value: Decimal) -> String {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, 4, .plain)
        return OrderSizing.text(output)
    }
}
