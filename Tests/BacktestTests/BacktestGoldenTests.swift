import Backtest
import Engine
import Foundation
import Testing

/// The oracle for the redesign into one decision core (issue #22, docs/architecture.md#one-decision-core-two-shells): an hourly backtest
/// over the small synthetic market, its `trades.csv`, `equity.csv` and `summary.json` compared
/// byte for byte with the files in `Golden/`, recorded on 0.9.2 before any code moved. Every step
/// of the migration must leave them identical; a change on purpose re-records them
/// (`BACKTEST_GOLDEN_RECORD=1 swift test --filter BacktestGoldenTests`) and says why in its commit.
@Suite struct BacktestGoldenTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// The last month of the bull phase, hourly, with the bundled pool fresh: the trend sleeve buys and rotates.
    @Test func anHourlyBacktestOfTheSmallMarketMatchesItsGoldenFiles() async throws {
        let balances: [String: Decimal] = ["USDT": 10_000, "BNB": Decimal(string: "0.1")!]
        let runner = BacktestRunner(market: try SyntheticHourlyMarket.market(), pools: try SyntheticHourlyMarket.pool(),
                                    config: SyntheticHourlyMarket.config, initialBalances: balances)
        let period = BacktestPeriod(from: try #require(CalendarDay(isoPrefix: "2026-10-01")), to: try #require(CalendarDay(isoPrefix: "2026-10-31")))
        let record = try await runner.run(period: period, cadence: .hourly)
        let context = BacktestContext(engineVersion: "golden", dataLabel: "synthetic", poolsLabel: "bundled", initialBalances: balances, exposureCap: 1)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backtest-golden-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try BacktestOutputs.write(BacktestSummary(record: record, walkForwardWindows: 3), context: context, to: folder)
        #expect(record.orders.count > 20, "the window trades enough to be an oracle: \(record.orders.count) orders")

        let recording = ProcessInfo.processInfo.environment["BACKTEST_GOLDEN_RECORD"] == "1"
        for name in ["trades.csv", "equity.csv", "summary.json"] {
            let produced = try Data(contentsOf: folder.appendingPathComponent(name))
            let expectedURL = Self.golden.appendingPathComponent("hourly_small_market.\(name)")
            if recording {
                try produced.write(to: expectedURL)
                continue
            }
            let expected = try Data(contentsOf: expectedURL)
            #expect(produced == expected, "\(name) differs from Golden/\(expectedURL.lastPathComponent): \(Self.firstDifference(produced, expected))")
        }
        #expect(!recording, "golden files recorded; run again without BACKTEST_GOLDEN_RECORD to compare")
    }

    /// The first line that differs, for a readable failure.
    static func firstDifference(_ produced: Data, _ expected: Data) -> String {
        let a = String(decoding: produced, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let b = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? String(a[index]) : "<none>"
            let right = index < b.count ? String(b[index]) : "<none>"
            if left != right { return "line \(index + 1): produced \(left.prefix(200)) expected \(right.prefix(200))" }
        }
        return "identical text"
    }
}
