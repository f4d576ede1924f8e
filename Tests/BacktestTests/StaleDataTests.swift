import Backtest
import Engine
import Foundation
import Paper
import Strategy
import Testing

/// A symbol whose rows stop has no price once a whole interval after its last row has no row
/// (`PriceHistory.isFresh`): the cycle does not trade on a week-old close.
@Suite struct StaleDataTests {
    static let hour = PriceHistory.hourMs

    static func ms(_ iso: String) throws -> Int64 {
        Int64(try #require(Date.parseISO8601(iso)).timeIntervalSince1970) * 1000
    }

    static func date(_ iso: String) throws -> Date { try #require(Date.parseISO8601(iso)) }

    /// The small synthetic market with `symbol`'s rows kept only where `keep` says so.
    static func market(_ symbol: String, keep: (Int64) -> Bool) throws -> HistoricalMarket {
        var klines = SyntheticHourlyMarket.hourlyKlines()
        klines[symbol] = klines[symbol]?.filter { keep($0.openTime) }
        return try SyntheticHourlyMarket.market(klines)
    }

    @Test func aSymbolWhoseRowsStoppedAWeekAgoHasNoPriceNoKlinesAndNoIndicators() async throws {
        let stop = try Self.ms("2026-10-10T00:00:00Z")
        let market = try Self.market("ETHUSDT") { $0 < stop }
        let weekLater = try Self.date("2026-10-17T11:59:59Z")
        #expect(try await market.quotedPrice(symbol: "ETHUSDT", now: weekLater) == nil, "a week-old close prices the cycle")
        #expect(try await market.averagePrice(symbol: "ETHUSDT", now: weekLater) == nil)
        #expect(market.view(symbol: "ETHUSDT", now: weekLater) == nil)
        #expect(try await market.dailyKlines(symbol: "ETHUSDT", days: 30, now: weekLater).isEmpty)
        let indicators = IndicatorTables(market: market).trendIndicators(symbols: ["ETHUSDT", "SOLUSDT"], now: weekLater)
        #expect(indicators["ETHUSDT"] == nil && indicators["SOLUSDT"] != nil)
        // Its last close is still known, to value a holding.
        let last = try #require(SyntheticHourlyMarket.hourlyKlines()["ETHUSDT"]?.last { $0.openTime < stop })
        #expect(market.lastKnownClose(symbol: "ETHUSDT", now: weekLater) == last.close)
        #expect(try await market.quotedPrice(symbol: "SOLUSDT", now: weekLater) != nil)
    }

    /// The cron at hh:59:59 prices from the row that opened at hh:00; with that row missing,
    /// from hh−1:00's (less than an hour uncovered); with two rows missing, not at all.
    @Test func theCronPricesFromTheLastHourAndToleratesLessThanAWholeHourUncovered() async throws {
        let eleven = try Self.ms("2026-10-09T23:00:00Z"), ten = eleven - Self.hour, nine = ten - Self.hour
        let cron = try Self.date("2026-10-09T23:59:59Z")
        let rows = try #require(SyntheticHourlyMarket.hourlyKlines()["ETHUSDT"])
        let close = { (openTime: Int64) in rows.first { $0.openTime == openTime }?.close }

        let complete = try SyntheticHourlyMarket.market()
        #expect(try await complete.quotedPrice(symbol: "ETHUSDT", now: cron) == close(eleven))
        let oneMissing = try Self.market("ETHUSDT") { $0 != eleven }
        #expect(try await oneMissing.quotedPrice(symbol: "ETHUSDT", now: cron) == close(ten))
        let twoMissing = try Self.market("ETHUSDT") { $0 != eleven && $0 != ten }
        #expect(try await twoMissing.quotedPrice(symbol: "ETHUSDT", now: cron) == nil)
        #expect(close(nine) != nil)
    }

    @Test func theRuleOnTheBoundary() {
        let hour = Self.hour, opened: Int64 = 1_000 * hour
        // Uncovered time after the row: cutoff − (opened + interval); fresh while it is under an interval.
        #expect(PriceHistory.isFresh(rowOpenedAt: opened, interval: hour, cutoff: opened + hour - 1_000))
        #expect(PriceHistory.isFresh(rowOpenedAt: opened, interval: hour, cutoff: opened + 2 * hour - 1))
        #expect(!PriceHistory.isFresh(rowOpenedAt: opened, interval: hour, cutoff: opened + 2 * hour))
        #expect(!PriceHistory.isFresh(rowOpenedAt: opened, interval: PriceHistory.dayMs, cutoff: opened + 7 * PriceHistory.dayMs))
        // Outside numbers give an answer, never a trap.
        #expect(!PriceHistory.isFresh(rowOpenedAt: .min, interval: hour, cutoff: .max))
    }

    /// Daily-only data: the cycle at 23:59:59 prices from today's row, or yesterday's, not older.
    @Test func dailyRowsFollowTheSameRule() throws {
        let day = PriceHistory.dayMs, first = try Self.ms("2026-10-01T00:00:00Z")
        let klines = (0..<5).map { Kline(openTime: first + Int64($0) * day, open: 100, high: 101, low: 99, close: 100 + Double($0), volume: 1) }
        let history = PriceHistory(symbol: "ETHUSDT", dailyKlines: klines)
        let fifthNight = first + 4 * day + day - 1_000
        #expect(history.view(at: fifthNight)?.close == 104)
        #expect(history.view(at: fifthNight + day)?.close == 104, "one day missing: less than a day uncovered")
        #expect(history.view(at: fifthNight + 2 * day) == nil && history.lastView(at: fifthNight + 2 * day)?.close == 104)
    }

    /// In a run, the pool symbol whose rows stop is never traded once the rule makes it stale,
    /// the cycles say why, and summary.json lists its missing rows.
    @Test func aRunNeverTradesTheStaleSymbolAndReportsItsGap() async throws {
        let stop = try Self.ms("2026-10-10T00:00:00Z")
        let market = try Self.market("ETHUSDT") { $0 < stop }
        let balances: [String: Decimal] = ["USDT": 10_000, "BNB": Decimal(string: "0.1")!]
        let runner = BacktestRunner(market: market, pools: try SyntheticHourlyMarket.pool(), config: SyntheticHourlyMarket.config, initialBalances: balances)
        let period = BacktestPeriod(from: try #require(CalendarDay(isoPrefix: "2026-10-08")), to: try #require(CalendarDay(isoPrefix: "2026-10-11")))
        let record = try await runner.run(period: period, cadence: .hourly)
        // The last row opened 2026-10-09 23:00; from the cycle at 01:59:59 on, ETH is stale.
        let staleFrom = "2026-10-10T01:59:59"
        let late = record.orders.filter { $0.symbol == "ETHUSDT" && $0.time >= staleFrom }
        #expect(late.isEmpty, "traded on a stale close: \(late.map(\.time))")
        // The cycle says so: the pool naming ETH cannot be traded from that hour on (the static
        // universe below it names symbols this market lacks), while 00:59:59 still priced from 23:00.
        #expect(record.cyclesByStatus == ["ok": 2 * 24 + 1, "error": 23 + 24], "\(record.cyclesByStatus)")
        let firstError = record.firstError ?? ""
        #expect(firstError.hasPrefix("2026-10-10T01:59:59") && firstError.contains("no price for ETHUSDT"), "\(firstError)")

        let summary = BacktestSummary(record: record).json(context: BacktestContext(
            engineVersion: "test", dataLabel: "synthetic", poolsLabel: "bundled", initialBalances: balances, exposureCap: 1))
        #expect(summary["data_gaps"] == ["ETHUSDT": [
            "interval": "1h", "missing_rows": 48, "gaps": 1, "longest_gap_hours": 48, "first_gap_at": "2026-10-10T00:00:00+00:00",
        ]], "\(summary["data_gaps"] ?? .null)")
    }
}
