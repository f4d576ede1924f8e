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
    /// Spot balances and the Simple Earn positions of `earnAssets`, each with its own outcome.
    /// An exchange that reads both at once (Binance: one account request) overrides it.
    func holdings(earnAssets: [String]) async -> AccountHoldings
    /// What the exchange says of an order now — status and executed quantity, without the
    /// commission detail (a cheaper lookup, for reconciliation) — or nil when it has no such order.
    func orderStatus(symbol: String, clientOrderId: String) async throws -> OrderFill?
    /// Why the exchange refused this run as a whole (an IP ban; a rate limit not waited out),
    /// whichever request met it — also one whose step went on without the answer; nil when
    /// nothing like that happened. The cycle then ends in `error` with the alert.
    func runRefusal() async -> String?
}

extension Exchange {
    /// Exchanges that cannot refuse a run (paper, replay).
    public func runRefusal() async -> String? { nil }

    /// Two reads side by side.
    public func holdings(earnAssets: [String]) async -> AccountHoldings {
        async let spot = Result.capturing { try await spotBalances() }
        async let earn = Result.capturing { try await earnPositions(assets: earnAssets) }
        return await AccountHoldings(spot: spot, earn: earn)
    }

    public func orderStatus(symbol: String, clientOrderId: String) async throws -> OrderFill? {
        try await order(symbol: symbol, clientOrderId: clientOrderId)
    }
}

/// The account's balances as one read gives them: spot, and the Simple Earn positions asked for.
public struct AccountHoldings: Sendable {
    public var spot: Result<[String: SpotBalance], any Error>
    public var earn: Result<[String: EarnPosition], any Error>

    public init(spot: Result<[String: SpotBalance], any Error>, earn: Result<[String: EarnPosition], any Error>) {
        self.spot = spot
        self.earn = earn
    }
}
