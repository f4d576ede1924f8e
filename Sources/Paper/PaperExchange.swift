import Engine
import Foundation
import GRDB
import LocalStore
import Strategy

/// A simulated Binance spot + Simple Earn account: market orders fill at the market data's
/// price with the fees and filters every simulated account shares (`SimulatedFill`,
/// `SymbolRules.marketOrderViolation`), Binance's error codes, instant flexible
/// subscribe/redeem. The wallet and every order (by client order id) live in the store's
/// database, so a crashed cycle's orders stay known.
public struct PaperExchange: Exchange {
    public let wallet: PaperWallet
    public let market: any MarketData
    /// The paper clock: prices and klines are those of this moment.
    public let now: Date

    public init(wallet: PaperWallet, market: any MarketData, now: Date) {
        self.wallet = wallet
        self.market = market
        self.now = now
    }

    public func connect() async throws {
        guard try await market.averagePrice(symbol: "BTCUSDT", now: now) != nil else {
            throw MarketDataFolderError(path: market.label, problem: "has no BTCUSDT price at \(now.isoWithOffset) (the paper clock is before the data starts, or the data has no recent row there)")
        }
    }

    public func spotBalances() async throws -> [String: SpotBalance] {
        try await wallet.spot().mapValues { PaperRules.spotBalance(free: $0.free, locked: $0.locked) }
    }

    public func earnPositions(assets: [String]) async throws -> [String: EarnPosition] {
        try await wallet.earn().filter { assets.contains($0.key) && $0.value.amount > 0 }
            .mapValues { PaperRules.earnPosition(productId: $0.productId, amount: $0.amount) }
    }

    public func flexibleProductId(asset: String) async throws -> String? { PaperRules.productId(asset: asset) }

    public func averagePrices(symbols: [String]) async throws -> [String: Double] {
        var prices: [String: Double] = [:]
        for symbol in symbols {
            if let price = try await market.quotedPrice(symbol: symbol, now: now) { prices[symbol] = price }
        }
        return prices
    }

    public func symbolRules(symbols: [String]) async throws -> [String: SymbolRules] {
        try await market.listings(symbols: symbols).mapValues(\.rules)
    }

    public func dailyKlines(symbol: String, days: Int) async throws -> [Kline] {
        try await market.dailyKlines(symbol: symbol, days: days, now: now)
    }

    public func placeMarketOrder(_ order: MarketOrder) async throws -> OrderFill {
        guard let listing = try await market.listings(symbols: [order.symbol])[order.symbol],
              let price = try await market.averagePrice(symbol: order.symbol, now: now) else { throw PaperExchangeError.invalidSymbol }
        let bnbPrice = try await market.averagePrice(symbol: "BNBUSDT", now: now)
        let createdAt = now.isoWithOffset
        return try await wallet.database.writer.write { db in
            try PaperRules.fill(order, listing: listing, price: price, bnbPrice: bnbPrice, createdAt: createdAt, in: SQLitePaperBook(db: db))
        }
    }

    public func order(symbol: String, clientOrderId: String) async throws -> OrderFill? {
        let base = try await market.listings(symbols: [symbol])[symbol]?.baseAsset
        return try await wallet.database.writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM paper_order WHERE client_order_id = ? AND symbol = ?",
                                             arguments: [clientOrderId, symbol]) else { return nil }
            let commissionAsset: String = row["commission_asset"]
            return OrderFill(
                orderId: "\(row["order_id"] as Int64)", status: OrderFill.Status(rawValue: row["status"]) ?? .filled,
                executedQuantity: double(PaperWallet.decimal(row["executed_qty"])), quoteQuantity: double(PaperWallet.decimal(row["quote_qty"])),
                commissionInBaseAsset: commissionAsset == base ? double(PaperWallet.decimal(row["commission"])) : 0
            )
        }
    }

    /// The paper account keeps every order; its history is the same table the lookup reads.
    public func orderInHistory(symbol: String, clientOrderId: String, from start: Date, to end: Date) async throws -> OrderFill? {
        try await order(symbol: symbol, clientOrderId: clientOrderId)
    }

    public func subscribeFlexible(productId: String, amount: Decimal) async throws {
        try await wallet.database.writer.write { db in try PaperRules.subscribe(productId: productId, amount: amount, in: SQLitePaperBook(db: db)) }
    }

    public func redeemFlexible(productId: String, amount: Decimal) async throws {
        try await wallet.database.writer.write { db in try PaperRules.redeem(productId: productId, amount: amount, in: SQLitePaperBook(db: db)) }
    }
}

/// The Double nearest the decimal as the wallet keeps it (8 decimals, rounded down); one with
/// at most 8 decimals already is read as it is. NSDecimalNumber.doubleValue can be off in the
/// last bit, so neither route uses it.
func double(_ value: Decimal) -> Double {
    value.exponent >= -8 ? OrderSizing.double(value) : OrderSizing.double(PaperWallet.stored(value))
}
