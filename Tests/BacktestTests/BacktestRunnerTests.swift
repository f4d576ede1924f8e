import Backtest
import Engine
import Foundation
import Paper
import Testing

/// SPEC §14 (first step): the live cycle over the bundled market, day by day.
@Suite struct BacktestRunnerTests {
    static let market = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/paper_market")

    func runner() throws -> BacktestRunner {
        let market = try BundledMarketData(directory: Self.market)
        let payload = try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: market.livePoolArtifactPath)))
        var config = Config.defaults
        config.dryRun = false
        return BacktestRunner(market: market, payload: payload, config: config, initialBalances: ["USDT": 10_000, "BNB": 0.1])
    }

    @Test func aMonthOfDailyCyclesTradesAndIsDeterministic() async throws {
        let from = try #require(CalendarDay(isoPrefix: "2026-09-01")), to = try #require(CalendarDay(isoPrefix: "2026-09-30"))
        let first = try await runner().run(from: from, to: to)
        let second = try await runner().run(from: from, to: to)
        #expect(first.days.count == 30)
        #expect(first.days.allSatisfy { $0.status == "ok" })
        #expect(!first.trades.isEmpty)
        #expect(first.days == second.days && first.trades == second.trades, "same data, same result")
    }

    /// No look-ahead: a day's result depends only on data up to that day's end, so a run that
    /// stops earlier agrees with a longer run on every day they share.
    @Test func laterDataChangesNothingBefore() async throws {
        let from = try #require(CalendarDay(isoPrefix: "2026-09-10"))
        let short = try await runner().run(from: from, to: try #require(CalendarDay(isoPrefix: "2026-09-20")))
        let long = try await runner().run(from: from, to: try #require(CalendarDay(isoPrefix: "2026-10-10")))
        #expect(Array(long.days.prefix(short.days.count)) == short.days)
        #expect(Array(long.trades.prefix(short.trades.count)) == short.trades)
    }
}
