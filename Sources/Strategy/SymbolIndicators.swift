/// Daily indicators of one trend symbol, taken from the last kline row (SPEC §5.2).
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
        return series(from: klines).last ?? nil
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
