import Foundation
import Strategy

/// Where the cycle's indicators come from: computed from the exchange's klines in a live
/// cycle, or fixed snapshots in replay.
public protocol MarketAnalysis: Sendable {
    /// The BTC snapshot priced at `btcPrice` (USDT), nil when the history is insufficient.
    func btcSnapshot(btcPrice: Double) async throws -> BTCSnapshot?
    /// Indicators per symbol; a symbol without enough history is absent.
    func trendIndicators(symbols: [String]) async throws -> [String: SymbolIndicators]
}

/// Computes indicators from the exchange's daily klines (420 days per symbol, 700 for BTC),
/// fetching the symbols concurrently with at most `maxConcurrentRequests` in flight.
public struct KlineMarketAnalysis: MarketAnalysis {
    public static let trendLookbackDays = 420
    public static let btcLookbackDays = 700

    private let exchange: any Exchange
    private let maxConcurrentRequests: Int

    public init(exchange: any Exchange, maxConcurrentRequests: Int = 6) {
        self.exchange = exchange
        self.maxConcurrentRequests = max(1, maxConcurrentRequests)
    }

    public func btcSnapshot(btcPrice: Double) async throws -> BTCSnapshot? {
        let klines = try await exchange.dailyKlines(symbol: "BTCUSDT", days: Self.btcLookbackDays)
        return BTCSnapshot.compute(from: klines, price: btcPrice)
    }

    public func trendIndicators(symbols: [String]) async throws -> [String: SymbolIndicators] {
        var result: [String: SymbolIndicators] = [:]
        try await withThrowingTaskGroup(of: (String, SymbolIndicators?).self) { group in
            var pending = symbols[...]
            func startNext() {
                guard let symbol = pending.popFirst() else { return }
                group.addTask {
                    let klines = try await exchange.dailyKlines(symbol: symbol, days: Self.trendLookbackDays)
                    return (symbol, SymbolIndicators.latest(from: klines))
                }
            }
            for _ in 0..<maxConcurrentRequests { startNext() }
            while let (symbol, indicators) = try await group.next() {
                if let indicators { result[symbol] = indicators }
                startNext()
            }
        }
        return result
    }
}

/// Fixed indicators (replay's `market_data_snapshot.json`, and tests).
public struct FixedMarketAnalysis: MarketAnalysis {
    public let btc: BTCSnapshot?
    public let indicators: [String: SymbolIndicators]

    public init(btc: BTCSnapshot?, indicators: [String: SymbolIndicators]) {
        self.btc = btc
        self.indicators = indicators
    }

    public func btcSnapshot(btcPrice: Double) async throws -> BTCSnapshot? { btc }

    public func trendIndicators(symbols: [String]) async throws -> [String: SymbolIndicators] {
        indicators.filter { symbols.contains($0.key) }
    }
}
