/// Daily indicators of one trend symbol, taken from the last kline row (docs/strategy.md#daily-indicators-per-symbol).
/// Ratios (roc, vol20, trend persistence) are fractions; prices and ATR in USDT.
public struct SymbolIndicators: Sendable, Equatable, Codable {
    public var close: Double
    public var sma20: Double
    public var sma60: Double
    public var sma200: Double
    public var roc20: Double
    public var roc60: Double
    public var roc120: Double
    public var vol20: Double
    public var atr14: Double
    public var avgQuoteVol30: Double
    public var avgQuoteVol90: Double
    public var avgQuoteVol180: Double
    public var trendPersist90: Double
    /// Number of klines the indicators were computed from.
    public var ageDays: Int

    public init(
        close: Double, sma20: Double, sma60: Double, sma200: Double,
        roc20: Double, roc60: Double, roc120: Double, vol20: Double, atr14: Double,
        avgQuoteVol30: Double, avgQuoteVol90: Double, avgQuoteVol180: Double,
        trendPersist90: Double, ageDays: Int
    ) {
        self.close = close
        self.sma20 = sma20
        self.sma60 = sma60
        self.sma200 = sma200
        self.roc20 = roc20
        self.roc60 = roc60
        self.roc120 = roc120
        self.vol20 = vol20
        self.atr14 = atr14
        self.avgQuoteVol30 = avgQuoteVol30
        self.avgQuoteVol90 = avgQuoteVol90
        self.avgQuoteVol180 = avgQuoteVol180
        self.trendPersist90 = trendPersist90
        self.ageDays = ageDays
    }
}

extension SymbolIndicators {
    /// Indicators for every row of `klines` (nil where a window is not yet full).
    /// Exposed per row so tests can compare any row with an independent computation.
    public static func series(from klines: [Kline]) -> [SymbolIndicators?] {
        let close: [Double?] = klines.map { $0.close }
        let quoteVolume: [Double?] = klines.map { $0.close * $0.volume }
        let sma20 = Series.rollingMean(close, window: 20)
        let sma60 = Series.rollingMean(close, window: 60)
        let sma200 = Series.rollingMean(close, window: 200)
        let roc20 = Series.percentChange(close, lag: 20)
        let roc60 = Series.percentChange(close, lag: 60)
        let roc120 = Series.percentChange(close, lag: 120)
        let vol20 = Series.rollingSampleStd(Series.percentChange(close, lag: 1), window: 20)
        let atr14 = Series.rollingMean(trueRanges(klines), window: 14)
        let quote30 = Series.rollingMean(quoteVolume, window: 30)
        let quote90 = Series.rollingMean(quoteVolume, window: 90)
        let quote180 = Series.rollingMean(quoteVolume, window: 180)
        // A row whose sma200 is not yet defined counts as "not above".
        let aboveSma200: [Double?] = klines.indices.map { index in
            guard let average = sma200[index] else { return 0 }
            return klines[index].close > average ? 1 : 0
        }
        let persist90 = Series.rollingMean(aboveSma200, window: 90)

        return klines.indices.map { index in
            guard
                let s20 = sma20[index], let s60 = sma60[index], let s200 = sma200[index],
                let r20 = roc20[index], let r60 = roc60[index], let r120 = roc120[index],
                let v20 = vol20[index], let atr = atr14[index],
                let q30 = quote30[index], let q90 = quote90[index], let q180 = quote180[index],
                let persist = persist90[index]
            else { return nil }
            return SymbolIndicators(
                close: klines[index].close, sma20: s20, sma60: s60, sma200: s200,
                roc20: r20, roc60: r60, roc120: r120, vol20: v20, atr14: atr,
                avgQuoteVol30: q30, avgQuoteVol90: q90, avgQuoteVol180: q180,
                trendPersist90: persist, ageDays: index + 1
            )
        }
    }

    /// Indicators of the last row, or nil when any required value is undefined (too little history).
    public static func latest(from klines: [Kline]) -> SymbolIndicators? {
        guard !klines.isEmpty else { return nil }
        let close = DailyColumn(klines.map(\.close))
        return lastRow(close: close, high: DailyColumn(klines.map(\.high)), low: DailyColumn(klines.map(\.low)),
                       volume: DailyColumn(klines.map(\.volume)), ageDays: klines.count) { closeAboveSma200(close, row: $0) }
    }

    /// True range; the first row has no previous close, so it is high − low.
    static func trueRanges(_ klines: [Kline]) -> [Double?] {
        klines.indices.map { index in
            let row = klines[index]
            let span = row.high - row.low
            guard index > 0 else { return span }
            let previousClose = klines[index - 1].close
            return max(span, abs(row.high - previousClose), abs(row.low - previousClose))
        }
    }
}

