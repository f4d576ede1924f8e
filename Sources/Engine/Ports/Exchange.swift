import Foundation
import Strategy

/// The exchange as the cycle needs it (Binance spot + Simple Earn flexible). Amounts are in
/// the asset's own units; prices in USDT. Implementations: the Binance REST adapter, the paper
/// exchange, and the fixture-backed replay exchange.
public protocol Exchange: Sendable {
    /// Checks the exchange is reachable (and, for signed adapters, that credentials work).
    func connect() async throws
    /// Spot balances of every asset the account holds.
    func spotBalances() async throws -> [String: SpotBalance]
    /// The first Simple Earn flexible position row of each of `assets`; an asset without one is absent.
    func earnPositions(assets: [String]) async throws -> [String: EarnPosition]
    /// Product id of the first Simple Earn flexible product of `asset`, nil when none is offered.
    func flexibleProductId(asset: String) async throws -> String?
    /// Current average prices (USDT) for `symbols`; a symbol without a price is absent.
    func averagePrices(symbols: [String]) async throws -> [String: Double]
    /// Trading rules (filters) for `symbols`; a symbol without rules is absent.
    func symbolRules(symbols: [String]) async throws -> [String: SymbolRules]
    /// Daily klines of `symbol` covering the last `days` days, oldest first.
    func dailyKlines(symbol: String, days: Int) async throws -> [Kline]
    /// Places a market order; returns what the exchange says it filled. Throws an
    /// `ExchangeRejection` when the exchange refused it; any other error means "outcome unknown".
    func placeMarketOrder(_ order: MarketOrder) async throws -> OrderFill
    /// The order placed with `clientOrderId` on `symbol` as the exchange knows it now, or nil
    /// when the exchange has no such order (it was never placed).
    func order(symbol: String, clientOrderId: String) async throws -> OrderFill?
    /// Searches the account's orders on `symbol` placed between `start` and `end` (the
    /// exchange's own order history) for `clientOrderId`. Settles an order whose answer was lost
    /// and that a lookup by id did not find; nil when the history has no such order.
    func orderInHistory(symbol: String, clientOrderId: String, from start: Date, to end: Date) async throws -> OrderFill?
    /// Moves `amount` of spot into the flexible product.
    func subscribeFlexible(productId: String, amount: Decimal) async throws
    /// Moves `amount` from the flexible product back to spot.
    func redeemFlexible(productId: String, amount: Decimal) async throws
    /// Why the exchange refused this run as a whole (an IP ban; a rate limit not waited out),
    /// whichever request met it — also one whose step went on without the answer; nil when
    /// nothing like that happened. The cycle then ends in `error` with the alert.
    func runRefusal() async -> String?
}

extension Exchange {
    /// Exchanges that cannot refuse a run (paper, replay).
    public func runRefusal() async -> String? { nil }
}

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
