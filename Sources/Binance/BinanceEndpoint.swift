/// One REST endpoint: method, path, how it is authenticated and what it costs (Binance's
/// request weight, counted against the IP's per-minute budget).
public struct BinanceEndpoint: Sendable, Equatable {
    public enum Method: String, Sendable { case get = "GET", post = "POST" }
    public enum Security: Sendable { case none, signed }

    public let method: Method
    public let path: String
    public let security: Security
    public let weight: Int
    /// Places or changes something: never retried automatically, an unclear answer is "unknown".
    public let isWrite: Bool

    public static let ping = BinanceEndpoint(method: .get, path: "/api/v3/ping", security: .none, weight: 1, isWrite: false)
    public static let serverTime = BinanceEndpoint(method: .get, path: "/api/v3/time", security: .none, weight: 1, isWrite: false)
    public static let exchangeInfo = BinanceEndpoint(method: .get, path: "/api/v3/exchangeInfo", security: .none, weight: 20, isWrite: false)
    public static let averagePrice = BinanceEndpoint(method: .get, path: "/api/v3/avgPrice", security: .none, weight: 2, isWrite: false)
    public static let klines = BinanceEndpoint(method: .get, path: "/api/v3/klines", security: .none, weight: 2, isWrite: false)
    public static let account = BinanceEndpoint(method: .get, path: "/api/v3/account", security: .signed, weight: 20, isWrite: false)
    public static let newOrder = BinanceEndpoint(method: .post, path: "/api/v3/order", security: .signed, weight: 1, isWrite: true)
    public static let queryOrder = BinanceEndpoint(method: .get, path: "/api/v3/order", security: .signed, weight: 4, isWrite: false)
    public static let allOrders = BinanceEndpoint(method: .get, path: "/api/v3/allOrders", security: .signed, weight: 20, isWrite: false)
    public static let myTrades = BinanceEndpoint(method: .get, path: "/api/v3/myTrades", security: .signed, weight: 5, isWrite: false)
    public static let flexibleProducts = BinanceEndpoint(method: .get, path: "/sapi/v1/simple-earn/flexible/list", security: .signed, weight: 150, isWrite: false)
    public static let flexiblePositions = BinanceEndpoint(method: .get, path: "/sapi/v1/simple-earn/flexible/position", security: .signed, weight: 150, isWrite: false)
    public static let flexibleSubscribe = BinanceEndpoint(method: .post, path: "/sapi/v1/simple-earn/flexible/subscribe", security: .signed, weight: 1, isWrite: true)
    public static let flexibleRedeem = BinanceEndpoint(method: .post, path: "/sapi/v1/simple-earn/flexible/redeem", security: .signed, weight: 1, isWrite: true)
    public static let apiRestrictions = BinanceEndpoint(method: .get, path: "/sapi/v1/account/apiRestrictions", security: .signed, weight: 1, isWrite: false)

    /// `/sapi` endpoints count against a separate budget from `/api`.
    var isSAPI: Bool { path.hasPrefix("/sapi/") }
}
