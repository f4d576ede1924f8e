import Engine
import Foundation
import Strategy

/// What the backtest computes once per series so that a cycle's indicators cost O(window):
/// per completed day, whether its close is above its sma200 (trend persistence) and BTC's
/// zscore (the sell trigger's percentile window); per day, the sorted zscores of the 364 days
/// before it. A cycle at t then only evaluates the window's last row, today's partial candle.
/// The figures are those `KlineMarketAnalysis` computes from the same klines (tested bit for bit).
public final class IndicatorTables: @unchecked Sendable {
    public let market: HistoricalMarket
    private let aboveSma200: [String: [Double]]
    private let btcZscores: [Double?]
    private let lock = NSLock()
    private var sortedZscoresDay = -1
    private var sortedZscores: [Double]?
    /// Per symbol, the day whose completed-row sums are kept and the sums.
    private var cursors: [String: (day: Int, sums: CompletedRowSums?)] = [:]
    /// BTC's snapshot cursor: the day whose completed-row sums are kept and the sums.
    private var btcCursor: (day: Int, rows: BTCCompletedRows?)?

    public init(market: HistoricalMarket) {
        self.market = market
        var above: [String: [Double]] = [:]
        for (symbol, history) in market.histories {
            let close = DailyColumn(history.days.close)
            above[symbol] = (0..<history.days.count).map { SymbolIndicators.closeAboveSma200(close, row: $0) }
        }
        aboveSma200 = above
        if let btc = market.histories["BTCUSDT"] {
            let close = DailyColumn(btc.days.close)
            btcZscores = (0..<btc.days.count).map { BTCSnapshot.zscore(close, row: $0) }
        } else {
            btcZscores = []
        }
    }

    /// The trend indicators a cycle at `now` sees, per symbol (a symbol without enough fresh history is absent).
    public func trendIndicators(symbols: [String], now: Date) -> [String: SymbolIndicators] {
        var result: [String: SymbolIndicators] = [:]
        for symbol in symbols {
            if let indicators = trendIndicators(symbol: symbol, now: now) { result[symbol] = indicators }
        }
        return result
    }

    func trendIndicators(symbol: String, now: Date) -> SymbolIndicators? {
        guard let history = market.histories[symbol], let view = history.view(at: HistoricalMarket.cutoff(now)),
              let above = aboveSma200[symbol] else { return nil }
        let lookback = KlineMarketAnalysis.trendLookbackDays
        let first = max(0, view.day + 1 - lookback)
        let days = history.days
        let range = first..<view.day
        return SymbolIndicators.lastRow(
            close: DailyColumn(completed: days.close[range], last: view.close),
            high: DailyColumn(completed: days.high[range], last: view.high),
            low: DailyColumn(completed: days.low[range], last: view.low),
            volume: DailyColumn(completed: days.volume[range], last: view.volume),
            ageDays: view.day - first + 1, completed: completedSums(symbol: symbol, day: view.day, first: first)
        ) { above[first + $0] }
    }

    /// The cursor: `symbol`'s completed-row sums for the window whose partial last row is `day`,
    /// computed at the first hour of that day and kept for its other hours.
    private func completedSums(symbol: String, day: Int, first: Int) -> CompletedRowSums? {
        lock.withLock {
            if let kept = cursors[symbol], kept.day == day { return kept.sums }
            guard let history = market.histories[symbol], let above = aboveSma200[symbol] else { return nil }
            let days = history.days
            let sums = CompletedRowSums(rows: day - first + 1, close: { days.close[first + $0] }, high: { days.high[first + $0] },
                                        low: { days.low[first + $0] }, volume: { days.volume[first + $0] },
                                        aboveSma200: { above[first + $0] })
            cursors[symbol] = (day, sums)
            return sums
        }
    }

    /// The BTC snapshot a cycle at `now` sees, priced at `price`; nil before enough history.
    public func btcSnapshot(price: Double, now: Date) -> BTCSnapshot? {
        let window = BTCSnapshot.triggerWindow
        guard let history = market.histories["BTCUSDT"], let view = history.view(at: HistoricalMarket.cutoff(now)),
              view.day >= 199 + window - 1 else { return nil }
        let first = max(0, view.day + 1 - KlineMarketAnalysis.btcLookbackDays)
        let close = DailyColumn(completed: history.days.close[first..<view.day], last: view.close)
        if let earlier = sortedZscores(before: view.day),
           let snapshot = BTCSnapshot.lastRow(close: close, earlierZscoresSorted: earlier, price: price,
                                              completed: btcCompletedRows(day: view.day, close: close)) {
            return snapshot
        }
        // A zscore in the window is undefined (prices flat for 200 days): the full search, as live.
        return BTCSnapshot.compute(from: history.dailyKlines(through: view, limit: KlineMarketAnalysis.btcLookbackDays), price: price)
    }

    /// The cursor for BTC: the completed rows' sums of the window whose partial last row is
    /// `day`, computed at the first hour of that day and kept for its other hours.
    private func btcCompletedRows(day: Int, close: DailyColumn) -> BTCCompletedRows? {
        lock.withLock {
            if let kept = btcCursor, kept.day == day { return kept.rows }
            let rows = BTCCompletedRows(close: close)
            btcCursor = (day, rows)
            return rows
        }
    }

    /// BTC's zscores of the 364 days before `day`, sorted; nil when one is undefined.
    private func sortedZscores(before day: Int) -> [Double]? {
        lock.withLock {
            if sortedZscoresDay != day {
                let window = (day + 1 - BTCSnapshot.triggerWindow)..<day
                let values = window.compactMap { btcZscores.indices.contains($0) ? btcZscores[$0] : nil }
                sortedZscores = values.count == window.count ? values.sorted() : nil
                sortedZscoresDay = day
            }
            return sortedZscores
        }
    }
}
