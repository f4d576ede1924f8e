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
    /// Per symbol, what its indicators are computed from (one lookup per symbol and hour).
    private let symbols: [String: SymbolTable]
    private let btcZscores: [Double?]
    private let lock = NSLock()
    private var sortedZscoresDay = -1
    private var sortedZscores: [Double]?
    /// BTC's snapshot cursor: the day whose completed-row sums are kept and the sums.
    private var btcCursor: (day: Int, rows: BTCCompletedRows?)?

    public init(market: HistoricalMarket) {
        self.market = market
        symbols = market.histories.mapValues { history in
            let close = DailyColumn(history.days.close)
            return SymbolTable(history: history, aboveSma200: (0..<history.days.count).map { SymbolIndicators.closeAboveSma200(close, row: $0) })
        }
        if let btc = market.histories["BTCUSDT"] {
            let close = DailyColumn(btc.days.close)
            btcZscores = (0..<btc.days.count).map { BTCSnapshot.zscore(close, row: $0) }
        } else {
            btcZscores = []
        }
    }

    /// The trend indicators a cycle at `now` sees, per symbol (a symbol without enough fresh history is absent).
    public func trendIndicators(symbols: [String], now: Date) -> [String: SymbolIndicators] {
        let cutoff = HistoricalMarket.cutoff(now)
        var result = [String: SymbolIndicators](minimumCapacity: symbols.count)
        lock.withLock {
            for symbol in symbols {
                if let indicators = self.symbols[symbol]?.indicators(at: cutoff) { result[symbol] = indicators }
            }
        }
        return result
    }

    func trendIndicators(symbol: String, now: Date) -> SymbolIndicators? {
        lock.withLock { symbols[symbol]?.indicators(at: HistoricalMarket.cutoff(now)) }
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

    /// BTC's zscores of the 364 days before `day`, sorted; nil when one is undefined. The day
    /// after a defined window moves it by one day: the zscore that left is taken out and the one
    /// that came in put in its place in order (the same values, so the same sorted array).
    func sortedZscores(before day: Int) -> [Double]? {
        lock.withLock {
            guard sortedZscoresDay != day else { return sortedZscores }
            let window = (day + 1 - BTCSnapshot.triggerWindow)..<day
            if day == sortedZscoresDay + 1, var sorted = sortedZscores, let leaving = zscore(window.lowerBound - 1),
               let arriving = zscore(window.upperBound - 1), let index = sorted.firstIndex(of: leaving) {
                sorted.remove(at: index)
                sorted.insert(arriving, at: sorted.partitioningIndex { $0 > arriving })
                sortedZscores = sorted
            } else {
                let values = window.compactMap(zscore)
                sortedZscores = values.count == window.count ? values.sorted() : nil
            }
            sortedZscoresDay = day
            return sortedZscores
        }
    }

    /// BTC's zscore of `day`; nil before the data or when undefined.
    private func zscore(_ day: Int) -> Double? {
        btcZscores.indices.contains(day) ? btcZscores[day] : nil
    }
}

/// One symbol's history, whether each day closed above its sma200, and the cursor: the
/// completed-row sums of the window whose partial last row is `day`, computed at the first hour
/// of that day and kept for its other hours. Used under `IndicatorTables`' lock.
private final class SymbolTable {
    let history: PriceHistory
    let aboveSma200: [Double]
    private var cursor: (day: Int, sums: CompletedRowSums?)?
    /// The hourly row the last cycle saw (the next cycle's is usually the one after it).
    private var rowHint = -1

    init(history: PriceHistory, aboveSma200: [Double]) {
        self.history = history
        self.aboveSma200 = aboveSma200
    }

    /// The indicators a cycle at `cutoff` (ms) sees; nil without enough fresh history.
    func indicators(at cutoff: Int64) -> SymbolIndicators? {
        guard let view = history.view(at: cutoff, hint: &rowHint) else { return nil }
        let first = max(0, view.day + 1 - KlineMarketAnalysis.trendLookbackDays)
        let days = history.days
        let range = first..<view.day
        let above = aboveSma200
        return SymbolIndicators.lastRow(
            close: DailyColumn(completed: days.close[range], last: view.close),
            high: DailyColumn(completed: days.high[range], last: view.high),
            low: DailyColumn(completed: days.low[range], last: view.low),
            volume: DailyColumn(completed: days.volume[range], last: view.volume),
            ageDays: view.day - first + 1, completed: completedSums(day: view.day, first: first)
        ) { above[first + $0] }
    }

    private func completedSums(day: Int, first: Int) -> CompletedRowSums? {
        if let cursor, cursor.day == day { return cursor.sums }
        let days = history.days
        let rows = first...day
        let sums = CompletedRowSums(close: days.close[rows], high: days.high[rows], low: days.low[rows], volume: days.volume[rows],
                                    aboveSma200: aboveSma200[rows])
        cursor = (day, sums)
        return sums
    }
}
