import Foundation
import Strategy
import Testing

/// The live cycle and the backtest compute only the last row of §5.2 / §5.3. These check it is,
/// bit for bit, the last row of the full-table computation (`series(from:)`, `validRows`) that
/// the pandas reference tests pin down, on random walks of many lengths.
@Suite struct LastRowIndicatorsTests {
    static func walk(rows: Int, seed: UInt64, flatFrom: Int? = nil) -> [Kline] {
        var state = seed
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var close = 100.0
        return (0..<rows).map { index in
            let open = close
            if flatFrom.map({ index < $0 }) ?? true { close = (close * exp((uniform() - 0.49) * 0.08) * 100).rounded() / 100 }
            let high = max(open, close) * (1 + uniform() * 0.02), low = min(open, close) * (1 - uniform() * 0.02)
            return Kline(openTime: Int64(index) * 86_400_000, open: open, high: high, low: low, close: close, volume: 1_000 + uniform() * 500)
        }
    }

    @Test(arguments: [1, 19, 199, 200, 201, 289, 420, 700])
    func symbolIndicatorsOfTheLastRowEqualTheTable(rows: Int) {
        for seed in UInt64(1)...5 {
            let klines = Self.walk(rows: rows, seed: seed)
            let table = SymbolIndicators.series(from: klines).last ?? nil
            #expect(SymbolIndicators.latest(from: klines) == table, "rows \(rows) seed \(seed)")
        }
    }

    @Test(arguments: [563, 564, 565, 600, 700])
    func theBTCSnapshotOfTheLastRowEqualsTheTable(rows: Int) throws {
        for seed in UInt64(1)...5 {
            let klines = Self.walk(rows: rows, seed: seed)
            let expected = BTCSnapshot.validRows(from: klines).last
            let snapshot = BTCSnapshot.compute(from: klines, price: 123.45)
            #expect(snapshot?.ma200 == expected?.ma200 && snapshot?.zscore == expected?.zscore && snapshot?.geom200 == expected?.geom200)
            #expect(snapshot?.sellTrigger == expected?.sellTrigger && snapshot?.ma200Slope == expected?.ma200Slope)
            #expect(snapshot?.btcRoc20 == expected?.roc20 && snapshot?.btcRoc120 == expected?.roc120)
            #expect((snapshot == nil) == (rows < 564), "rows \(rows)")
        }
    }

    /// Flat prices for the last 200 rows make the last rows' zscore undefined (std 0): the
    /// snapshot then comes from the last row that has one, as the table search gives.
    @Test func aFlatTailFallsBackToTheLastQualifyingRow() throws {
        let klines = Self.walk(rows: 900, seed: 7, flatFrom: 680)
        let expected = try #require(BTCSnapshot.validRows(from: klines).last)
        #expect(expected.index < 899)
        let snapshot = try #require(BTCSnapshot.compute(from: klines, price: 100))
        #expect(snapshot.zscore == expected.zscore && snapshot.sellTrigger == expected.sellTrigger)
    }
}
