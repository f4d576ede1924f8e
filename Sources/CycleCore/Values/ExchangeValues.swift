import Foundation

/// Spot balance of one asset, in the asset's units.
public struct SpotBalance: Sendable, Equatable {
    public var free: Double
    public var locked: Double
    public init(free: Double, locked: Double) {
        self.free = free
        self.locked = locked
    }
    public var total: Double { free + locked }
}

/// One Simple Earn flexible position row.
public struct EarnPosition: Sendable, Equatable {
    public var productId: String
    /// Amount held in the product, in the asset's units.
    public var totalAmount: Double
    public init(productId: String, totalAmount: Double) {
        self.productId = productId
        self.totalAmount = totalAmount
    }
}

public enum OrderSide: String, Sendable, Equatable {
    case buy = "BUY"
    case sell = "SELL"
}

/// A market order: either a base quantity or a quote (USDT) amount to spend.
public struct MarketOrder: Sendable, Equatable {
    public enum Size: Sendable, Equatable {
        /// Base-asset quantity, already floored to the step.
        case quantity(Decimal)
        /// USDT to spend (`quoteOrderQty`).
        case quote(Decimal)
    }

    public var symbol: String
    public var side: OrderSide
    public var size: Size
    /// At most 36 characters of `[A-Za-z0-9_-]`.
    public var clientOrderId: String

    public init(symbol: String, side: OrderSide, size: Size, clientOrderId: String) {
        self.symbol = symbol
        self.side = side
        self.size = size
        self.clientOrderId = clientOrderId
    }
}

/// What an order did. `executedQuantity` in base units, `quoteQuantity` in USDT.
public struct OrderFill: Sendable, Equatable {
    public enum Status: String, Sendable, Equatable {
        case filled = "FILLED"
        case partiallyFilled = "PARTIALLY_FILLED"
        case expired = "EXPIRED"
        case new = "NEW"
        case rejected = "REJECTED"
        case canceled = "CANCELED"
    }

    public var orderId: String
    public var status: Status
    public var executedQuantity: Double
    public var quoteQuantity: Double
    /// Commission charged in the bought asset (taken off what the position books).
    public var commissionInBaseAsset: Double
    /// The order's outcome is known but its trades could not be read: the commission is the
    /// standard fee rate on the executed quantity, not what the exchange charged.
    public var commissionEstimated: Bool

    public init(orderId: String, status: Status, executedQuantity: Double, quoteQuantity: Double, commissionInBaseAsset: Double = 0,
                commissionEstimated: Bool = false) {
        self.orderId = orderId
        self.status = status
        self.executedQuantity = executedQuantity
        self.quoteQuantity = quoteQuantity
        self.commissionInBaseAsset = commissionInBaseAsset
        self.commissionEstimated = commissionEstimated
    }

    /// Average fill price, when something was filled.
    public var averagePrice: Double? {
        executedQuantity > 0 && quoteQuantity > 0 ? quoteQuantity / executedQuantity : nil
    }
}
