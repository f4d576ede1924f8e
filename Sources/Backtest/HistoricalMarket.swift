import Engine
import Foundation
import Paper
import Strategy

/// The market a backtest replays: every symbol's history (daily, or hourly with daily
/// aggregates) and the exchange's listings. As the paper exchange's `MarketData`, it answers
/// for a moment `now` from rows opened at or before `now` only; the price is the close of the
/// last such row (with hourly data, the last hour's close). A symbol whose last row is stale at
/// `now` (`PriceHistory.isFresh`: a whole interval after it has no row) has no price, no
/// klines and no indicators then, as a symbol the exchange does not list: the cycle does not
/// trade on an old close (an unpriced pool symbol makes the pool's rung unusable; an unpriced
/// BTC or BNB stops the cycle).
public final class HistoricalMarket: MarketData, Sendable {
    public let label: String
    public let histories: [String: PriceHistory]
    private let listed: [String: Listing]

    public init(label: String, histories: [String: PriceHistory], listings: [String: Listing]) {
        self.label = label
        self.histories = histories
        self.listed = listings
    }

    /// The bundled paper market (daily candles only).
    public convenience init(bundled market: BundledMarketData) {
        let histories = Dictionary(uniqueKeysWithValues: market.symbols.map { symbol in
            (symbol, PriceHistory(symbol: symbol, dailyKlines: market.allDailyKlines(symbol: symbol)))
        })
        self.init(label: market.label, histories: histories, listings: market.allListings)
    }

    /// Whether every history has hourly rows (the default cadence is then hourly).
    public var isHourly: Bool { !histories.isEmpty && histories.values.allSatisfy(\.hasHours) }

    /// The cutoff in milliseconds for a moment: rows with an open time at or before it are seen.
    public static func cutoff(_ now: Date) -> Int64 {
        let milliseconds = (now.timeIntervalSince1970 * 1000).rounded(.down)
        return milliseconds.isFinite && abs(milliseconds) < 9e15 ? Int64(milliseconds) : 0
    }

    public func view(symbol: String, now: Date) -> PriceHistory.View? {
        histories[symbol]?.view(at: Self.cutoff(now))
    }

    /// The close of `symbol`'s newest row at or before `now` however old it is: what a holding
    /// is valued at in the equity curve while its data has a gap.
    public func lastKnownClose(symbol: String, now: Date) -> Double? {
        histories[symbol]?.lastView(at: Self.cutoff(now))?.close
    }

    public func dailyKlines(symbol: String, days: Int, now: Date) async throws -> [Kline] {
        guard let history = histories[symbol], let view = history.view(at: Self.cutoff(now)) else { return [] }
        return history.dailyKlines(through: view, limit: days)
    }

    public func averagePrice(symbol: String, now: Date) async throws -> Decimal? {
        view(symbol: symbol, now: now).flatMap { Self.decimal($0.close) }
    }

    public func quotedPrice(symbol: String, now: Date) async throws -> Double? {
        view(symbol: symbol, now: now).map(\.close)
    }

    /// How the exchange lists `symbol` (its rules and status), if it does.
    public func listing(_ symbol: String) -> Listing? { listed[symbol] }

    public func listings(symbols: [String]) async throws -> [String: Listing] {
        var result: [String: Listing] = [:]
        for symbol in symbols { if let listing = listed[symbol] { result[symbol] = listing } }
        return result
    }

    /// The price as the decimal its shortest text spells (the archive's own digits for any
    /// price with up to 15 significant digits), so fills do not carry binary noise.
    static func decimal(_ price: Double) -> Decimal? {
        guard price.isFinite, price > 0 else { return nil }
        return Decimal(string: "\(price)")
    }

    /// Open time of BTCUSDT's last row (hourly or daily): the data's end.
    public var lastOpenTime: Int64? {
        guard let btc = histories["BTCUSDT"] else { return nil }
        return btc.hasHours ? btc.hours.openTime.last : btc.days.openTime.last
    }

    /// Open time of the first and last daily row of `symbol`.
    public func dayRange(symbol: String) -> ClosedRange<Int64>? {
        guard let days = histories[symbol]?.days, let first = days.openTime.first, let last = days.openTime.last else { return nil }
        return first...last
    }
}

extension HistoricalMarket {
    /// Days of BTC history the cycle needs before its BTC snapshot exists (docs/strategy.md#btc-snapshot: a
    /// 365-row percentile of a 200-row zscore), so a run starts no earlier by default.
    public static let warmUpDays = 199 + 365

    /// From the first day with enough BTC history to the data's last day.
    public var defaultPeriod: BacktestPeriod? {
        guard let days = histories["BTCUSDT"]?.days, days.count > Self.warmUpDays - 1,
              let last = days.openTime.last else { return nil }
        let first = days.openTime[Self.warmUpDays - 1]
        return BacktestPeriod(from: CalendarDay(Date(timeIntervalSince1970: TimeInterval(first / 1000))),
                              to: CalendarDay(Date(timeIntervalSince1970: TimeInterval(last / 1000))))
    }
}
