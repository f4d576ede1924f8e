import Backtest
import Engine
import Foundation
import Strategy
import Testing

/// summary.json's `data_gaps`: per symbol, the rows missing from its first row to the last cycle.
@Suite struct DataGapsTests {
    static let hour = PriceHistory.hourMs

    func history(_ symbol: String, hours: [Int64]) -> PriceHistory {
        PriceHistory(symbol: symbol, hourlyKlines: hours.map { Kline(openTime: $0 * Self.hour, open: 1, high: 1, low: 1, close: 1, volume: 1) })
    }

    @Test func gapsAreCountedBetweenRowsAndAfterTheLast() {
        // Hours 0–2, 5, 6, 10; the last cycle at 12:59:59 expects rows up to hour 12.
        let gaps = DataGaps(histories: [
            "ETHUSDT": history("ETHUSDT", hours: [0, 1, 2, 5, 6, 10]),
            "BTCUSDT": history("BTCUSDT", hours: Array(0...12)),
            "SOLUSDT": history("SOLUSDT", hours: Array(8...12)),  // listed later: no gap before its first row
        ], through: 13 * Self.hour - 1_000)
        #expect(Array(gaps.symbols.keys) == ["ETHUSDT"])
        let eth = gaps.symbols["ETHUSDT"]
        // 3, 4 | 7, 8, 9 | 11, 12
        #expect(eth?.missingRows == 7 && eth?.gaps == 3 && eth?.longestGapRows == 3 && eth?.longestGapHours == 3)
        #expect(eth?.firstMissingOpenTime == 3 * Self.hour && eth?.firstGapAt == "1970-01-01T03:00:00+00:00")
    }

    @Test func daysCountInHoursAndRowsAfterTheLastCycleAreNotLookedAt() {
        let day = PriceHistory.dayMs
        let daily = PriceHistory(symbol: "ADAUSDT", dailyKlines: [0, 1, 4, 30].map { Kline(openTime: $0 * day, open: 1, high: 1, low: 1, close: 1, volume: 1) })
        let gaps = DataGaps(histories: ["ADAUSDT": daily], through: 5 * day - 1_000)
        #expect(gaps.symbols["ADAUSDT"] == DataGaps.SymbolGaps(intervalMs: day, missingRows: 2, gaps: 1, longestGapRows: 2, firstMissingOpenTime: 2 * day))
        #expect(gaps.symbols["ADAUSDT"]?.longestGapHours == 48 && gaps.symbols["ADAUSDT"]?.intervalName == "1d")
    }

    /// The key sits in summary.json (sorted like every key, symbols in order) and the gaps in the
    /// text and the HTML report.
    @Test func theSummaryListsGapsInAFixedOrder() throws {
        let day = try #require(CalendarDay(isoPrefix: "2026-10-01"))
        var record = BacktestRecord(period: BacktestPeriod(from: day, to: day), cadence: .hourly)
        record.dataGaps = DataGaps(symbols: [
            "XRPUSDT": .init(intervalMs: Self.hour, missingRows: 5, gaps: 2, longestGapRows: 3, firstMissingOpenTime: 1_790_812_800_000),
            "ETHUSDT": .init(intervalMs: Self.hour, missingRows: 1, gaps: 1, longestGapRows: 1, firstMissingOpenTime: 1_790_816_400_000),
        ])
        let summary = BacktestSummary(record: record)
        let context = BacktestContext(engineVersion: "test", dataLabel: "d", poolsLabel: "p", initialBalances: [:], exposureCap: 1)
        let text = JSONWriter.string(summary.json(context: context))
        let gaps = try #require(text.range(of: "\"data_gaps\""))
        let eth = try #require(text.range(of: "\"ETHUSDT\""))
        let xrp = try #require(text.range(of: "\"XRPUSDT\""))
        #expect(gaps.lowerBound < eth.lowerBound && eth.lowerBound < xrp.lowerBound)
        #expect(summary.json(context: context)["data_gaps"]?["XRPUSDT"] == [
            "interval": "1h", "missing_rows": 5, "gaps": 2, "longest_gap_hours": 3, "first_gap_at": "2026-10-01T00:00:00+00:00",
        ])
        let lines = BacktestSummaryText.lines(summary, context: context, folder: "/out")
        #expect(lines.contains { $0.hasPrefix("Data gaps") && $0.contains("ETHUSDT 1 missing 1h rows") && $0.contains("XRPUSDT 5 missing") }, "\(lines)")

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gaps-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try BacktestOutputs.write(summary, context: context, to: folder)
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("Data gaps") && html.contains("XRPUSDT") && html.contains("2026-10-01T00:00:00+00:00"))
    }

    @Test func cleanDataHasAnEmptyObject() throws {
        let day = try #require(CalendarDay(isoPrefix: "2026-10-01"))
        let summary = BacktestSummary(record: BacktestRecord(period: BacktestPeriod(from: day, to: day), cadence: .daily))
        let context = BacktestContext(engineVersion: "test", dataLabel: "d", poolsLabel: "p", initialBalances: [:], exposureCap: 1)
        #expect(summary.json(context: context)["data_gaps"] == .object([:]))
        #expect(!BacktestSummaryText.lines(summary, context: context, folder: "/out").contains { $0.hasPrefix("Data gaps") })
    }
}