extension SymbolIndicators {
    /// The indicators of the last row of a daily window, computed for that row alone (the live
    /// cycle and the backtest both ask only for it). Equal, bit for bit, to `series(from:)`'s
    /// last row for the same window: each figure sums the same values in the same order.
    /// `aboveSma200(row)` answers 1 when that row's close is above its own sma200 (0 when it is not,
    /// or when its sma200 is undefined); it is asked for the 89 rows before the last, whose answers
    /// the backtest keeps from one cycle to the next.
    /// `completed`: the completed rows' sums for this window, when the caller keeps them (a
    /// backtest's per-day cursor); the figures are then the same bits at O(1) for the long windows.
    public static func lastRow(close: DailyColumn, high: DailyColumn, low: DailyColumn, volume: DailyColumn,
                               ageDays: Int, completed: CompletedRowSums? = nil, aboveSma200: (Int) -> Double) -> SymbolIndicators? {
        let last = close.count - 1
        guard last >= 0 else { return nil }
        let sums = close.count >= CompletedRowSums.rowsNeeded ? completed : nil
        let quoteVolume = close[last] * volume[last]
        guard let s20 = mean(close, window: 20, completedSum: sums?.close19),
              let s60 = mean(close, window: 60, completedSum: sums?.close59),
              let s200 = mean(close, window: 200, completedSum: sums?.close199),
              let r20 = RowFigures.percentChange(close, lag: 20, at: last),
              let r60 = RowFigures.percentChange(close, lag: 60, at: last),
              let r120 = RowFigures.percentChange(close, lag: 120, at: last),
              let v20 = RowFigures.returnsSampleStd(close, window: 20, endingAt: last),
              let atr = mean(window: 14, completedSum: sums?.trueRange13, last: lastTrueRange(close: close, high: high, low: low))
                  ?? RowFigures.mean(trueRangeColumn(close: close, high: high, low: low, rows: 14), window: 14, endingAt: 13),
              let q30 = mean(window: 30, completedSum: sums?.quoteVolume29, last: quoteVolume)
                  ?? quoteVolumeMean(close: close, volume: volume, window: 30),
              let q90 = mean(window: 90, completedSum: sums?.quoteVolume89, last: quoteVolume)
                  ?? quoteVolumeMean(close: close, volume: volume, window: 90),
              let q180 = mean(window: 180, completedSum: sums?.quoteVolume179, last: quoteVolume)
                  ?? quoteVolumeMean(close: close, volume: volume, window: 180),
              last + 1 >= 90
        else { return nil }
        var persist = 0.0
        if let sums {
            persist = sums.aboveSma200Count89
        } else {
            for row in (last - 89)..<last { persist += aboveSma200(row) }
        }
        persist += close[last] > s200 ? 1 : 0
        return SymbolIndicators(
            close: close[last], sma20: s20, sma60: s60, sma200: s200, roc20: r20, roc60: r60, roc120: r120,
            vol20: v20, atr14: atr, avgQuoteVol30: q30, avgQuoteVol90: q90, avgQuoteVol180: q180,
            trendPersist90: persist / 90, ageDays: ageDays
        )
    }

    /// The mean of a window of `column` ending at its last row, from the completed rows' sum when
    /// there is one (the same additions, in the same order), else added up here.
    private static func mean(_ column: DailyColumn, window: Int, completedSum: Double?) -> Double? {
        mean(window: window, completedSum: completedSum, last: column[column.count - 1])
            ?? RowFigures.mean(column, window: window, endingAt: column.count - 1)
    }

    /// (completed sum + last) / window, as `RowFigures.mean` adds them; nil when there is no
    /// completed sum, or it or `last` is not finite: the caller then adds the window up as without
    /// one (and refuses a window holding a value that is not finite, as always).
    private static func mean(window: Int, completedSum: Double?, last: Double) -> Double? {
        guard let completedSum, completedSum.isFinite, last.isFinite else { return nil }
        return (completedSum + last) / Double(window)
    }

    /// The true range of the last row (it has a previous row whenever completed sums are used).
    private static func lastTrueRange(close: DailyColumn, high: DailyColumn, low: DailyColumn) -> Double {
        let last = close.count - 1
        guard last > 0 else { return .nan }
        let previousClose = close[last - 1]
        return max(high[last] - low[last], abs(high[last] - previousClose), abs(low[last] - previousClose))
    }

    /// 1 when `row`'s close is above its sma200, 0 otherwise (and when the sma200 is undefined).
    public static func closeAboveSma200(_ close: DailyColumn, row: Int) -> Double {
        guard let average = RowFigures.mean(close, window: 200, endingAt: row) else { return 0 }
        return close[row] > average ? 1 : 0
    }

    /// The true ranges of the last `rows` rows (fewer when the window is shorter), as a column.
    private static func trueRangeColumn(close: DailyColumn, high: DailyColumn, low: DailyColumn, rows: Int) -> DailyColumn {
        let last = close.count - 1
        guard last + 1 >= rows else { return DailyColumn([.nan]) }
        let ranges = ((last + 1 - rows)...last).map { row -> Double in
            let span = high[row] - low[row]
            guard row > 0 else { return span }
            let previousClose = close[row - 1]
            return max(span, abs(high[row] - previousClose), abs(low[row] - previousClose))
        }
        return DailyColumn(ranges)
    }

    private static func quoteVolumeMean(close: DailyColumn, volume: DailyColumn, window: Int) -> Double? {
        let last = close.count - 1
        guard last + 1 >= window else { return nil }
        let values = ((last + 1 - window)...last).map { close[$0] * volume[$0] }
        return RowFigures.mean(DailyColumn(values), window: window, endingAt: window - 1)
    }
}
