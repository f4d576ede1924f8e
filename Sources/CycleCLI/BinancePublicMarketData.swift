import Binance
import Engine
import Foundation
import Paper
import Strategy

/// Paper trading on Binance's real market: prices, daily klines and rules from the public
/// endpoints (no key). Prices are only "now": a paper clock in the past is refused.
struct BinancePublicMarketData: MarketData {
    let exchange: BinanceExchange
    var label: String { "binance-public:\(exchange.client.configuration.baseURL.absoluteString)" }

    init(client: BinanceClient) {
        exchange = BinanceExchange(client: client)
    }

    func dailyKlines(symbol: String, days: Int, now: Date) async throws -> [Kline] {
        let cutoff = Int64(now.timeIntervalSince1970 * 1000)
        return try await exchange.dailyKlines(symbol: symbol, days: days).filter { $0.openTime <= cutoff }
    }

    func averagePrice(symbol: String, now: Date) async throws -> Decimal? {
        guard abs(now.timeIntervalSinceNow) < 3600 else {
            throw MarketDataFolderError(path: label, problem: "only has today's prices; run without --now")
        }
        guard let price = try await exchange.averagePrices(symbols: [symbol])[symbol] else { return nil }
        return OrderSizing.decimal(price)
    }

    func listings(symbols: [String]) async throws -> [String: Listing] {
        try await exchange.listings(symbols: symbols).mapValues {
            Listing(symbol: $0.symbol, baseAsset: $0.baseAsset, quoteAsset: $0.quoteAsset, rules: $0.rules)
        }
    }
}
