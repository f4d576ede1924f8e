import Foundation
import Strategy

/// Where the cycle's indicators come from: computed from the exchange's klines in a live
/// cycle, or fixed snapshots in replay.
public protocol MarketAnalysis: Sendable {
    /// The BTC snapshot priced at `btcPrice` (USDT), nil when the history is insufficient.
    func btcSnapshot(btcPrice: Double) async throws -> BTCSnapshot?
    /// Indicators per symbol; a symbol without enough history is absent.
    func trendIndicators(symbols: [String]) async throws -> [String: SymbolIndicators]
    /// Fetches what `btcSnapshot` and `trendIndicators(symbols:)` will need and keeps it for
    /// them; the cycle runs it as a child task (`async let`) beside its other reads, so the
    /// fetch overlaps them and never outlives the cycle. The answers are the same without it.
    func prefetch(symbols: [String]) async
}

extension MarketAnalysis {
    public func prefetch(symbols: [String]) async {}
}

/// Computes indicators from the exchange's daily klines (420 days per symbol, 700 for BTC),
/// fetching the symbols concurrently with at most `maxConcurrentRequests` in flight.
/// `prefetch` fetches every symbol at once while the cycle reads the account and prices.
public final class KlineMarketAnalysis: MarketAnalysis, @unchecked Sendable {
    public static let trendLookbackDays = 420
    public static let btcLookbackDays = 700

    private let exchange: any Exchange
    private let maxConcurrentRequests: Int
    private let lock = NSLock()
    /// Klines fetched by `prefetch`, each handed out once (a BTC retry fetches anew).
    private var prefetched: [String: Result<[Kline], any Error>] = [:]

    public init(exchange: any Exchange, maxConcurrentRequests: Int = 6) {
        self.exchange = exchange
        self.maxConcurrentRequests = max(1, maxConcurrentRequests)
    }

    public func prefetch(symbols: [String]) async {
        let requests = [("BTCUSDT", Self.btcLookbackDays)] + symbols.filter { $0 != "BTCUSDT" }.map { ($0, Self.trendLookbackDays) }
        let fetched = await Self.fetch(requests, from: exchange, maxConcurrent: maxConcurrentRequests)
        lock.withLock { prefetched = fetched }
    }

    public func btcSnapshot(btcPrice: Double) async throws -> BTCSnapshot? {
        let klines = try await klines(symbol: "BTCUSDT", days: Self.btcLookbackDays)
        return BTCSnapshot.compute(from: klines, price: btcPrice)
    }

    public func trendIndicators(symbols: [String]) async throws -> [String: SymbolIndicators] {
        var result: [String: SymbolIndicators] = [:]
        var missing: [String] = []
        for symbol in symbols {
            if let klines = try prefetchedKlines(symbol) {
                if let indicators = SymbolIndicators.latest(from: klines) { result[symbol] = indicators }
            } else {
                missing.append(symbol)
            }
        }
        for (symbol, klines) in await Self.fetch(missing.map { ($0, Self.trendLookbackDays) }, from: exchange, maxConcurrent: maxConcurrentRequests) {
            if let indicators = SymbolIndicators.latest(from: try klines.get()) { result[symbol] = indicators }
        }
        return result
    }

    /// The prefetched klines of `symbol` the first time they are asked for (later asks — a BTC retry — fetch anew).
    private func prefetchedKlines(_ symbol: String) throws -> [Kline]? {
        try lock.withLock { prefetched.removeValue(forKey: symbol) }?.get()
    }

    private func klines(symbol: String, days: Int) async throws -> [Kline] {
        if let klines = try prefetchedKlines(symbol) { return klines }
        return try await exchange.dailyKlines(symbol: symbol, days: days)
    }

    private static func fetch(_ requests: [(String, Int)], from exchange: any Exchange, maxConcurrent: Int) async -> [String: Result<[Kline], any Error>] {
        await withTaskGroup(of: FetchedKlines.self) { group in
            var next = 0
            var finished = 0
            var results: [String: Result<[Kline], any Error>] = [:]
            while next < requests.count || !group.isEmpty {
                while next < requests.count, next - finished < maxConcurrent {
                    let (symbol, days) = requests[next]
                    next += 1
                    group.addTask { await FetchedKlines(symbol: symbol, days: days, from: exchange) }
                }
                guard let fetched = await group.next() else { break }
                finished += 1
                results[fetched.symbol] = fetched.result
            }
            return results
        }
    }
}

/// One symbol's klines, or why they could not be read (a child task's answer).
/// A class on purpose: with a `(String, Result<[Kline], any Error>)` tuple as the child result,
/// the Swift 6.3.1 release build corrupted the heap on Linux (crash in `group.next()` copying the
/// tuple; debug builds were fine). Returning one reference sidesteps the value copy that broke.
private final class FetchedKlines: Sendable {
    let symbol: String
    let result: Result<[Kline], any Error>

    init(symbol: String, days: Int, from exchange: any Exchange) async {
        self.symbol = symbol
        do { result = .success(try await exchange.dailyKlines(symbol: symbol, days: days)) }
        catch { result = .failure(error) }
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
