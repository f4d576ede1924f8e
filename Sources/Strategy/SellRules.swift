/// Why a held trend position is sold (docs/strategy.md#sell-reasons).
public enum SellReason: Sendable, Equatable {
    case missingIndicators
    case rotatedOut
    case belowSMA60
    /// Price fell under `highest − 2.5 × atr14`; the stop in USDT.
    case atrTrailingStop(stop: Double)
    /// The operator set `exit_only` (docs/commands.md#trading-modes-staged-exposure-version).
    case operatorExitOnly
}

/// Sell decisions plus the positions with their trailing-stop highs moved up.
public struct SellEvaluation: Sendable, Equatable {
    /// Symbols to sell with their reason, in universe order.
    public var sells: [(symbol: String, reason: SellReason)]
    public var positions: [String: PositionState]

    public static func == (lhs: SellEvaluation, rhs: SellEvaluation) -> Bool {
        lhs.positions == rhs.positions
            && lhs.sells.map(\.symbol) == rhs.sells.map(\.symbol)
            && lhs.sells.map(\.reason) == rhs.sells.map(\.reason)
    }
}

public enum SellRules {
    /// Evaluates every held symbol of `universe` that has a price. The first matching rule wins:
    /// not selected → rotated out; price < sma60 → below SMA60; price < stop → ATR trailing stop.
    public static func evaluate(
        universe: [String],
        positions: [String: PositionState],
        indicators: [String: SymbolIndicators],
        prices: [String: Double],
        selected: Set<String>,
        atrMultiplier: Double = StrategyConstants.atrMultiplier
    ) -> SellEvaluation {
        var updated = positions
        var sells: [(symbol: String, reason: SellReason)] = []
        for symbol in universe {
            guard let price = prices[symbol], var position = positions[symbol], position.isHolding else { continue }
            guard let row = indicators[symbol] else {
                sells.append((symbol, .missingIndicators))
                continue
            }
            position.highestPrice = max(position.highestPrice, price)
            updated[symbol] = position
            let stop = position.highestPrice - atrMultiplier * row.atr14
            if !selected.contains(symbol) {
                sells.append((symbol, .rotatedOut))
            } else if price < row.sma60 {
                sells.append((symbol, .belowSMA60))
            } else if price < stop {
                sells.append((symbol, .atrTrailingStop(stop: stop)))
            }
        }
        return SellEvaluation(sells: sells, positions: updated)
    }
}
