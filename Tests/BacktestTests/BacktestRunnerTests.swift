import Backtest
import Engine
import Foundation
import Paper
import Testing

/// docs/backtest.md on the bundled market (daily candles): the run, its outputs and their figures.
@Suite struct BacktestRunnerTests {
    static let bundled = SyntheticHourlyMarket.bundledDirectory

    func run(from: String, to: String, walkForward: Int? = nil) async throws -> (BacktestSummary, BacktestContext) {
        let bundled = try BundledMarketData(directory: Self.bundled)
        let market = HistoricalMarket(bundled: bundled)
        let pools = PoolSchedule.fixed(try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: bundled.livePoolArtifactPath))))
        let balances: [String: Decimal] = ["USDT": 10_000, "BNB": Decimal(string: "0.1")!]
        let runner = BacktestRunner(market: market, pools: pools, config: SyntheticHourlyMarket.config, initialBalances: balances)
        let period = BacktestPeriod(from: try #require(CalendarDay(isoPrefix: from)), to: try #require(CalendarDay(isoPrefix: to)))
        let record = try await runner.run(period: period, cadence: .daily)
        let context = BacktestContext(engineVersion: "test", dataLabel: "bundled", poolsLabel: "bundled", initialBalances: balances, exposureCap: 1)
        return (BacktestSummary(record: record, walkForwardWindows: walkForward), context)
    }

    @Test func theOutputsOfTwoRunsAreByteIdentical() async throws {
        var contents: [[Data]] = []
        for _ in 0..<2 {
            let (summary, context) = try await run(from: "2026-08-01", to: "2026-10-31", walkForward: 3)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backtest-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            try BacktestOutputs.write(summary, context: context, to: folder)
            contents.append(try BacktestOutputs.files.map { try Data(contentsOf: folder.appendingPathComponent($0)) })
        }
        #expect(contents[0] == contents[1])
        #expect(contents[0].allSatisfy { !$0.isEmpty })
        let summary = try JSONParser.parse(contents[0][0])
        #expect(summary["cycles"]?["total"] == .int(92))
        #expect(summary["walk_forward"]?["windows"]?.arrayValue?.count == 3)
        let equityLines = String(decoding: contents[0][1], as: UTF8.self).split(separator: "\n")
        #expect(equityLines.count == 1 + 1 + 92, "header, the start, one row per day")
        #expect(equityLines[1].hasPrefix("2026-07-31,"), "the starting balances are dated the day before the period")
    }

    @Test func theSleevesAddUpToTheEquityChange() async throws {
        let (summary, _) = try await run(from: "2026-03-09", to: "2026-10-31")
        let days = summary.record.days
        let change = try #require(days.last).equity - (try #require(days.first)).equity
        #expect(abs(summary.sleeves.total - change) < 1e-6 * max(1, abs(change)), "\(summary.sleeves.total) vs \(change)")
        #expect(summary.trading.orders == summary.record.orders.count && summary.trading.orders > 0)
        #expect(summary.record.cyclesByStatus == ["ok": days.count - 1])
        #expect(Set(summary.record.orders.map(\.purpose)).isSubset(of: ["trend_buy", "trend_sell", "dca_buy", "dca_trim", "circuit_breaker", "fuel"]))
        // The benchmarks start from the same equity; the hold buys once, paying the fee.
        #expect(summary.benchmarks.btcHold.first == days.first?.equity)
        #expect(summary.benchmarks.btcHold[1] == (try #require(days.first)).equity * 0.999 / (try #require(days.first)).btcPrice * days[1].btcPrice)
        #expect(summary.benchmarks.btcDCA.first == days.first?.equity)
    }

    @Test func anHourlyRunOnDailyCandlesIsRefused() async throws {
        let bundled = try BundledMarketData(directory: Self.bundled)
        let runner = BacktestRunner(market: HistoricalMarket(bundled: bundled), pools: .fixed(.object([:])), config: SyntheticHourlyMarket.config, initialBalances: [:])
        let day = try #require(CalendarDay(isoPrefix: "2026-10-01"))
        await #expect(throws: BacktestInputError.self) { _ = try await runner.run(period: BacktestPeriod(from: day, to: day), cadence: .hourly) }
    }

    @Test func walkForwardSplitsThePeriodIntoEqualWindows() throws {
        let days = (0...10).map { index -> DayValuation in
            var day = DayValuation(date: String(format: "2026-01-%02d", index + 1), btcPrice: 100 + Double(index))
            day.cash = 1_000 + Double(index * index)
            return day
        }
        let walkForward = try #require(WalkForward(days: days, windows: 5))
        #expect(walkForward.windows.map(\.from) == ["2026-01-02", "2026-01-04", "2026-01-06", "2026-01-08", "2026-01-10"])
        #expect(walkForward.windows.map(\.to) == ["2026-01-03", "2026-01-05", "2026-01-07", "2026-01-09", "2026-01-11"])
        // Window 1: equity 1000 → 1004 (+0.4 %), BTC 100 → 102 (+2 %): BTC wins; later windows the quadratic equity wins.
        #expect(abs(walkForward.windows[0].strategyReturn - 0.004) < 1e-12)
        #expect(walkForward.windows.map(\.beatsBTC) == [false, false, true, true, true])
        #expect(walkForward.beatingShare == 0.6 && !walkForward.passes, "60 % is not above 60 %")
        #expect(WalkForward(days: days, windows: 11) == nil)
    }
}

/// Returns per calendar year, from the year before's last valuation to the year's last.
@Suite struct CalendarYearsTests {
    @Test func yearsChainFromOneYearEndToTheNext() throws {
        let dates = ["2024-12-30", "2024-12-31", "2025-06-30", "2025-12-31", "2026-03-01"]
        let equity = [100.0, 110, 99, 121, 133.1]
        let days = zip(dates, equity).map { date, value -> DayValuation in
            var day = DayValuation(date: date, btcPrice: value)
            day.cash = value
            return day
        }
        let years = CalendarYears(days: days, benchmarks: BenchmarkCurves(days: days)).years
        #expect(years.map(\.year) == ["2024", "2025", "2026"])
        #expect(years.map(\.partial) == [true, false, true])
        #expect(abs(years[0].engine - 0.10) < 1e-12 && abs(years[1].engine - 0.10) < 1e-12 && abs(years[2].engine - 0.10) < 1e-12)
        #expect(abs(years[1].engineMaxDrawdown - 0.10) < 1e-12, "110 → 99 within 2025")
        #expect(years[1].from == "2025-06-30" && years[1].to == "2025-12-31")
        // BTC held moves with the price: 110 → 121 in 2025 (the fee is paid once, at the start).
        #expect(abs(years[1].btcHold - 0.10) < 1e-12)
    }
}
