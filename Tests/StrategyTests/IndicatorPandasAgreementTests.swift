import Foundation
import Testing
@testable import Strategy

/// docs/strategy.md#daily-indicators-per-symbol and docs/strategy.md#btc-snapshot against numbers computed once with pandas on a series with volatility gaps.
@Suite struct IndicatorPandasAgreementTests {
    @Test(arguments: ["199", "250", "265", "300", "419"])
    func symbolIndicatorsMatchPandasAtRow(_ row: String) throws {
        let klines = try ReferenceData.klines("ALTUSDT")
        let rows = try #require((try ReferenceData.expected()["ALTUSDT"] as? [String: Any])?["rows"] as? [String: [String: Any]])
        let expected = try #require(rows[row])
        let index = try #require(Int(row))
        let actual = try #require(SymbolIndicators.series(from: klines)[index], "row \(row) should have every indicator")
        let fields: [(String, Double)] = [
            ("close", actual.close), ("sma20", actual.sma20), ("sma60", actual.sma60), ("sma200", actual.sma200),
            ("roc20", actual.roc20), ("roc60", actual.roc60), ("roc120", actual.roc120), ("vol20", actual.vol20),
            ("atr14", actual.atr14), ("avg_quote_vol_30", actual.avgQuoteVol30), ("avg_quote_vol_90", actual.avgQuoteVol90),
            ("avg_quote_vol_180", actual.avgQuoteVol180), ("trend_persist_90", actual.trendPersist90),
        ]
        for (name, value) in fields { expectClose(value, expected[name] as? Double, "row \(row) \(name)") }
        #expect(actual.ageDays == expected["age_days"] as? Int)
    }

    @Test func flatStretchHasExactlyZeroVolatility() throws {
        let klines = try ReferenceData.klines("ALTUSDT")
        let row = try #require(SymbolIndicators.series(from: klines)[265])
        #expect(row.vol20 == 0)
    }

    @Test func trendPersistenceCountsRowsBeforeSMA200AsNotAbove() throws {
        let klines = try ReferenceData.klines("ALTUSDT")
        // Row 89: the 90-row window exists but sma200 does not yet, so every row counts as "not above".
        let sma200 = Series.rollingMean(klines.map { $0.close }, window: 200)
        let above: [Double?] = klines.indices.map { index -> Double? in
            guard let average = sma200[index] else { return 0 }
            return klines[index].close > average ? 1 : 0
        }
        let persistence = Series.rollingMean(above, window: 90)
        #expect(persistence[88] == nil)
        #expect(persistence[89] == 0)
        #expect(SymbolIndicators.series(from: klines)[89] == nil, "sma200 is undefined, so the symbol has no indicators")
    }

    @Test func latestIndicatorsUseLastRowAndAgeIsKlineCount() throws {
        let klines = try ReferenceData.klines("ALTUSDT")
        let latest = try #require(SymbolIndicators.latest(from: klines))
        #expect(latest.ageDays == klines.count)
        #expect(SymbolIndicators.latest(from: Array(klines.prefix(199))) == nil, "199 rows cannot give sma200")
    }

    @Test func btcSnapshotMatchesPandasOnFirstAndLatestValidRow() throws {
        let klines = try ReferenceData.klines("BTCUSDT")
        let expected = try #require(try ReferenceData.expected()["BTCUSDT"] as? [String: Any])
        let rows = BTCSnapshot.validRows(from: klines)
        #expect(rows.first?.index == expected["first_valid_index"] as? Int)
        #expect(rows.last?.index == expected["latest_valid_index"] as? Int)
        for (row, key) in [(rows.first, "first_valid"), (rows.last, "latest_valid")] {
            let values = try #require(expected[key] as? [String: Any])
            let actual = try #require(row)
            expectClose(actual.ma200, values["ma200"] as? Double, "\(key) ma200")
            expectClose(actual.zscore, values["zscore"] as? Double, "\(key) zscore")
            expectClose(actual.geom200, values["geom200"] as? Double, "\(key) geom200")
            expectClose(actual.sellTrigger, values["sell_trigger"] as? Double, "\(key) sell_trigger")
            expectClose(actual.ma200Slope, values["ma200_slope"] as? Double, "\(key) ma200_slope")
            expectClose(actual.roc20, values["btc_roc20"] as? Double, "\(key) btc_roc20")
            expectClose(actual.roc60, values["btc_roc60"] as? Double, "\(key) btc_roc60")
            expectClose(actual.roc120, values["btc_roc120"] as? Double, "\(key) btc_roc120")
        }
    }

    @Test func sellTriggerIsThe95thPercentileFlooredAt2point5() throws {
        let klines = try ReferenceData.klines("BTCUSDT")
        let expected = try #require(try ReferenceData.expected()["BTCUSDT"] as? [String: Any])
        let close = klines.map { Optional($0.close) }
        let mean = Series.rollingMean(close, window: 200)
        let std = Series.rollingSampleStd(close, window: 200)
        let zscore: [Double?] = close.indices.map { index in
            guard let value = close[index], let m = mean[index], let s = std[index] else { return nil }
            return (value - m) / s
        }
        let raw = Series.rollingQuantile(zscore, window: 365, quantile: 0.95)
        expectClose(raw.last ?? nil, expected["sell_trigger_raw_last"] as? Double, "raw 95th percentile")
        #expect(BTCSnapshot.validRows(from: klines).last?.sellTrigger == 2.5)
    }

    @Test func btcSnapshotPricesAhrAndRegimeAtTheCurrentPrice() throws {
        let klines = try ReferenceData.klines("BTCUSDT")
        let row = try #require(BTCSnapshot.validRows(from: klines).last)
        let above = try #require(BTCSnapshot.compute(from: klines, price: row.ma200 * 1.1))
        #expect(above.ahr999 == row.ma200 * 1.1 / row.geom200)
        #expect(above.regimeOn == (row.ma200Slope > 0))
        let below = try #require(BTCSnapshot.compute(from: klines, price: row.ma200 * 0.9))
        #expect(below.regimeOn == false)
        #expect(BTCSnapshot.compute(from: Array(klines.prefix(563)), price: 1) == nil, "563 rows cannot give a 365-row percentile of zscore")
    }

    @Test func linearInterpolationQuantile() {
        // Five values: position 0.95 × 4 = 3.8 → 4 + 0.8 × (5 − 4).
        let values: [Double?] = [5, 1, 4, 2, 3]
        #expect(Series.rollingQuantile(values, window: 5, quantile: 0.95).last == 4.8)
        #expect(Series.rollingSampleStd([1, 2, 3, 4], window: 4).last == (5.0 / 3.0).squareRoot())
    }
}
