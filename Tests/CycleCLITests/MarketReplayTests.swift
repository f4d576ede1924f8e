import Foundation
import Testing
import Engine

/// Replay from raw klines, the circuit breaker, and `--now`.
@Suite struct MarketReplayTests {
    @Test func klinesReplaceThePrecomputedIndicators() throws {
        let output = try CycleBinary.replay(CycleBinary.bundledFixtures.appendingPathComponent("klines_market"))
        #expect(output.exitCode == 0, "\(output.stderr)")
        let report = try #require(output.report)
        let indicators = report["diagnostics"]?["trend_indicators"]?.objectValue ?? [:]
        #expect(!indicators.isEmpty)
        #expect(indicators.values.allSatisfy { ($0["age_days"]?.numberValue ?? 0) >= 200 })
        #expect(report["diagnostics"]?["btc_snapshot"]?["sell_trigger"]?.numberValue.map { $0 >= 2.5 } == true)
    }

    @Test func klinesAfterNowAreIgnored() throws {
        let folder = CycleBinary.bundledFixtures.appendingPathComponent("klines_market")
        let early = try CycleBinary.replay(folder, extra: ["--now", "2026-03-10T00:00:00Z"])
        let late = try CycleBinary.replay(folder)
        let ageEarly = early.report?["diagnostics"]?["trend_indicators"]?.objectValue?.values.first?["age_days"]?.numberValue
        let ageLate = late.report?["diagnostics"]?["trend_indicators"]?.objectValue?.values.first?["age_days"]?.numberValue
        #expect(ageEarly == 296 && ageLate == 300, "four fewer daily rows are at or before the earlier clock")
    }

    @Test func circuitBreakerSellsAndLatches() throws {
        let output = try CycleBinary.replay(CycleBinary.bundledFixtures.appendingPathComponent("circuit_breaker"))
        #expect(output.exitCode == 0)
        let report = try #require(output.report)
        #expect(report["circuit_breaker_triggered"] == .bool(true))
        let sells = report["buy_sell_intents"]?.objects.filter { $0["reason"] == "daily_circuit_breaker" } ?? []
        #expect(sells.count == 2)
        #expect(report["state_write_intents"]?.objects.last?["reason"] == "daily_circuit_breaker")
    }
}
