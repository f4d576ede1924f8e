import BinanceWireFormat
import Foundation
import Strategy

/// One method per Binance endpoint the engine uses; each returns the wire type.
extension BinanceClient {
    public func ping() async throws {
        _ = try await send(.ping, BinanceQuery())
    }

    /// Rules of `symbols` in one request (`symbols=["A","B"]`).
    public func exchangeInfo(symbols: [String]) async throws -> BinanceWire.ExchangeInfo {
        var query = BinanceQuery()
        if !symbols.isEmpty { query.add("symbols", jsonArray: symbols) }
        return try BinanceWire.decode(BinanceWire.ExchangeInfo.self, from: try await send(.exchangeInfo, query), endpoint: .exchangeInfo)
    }

    public func averagePrice(symbol: String) async throws -> BinanceWire.AveragePrice {
        let data = try await send(.averagePrice, BinanceQuery([("symbol", symbol)]))
        return try BinanceWire.decode(BinanceWire.AveragePrice.self, from: data, endpoint: .averagePrice)
    }

    /// Up to 1,000 daily klines of `symbol`; `endTime` (ms) pages back in time.
    public func dailyKlines(symbol: String, limit: Int, endTime: Int64? = nil) async throws -> [Kline] {
        var query = BinanceQuery([("symbol", symbol), ("interval", "1d")])
        if let endTime { query.add("endTime", endTime) }
        query.add("limit", min(max(limit, 1), 1000))
        return try BinanceWire.klines(from: try await send(.klines, query), endpoint: .klines)
    }

    /// Every non-zero balance of the account.
    public func account() async throws -> BinanceWire.Account {
        let data = try await send(.account, BinanceQuery([("omitZeroBalances", "true")]))
        return try BinanceWire.decode(BinanceWire.Account.self, from: data, endpoint: .account)
    }

    /// A MARKET order by base quantity or by quote amount, with our client order id and the FULL answer.
    public func newMarketOrder(symbol: String, side: String, quantity: Decimal?, quoteQuantity: Decimal?, clientOrderId: String) async throws -> BinanceWire.Order {
        var query = BinanceQuery([("symbol", symbol), ("side", side), ("type", "MARKET")])
        if let quantity { query.add("quantity", quantity) }
        if let quoteQuantity { query.add("quoteOrderQty", quoteQuantity) }
        query.add("newClientOrderId", clientOrderId)
        query.add("newOrderRespType", "FULL")
        return try BinanceWire.decode(BinanceWire.Order.self, from: try await send(.newOrder, query), endpoint: .newOrder)
    }

    /// The order placed with `clientOrderId`; throws code -2013 when Binance has none.
    public func order(symbol: String, clientOrderId: String) async throws -> BinanceWire.Order {
        let data = try await send(.queryOrder, BinanceQuery([("symbol", symbol), ("origClientOrderId", clientOrderId)]))
        return try BinanceWire.decode(BinanceWire.Order.self, from: data, endpoint: .queryOrder)
    }

    /// The account's orders on `symbol` created in [startTime, endTime] (milliseconds; at most 24 h apart).
    public func allOrders(symbol: String, startTime: Int64, endTime: Int64) async throws -> [BinanceWire.Order] {
        let query = BinanceQuery([("symbol", symbol), ("startTime", String(startTime)), ("endTime", String(endTime)), ("limit", "1000")])
        return try BinanceWire.decode([BinanceWire.Order].self, from: try await send(.allOrders, query), endpoint: .allOrders)
    }

    /// The trades of one order (for the commission a looked-up order paid).
    public func trades(symbol: String, orderId: Int64) async throws -> [BinanceWire.Trade] {
        let data = try await send(.myTrades, BinanceQuery([("symbol", symbol), ("orderId", String(orderId))]))
        return try BinanceWire.decode([BinanceWire.Trade].self, from: data, endpoint: .myTrades)
    }

    public func flexibleProducts(asset: String) async throws -> [BinanceWire.FlexibleProduct] {
        let data = try await send(.flexibleProducts, BinanceQuery([("asset", asset), ("current", "1"), ("size", "100")]))
        return try BinanceWire.decode(BinanceWire.Page<BinanceWire.FlexibleProduct>.self, from: data, endpoint: .flexibleProducts).rows
    }

    /// Every flexible position of the account (all assets), paging 100 rows at a time.
    public func flexiblePositions() async throws -> [BinanceWire.FlexiblePosition] {
        var rows: [BinanceWire.FlexiblePosition] = []
        var page = 1
        while true {
            let data = try await send(.flexiblePositions, BinanceQuery([("current", String(page)), ("size", "100")]))
            let decoded = try BinanceWire.decode(BinanceWire.Page<BinanceWire.FlexiblePosition>.self, from: data, endpoint: .flexiblePositions)
            rows += decoded.rows
            if decoded.rows.isEmpty || rows.count >= decoded.total || page >= 20 { return rows }
            page += 1
        }
    }

    public func subscribeFlexible(productId: String, amount: Decimal) async throws -> BinanceWire.EarnMoveResult {
        let data = try await send(.flexibleSubscribe, BinanceQuery([("productId", productId), ("amount", BinanceQuery.text(amount))]))
        return try BinanceWire.decode(BinanceWire.EarnMoveResult.self, from: data, endpoint: .flexibleSubscribe)
    }

    public func redeemFlexible(productId: String, amount: Decimal) async throws -> BinanceWire.EarnMoveResult {
        let data = try await send(.flexibleRedeem, BinanceQuery([("productId", productId), ("amount", BinanceQuery.text(amount))]))
        return try BinanceWire.decode(BinanceWire.EarnMoveResult.self, from: data, endpoint: .flexibleRedeem)
    }

    public func apiRestrictions() async throws -> BinanceWire.APIRestrictions {
        try BinanceWire.decode(BinanceWire.APIRestrictions.self, from: try await send(.apiRestrictions, BinanceQuery()), endpoint: .apiRestrictions)
    }
}
