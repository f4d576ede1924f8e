/// Which trend symbols to buy now and with how much USDT (docs/strategy.md#buy-plan).
public struct BuyPlan: Sendable, Equatable {
    /// Symbols to buy, in universe order.
    public var eligible: [String]
    /// USDT budget per eligible symbol.
    public var budgets: [String: Double]
    /// Symbols that would have been eligible but were sold earlier the same UTC day.
    public var blockedSoldToday: [String]

    public static func make(
        universe: [String],
        positions: [String: PositionState],
        candidates: [TrendCandidate],
        indicators: [String: SymbolIndicators],
        prices: [String: Double],
        trendPool: Double,
        allowNewEntries: Bool,
        soldToday: Set<String>
    ) -> BuyPlan {
        let weights = Dictionary(candidates.map { ($0.symbol, $0.weight) }, uniquingKeysWith: { first, _ in first })
        var eligible: [String] = []
        var blocked: [String] = []
        for symbol in universe where positions[symbol]?.isHolding != true {
            guard allowNewEntries, weights[symbol] != nil, let row = indicators[symbol], let price = prices[symbol],
                price > row.sma20, price > row.sma60, price > row.sma200
            else { continue }
            if soldToday.contains(symbol) {
                blocked.append(symbol)
            } else {
                eligible.append(symbol)
            }
        }
        return BuyPlan(eligible: eligible, budgets: allocate(trendPool, to: eligible, weights: weights), blockedSoldToday: blocked)
    }

    static func allocate(_ total: Double, to symbols: [String], weights: [String: Double]) -> [String: Double] {
        guard total > 0, !symbols.isEmpty else { return [:] }
        let raw = symbols.map { max(0, weights[$0] ?? 0) }
        let sum = raw.reduce(0, +)
        guard sum > 0 else { return [:] }
        var budgets: [String: Double] = [:]
        for (symbol, weight) in zip(symbols, raw) { budgets[symbol] = total * weight / sum }
        return budgets
    }
}
