/// One trend symbol's position bookkeeping, as stored in state (`{is_holding, entry_price, highest_price}`).
public struct PositionState: Sendable, Equatable {
    public var isHolding: Bool
    /// Entry price in USDT (0 when flat).
    public var entryPrice: Double
    /// Highest price seen while holding, the anchor of the ATR trailing stop (0 when flat).
    public var highestPrice: Double

    public init(isHolding: Bool = false, entryPrice: Double = 0, highestPrice: Double = 0) {
        self.isHolding = isHolding
        self.entryPrice = entryPrice
        self.highestPrice = highestPrice
    }

    public static let flat = PositionState()

    /// Holding, or any price bookkeeping left over: such a position must be kept until sold.
    public var isActive: Bool { isHolding || entryPrice > 0 || highestPrice > 0 }
}
