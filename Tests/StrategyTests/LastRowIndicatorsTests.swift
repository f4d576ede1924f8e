import Foundation
import Strategy
import Testing

/// The live cycle and the backtest compute only the last row of docs/strategy.md#daily-indicators-per-symbol and #btc-snapshot. These check it is,
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

    /// The backtest's BTC cursor (`BTCCompletedRows`) gives the same bits as the full pass, on
    /// random walks, on prices flat for the whole window (no zscore), and with a close of 0 in
    /// the window (no geometric mean).
    @Test(arguments: [220, 221, 365, 564, 700])
    func theBTCCursorGivesTheSameSnapshot(rows: Int) throws {
        var cases: [(String, [Double])] = (UInt64(1)...5).map { ("seed \($0)", Self.walk(rows: rows, seed: $0).map(\.close)) }
        cases.append(("flat", Self.walk(rows: rows, seed: 9, flatFrom: 0).map(\.close)))
        var zero = Self.walk(rows: rows, seed: 11).map(\.close)
        zero[rows - 50] = 0
        cases.append(("a zero close", zero))
        var notANumber = Self.walk(rows: rows, seed: 12).map(\.close)
        notANumber[rows - 3] = .nan
        cases.append(("a NaN close", notANumber))
        let earlier = (0..<(BTCSnapshot.triggerWindow - 1)).map { Double($0) / 100 - 1 }
        var snapshots = 0
        for (name, closes) in cases {
            for last in [closes[rows - 1], closes[rows - 2], closes[rows - 200]] {
                let column = DailyColumn(completed: closes[..<(rows - 1)], last: last)
                let cursor = BTCCompletedRows(close: column)
                #expect(cursor != nil, "\(name): the window is long enough")
                let full = BTCSnapshot.lastRow(close: column, earlierZscoresSorted: earlier, price: 101.5)
                let kept = BTCSnapshot.lastRow(close: column, earlierZscoresSorted: earlier, price: 101.5, completed: cursor)
                #expect(kept == full, "\(name), rows \(rows), last \(last)")
                if full != nil { snapshots += 1 }
            }
        }
        #expect(snapshots >= 15, "the random walks give snapshots, so the comparison means something")
        #expect(BTCCompletedRows(close: DailyColumn(Array(repeating: 1, count: 219))) == nil, "shorter than 220 rows: computed in full")
    }
}
